// The grid seam (docs/architecture.md): a worksheet is read with ONE load of its used range's values,
// number formats and address. The grid handed to the parser starts at A1 (rows and columns before
// the used range are padded with null), so every address the parser computes is the sheet's own.
// Values are what the unit sees, read by the server's rule (shared/sheet/cell-text.ts): `range.values`
// gives 0.95 for a cell showing 95% and a serial number for a date; the format turns them back.
import { cellText } from "../../shared/sheet/cell-text.ts";
import { parseRange, splitAddress } from "../../shared/sheet/a1.ts";
import { fromCellValue } from "./cells.ts";

export type GridValue = string | number | boolean | null;

export interface SheetGrid {
  sheet: string;
  /** anchored at A1 */
  grid: GridValue[][];
  /** where the used range begins (0-based); the grid is padded up to it */
  origin: { row: number; column: number };
}

export async function readGrid(context: Excel.RequestContext, sheetName?: string): Promise<SheetGrid> {
  const [only] = await readGrids(context, sheetName === undefined ? [undefined] : [sheetName]);
  return only!;
}

/** Several sheets (the form and its hidden metadata sheet) in the same single sync. */
export async function readGrids(context: Excel.RequestContext, sheetNames: (string | undefined)[]): Promise<SheetGrid[]> {
  const loads = sheetNames.map((name) => {
    const sheet = name === undefined ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(name);
    sheet.load("name");
    const used = sheet.getUsedRange(true);
    used.load("address,values,numberFormat");
    return { sheet, used };
  });
  await context.sync();
  return loads.map(({ sheet, used }) => toGrid(sheet.name, used.address, used.values, used.numberFormat));
}

/** `numberFormat` as Office.js gives it, row by row (a missing or non-string entry is "General"). */
export function toGrid(sheet: string, address: string, values: unknown[][], numberFormat?: unknown[][]): SheetGrid {
  const range = parseRange(splitAddress(address).local);
  const origin = range ? { row: range.top, column: range.left } : { row: 0, column: 0 };
  const grid: GridValue[][] = [];
  for (let r = 0; r < origin.row; r++) grid.push([]);
  values.forEach((row, r) => {
    const out: GridValue[] = new Array(origin.column).fill(null);
    const formats = Array.isArray(numberFormat?.[r]) ? numberFormat[r] : undefined;
    row.forEach((v, c) => {
      const fmt = formats?.[c];
      out.push(fromCellValue(typeof v === "number" && typeof fmt === "string" ? cellText(v, fmt) : v));
    });
    // trim trailing empties so a blank used range reads as nothing
    while (out.length && out[out.length - 1] === null) out.pop();
    grid.push(out);
  });
  while (grid.length && grid[grid.length - 1]!.length === 0) grid.pop();
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const row of grid) while (row.length < width) row.push(null);
  return { sheet, grid, origin };
}

/** The workbook's sheet names with their visibility. One sync. */
export async function sheetNames(context: Excel.RequestContext): Promise<{ name: string; visibility: "visible" | "hidden" | "veryHidden" }[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  return sheets.items.map((s) => ({
    name: s.name,
    visibility: s.visibility === "VeryHidden" ? "veryHidden" : s.visibility === "Hidden" ? "hidden" : "visible",
  }));
}

/**
 * The workbook's sheets, and the values of one sheet when the workbook has it (the metadata sheet,
 * read before an insert so other forms' rows are kept). Syncs: 1, and 1 more when the sheet exists.
 */
export async function sheetsAndValues(
  context: Excel.RequestContext,
  name: string,
): Promise<{ sheets: { name: string; visibility: "visible" | "hidden" | "veryHidden" }[]; values?: GridValue[][] }> {
  const sheets = await sheetNames(context);
  if (!sheets.some((s) => s.name === name)) return { sheets };
  const [grid] = await readGrids(context, [name]);
  return { sheets, values: grid!.grid };
}
