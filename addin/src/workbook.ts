// The pane's door to the workbook: plain async functions over Excel.run and the adapter, so React
// components never touch Office. Absent (undefined) outside Excel.
import type { Issue } from "../../shared/issue.ts";
import type { WorkbookPlan } from "../../shared/sheet/plan.ts";
import {
  clearMarks,
  markCells,
  readGrids,
  renderPlan,
  replaceIndicators,
  selectCell,
  sheetNames,
  showComments,
  writeRow,
  type CellComment,
  type Marks,
  type Replacement,
  type RowWrite,
  type SheetGrid,
} from "../excel/index.ts";
import { sheetsAndValues } from "../excel/read.ts";
import { metaSheetName, placePlan } from "./sheets.ts";

export interface WorkbookGrids {
  active: string;
  sheets: { name: string; visibility: "visible" | "hidden" | "veryHidden" }[];
  grids: SheetGrid[];
}

export interface Workbook {
  /**
   * Renders the plan beside the forms already in the workbook (placePlan): a form goes to the sheet
   * holding the same form, else to a free name (`绩效目标申报表(2)`…), and the metadata sheet keeps
   * the other forms' rows. The plan's sheets are renamed in place to the names they were given, so
   * the caller reads the form's sheet name from the plan after the insert.
   */
  insert(plan: WorkbookPlan): Promise<void>;
  /** the active sheet and the named others (those that exist), read in one sync */
  read(also: string[]): Promise<WorkbookGrids>;
  mark(issues: readonly Issue[], sheet: string, previous?: Marks): Promise<Marks>;
  clear(marks: Marks): Promise<void>;
  select(cell: string, sheet?: string): Promise<void>;
  writeRow(write: RowWrite): Promise<{ sheet: string; row: number }>;
  replace(replacements: readonly Replacement[], sheet: string): Promise<void>;
  comments(comments: readonly CellComment[], sheet: string): Promise<"comments" | "fill">;
}

export function excelWorkbook(): Workbook {
  return {
    insert: (plan) =>
      Excel.run(async (ctx) => {
        const placed = await insertPlan(ctx, plan);
        placed.sheets.forEach((s, i) => {
          plan.sheets[i]!.name = s.name;
        });
      }),
    read: (also) =>
      Excel.run(async (ctx) => {
        const active = ctx.workbook.worksheets.getActiveWorksheet();
        active.load("name");
        const sheets = await sheetNames(ctx); // this sync also loads the active sheet's name
        const present = new Set(sheets.map((s) => s.name));
        const names = [active.name, ...also.filter((n) => n !== active.name && present.has(n))];
        const grids = await readGrids(ctx, names);
        return { active: active.name, sheets, grids };
      }),
    mark: (issues, sheet, previous) => Excel.run((ctx) => markCells(ctx, issues, { sheet, ...(previous ? { previous } : {}) })),
    clear: (marks) => Excel.run((ctx) => clearMarks(ctx, marks)),
    select: (cell, sheet) => Excel.run((ctx) => selectCell(ctx, cell, sheet)),
    writeRow: (write) => Excel.run(async (ctx) => writeRow(ctx, write)),
    replace: (reps, sheet) => Excel.run((ctx) => replaceIndicators(ctx, reps, sheet)),
    comments: (list, sheet) => Excel.run(async (ctx) => (await showComments(ctx, list, { defaultSheet: sheet })).mode),
  };
}

/**
 * Reads the workbook's sheets and metadata, places the plan among the forms there and renders it.
 * Syncs: renderPlan's (2, or 3 over existing sheets) and 1 to list the sheets, 1 more to read the
 * metadata sheet when there is one; never a function of the rows or the forms in the workbook.
 */
export async function insertPlan(ctx: Excel.RequestContext, plan: WorkbookPlan): Promise<WorkbookPlan> {
  const found = await sheetsAndValues(ctx, metaSheetName);
  const placed = placePlan(plan, { sheets: found.sheets.map((s) => s.name), meta: found.values });
  await renderPlan(ctx, placed);
  return placed;
}
