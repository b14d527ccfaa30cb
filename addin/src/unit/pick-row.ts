// Where a picked indicator goes (pure): into the indicator grid only, never a funds or goal row.
// The grid runs from the row under its header to the row before the footer (填报说明…) or the
// end of the sheet. The active row is used when it is an empty grid row; a filled one is replaced
// only when the user says so; otherwise the first empty row; a full grid gets a row inserted
// above the footer (Excel carries the row's formats and lists down).
import { footerPrefixes, isSectionLabel } from "../../../shared/sheet/labels.ts";
import { indicatorColumns, type GridValue, type IndicatorColumns } from "../formsheet.ts";

export interface IndicatorGrid extends IndicatorColumns {
  /** 0-based rows of the grid, first and last inclusive */
  first: number;
  last: number;
  /** the footer's row right under the grid, when the sheet has one */
  footer?: number;
}

const blank = (v: GridValue | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export function indicatorGrid(grid: readonly (readonly GridValue[])[]): IndicatorGrid | undefined {
  const cols = indicatorColumns(grid);
  if (!cols) return undefined;
  const first = cols.headerRow + 1;
  let r = first;
  for (; r < grid.length; r++) {
    const lead = (grid[r] ?? []).find((v) => !blank(v));
    if (typeof lead === "string" && (footerPrefixes.some((p) => lead.trim().startsWith(p)) || isSectionLabel(lead.trim()))) break;
  }
  return { ...cols, first, last: Math.max(first, r - 1), ...(r < grid.length ? { footer: r } : {}) };
}

/** The indicator in a grid row (its name, else its code), or undefined for an empty row. */
export function rowIndicator(grid: readonly (readonly GridValue[])[], g: IndicatorGrid, row: number): string | undefined {
  const cells = grid[row] ?? [];
  for (const f of ["name", "code"] as const) {
    const c = g.columns[f];
    const v = c === undefined ? undefined : cells[c];
    if (!blank(v)) return String(v);
  }
  return undefined;
}

export interface PickTarget {
  /** 0-based row to write */
  row: number;
  /** insert a row there first (the grid is full) */
  insert: boolean;
  /** the indicator already in that row: ask before replacing it */
  replaces?: string;
}

function firstEmpty(grid: readonly (readonly GridValue[])[], g: IndicatorGrid, from: number): number | undefined {
  for (let r = Math.max(from, g.first); r <= g.last; r++) if (rowIndicator(grid, g, r) === undefined) return r;
  return undefined;
}

/** Where the next pick goes, given the active row (0-based; on another sheet: undefined). */
export function pickTarget(grid: readonly (readonly GridValue[])[], g: IndicatorGrid, activeRow: number | undefined): PickTarget {
  if (activeRow !== undefined && activeRow >= g.first && activeRow <= g.last) {
    const there = rowIndicator(grid, g, activeRow);
    return there === undefined ? { row: activeRow, insert: false } : { row: activeRow, insert: false, replaces: there };
  }
  return nextEmpty(grid, g, g.first);
}

/** The first empty grid row at or after `from`, else a new row at the grid's end. */
export function nextEmpty(grid: readonly (readonly GridValue[])[], g: IndicatorGrid, from: number): PickTarget {
  const row = firstEmpty(grid, g, from) ?? firstEmpty(grid, g, g.first);
  if (row !== undefined) return { row, insert: false };
  // full: a new row above the footer, or past the last row when the sheet has no footer
  return { row: g.last + 1, insert: g.footer !== undefined };
}
