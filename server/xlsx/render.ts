// A WorkbookPlan → .xlsx with exceljs (docs/architecture.md): values, merges, styles, widths, frozen
// panes, list validations, defined names, visibility (veryHidden included), protection, print
// setup, tables and highlights. Text is always written as text: `=SUM(A1)`, `+1`, `-`, `@x` are
// shared strings, never formulas.
import type ExcelJS from "exceljs";
import { excelJs } from "./exceljs.ts";
import { parseRange } from "../../shared/sheet/a1.ts";
import { xmlSafeDeep } from "../../shared/xml-text.ts";
import type { CellStyle, ListValidation, SheetPlan, WorkbookPlan } from "../../shared/sheet/plan.ts";

type Worksheet = ExcelJS.Worksheet;

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

const thin = { style: "thin" as const, color: { argb: "FFA6A6A6" } };

function toExcelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = { name: "宋体", size: s.fontSize ?? 11 };
  if (s.bold) font.bold = true;
  if (s.italic) font.italic = true;
  if (s.fontColor) font.color = { argb: argb(s.fontColor) };
  out.font = font;
  if (s.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.horizontal || s.vertical || s.wrap) {
    const al: Partial<ExcelJS.Alignment> = {};
    if (s.horizontal) al.horizontal = s.horizontal;
    if (s.vertical) al.vertical = s.vertical;
    if (s.wrap) al.wrapText = true;
    out.alignment = al;
  }
  if (s.border) out.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (s.numberFormat) out.numFmt = s.numberFormat;
  if (s.locked !== undefined) out.protection = { locked: s.locked };
  return out;
}

/** Later style entries win over earlier ones, key by key. */
function applyStyles(ws: Worksheet, plan: SheetPlan): void {
  const entries = plan.styles ?? [];
  if (entries.length === 0) return;
  // Each cell's style is the list of entries covering it; cells with the same list share one object.
  const perCell = new Map<number, string>();
  const W = 16384;
  entries.forEach((entry, idx) => {
    const r = parseRange(entry.range);
    if (!r) throw new Error(`render: bad style range '${entry.range}' on ${plan.name}`);
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const key = row * W + col;
        const prev = perCell.get(key);
        perCell.set(key, prev === undefined ? String(idx) : `${prev},${idx}`);
      }
    }
  });
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  for (const [key, list] of perCell) {
    let style = cache.get(list);
    if (!style) {
      const merged: CellStyle = {};
      for (const i of list.split(",")) Object.assign(merged, entries[Number(i)]!.style);
      style = toExcelStyle(merged);
      cache.set(list, style);
    }
    const row = Math.floor(key / W);
    const col = key % W;
    ws.getCell(row + 1, col + 1).style = style;
  }
}

function listFormula(list: ListValidation["list"]): string {
  if (!Array.isArray(list)) return list.source.replace(/^=/, "");
  const text = `"${list.map((s) => s.replace(/"/g, '""')).join(",")}"`;
  if (text.length > 257) throw new Error(`render: an inline list is limited to 255 characters (${text.length - 2}); use a range source`);
  return text;
}

function addValidations(ws: Worksheet, plan: SheetPlan): void {
  for (const v of plan.validations ?? []) {
    const dv: ExcelJS.DataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [listFormula(v.list)],
      showErrorMessage: true,
      errorStyle: v.strict === false ? "warning" : "stop",
    };
    if (v.prompt) {
      dv.showInputMessage = true;
      dv.promptTitle = v.prompt.title;
      dv.prompt = v.prompt.text;
    }
    if (v.error) {
      dv.errorTitle = v.error.title;
      dv.error = v.error.text;
    }
    // exceljs has `dataValidations` at runtime but not in its typings.
    (ws as unknown as { dataValidations: { add(range: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(v.range, dv);
  }
}

function writeValues(ws: Worksheet, plan: SheetPlan): void {
  plan.values.forEach((row, r) => {
    if (!row || row.length === 0) return;
    const xr = ws.getRow(r + 1);
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      // A string is always a string: exceljs writes it as a shared string, never as a formula.
      xr.getCell(c + 1).value = v;
    });
  });
}

function addTables(ws: Worksheet, plan: SheetPlan): void {
  for (const t of plan.tables ?? []) {
    const r = parseRange(t.range);
    if (!r) throw new Error(`render: bad table range '${t.range}'`);
    const headerRow = plan.values[r.top] ?? [];
    const columns = [];
    for (let c = r.left; c <= r.right; c++) columns.push({ name: String(headerRow[c] ?? `列${c - r.left + 1}`), filterButton: true });
    const rows: ExcelJS.CellValue[][] = [];
    for (let row = r.top + 1; row <= r.bottom; row++) {
      const src = plan.values[row] ?? [];
      const out: ExcelJS.CellValue[] = [];
      for (let c = r.left; c <= r.right; c++) out.push((src[c] ?? null) as ExcelJS.CellValue);
      rows.push(out);
    }
    ws.addTable({
      name: t.name,
      ref: t.range.split(":")[0]!,
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns,
      rows,
    });
  }
}

function addHighlights(ws: Worksheet, plan: SheetPlan): void {
  let priority = 1;
  for (const h of plan.highlights ?? []) {
    const style: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(h.fill) } } };
    if (h.fontColor) style.font = { color: { argb: argb(h.fontColor) } };
    ws.addConditionalFormatting({
      ref: h.range,
      rules: [{ type: "cellIs", operator: "equal", formulae: [`"${h.equals.replace(/"/g, '""')}"`], style, priority: priority++ }],
    });
  }
}

async function renderSheet(wb: ExcelJS.Workbook, plan: SheetPlan): Promise<void> {
  const ws = wb.addWorksheet(plan.name, { state: plan.visibility ?? "visible" });
  (plan.columnWidths ?? []).forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const h of plan.rowHeights ?? []) ws.getRow(h.row).height = h.height;
  writeValues(ws, plan);
  applyStyles(ws, plan);
  for (const m of plan.merges ?? []) ws.mergeCells(m);
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    ws.views = [{ state: "frozen", xSplit: plan.freeze.columns, ySplit: plan.freeze.rows }];
  }
  addValidations(ws, plan);
  addHighlights(ws, plan);
  addTables(ws, plan);
  for (const n of plan.names ?? []) wb.definedNames.add(n.ref, n.name);
  if (plan.print) {
    const setup: Partial<ExcelJS.PageSetup> = {
      orientation: plan.print.orientation,
      paperSize: (plan.print.paperSize === "A3" ? 8 : 9) as unknown as ExcelJS.PaperSize,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    };
    if (plan.print.fitToWidth) Object.assign(setup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    if (plan.print.titleRows) setup.printTitlesRow = plan.print.titleRows;
    ws.pageSetup = { ...ws.pageSetup, ...setup };
  }
  if (plan.protection?.enabled) {
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      insertRows: true,
      deleteRows: true,
      sort: true,
      autoFilter: true,
    });
  }
}

/**
 * Renders a plan to an .xlsx file's bytes. Every text in the plan is made XML-safe first
 * (shared/xml-text.ts): a stored U+FFFE must not make the whole workbook unreadable.
 */
export async function renderWorkbook(input: WorkbookPlan): Promise<Buffer> {
  const plan = xmlSafeDeep(input);
  const wb = new (await excelJs()).Workbook();
  wb.creator = "Jixiao 绩效";
  wb.calcProperties.fullCalcOnLoad = true;
  const names = new Set<string>();
  for (const sheet of plan.sheets) {
    if (names.has(sheet.name)) throw new Error(`render: two sheets named '${sheet.name}'`);
    names.add(sheet.name);
    await renderSheet(wb, sheet);
  }
  const first = plan.sheets.findIndex((s) => (s.visibility ?? "visible") === "visible");
  if (first >= 0) wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: first, activeTab: first, visibility: "visible" }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
