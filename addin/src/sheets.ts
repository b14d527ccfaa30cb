// The shared sheet code as the pane uses it: a form laid out as a workbook plan, and the sheets
// read back into a form, checked by the same checkForm the server and the CLI run.
import { checkForm, type CheckResult } from "../../shared/check.ts";
import type { Form } from "../../shared/form.ts";
import type { FormKind } from "../../shared/glossary.ts";
import type { Issue } from "../../shared/issue.ts";
import type { Library } from "../../shared/library.ts";
import { mergeFindings } from "../../shared/read-form.ts";
import { layoutForm, librarySheetName, metaSheetName } from "../../shared/sheet/layout.ts";
import { type Explanation } from "../../shared/sheet/parse.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import type { WorkbookPlan } from "../../shared/sheet/plan.ts";
import type { WorkbookGrids } from "../excel/workbook.ts";

export { librarySheetName, metaSheetName };

export function planFor(kind: FormKind, form: Form | undefined, library: Library, serverRevision?: number): WorkbookPlan {
  return layoutForm(kind, form, library, serverRevision === undefined ? {} : { serverRevision });
}

/** The form sheet to read: the active one, unless it is the library or metadata sheet. */
export function formSheetOf(read: WorkbookGrids, preferred?: string): string {
  if (read.active !== librarySheetName && read.active !== metaSheetName) return read.active;
  return preferred ?? read.sheets.find((s) => s.visibility === "visible" && s.name !== librarySheetName)?.name ?? read.active;
}

export interface SheetCheck extends CheckResult {
  sheet: string;
  /** what was read from where, and what was skipped ("what was read") */
  explain?: Explanation;
}

/** Grids → the form on `sheet` → findings (parse's and the rules'), with score or lights. */
export function checkSheets(read: WorkbookGrids, sheet: string, library: Library): SheetCheck {
  const state = new Map(read.sheets.map((s) => [s.name, s.visibility]));
  const parsed = parseWorkbook(
    read.grids.map((g) => ({ name: g.sheet, values: g.grid, state: state.get(g.sheet) ?? "visible" })),
    { labels: library.policy.labels, frame: library.policy.frame },
  );
  const mine = parsed.find((p) => p.sheet === sheet) ?? parsed[0];
  if (!mine) return { sheet, issues: [] };
  const input = mine.form ?? mine.read;
  if (!input) return { sheet: mine.sheet, issues: mine.issues };
  // a layout without some header fields is still checked, scored and lit (checkForm's stand-ins)
  const checked = checkForm(input, library);
  const issues: Issue[] = mergeFindings(mine.issues, checked.issues);
  const out: SheetCheck = { ...checked, issues, sheet: mine.sheet };
  const form = checked.form ?? mine.form;
  if (form) out.form = form;
  if (mine.explain) out.explain = mine.explain;
  return out;
}

