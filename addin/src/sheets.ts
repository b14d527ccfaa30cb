// The shared sheet code as the pane uses it: a form laid out as a workbook plan, and the sheets
// read back into a form, checked by the same checkForm the server and the CLI run.
import { checkForm, type CheckResult } from "../../shared/check.ts";
import type { Form } from "../../shared/form.ts";
import type { FormKind } from "../../shared/glossary.ts";
import type { Issue } from "../../shared/issue.ts";
import type { Library } from "../../shared/library.ts";
import { layoutForm, librarySheetName, metaHeader, metaSheetName } from "../../shared/sheet/layout.ts";
import { mergeFindings } from "../../shared/read-form.ts";
import { parseWorkbook, readMeta, type Explanation, type GridValue } from "../../shared/sheet/parse.ts";
import type { PlanValue, SheetPlan, WorkbookPlan } from "../../shared/sheet/plan.ts";
import type { WorkbookGrids } from "./workbook.ts";

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

// ---------------------------------------------------------------------------------------------
// Several forms in one workbook. A plan from planFor describes one form sheet, the library sheet
// and the metadata sheet; the workbook may already hold other forms, whose metadata rows live in
// the same `_jixiao` sheet. Before rendering, the plan is placed in the workbook: each form sheet
// takes the sheet that already holds the same form (same kind, unit, project and year: the
// server's key of a submission, so a newer revision replaces its sheet), else
// its own name when free, else the next free `name(2)`, `name(3)`… (layoutWorkbook's naming); and
// the metadata sheet gets the union: the other sheets' rows kept, this plan's rows (workbook-wide
// and the library's replaced, the placed forms' written).

export interface WorkbookFound {
  /** every sheet of the workbook, any visibility */
  sheets: readonly string[];
  /** the metadata sheet's values (anchored at A1), when the workbook has one */
  meta?: readonly (readonly GridValue[])[] | undefined;
}

/** keyOfForm's fields (api.ts): a monitor form's month is not part of its key */
const identityKeys = ["kind", "unit.code", "project.code", "year"] as const;

function identity(rec: Record<string, string> | undefined): string | undefined {
  if (!rec || rec.role !== "form" || !rec["project.code"]) return undefined;
  return identityKeys.map((k) => rec[k] ?? "").join("\u0000");
}

/** layoutWorkbook's rule (31 characters, no []:*?/\, `(n)` suffixes); `taken` in lower case, as Excel compares names. */
export function uniqueSheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31) || "Sheet";
  const has = (n: string) => taken.has(n.toLowerCase());
  let name = base;
  for (let n = 2; has(name); n++) {
    const suffix = `(${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  return name;
}

function metaRows(values: readonly (readonly unknown[])[]): PlanValue[][] {
  const out: PlanValue[][] = [];
  values.forEach((row, r) => {
    const [s, k, v] = row;
    if (s === null || s === undefined || s === "" || k === null || k === undefined || k === "") return;
    if (r === 0 && s === metaHeader[0] && k === metaHeader[1]) return;
    out.push([String(s), String(k), v === null || v === undefined ? "" : String(v)]);
  });
  return out;
}

/**
 * The plan as it is to be rendered into a workbook that already has `found`: form sheets renamed
 * where needed, the metadata sheet holding every form's rows. Pure; the plan is not changed.
 */
export function placePlan(plan: WorkbookPlan, found: WorkbookFound): WorkbookPlan {
  const metaIndex = plan.sheets.findIndex((s) => s.name === metaSheetName);
  if (metaIndex < 0) return plan;
  const planMeta = readMeta(plan.sheets[metaIndex]!.values);
  const existing = readMeta((found.meta ?? []) as GridValue[][]);
  const inWorkbook = new Set(found.sheets);
  const lower = (n: string) => n.toLowerCase();
  const taken = new Set([...found.sheets, ...plan.sheets.filter((s) => planMeta.get(s.name)?.role !== "form").map((s) => s.name)].map(lower));

  // the form sheets: where each goes
  const rename = new Map<string, string>();
  const claimed = new Set<string>();
  for (const s of plan.sheets) {
    const own = planMeta.get(s.name);
    if (own?.role !== "form") continue;
    const id = identity(own);
    const same = id === undefined ? undefined : found.sheets.find((n) => !claimed.has(lower(n)) && identity(existing.get(n)) === id);
    const name = same ?? (!taken.has(lower(s.name)) && !claimed.has(lower(s.name)) ? s.name : uniqueSheetName(s.name, new Set([...taken, ...claimed])));
    claimed.add(lower(name));
    rename.set(s.name, name);
  }

  // the metadata: this plan's workbook-wide and library rows, the other sheets' rows, then the forms'
  const mine = metaRows(plan.sheets[metaIndex]!.values);
  const planForms = new Set(rename.keys());
  const replaced = new Set([...mine.map((r) => String(r[0])).filter((n) => !planForms.has(n)), ...rename.values()].map(lower));
  const kept = metaRows((found.meta ?? []) as unknown[][]).filter((r) => {
    const sheet = String(r[0]);
    return !replaced.has(lower(sheet)) && (sheet === "*" || inWorkbook.has(sheet));
  });
  const values: PlanValue[][] = [
    [...metaHeader],
    ...mine.filter((r) => !planForms.has(String(r[0]))),
    ...kept,
    ...mine.filter((r) => planForms.has(String(r[0]))).map((r) => [rename.get(String(r[0]))!, r[1]!, r[2]!]),
  ];

  const oldHeight = plan.sheets[metaIndex]!.values.length;
  const sheets = plan.sheets.map((s, i): SheetPlan => {
    if (i === metaIndex) {
      const styles = s.styles?.map((st) => (st.range === `A1:C${oldHeight}` ? { ...st, range: `A1:C${values.length}` } : st));
      return { ...s, values, ...(styles ? { styles } : {}) };
    }
    const name = rename.get(s.name);
    return name === undefined || name === s.name ? s : { ...s, name };
  });
  return { sheets };
}
