// Where forms sit in a workbook that may hold several (pure: the pane's insert, finance's open and
// the return comments all ask it). A plan from layoutForm describes one form sheet, the library
// sheet and the metadata sheet; the workbook may already hold other forms, whose metadata rows live
// in the same `_jixiao` sheet. Before rendering, the plan is placed: each form sheet takes the sheet
// that already holds the same form (same kind, unit, project and year: the server's key of a
// submission, so a newer revision replaces its sheet), else its own name when free, else the next
// free `name(2)`, `name(3)`…; the metadata sheet gets the union: the other sheets' rows kept, this
// plan's rows (workbook-wide and the library's replaced, the placed forms' written).
import type { Issue } from "../issue.ts";
import { plainFinding } from "../rules/messages.ts";
import { metaHeader, metaSheetName } from "./layout.ts";
import { type GridValue } from "./parse.ts";
import { parseWorkbook, readMeta } from "./workbook.ts";
import type { PlanValue, SheetPlan, WorkbookPlan } from "./plan.ts";
import { sheetNameKey, uniqueSheetName } from "./sheet-name.ts";
import { workbookIdKey } from "./workbook-id.ts";

export { sheetNameKey, uniqueSheetName };

export interface WorkbookFound {
  /** every sheet of the workbook, any visibility */
  sheets: readonly string[];
  /** the id to give the workbook when its metadata has none yet (workbook-id.ts) */
  newWorkbookId?: string | undefined;
  /** the metadata sheet's values (anchored at A1), when the workbook has one */
  meta?: readonly (readonly GridValue[])[] | undefined;
}

/** A submission's identity as the metadata records it (the server's key; a monitor form's month is not part of it). */
export interface FormIdentity {
  kind: string;
  unit: string;
  project: string;
  year: number | string;
}

const identityKeys = ["kind", "unit.code", "project.code", "year"] as const;

function identity(rec: Record<string, string> | undefined): string | undefined {
  if (!rec || rec.role !== "form" || !rec["project.code"]) return undefined;
  return identityKeys.map((k) => rec[k] ?? "").join("\u0000");
}

const identityOf = (k: FormIdentity) => [k.kind, k.unit, k.project, String(k.year)].join("\u0000");

/**
 * The sheet holding a form, as the workbook's metadata names it: two forms of one kind live in
 * `绩效目标申报表` and `绩效目标申报表(2)`, and only the metadata says which is which. Undefined
 * when no sheet of the workbook is recorded as holding it.
 */
export function sheetOfForm(found: WorkbookFound, key: FormIdentity): string | undefined {
  const meta = readMeta((found.meta ?? []) as GridValue[][]);
  const want = identityOf(key);
  const present = new Set(found.sheets.map(sheetNameKey));
  for (const [sheet, rec] of meta) if (identity(rec) === want && present.has(sheetNameKey(sheet))) return sheet;
  return undefined;
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
 * where needed, the metadata sheet holding every form's rows. The plan is not changed.
 */
export function placePlan(plan: WorkbookPlan, found: WorkbookFound): WorkbookPlan {
  const metaIndex = plan.sheets.findIndex((s) => s.name === metaSheetName);
  if (metaIndex < 0) return plan;
  const planMeta = readMeta(plan.sheets[metaIndex]!.values);
  const existing = readMeta((found.meta ?? []) as GridValue[][]);
  const inWorkbook = new Set(found.sheets);
  const lower = sheetNameKey;
  const taken = new Set([...found.sheets, ...plan.sheets.filter((s) => planMeta.get(s.name)?.role !== "form").map((s) => s.name)].map(lower));

  // the form sheets: where each goes
  const rename = new Map<string, string>();
  const claimed = new Set<string>();
  for (const s of plan.sheets) {
    const own = planMeta.get(s.name);
    if (own?.role !== "form") continue;
    const id = identity(own);
    const same = id === undefined ? undefined : found.sheets.find((n) => !claimed.has(lower(n)) && identity(existing.get(n)) === id);
    const name = same ?? (!taken.has(lower(s.name)) && !claimed.has(lower(s.name)) ? s.name : uniqueSheetName(s.name, [...taken, ...claimed]));
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
  // the workbook's id outlives every insert: the one it has, else a new one when given
  const idRow = (found.meta ?? []).find((r) => r?.[0] === "*" && r?.[1] === workbookIdKey && r?.[2]);
  const id = idRow ? String(idRow[2]) : found.newWorkbookId;
  const values: PlanValue[][] = [
    [...metaHeader],
    ...mine.filter((r) => !planForms.has(String(r[0])) && !(r[0] === "*" && r[1] === workbookIdKey)),
    ...(id ? [["*", workbookIdKey, id]] : []),
    ...kept.filter((r) => !(r[0] === "*" && r[1] === workbookIdKey)),
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

/**
 * Findings of a stored form placed on the sheet it was just laid out in. A form saved as JSON has no
 * cell addresses; the plan does: read back (the parser the pane and the server use, on the plan's
 * own values) it names the cell of every path, so the findings are clickable at once.
 */
export function placeIssues(plan: WorkbookPlan, sheet: string, issues: readonly Issue[]): Issue[] {
  if (issues.every((i) => i.cell)) return [...issues];
  const parsed = parseWorkbook(plan.sheets.map((s) => ({ name: s.name, values: s.values, state: s.visibility ?? "visible" })));
  const cells = (parsed.find((p) => p.sheet === sheet)?.form?.cells ?? {}) as Record<string, string>;
  return issues.map((i) => {
    if (i.cell) return i;
    // the field's own cell, else its row's (indicators[2].target → indicators[2].name)
    let cell = cells[i.path];
    if (!cell) {
      const row = /^indicators\[\d+\]/.exec(i.path)?.[0];
      if (row) cell = cells[`${row}.target`] ?? cells[`${row}.name`];
    }
    if (!cell) return i;
    // a copy with the cell: plainFinding, as a spread would miss a finding's path and words (messages.ts)
    const placed = plainFinding(i);
    placed.cell = cell;
    return placed;
  });
}
