// An .xlsx → one grid of values per sheet, hidden and veryHidden sheets included. This runs
// inside a reader process (read-worker.ts) on a package defused first (package.ts); everything
// else calls readWorkbook (read.ts), which puts it there. Values, not formulas' text (a formula
// gives its cached result); dates as ISO dates; rich text flattened; a merged range's value in its
// top-left cell only; a number shown as a percentage as the text the unit sees (`95%`, not 0.95),
// by shared/sheet/cell-text.ts as the add-in reads it.
import type ExcelJS from "exceljs";
import { excelJs } from "./exceljs.ts";
import { cellText } from "../../shared/sheet/cell-text.ts";
import type { Grid, GridValue } from "../../shared/sheet/parse.ts";
import type { SheetGrid } from "../../shared/sheet/workbook.ts";
import { xmlSafe } from "../../shared/xml-text.ts";
import { defuse, maxColumns } from "./package.ts";

/** A sheet's last row in Excel: a row numbered past it is not a row. */
const maxRows = 1_048_576;

/** A cell's value, text made XML-safe (OOXML's `_x0001_` escapes can smuggle controls in). */
function plain(value: ExcelJS.CellValue, numFmt: string | undefined): GridValue {
  const v = plainValue(value, numFmt);
  return typeof v === "string" ? xmlSafe(v) : v;
}

function plainValue(value: ExcelJS.CellValue, numFmt: string | undefined): GridValue {
  if (value === null || value === undefined) return null;
  // numbers under a percent format, and dates, as the unit sees them (the add-in reads the same way)
  if (typeof value === "number" || value instanceof Date) return cellText(value, numFmt) as GridValue;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("formula" in v || "sharedFormula" in v) {
      return "result" in v ? plain(v.result as ExcelJS.CellValue, numFmt) : null;
    }
    if ("error" in v) return String(v.error);
    if ("text" in v) return plain(v.text as ExcelJS.CellValue, numFmt);
  }
  return String(value);
}

function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values: Grid = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: GridValue[] = [];
    if (rowNumber > maxRows) return;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > maxColumns) return;
      // Merged cells other than the top-left one repeat the master's value in exceljs: blank them.
      if (cell.isMerged && cell.master !== cell) return;
      const v = plain(cell.value, cell.numFmt);
      if (v === null || v === "") return;
      out[col - 1] = v;
    });
    if (out.length === 0 || rowNumber > maxRows) return;
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
    width = Math.max(width, out.length);
  });
  // Rows without values share one frozen blank row: a stray value in row 1,048,576 must not
  // build a million arrays of nulls.
  const blankRow = Object.freeze(Array<GridValue>(width).fill(null)) as GridValue[];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (row === undefined) {
      values[r] = blankRow;
      continue;
    }
    while (row.length < width) row.push(null);
  }
  return { name: ws.name, state: ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible", values };
}

/** Every sheet of an .xlsx into grids, in this process: only a reader process (read-worker.ts) calls it. */
export async function gridsOf(input: Buffer): Promise<SheetGrid[]> {
  const data = defuse(input);
  const wb = new (await excelJs()).Workbook();
  // exceljs reads a drawing only when its root is prefixed `xdr:wsDr`; openpyxl (and other
  // writers) use a default namespace, and exceljs then fails on `undefined.anchors`. Drawings
  // are not values: drop the ones it could not read before it reconciles them.
  const xlsx = wb.xlsx as unknown as { reconcile(model: { drawings?: Record<string, unknown> }, options: unknown): void };
  const reconcile = xlsx.reconcile.bind(xlsx);
  xlsx.reconcile = (model, options) => {
    for (const [name, d] of Object.entries(model.drawings ?? {})) if (d === undefined || d === null) delete model.drawings![name];
    reconcile(model, options);
  };
  // Validations and conditional formats are not values; skipping them also spares exceljs from
  // expanding a validation over a whole column into a million cells.
  await wb.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst", "hyperlinks", "drawing", "picture"] } as unknown as Partial<ExcelJS.XlsxReadOptions>);
  return wb.worksheets.map(sheetGrid);
}
