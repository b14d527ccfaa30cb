// An .xlsx → one grid of values per sheet (DESIGN.md seam 1), hidden and veryHidden sheets
// included. Values, not formulas' text (a formula gives its cached result); dates as ISO dates;
// rich text flattened; a merged range's value in its top-left cell only; a number shown as a
// percentage as the text the unit sees (`95%`, not 0.95), by shared/sheet/cell-text.ts as the
// add-in reads it.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { cellText } from "../../shared/sheet/cell-text.ts";
import type { Grid, GridValue, SheetGrid } from "../../shared/sheet/parse.ts";

function plain(value: ExcelJS.CellValue, numFmt: string | undefined): GridValue {
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
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // Merged cells other than the top-left one repeat the master's value in exceljs: blank them.
      if (cell.isMerged && cell.master !== cell) return;
      const v = plain(cell.value, cell.numFmt);
      if (v === null || v === "") return;
      out[col - 1] = v;
    });
    if (out.length === 0) return;
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
    width = Math.max(width, out.length);
  });
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    while (row.length < width) row.push(null);
    values[r] = row;
  }
  return { name: ws.name, state: ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible", values };
}

/** Reads every sheet of an .xlsx (bytes or a path) into grids. Throws when the file is not a workbook. */
export async function readWorkbook(input: Buffer | Uint8Array | ArrayBuffer | string): Promise<SheetGrid[]> {
  const data = typeof input === "string" ? await readFile(input) : input instanceof ArrayBuffer ? Buffer.from(input) : Buffer.from(input);
  const wb = new ExcelJS.Workbook();
  // Validations and conditional formats are not values; skipping them also spares exceljs from
  // expanding a validation over a whole column into a million cells.
  await wb.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst", "hyperlinks", "drawing", "picture"] } as unknown as Partial<ExcelJS.XlsxReadOptions>);
  return wb.worksheets.map(sheetGrid);
}
