// The shared sheet code as the pane uses it: a form laid out as a workbook plan, and the sheets
// read back into a form, checked by the same checkForm the server and the CLI run.
import { checkForm, type CheckResult } from "../../shared/check.ts";
import type { Form } from "../../shared/form.ts";
import type { FormKind } from "../../shared/glossary.ts";
import type { Issue } from "../../shared/issue.ts";
import type { Library } from "../../shared/library.ts";
import { layoutForm, librarySheetName, metaSheetName } from "../../shared/sheet/layout.ts";
import { parseWorkbook } from "../../shared/sheet/parse.ts";
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
}

/** Grids → the form on `sheet` → findings (parse's and the rules'), with score or lights. */
export function checkSheets(read: WorkbookGrids, sheet: string, library: Library): SheetCheck {
  const state = new Map(read.sheets.map((s) => [s.name, s.visibility]));
  const parsed = parseWorkbook(read.grids.map((g) => ({ name: g.sheet, values: g.grid, state: state.get(g.sheet) ?? "visible" })));
  const mine = parsed.find((p) => p.sheet === sheet) ?? parsed[0];
  if (!mine) return { sheet, issues: [] };
  if (!mine.form) return { sheet: mine.sheet, issues: mine.issues };
  const checked = checkForm(mine.form, library);
  const issues: Issue[] = [...mine.issues, ...checked.issues];
  return { ...checked, form: checked.form ?? mine.form, issues, sheet: mine.sheet };
}

