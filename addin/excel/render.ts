// Applies a WorkbookPlan with Office.js, batched (docs/architecture.md): per sheet one write of the value
// matrix, then merges, formats, validations, names, freeze, visibility and protection, all queued
// and sent together. Syncs: one to learn which sheets and names exist, one more only when some
// exist (their protection state), one for everything else — never a function of the rows.
import type { CellStyle, SheetPlan, WorkbookPlan } from "../../shared/sheet/plan.ts";
import { columnLetter, rangeSize } from "../../shared/sheet/a1.ts";
import { toMatrix } from "./cells.ts";
import { officeSupports, type Supports } from "./requirements.ts";

export interface RenderOptions {
  supports?: Supports;
  /** the sheet to show when done (default: the first visible sheet of the plan) */
  activate?: string;
}

export interface RenderReport {
  sheets: string[];
  syncs: number;
}

const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

/** Excel widths are points; plans speak characters (Excel's own unit is ~7 px per character). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export async function renderPlan(context: Excel.RequestContext, plan: WorkbookPlan, options: RenderOptions = {}): Promise<RenderReport> {
  const supports = options.supports ?? officeSupports;
  const workbook = context.workbook;
  let syncs = 0;

  // 1. What is there already: sheets and defined names the plan uses.
  const probes = plan.sheets.map((s) => {
    const sheet = workbook.worksheets.getItemOrNullObject(s.name);
    sheet.load("isNullObject");
    return sheet;
  });
  const nameProbes = new Map<string, Excel.NamedItem>();
  for (const s of plan.sheets) {
    for (const n of s.names ?? []) {
      if (nameProbes.has(n.name)) continue;
      const item = workbook.names.getItemOrNullObject(n.name);
      item.load("isNullObject");
      nameProbes.set(n.name, item);
    }
  }
  await context.sync();
  syncs++;

  // 2. Existing sheets: their protection, and tables the plan re-creates.
  const existing = plan.sheets.map((_, i) => !probes[i]!.isNullObject);
  const protections: (Excel.WorksheetProtection | undefined)[] = [];
  const oldTables: Excel.Table[][] = [];
  if (existing.some(Boolean)) {
    plan.sheets.forEach((s, i) => {
      oldTables[i] = [];
      if (!existing[i]) return;
      const sheet = workbook.worksheets.getItem(s.name);
      const p = sheet.protection;
      p.load("protected");
      protections[i] = p;
      for (const t of s.tables ?? []) {
        const table = workbook.tables.getItemOrNullObject(t.name);
        table.load("isNullObject");
        oldTables[i]!.push(table);
      }
    });
    await context.sync();
    syncs++;
  }

  // 3. Everything else, queued and sent once.
  const sheets: Excel.Worksheet[] = [];
  plan.sheets.forEach((s, i) => {
    let sheet: Excel.Worksheet;
    if (existing[i]) {
      sheet = workbook.worksheets.getItem(s.name);
      if (protections[i]?.protected) sheet.protection.unprotect();
      for (const t of oldTables[i] ?? []) if (!t.isNullObject) t.delete();
      const all = sheet.getRange();
      all.unmerge();
      if (supports("ExcelApi", "1.8")) all.dataValidation.clear();
      all.conditionalFormats.clearAll();
      all.clear("All");
      sheet.freezePanes.unfreeze();
    } else {
      sheet = workbook.worksheets.add(s.name);
    }
    sheets.push(sheet);
    writeSheet(sheet, s, supports);
  });

  for (const s of plan.sheets) {
    for (const n of s.names ?? []) {
      const probe = nameProbes.get(n.name);
      if (probe && !probe.isNullObject) {
        probe.delete();
        nameProbes.delete(n.name); // deleted once, even when two sheets name it
      }
      workbook.names.add(n.name, n.ref.startsWith("=") ? n.ref : `=${n.ref}`);
    }
  }

  // Show a visible sheet before hiding others: Excel refuses to hide the active sheet.
  const showName = options.activate ?? plan.sheets.find((s) => (s.visibility ?? "visible") === "visible")?.name;
  const showIndex = plan.sheets.findIndex((s) => s.name === showName);
  if (showIndex >= 0) sheets[showIndex]!.activate();
  plan.sheets.forEach((s, i) => {
    const v = s.visibility ?? "visible";
    sheets[i]!.visibility = v === "veryHidden" ? "VeryHidden" : v === "hidden" ? "Hidden" : "Visible";
    if (s.protection?.enabled) {
      sheets[i]!.protection.protect({
        allowInsertRows: true,
        allowDeleteRows: true,
        allowFormatColumns: true,
        allowFormatRows: true,
        allowAutoFilter: true,
        allowSort: true,
      });
    }
  });

  await context.sync();
  syncs++;
  return { sheets: plan.sheets.map((s) => s.name), syncs };
}

function writeSheet(sheet: Excel.Worksheet, s: SheetPlan, supports: Supports): void {
  // Number formats that decide how a value is read (text `@`) go before the values.
  for (const { range, style } of s.styles ?? []) {
    if (style.numberFormat === "@") setNumberFormat(sheet.getRange(range), range, "@");
  }
  // Values first, one write.
  const matrix = toMatrix(s.values.length ? s.values : [[null]]);
  const width = matrix[0]!.length;
  sheet.getRange(`A1:${columnLetter(width - 1)}${matrix.length}`).values = matrix;

  for (const m of s.merges ?? []) sheet.getRange(m).merge(false);
  for (const { range, style } of s.styles ?? []) applyStyle(sheet.getRange(range), range, style);

  (s.columnWidths ?? []).forEach((w, c) => {
    if (w > 0) sheet.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = charsToPoints(w);
  });
  for (const { row, height } of s.rowHeights ?? []) sheet.getRange(`${row}:${row}`).format.rowHeight = height;

  // Drop-down lists are data validation, ExcelApi 1.8: a 1.7 host (volume-licensed Office 2019)
  // gets the form without them; the check still reads every value against the same lists.
  if (supports("ExcelApi", "1.8")) writeValidations(sheet, s);

  for (const t of s.tables ?? []) {
    const table = sheet.tables.add(t.range, true);
    table.name = t.name;
  }

  for (const h of s.highlights ?? []) {
    const cf = sheet.getRange(h.range).conditionalFormats.add("CellValue");
    cf.cellValue.format.fill.color = h.fill;
    if (h.fontColor) cf.cellValue.format.font.color = h.fontColor;
    cf.cellValue.rule = { formula1: `="${h.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
  }

  if (s.freeze && (s.freeze.rows > 0 || s.freeze.columns > 0)) {
    const { rows, columns } = s.freeze;
    if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(sheet.getRange(`A1:${columnLetter(columns - 1)}${rows}`));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else sheet.freezePanes.freezeColumns(columns);
  }

  // Page layout is ExcelApi 1.9: above the floor, so only where the host has it.
  if (s.print && supports("ExcelApi", "1.9")) {
    const layout = sheet.pageLayout;
    layout.orientation = s.print.orientation === "landscape" ? "Landscape" : "Portrait";
    if (s.print.paperSize) layout.paperSize = s.print.paperSize;
    if (s.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (s.print.titleRows) layout.setPrintTitleRows(s.print.titleRows);
  }
}

/** ExcelApi 1.8: called only where the host has it (writeSheet's guard). */
function writeValidations(sheet: Excel.Worksheet, s: SheetPlan): void {
  for (const v of s.validations ?? []) {
    const dv = sheet.getRange(v.range).dataValidation;
    dv.clear();
    const source = Array.isArray(v.list) ? v.list.join(",") : v.list.source.startsWith("=") ? v.list.source : `=${v.list.source}`;
    dv.rule = { list: { inCellDropDown: true, source } };
    const error = (v as { error?: { title: string; text: string } }).error ?? v.prompt;
    dv.errorAlert = {
      showAlert: true,
      style: v.strict === false ? "Warning" : "Stop",
      title: error?.title ?? "",
      message: error?.text ?? "",
    };
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
  }
}

function setNumberFormat(range: Excel.Range, address: string, format: string): void {
  const { rows, columns } = rangeSize(address);
  const row = new Array<string>(columns).fill(format);
  range.numberFormat = Array.from({ length: rows }, () => row.slice());
}

function applyStyle(range: Excel.Range, address: string, style: CellStyle): void {
  const f = range.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.fontSize !== undefined) f.font.size = style.fontSize;
  if (style.fontColor) f.font.color = style.fontColor;
  if (style.fill) f.fill.color = style.fill;
  if (style.horizontal) f.horizontalAlignment = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
  if (style.vertical) f.verticalAlignment = style.vertical === "top" ? "Top" : style.vertical === "middle" ? "Center" : "Bottom";
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.border) {
    const { rows, columns } = rangeSize(address);
    const which: string[] = [...edges];
    if (rows > 1) which.push("InsideHorizontal");
    if (columns > 1) which.push("InsideVertical");
    for (const e of which) {
      const b = f.borders.getItem(e as Excel.BorderIndex);
      b.style = "Continuous";
      b.weight = "Thin";
      b.color = "#808080";
    }
  }
  if (style.numberFormat && style.numberFormat !== "@") setNumberFormat(range, address, style.numberFormat);
  if (style.locked !== undefined) f.protection.locked = style.locked;
}
