// Finding the indicator grid's header (the second stage of reading a form): its row, the column
// of each field, tick-column groups (`偏差原因分析` over `经费保障 | 制度保障 | …`), a remarks column,
// and the kind a title names.
import { deviationCategoryTerms, keyOf, possibilityTerms, type FormKind } from "../glossary.ts";
import { blank, cellAt } from "./grid.ts";
import { baseLabel, normaliseLabel, remarkLabels, withoutMonthPrefix, type ColumnField, type LabelSet } from "./labels.ts";

/** Fields a form may lay out as a group of tick columns, one per choice. */
export type TickField = "deviationCategory" | "possibility";
export interface TickColumn {
  col: number;
  key: string;
}

export interface GridHeader {
  /** the header row (the top one of two) */
  row: number;
  /** the first row under the header */
  body: number;
  columns: Map<ColumnField, number>;
  /** the label each column was found by, and its cell (what `--explain` shows) */
  labelsAt: Map<ColumnField, ColumnLabel>;
  /** `偏差原因分析` merged over `经费保障 | 制度保障 | …`: the choice each column ticks */
  ticks: Map<TickField, TickColumn[]>;
  /** a 备注 column (a monitoring form's explanation of a deviation and its remedy) */
  remarks?: number;
  month?: number;
}

export interface ColumnLabel {
  label: string;
  row: number;
  col: number;
}

const remarks = new Set(remarkLabels.map(normaliseLabel));

/** `1-6月完成值` → 6; `半年度指标执行情况` → 6. */
function monthOfLabel(label: string): number | undefined {
  const n = normaliseLabel(label);
  return withoutMonthPrefix(n).month ?? (/^半年/u.test(n) ? 6 : undefined);
}
const headerCellLength = 40;

/** The choice a second-row label names under a group label (`经费保障` under `偏差原因分析`). */
function tickChoice(group: ColumnField | undefined, label: string): { field: TickField; key: string } | undefined {
  const n = normaliseLabel(label);
  if (group === "deviation" || group === "deviationCategory") {
    const key = keyOf(deviationCategoryTerms, n);
    if (key) return { field: "deviationCategory", key };
  }
  if (group === "possibility") {
    const key = keyOf(possibilityTerms, n);
    if (key) return { field: "possibility", key };
  }
  return undefined;
}

/** The indicator grid's header: the first row with a name column and a level column (a second header row under it read too). */
export function findGridHeader(grid: readonly unknown[], labels: LabelSet): GridHeader | undefined {
  const columnFieldOf = (v: string) => labels.columnFieldOf(v);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    let hasName = false;
    let hasLevel = false;
    const n = Math.min(row.length, 200);
    for (let c = 0; c < n; c++) {
      const v: unknown = row[c];
      if (typeof v !== "string" || v.length > headerCellLength) continue;
      const f = columnFieldOf(v);
      if (f === "name") hasName = true;
      else if (f === "level1" || f === "level2") hasLevel = true;
    }
    if (!hasName || !hasLevel) continue;
    const columns = new Map<ColumnField, number>();
    const labelsAt = new Map<ColumnField, ColumnLabel>();
    let remarksCol: number | undefined;
    let month: number | undefined;
    const width = Math.max(n, Array.isArray(grid[r - 1]) ? Math.min((grid[r - 1] as unknown[]).length, 200) : 0);
    for (let c = 0; c < width; c++) {
      let v = cellAt(grid, r, c);
      let at = r;
      // Two-row headers: a label merged down from the row above has its text there only.
      if (blank(v) && r > 0) {
        v = cellAt(grid, r - 1, c);
        at = r - 1;
      }
      if (typeof v !== "string") continue;
      if (remarksCol === undefined && remarks.has(baseLabel(normaliseLabel(v)))) remarksCol = c;
      const f = columnFieldOf(v);
      if (f && !columns.has(f)) {
        columns.set(f, c);
        labelsAt.set(f, { label: v, row: at, col: c });
        if (f === "toDate") month = monthOfLabel(v);
      }
    }
    // A second header row under this one (`指标值` merged over `符号 | 数值`): its labels name the
    // columns under a merged group label, and the rows start below it.
    // The same for a group of tick columns (`偏差原因分析` over `经费保障 | 制度保障 | …`, `完成目标可能性`
    // over `确定能 | 有可能 | 完全不可能`): each column is one choice, ticked with √ or 是.
    let body = r + 1;
    const next = grid[r + 1];
    const ticks = new Map<TickField, TickColumn[]>();
    if (Array.isArray(next)) {
      const sub = new Map<ColumnField, number>();
      const tickCols: [TickField, TickColumn][] = [];
      let other = false;
      for (let c = 0; c < Math.min(next.length, 200) && !other; c++) {
        const v: unknown = next[c];
        if (blank(v)) continue;
        const f = typeof v === "string" && v.length <= headerCellLength ? columnFieldOf(v) : undefined;
        const choice = f === undefined && typeof v === "string" && v.length <= headerCellLength ? tickChoice(groupAbove(grid, r, c, labels), v) : undefined;
        if (choice) tickCols.push([choice.field, { col: c, key: choice.key }]);
        else if (f === undefined || f === "level1" || f === "level2" || f === "name") other = true;
        else if (!sub.has(f)) sub.set(f, c);
      }
      if (!other && (sub.size > 0 || tickCols.length > 0)) {
        body = r + 2;
        const claimed = new Set([...sub.values(), ...tickCols.map(([, t]) => t.col)]);
        for (const [f, c] of columns) if (claimed.has(c) && !sub.has(f)) columns.delete(f);
        for (const [f, t] of tickCols) {
          columns.delete(f);
          ticks.set(f, [...(ticks.get(f) ?? []), t]);
        }
        for (const [f, c] of sub) {
          columns.set(f, c);
          labelsAt.set(f, { label: String(next[c]), row: r + 1, col: c });
          if (f === "toDate") month = monthOfLabel(String(next[c])) ?? month;
        }
      }
    }
    for (const f of labelsAt.keys()) if (!columns.has(f)) labelsAt.delete(f);
    const out: GridHeader = { row: r, body, columns, labelsAt, ticks };
    if (remarksCol !== undefined && ![...columns.values()].includes(remarksCol)) out.remarks = remarksCol;
    if (month !== undefined) out.month = month;
    return out;
  }
  return undefined;
}

/** The column label over column c of a header row: the cell itself, or a group label merged across from its left. */
function groupAbove(grid: readonly unknown[], r: number, c: number, labels: LabelSet): ColumnField | undefined {
  for (let k = c; k >= 0; k--) {
    const v = cellAt(grid, r, k);
    if (blank(v)) continue;
    return typeof v === "string" ? labels.columnFieldOf(v) : undefined;
  }
  return undefined;
}

export function kindFromText(t: string): FormKind | undefined {
  if (/自评/.test(t)) return "selfEval";
  if (/监控/.test(t)) return "monitor";
  if (/目标申报|申报表|绩效目标/.test(t)) return "target";
  return undefined;
}

