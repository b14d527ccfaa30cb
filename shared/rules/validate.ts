// The rule engine's entry: every rule of SPEC §6 that needs only the form, the library and the
// policy. (X601/X602 need the server's other forms: see across-forms.ts.)
import type { FormLights, FormScore } from "../check.ts";
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Library } from "../library.ts";
import type { Policy } from "../policy.ts";
import { checkRows } from "./checked-rows.ts";
import { coverageRules } from "./coverage.ts";
import { headerRules } from "./header.ts";
import { budgetProgress, rowProgress } from "./lights.ts";
import { monitorRules } from "./monitor.ts";
import { libraryIndex } from "./nearest-names.ts";
import { rowRules } from "./rows.ts";
import { budgetScore, scoreFrom, scoreRows } from "./score.ts";
import { selfEvalRules } from "./self-eval.ts";

export interface Evaluation {
  issues: Issue[];
  /** self-evaluation forms */
  score?: FormScore;
  /** monitoring forms */
  lights?: FormLights;
}

/** The issues, and the score or lights computed on the way (rows that cannot be read score 0 / light null). */
export function evaluate(form: Form, library: Library, policy: Policy = library.policy): Evaluation {
  const index = libraryIndex(library);
  const rows = checkRows(form.indicators, index);
  const knownUnits = rows.map((r) => r.indicator?.unit);
  const issues = headerRules(form, policy);
  for (const i of rowRules(form, rows, index, policy)) issues.push(i);
  for (const i of coverageRules(form, rows, policy)) issues.push(i);
  if (form.kind === "selfEval") {
    const budget = budgetScore(form, policy);
    const rowScores = scoreRows(form, policy, knownUnits);
    const score = scoreFrom(budget, rowScores, policy);
    for (const i of selfEvalRules(form, policy, budget, rowScores, score)) issues.push(i);
    return { issues, score };
  }
  if (form.kind === "monitor") {
    const budget = budgetProgress(form, policy);
    const rowLights = rowProgress(form, policy, knownUnits);
    for (const i of monitorRules(form, policy, budget, rowLights)) issues.push(i);
    return { issues, lights: { budget: budget.light, rows: rowLights.map((r) => r.light) } };
  }
  return { issues };
}

export function validate(form: Form, library: Library, policy: Policy = library.policy): Issue[] {
  return evaluate(form, library, policy).issues;
}
