// Consolidation (汇总): the public face of this folder. `consolidate(input)` reads the latest forms
// of a year; `sheetsOf(result)` lists its sheets in workbook order, each with its columns and its
// rows (generators where the rows are many), for the .xlsx writer, the JSON route and the add-in.
import type { Consolidation } from "./consolidate.ts";
import { findingColumns, formColumns, indicatorColumns, missingColumns, summaryColumns, type SheetColumns } from "./columns.ts";
import { treasuryColumns } from "./treasury.ts";

export { consolidate, type Consolidation } from "./consolidate.ts";
export * from "./columns.ts";
export * from "./treasury.ts";
export type * from "./rows.ts";
export type * from "./source.ts";

export interface ConsolidatedSheet<R> {
  columns: SheetColumns<R>;
  /** how many rows `rows()` yields */
  count: number;
  rows(): AsyncIterable<R> | Iterable<R>;
}

function sheet<R>(columns: SheetColumns<R>, count: number, rows: () => AsyncIterable<R> | Iterable<R>): ConsolidatedSheet<R> {
  return { columns, count, rows };
}

/** The sheets of the consolidated workbook, in order: 汇总, 表单, 指标明细, 未报送单位, 问题清单, and 国库支付 with the treasury's data. */
export function sheetsOf(c: Consolidation): ConsolidatedSheet<unknown>[] {
  return [
    sheet(summaryColumns, c.summary.length, () => c.summary),
    sheet(formColumns, c.forms.length, () => c.forms),
    sheet(indicatorColumns, c.counts.rows, () => c.rows()),
    sheet(missingColumns, c.missing.length, () => c.missing),
    sheet(findingColumns, c.counts.findings, () => c.findings()),
    ...(c.treasury.length > 0 ? [sheet(treasuryColumns, c.treasury.length, () => c.treasury)] : []),
  ];
}
