// The finance side's door to the workbook: plain async functions over Excel.run and the adapter,
// so the finance components never touch Office (as ../workbook.ts does for the unit side).
import type { Issue } from "../../../shared/issue.ts";
import type { WorkbookPlan } from "../../../shared/sheet/plan.ts";
import {
  markCells,
  pullSheets,
  readGrids,
  renderPlan,
  selectCell,
  selectedRange,
  sheetNames,
  type Marks,
  type PullOptions,
  type PullReport,
  type PullSheet,
  type Selection,
  type SheetGrid,
} from "../../excel/index.ts";

export interface FinanceWorkbook {
  insert(plan: WorkbookPlan, activate?: string): Promise<void>;
  /** the named sheet's grid, or undefined when there is no such sheet */
  read(sheet: string): Promise<SheetGrid | undefined>;
  mark(issues: readonly Pick<Issue, "cell" | "severity">[], sheet: string, previous?: Marks): Promise<Marks>;
  select(cell: string, sheet?: string): Promise<void>;
  selection(): Promise<Selection>;
  pull(sheets: readonly PullSheet[], options?: PullOptions): Promise<PullReport>;
}

export function excelFinanceWorkbook(): FinanceWorkbook {
  return {
    insert: (plan, activate) => Excel.run(async (ctx) => void (await renderPlan(ctx, plan, activate ? { activate } : {}))),
    read: (sheet) =>
      Excel.run(async (ctx) => {
        const present = (await sheetNames(ctx)).some((s) => s.name === sheet);
        if (!present) return undefined;
        const [grid] = await readGrids(ctx, [sheet]);
        return grid;
      }),
    mark: (issues, sheet, previous) => Excel.run((ctx) => markCells(ctx, issues, { sheet, ...(previous ? { previous } : {}) })),
    select: (cell, sheet) => Excel.run((ctx) => selectCell(ctx, cell, sheet)),
    selection: () => Excel.run((ctx) => selectedRange(ctx)),
    pull: (sheets, options) => Excel.run((ctx) => pullSheets(ctx, sheets, options)),
  };
}
