// The rule engine's entry: the catalogue's rules (catalogue.ts) that need only the form, the
// library and the policy, in catalogue order. The rules across forms (X601, X602) need the
// server's other forms: checkServerRules runs those.
import type { FormLights, FormScore } from "../api/check-result.ts";
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Library } from "../library.ts";
import type { Policy } from "../policy.ts";
import { runRules } from "./catalogue.ts";
import { ruleContext, type RuleContext, type ServerForms } from "./context.ts";

export interface Evaluation {
  issues: Issue[];
  /** self-evaluation forms */
  score?: FormScore;
  /** monitoring forms */
  lights?: FormLights;
}

/** The issues, and the score or lights computed on the way (rows that cannot be read score 0 / light null). */
export function evaluate(form: Form, library: Library, policy: Policy = library.policy): Evaluation {
  return evaluateIn(ruleContext(form, library, policy));
}

/** evaluate over a context already built: the server keeps it for the rules across forms (serverRulesIn). */
export function evaluateIn(ctx: RuleContext): Evaluation {
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
  return serverRulesIn(ruleContext(form, library, library.policy), server);
}

/** checkServerRules over the context the form's own check built (evaluateIn), so a save builds it once. */
export function serverRulesIn(ctx: RuleContext, server: ServerForms): Issue[] {
  return runRules({ ...ctx, server }, "server");
}
