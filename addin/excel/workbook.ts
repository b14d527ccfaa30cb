// The pane's one door to the workbook: every Office.js call either side makes goes through this
// interface (as Microsoft's task-pane template keeps Office in one module and hands the components
// plain functions). Each side takes the part it needs; outside Excel there is no Workbook at all.
import type { Issue } from "../../shared/issue.ts";
import { placePlan, sheetOfForm, type FormIdentity } from "../../shared/sheet/place.ts";
import { metaSheetName, librarySheetName } from "../../shared/sheet/layout.ts";
import { newWorkbookId } from "../../shared/sheet/workbook-id.ts";
import type { WorkbookPlan } from "../../shared/sheet/plan.ts";
import { columnLetter, splitAddress } from "../../shared/sheet/a1.ts";
import { clearMarks, markCells, type Marks } from "./marks.ts";
import { replaceIndicators, selectCell, showComments, writeRow, type CellComment, type Replacement, type RowWrite } from "./ops.ts";
import { pullSheets, type PullOptions, type PullReport, type PullSheet } from "./pull.ts";
import { writeChartSheet, type ChartSheetReport } from "./charts.ts";
import type { ChartSheetPlan } from "../../shared/consolidate/chart-sheet.ts";
import { readGrids, sheetNames, sheetsAndValues, type SheetGrid } from "./read.ts";
import { renderPlan } from "./render.ts";
import { selectedRange, type Selection } from "./selection.ts";
import { restoreSnapshot, takeSnapshot, type Snapshot } from "./undo.ts";

export type Visibility = "visible" | "hidden" | "veryHidden";

export interface WorkbookGrids {
  active: string;
  sheets: { name: string; visibility: Visibility }[];
  grids: SheetGrid[];
  /** the active cell (0-based), read in the same sync */
  activeCell?: { sheet: string; row: number; column: number };
}

export interface Workbook {
  /** every sheet, any visibility. One sync. */
  sheets(): Promise<{ name: string; visibility: Visibility }[]>;
  /** the active sheet and the named others (those that exist), with the active cell */
  read(also: string[]): Promise<WorkbookGrids>;
  /** one named sheet's grid, or undefined when there is no such sheet */
  readSheet(sheet: string): Promise<SheetGrid | undefined>;
  /** the sheet holding this form, as the workbook's metadata records it */
  formSheet(key: FormIdentity): Promise<string | undefined>;
  /**
   * Renders the plan beside the forms already in the workbook (placePlan): a form goes to the sheet
   * holding the same form, else to a free name (`绩效目标申报表(2)`…), the metadata sheet keeping
   * the other forms' rows. Gives the plan as placed, and what the sheets held (for undo).
   */
  insert(plan: WorkbookPlan): Promise<{ plan: WorkbookPlan; undo: Snapshot }>;
  /** renders a plan as it is (no placing), activating a sheet: finance's own workbooks */
  render(plan: WorkbookPlan, options?: { activate?: string }): Promise<void>;
  mark(issues: readonly Pick<Issue, "cell" | "severity">[], sheet: string, previous?: Marks): Promise<Marks>;
  clear(marks: Marks): Promise<void>;
  select(cell: string, sheet?: string): Promise<void>;
  selection(): Promise<Selection>;
  /** writes one row (inserting it first when asked); gives where, and the undo */
  writeRow(write: RowWrite & { sheet: string; row: number }): Promise<{ sheet: string; row: number; undo: Snapshot }>;
  replace(replacements: readonly Replacement[], sheet: string): Promise<Snapshot>;
  /** finance's comments at their cells, all on `sheet` (the form's sheet, whatever a comment names) */
  comments(comments: readonly CellComment[], sheet: string): Promise<"comments" | "fill">;
  pull(sheets: readonly PullSheet[], options?: PullOptions): Promise<PullReport>;
  /** the consolidated workbook's 图表 sheet with native charts (2 syncs) */
  charts(plan: ChartSheetPlan): Promise<ChartSheetReport>;
  /** puts back what an earlier write's snapshot held */
  undo(snapshot: Snapshot): Promise<void>;
}

const cellsOf = (reps: readonly Replacement[]) => reps.flatMap((r) => [r.nameCell, ...(r.codeCell ? [r.codeCell] : [])]);

export function excelWorkbook(): Workbook {
  return {
    sheets: () => Excel.run((ctx) => sheetNames(ctx)),
    read: (also) =>
      Excel.run(async (ctx) => {
        const active = ctx.workbook.worksheets.getActiveWorksheet();
        active.load("name");
        const cell = ctx.workbook.getActiveCell();
        cell.load("rowIndex,columnIndex");
        const ws = cell.worksheet;
        ws.load("name");
        const sheets = await sheetNames(ctx); // this sync also loads the active sheet and cell
        const present = new Set(sheets.map((s) => s.name));
        const names = [active.name, ...also.filter((n) => n !== active.name && present.has(n))];
        const grids = await readGrids(ctx, names);
        return { active: active.name, sheets, grids, activeCell: { sheet: ws.name, row: cell.rowIndex, column: cell.columnIndex } };
      }),
    readSheet: (sheet) =>
      Excel.run(async (ctx) => {
        const present = (await sheetNames(ctx)).some((s) => s.name === sheet);
        if (!present) return undefined;
        const [grid] = await readGrids(ctx, [sheet]);
        return grid;
      }),
    formSheet: (key) =>
      Excel.run(async (ctx) => {
        const found = await sheetsAndValues(ctx, metaSheetName);
        return sheetOfForm({ sheets: found.sheets.map((s) => s.name), meta: found.values }, key);
      }),
    insert: (plan) =>
      Excel.run(async (ctx) => {
        const r = await insertPlan(ctx, plan, { undo: true });
        return { plan: r.plan, undo: r.undo ?? { steps: [] } };
      }),
    render: (plan, options) => Excel.run(async (ctx) => void (await renderPlan(ctx, plan, options?.activate ? { activate: options.activate } : {}))),
    mark: (issues, sheet, previous) => Excel.run((ctx) => markCells(ctx, issues, { sheet, ...(previous ? { previous } : {}) })),
    clear: (marks) => Excel.run((ctx) => clearMarks(ctx, marks)),
    select: (cell, sheet) => Excel.run((ctx) => selectCell(ctx, cell, sheet)),
    selection: () => Excel.run((ctx) => selectedRange(ctx)),
    writeRow: (write) =>
      Excel.run(async (ctx) => {
        const last = Math.max(0, ...write.cells.map((c) => c.column));
        const row = `A${write.row + 1}:${columnLetter(last)}${write.row + 1}`;
        const undo: Snapshot = write.insert ? { steps: [{ sheet: write.sheet, insertedRow: write.row }] } : await takeSnapshot(ctx, [{ sheet: write.sheet, address: row }]);
        const r = await writeRow(ctx, write);
        return { sheet: r.sheet, row: r.row, undo };
      }),
    replace: (reps, sheet) =>
      Excel.run(async (ctx) => {
        const undo = await takeSnapshot(ctx, cellsOf(reps).map((c) => ({ sheet: splitAddress(c).sheet ?? sheet, address: splitAddress(c).local })));
        await replaceIndicators(ctx, reps, sheet);
        return undo;
      }),
    comments: (list, sheet) => Excel.run(async (ctx) => (await showComments(ctx, list.map((c) => ({ cell: c.cell, comment: c.comment, sheet })), { defaultSheet: sheet })).mode),
    pull: (sheets, options) => Excel.run((ctx) => pullSheets(ctx, sheets, options)),
    charts: (plan) => Excel.run((ctx) => writeChartSheet(ctx, plan)),
    undo: (snapshot) => Excel.run((ctx) => restoreSnapshot(ctx, snapshot)),
  };
}

/**
 * Reads the workbook's sheets and metadata, places the plan among the forms there and renders it.
 * Syncs: 1 to list the sheets, 1 more to read the metadata sheet when there is one, 1 or 2 for the
 * undo snapshot when asked, then renderPlan's (2, or 3 over existing sheets); never a function of
 * the rows or the forms in the workbook.
 */
export async function insertPlan(ctx: Excel.RequestContext, plan: WorkbookPlan, options: { undo?: boolean } = {}): Promise<{ plan: WorkbookPlan; undo?: Snapshot }> {
  const found = await sheetsAndValues(ctx, metaSheetName);
  const placed = placePlan(plan, { sheets: found.sheets.map((s) => s.name), meta: found.values, newWorkbookId: newWorkbookId(crypto.getRandomValues(new Uint8Array(16))) });
  // the library sheet is the bureau's, rewritten on every insert: not the unit's to undo
  const undo = options.undo ? await takeSnapshot(ctx, placed.sheets.filter((s) => s.name !== librarySheetName).map((s) => ({ sheet: s.name }))) : undefined;
  await renderPlan(ctx, placed);
  return { plan: placed, ...(undo ? { undo } : {}) };
}
