// A1 addresses, pure: column letters, ranges, sheet-qualified addresses. No Office.js here, so the
// pane, the adapter and the tests share one reading of "'绩效目标申报表'!B12". Column letters come
// from shared/sheet/a1.ts, the same code that wrote the addresses in `form.cells`.
import { columnIndex, columnLetter, parseA1 } from "../../shared/sheet/a1.ts";

/** 0 → A, 25 → Z, 26 → AA */
export const columnName = columnLetter;
export { columnIndex };

export interface CellRef {
  row: number; // 0-based
  column: number; // 0-based
}

export function parseCell(a1: string): CellRef | undefined {
  const ref = parseA1(a1.trim());
  return ref && { column: ref.col, row: ref.row };
}

export function cellName(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

export interface RangeRef {
  start: CellRef;
  end: CellRef;
}

/** `B3`, `B3:K40`; whole columns/rows are not needed by the adapter. */
export function parseRange(a1: string): RangeRef | undefined {
  const [a, b] = a1.split(":");
  const start = a ? parseCell(a) : undefined;
  const end = b ? parseCell(b) : start;
  if (!start || !end) return undefined;
  return {
    start: { row: Math.min(start.row, end.row), column: Math.min(start.column, end.column) },
    end: { row: Math.max(start.row, end.row), column: Math.max(start.column, end.column) },
  };
}

export function rangeSize(a1: string): { rows: number; columns: number } {
  const r = parseRange(a1);
  if (!r) return { rows: 1, columns: 1 };
  return { rows: r.end.row - r.start.row + 1, columns: r.end.column - r.start.column + 1 };
}

/** Splits `'My sheet'!B3:C4` or `Sheet1!B3` into sheet and local address. */
export function splitAddress(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualify(sheet: string, local: string): string {
  return `${quoteSheet(sheet)}!${local}`;
}
