// The rule engine's entry: the catalogue's rules (catalogue.ts) that need only the form, the
// library and the policy, in catalogue order. The rules across forms (X601, X602) need the
// server's other forms: checkServerRules runs those.
import type { FormLights, FormScore } from "../check.ts";
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Library } from "../library.ts";
import type { Policy } from "../policy.ts";
import { runRules } from "./catalogue.ts";
import { ruleContext, type ServerForms } from "./context.ts";

export interface Evaluation {
  issues: Issue[];
  /** self-evaluation forms */
  score?: FormScore;
  /** monitoring forms */
  lights?: FormLights;
}

/** The issues, and the score or lights computed on the way (rows that cannot be read score 0 / light null). */
export function evaluate(form: Form, library: Library, policy: Policy = library.policy): Evaluation {
  const ctx = ruleContext(form, library, policy);
  const issues = runRules(ctx, "form");
  if (ctx.selfEval) return { issues, score: ctx.selfEval.score };
  if (ctx.monitor) return { issues, lights: { budget: ctx.monitor.budget.light, rows: ctx.monitor.rows.map((r) => r.light) } };
  return { issues };
}

export function validate(form: Form, library: Library, policy: Policy = library.policy): Issue[] {
  return evaluate(form, library, policy).issues;
}

/** The rules that compare a form with forms the server holds (X601, X602). */
export function checkServerRules(form: Form, library: Library, server: ServerForms): Issue[] {
  return runRules(ruleContext(form, library, library.policy, server), "server");
}
