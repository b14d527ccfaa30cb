// One entry point for "check this form": schema, rules, and the self-evaluation score or the
// monitoring lights. The API, the CLI and the task pane all call this, so they agree.
import type { FormLights, FormScore } from "./api/check-result.ts";
import { FormSchema, type Form } from "./form.ts";
import type { Issue } from "./issue.ts";
import type { Library } from "./library.ts";
import { readForm, withoutBlanks } from "./read-form.ts";
import { ruleContext, type RuleContext } from "./rules/context.ts";
import { evaluateIn } from "./rules/validate.ts";

export type { FormLights, FormScore } from "./api/check-result.ts";

export interface CheckResult {
  form?: Form;
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
}

/**
 * Checks a form given as untrusted JSON. Never throws on bad input. When the schema finds fault
 * only with optional fields (a row's `possibility: "maybe"`, a boolean in `actual`), those fields
 * are reported (P002/P003), set aside, and the rest of the form is still checked and scored.
 */
export function checkForm(input: unknown, library: Library): CheckResult {
  return checkFormIn(input, library).result;
}

/**
 * checkForm, with the rule context its rules read when the form was readable: the server runs the
 * rules across forms over that same context (rules/validate.ts, serverRulesIn) rather than building
 * it again. `context.form` is the form that was checked (`result.form` when one is handed back).
 */
export function checkFormIn(input: unknown, library: Library): { result: CheckResult; context?: RuleContext } {
  const read = readForm(input);
  if (read.form) {
    const context = ruleContext(read.form, library, library.policy);
    return { result: { form: read.form, ...evaluateIn(context) }, context };
  }
  const salvaged = salvage(withoutBlanks(input), read.issues);
  if (!salvaged) return { result: { issues: read.issues } };
  const context = ruleContext(salvaged.form, library, library.policy);
  const ev = evaluateIn(context);
  const flagged = new Set(read.issues.map((i) => i.path));
  const issues = [...read.issues, ...ev.issues.filter((i) => !flagged.has(i.path))];
  const out: CheckResult = { issues };
  if (!salvaged.standIns) out.form = salvaged.form;
  if (ev.score) out.score = ev.score;
  if (ev.lights) out.lights = ev.lights;
  return salvaged.standIns ? { result: out } : { result: out, context };
}

/** Fields a form can do without: a wrong value there is dropped so the rest can be checked. */
const optionalRowFields = new Set([
  "code", "name", "operator", "target", "targetHigh", "unit", "basis", "custom", "na", "toDate", "expected",
  "possibility", "deviationCategory", "measures", "actual", "weight", "score", "deviation",
]);
const optionalPaths = new Set([
  "totalScore", "grade", "sheet", "cells", "goals.overall", "goals.annual", "goals.actual", "project.department",
  "project.periodStart", "project.periodEnd", "project.key", "funds.carryover", "budget.initial", "budget.reason",
]);

/**
 * Header fields a layout may lack (docs/reading-forms.md). When one is missing the form is
 * still checked, scored and lit with a neutral stand-in for it: the rules that read these fields
 * see "empty" (text) or "no" (serves the public); the finding that it is missing is already there.
 * A form checked with stand-ins is not handed back as a form.
 */
const standIns: Record<string, unknown> = {
  "unit.code": "0",
  "unit.name": "",
  "project.code": "0",
  "project.name": "",
  "project.field": "",
  "project.attribute": "new",
  "project.servesPublic": false,
  "funds.total": "",
  "funds.fiscal": "",
  "funds.other": "",
  "budget.annual": "",
  "budget.executedToDate": "",
  "budget.adjusted": "",
  "budget.executed": "",
};

function setPath(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const parts = path.split(".");
  let parent: unknown = root;
  for (const p of parts.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return false;
    const o = parent as Record<string, unknown>;
    if (o[p] === undefined) o[p] = {};
    parent = o[p];
  }
  if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return false;
  (parent as Record<string, unknown>)[parts[parts.length - 1]!] = value;
  return true;
}

function salvage(input: unknown, issues: readonly Issue[]): { form: Form; standIns: boolean } | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input) || issues.length === 0) return undefined;
  let copy: Record<string, unknown>;
  try {
    copy = structuredClone(input) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  let usedStandIns = false;
  for (const i of issues) {
    const row = /^indicators\[(\d+)\]\.(\w+)$/.exec(i.path);
    if (row && optionalRowFields.has(row[2]!)) {
      const rows = copy.indicators;
      const target = Array.isArray(rows) ? rows[Number(row[1])] : undefined;
      if (target === null || typeof target !== "object") return undefined;
      delete (target as Record<string, unknown>)[row[2]!];
    } else if (i.path === "year") {
      // No year: the project period's, else the earliest the schema takes, so no library history
      // counts as "before" it (I212) and a period cannot lie outside it (H104) on a stand-in's account.
      const start = /^(\d{4})/.exec(String((copy.project as Record<string, unknown> | undefined)?.periodStart ?? ""));
      copy.year = start ? Number(start[1]) : 2000;
      usedStandIns = true;
    } else if (Object.hasOwn(standIns, i.path)) {
      if (!setPath(copy, i.path, standIns[i.path])) return undefined;
      usedStandIns = true;
    } else if (optionalPaths.has(i.path)) {
      const parts = i.path.split(".");
      let parent: unknown = copy;
      for (const p of parts.slice(0, -1)) parent = parent !== null && typeof parent === "object" ? (parent as Record<string, unknown>)[p] : undefined;
      if (parent === null || typeof parent !== "object") return undefined;
      delete (parent as Record<string, unknown>)[parts[parts.length - 1]!];
    } else {
      return undefined;
    }
  }
  const again = FormSchema.safeParse(copy);
  return again.success ? { form: again.data, standIns: usedStandIns } : undefined;
}
