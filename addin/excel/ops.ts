// The small operations the pane asks for: select a cell, write a picked indicator into the active
// row, replace deprecated indicators, and show finance's comments at their cells.
import type { PlanValue } from "../../shared/sheet/plan.ts";
import { a1, columnLetter, qualify, splitAddress } from "../../shared/sheet/a1.ts";
import { toCellValue } from "./cells.ts";
import { officeSupports, type Supports } from "./requirements.ts";

function sheetOf(context: Excel.RequestContext, name?: string): Excel.Worksheet {
  return name ? context.workbook.worksheets.getItem(name) : context.workbook.worksheets.getActiveWorksheet();
}

/** Activates the cell's sheet and selects the cell. One sync. */
export async function selectCell(context: Excel.RequestContext, address: string, defaultSheet?: string): Promise<void> {
  const { sheet, local } = splitAddress(address);
  const ws = sheetOf(context, sheet ?? defaultSheet);
  ws.activate();
  ws.getRange(local).select();
  await context.sync();
}

export interface RowWrite {
  /** 0-based column → value */
  cells: { column: number; value: PlanValue }[];
  sheet?: string;
  /** 0-based row; the active cell's row when absent */
  row?: number;
  /** insert a row at `row` first (the rows below move down, Excel copying the formats from above) */
  insert?: boolean;
}

/**
 * Writes a picked indicator into a row (the active row unless given): contiguous columns go in one
 * write each. One sync to learn the active cell when needed, one to write.
 */
export async function writeRow(context: Excel.RequestContext, write: RowWrite): Promise<{ sheet: string; row: number; syncs: number }> {
  let syncs = 0;
  let row = write.row;
  let sheetName = write.sheet;
  if (row === undefined || sheetName === undefined) {
    const cell = context.workbook.getActiveCell();
    cell.load("rowIndex");
    const ws = cell.worksheet;
    ws.load("name");
    await context.sync();
    syncs++;
    row ??= cell.rowIndex;
    sheetName ??= ws.name;
  }
  const ws = context.workbook.worksheets.getItem(sheetName);
  if (write.insert) ws.getRange(`${row + 1}:${row + 1}`).insert("Down" as Excel.InsertShiftDirection.down);
  const sorted = [...write.cells].sort((a, b) => a.column - b.column);
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.column === sorted[j]!.column + 1) j++;
    const first = sorted[i]!.column;
    const last = sorted[j]!.column;
    const values = [sorted.slice(i, j + 1).map((c) => toCellValue(c.value))];
    ws.getRange(first === last ? a1(row, first) : `${columnLetter(first)}${row + 1}:${columnLetter(last)}${row + 1}`).values = values;
    i = j + 1;
  }
  await context.sync();
  syncs++;
  return { sheet: sheetName, row, syncs };
}

export interface CellWrite {
  /** `B12` or `'Sheet'!B12` */
  cell: string;
  value: PlanValue;
}

/** Writes single cells (replacing deprecated indicators' codes and names). One sync, any count. */
export async function writeCells(context: Excel.RequestContext, writes: readonly CellWrite[], defaultSheet?: string): Promise<void> {
  for (const w of writes) {
    const { sheet, local } = splitAddress(w.cell);
    sheetOf(context, sheet ?? defaultSheet).getRange(local).values = [[toCellValue(w.value)]];
  }
  await context.sync();
}

export interface Replacement {
  /** cells of the deprecated indicator's row: name, and code where the sheet has one */
  nameCell: string;
  codeCell?: string;
  name: string;
  code: string;
}

/** One-click replacement of deprecated indicators: new names (and codes) written in place. */
export async function replaceIndicators(context: Excel.RequestContext, replacements: readonly Replacement[], defaultSheet?: string): Promise<void> {
  const writes: CellWrite[] = [];
  for (const r of replacements) {
    writes.push({ cell: r.nameCell, value: r.name });
    if (r.codeCell) writes.push({ cell: r.codeCell, value: r.code });
  }
  await writeCells(context, writes, defaultSheet);
}

export interface CellComment {
  sheet?: string;
  cell: string;
  comment: string;
}

export const commentFill = "#F8CBAD";
export const commentPrefix = "财政局 / Finance: ";

/**
 * Finance's comments at their cells. With ExcelApi 1.10, as Excel comments (our earlier ones on
 * those cells replaced); always with a fill so they are seen, and the pane lists them either way.
 * Syncs: 1 without comments support; 3 with it (comments, their cells, then the writes).
 */
export async function showComments(
  context: Excel.RequestContext,
  comments: readonly CellComment[],
  options: { defaultSheet?: string; supports?: Supports } = {},
): Promise<{ mode: "comments" | "fill"; syncs: number }> {
  const supports = options.supports ?? officeSupports;
  const targets = comments.map((c) => {
    const { sheet, local } = splitAddress(c.cell);
    return { sheet: c.sheet ?? sheet ?? options.defaultSheet, local: local.toUpperCase(), text: c.comment };
  });
  const resolved = targets.filter((t): t is { sheet: string; local: string; text: string } => !!t.sheet);
  let syncs = 0;
  if (supports("ExcelApi", "1.10")) {
    const collection = context.workbook.comments;
    collection.load("items/content");
    await context.sync();
    syncs++;
    const ours = collection.items.filter((c) => typeof c.content === "string" && c.content.startsWith(commentPrefix));
    const locations = ours.map((c) => {
      const loc = c.getLocation();
      loc.load("address");
      return { c, loc };
    });
    await context.sync();
    syncs++;
    const wanted = new Set(resolved.map((t) => qualify(t.sheet, t.local).toUpperCase()));
    for (const { c, loc } of locations) {
      const { sheet, local } = splitAddress(loc.address);
      if (sheet && wanted.has(qualify(sheet, local).toUpperCase())) c.delete();
    }
    for (const t of resolved) {
      collection.add(qualify(t.sheet, t.local), commentPrefix + t.text);
      context.workbook.worksheets.getItem(t.sheet).getRange(t.local).format.fill.color = commentFill;
    }
    await context.sync();
    syncs++;
    return { mode: "comments", syncs };
  }
  for (const t of resolved) context.workbook.worksheets.getItem(t.sheet).getRange(t.local).format.fill.color = commentFill;
  await context.sync();
  syncs++;
  return { mode: "fill", syncs };
}
