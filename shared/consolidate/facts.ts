// One stored form, read for consolidation: its figures (funds, execution rate), its score or lights
// from the same `score`/`lights` the add-in and the server use, on the stored revision, and its
// stored issues by indicator row.
import type { FormLights, FormScore } from "../check.ts";
import { FormSchema, type Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";
import { readAmount } from "../rules/amounts.ts";
import { lights } from "../rules/lights.ts";
import { score } from "../rules/score.ts";
import type { StoredForm } from "./source.ts";

export interface FormFacts {
  stored: StoredForm;
  /** The stored body when it fits the schema; otherwise no figures, score or rows can be given. */
  form: Form | undefined;
  unitName: string;
  projectName: string;
  /** 资金总额 in 万元, when it reads as an amount. */
  fundsTotal: number | undefined;
  /** What the execution rate is made of: selfEval executed ÷ adjusted, monitor executedToDate ÷ annual. */
  budget: { done: number; of: number } | undefined;
  score: FormScore | undefined;
  lights: FormLights | undefined;
  errors: number;
  warnings: number;
}

const indicatorPath = /^indicators\[(\d+)\]/;

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function nameIn(form: Record<string, unknown>, part: "unit" | "project"): string | undefined {
  const o = form[part];
  return o !== null && typeof o === "object" ? str((o as Record<string, unknown>).name) : undefined;
}

/**
 * Reads one stored form. `unitName` is the directory's name for the unit (the form's own when the
 * directory has none).
 */
export function factsOf(stored: StoredForm, policy: Policy, unitName?: string): FormFacts {
  const parsed = FormSchema.safeParse(stored.form);
  const form = parsed.success ? parsed.data : undefined;
  let errors = 0;
  let warnings = 0;
  for (const i of stored.issues) {
    if (i.severity === "error") errors++;
    else if (i.severity === "warning") warnings++;
  }
  const facts: FormFacts = {
    stored,
    form,
    unitName: unitName ?? nameIn(stored.form, "unit") ?? stored.key.unit,
    projectName: nameIn(stored.form, "project") ?? stored.key.project,
    fundsTotal: undefined,
    budget: undefined,
    score: undefined,
    lights: undefined,
    errors,
    warnings,
  };
  if (!form) return facts;
  facts.fundsTotal = readAmount(form.funds.total, false);
  if (form.kind === "selfEval") {
    facts.score = score(form, policy);
    const of = readAmount(form.budget.adjusted, false);
    const done = readAmount(form.budget.executed, true);
    if (of !== undefined && done !== undefined && of > 0) facts.budget = { done, of };
  } else if (form.kind === "monitor") {
    facts.lights = lights(form, policy);
    const of = readAmount(form.budget.annual, false);
    const done = readAmount(form.budget.executedToDate, true);
    if (of !== undefined && done !== undefined && of > 0) facts.budget = { done, of };
  }
  return facts;
}

/** Execution rate (a fraction: 0.96 is 96%), when the form has one. */
export function rateOf(facts: FormFacts): number | undefined {
  return facts.budget ? facts.budget.done / facts.budget.of : undefined;
}

/** The stored issues of each indicator row, by row index (`indicators[3].target` → 3). */
export function issuesByRow(issues: readonly Issue[]): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  for (const i of issues) {
    const m = indicatorPath.exec(i.path);
    if (!m) continue;
    const n = Number(m[1]);
    let list = out.get(n);
    if (!list) out.set(n, (list = []));
    list.push(i);
  }
  return out;
}
