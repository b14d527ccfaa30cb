// Rules against the treasury's data (docs/rules.md X603, X604; docs/treasury.md): what the unit
// reports is compared with what the centralized payment platform paid, and with the approved
// budget. The server passes the project's payments and budget in; each rule is silent where the
// bureau has imported no such data for the project.
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";
import { effectiveBudget } from "../treasury/budgets.ts";
import { monthEnd, paidBy } from "../treasury/execution.ts";
import type { Rule, TreasuryFacts } from "./context.ts";
import { readAmount } from "./amounts.ts";
import { issue, num } from "./messages.ts";

/** X603: the execution a form reports against what the treasury paid by the form's month end (or year end). */
export function checkAgainstPayments(form: Form, facts: TreasuryFacts, policy: Policy): Issue[] {
  if (form.kind === "target" || !facts.payments || facts.payments.length === 0) return [];
  const t = policy.treasury;
  const [path, reported, annual, asOf] =
    form.kind === "monitor"
      ? ["budget.executedToDate", readAmount(form.budget.executedToDate, false), readAmount(form.budget.annual, false), monthEnd(form.year, form.month)]
      : ["budget.executed", readAmount(form.budget.executed, false), readAmount(form.budget.adjusted, false), monthEnd(form.year, 12)];
  if (reported === undefined) return [];
  const paid = paidBy(facts.payments, form.year, asOf) / 1_000_000;
  const tolerance = Math.max(t.toleranceRatio * (annual ?? 0), t.toleranceWan);
  const diff = reported - paid;
  // rounded to the 分 so an exact edge meets the tolerance
  if (Math.round(Math.abs(diff) * 1_000_000) <= Math.round(tolerance * 1_000_000)) return [];
  return [
    issue(form, "X603", t.severity, path, {
      zh: `填报的执行数 ${num(reported)} 万元与国库截至 ${asOf} 实际支付的 ${num(paid)} 万元相差 ${num(Math.abs(diff))} 万元，超过允许的 ${num(tolerance)} 万元：请按国库支付数据核实执行数，或说明差异原因。`,
      en: `The reported execution of ${num(reported)} 万元 differs from the ${num(paid)} 万元 the treasury paid by ${asOf} by ${num(Math.abs(diff))} 万元, more than the ${num(tolerance)} 万元 allowed: check it against the treasury's payments, or explain the difference.`,
    }),
  ];
}

/** X604: a form's funds against the project's approved (adjusted) budget for the year. */
export function checkAgainstBudget(form: Form, facts: TreasuryFacts, policy: Policy): Issue[] {
  const b = facts.budget;
  if (!b || b.year !== form.year) return [];
  const [path, stated, expected, which] =
    form.kind === "target"
      ? ["funds.total", readAmount(form.funds.total, false), b.approved, { zh: "年初批复数", en: "approved budget" }]
      : form.kind === "monitor"
        ? ["budget.annual", readAmount(form.budget.annual, false), effectiveBudget(b), b.adjusted === undefined ? { zh: "批复预算数", en: "approved budget" } : { zh: "调整后预算数", en: "adjusted budget" }]
        : ["budget.adjusted", readAmount(form.budget.adjusted, false), effectiveBudget(b), b.adjusted === undefined ? { zh: "批复预算数", en: "approved budget" } : { zh: "调整后预算数", en: "adjusted budget" }];
  if (stated === undefined) return [];
  const tolerance = policy.treasury.budgetToleranceWan;
  if (Math.round(Math.abs(stated - expected) * 1_000_000) <= Math.round(tolerance * 1_000_000)) return [];
  return [
    issue(form, "X604", "warning", path, {
      zh: `填报的资金 ${num(stated)} 万元与该项目${form.year}年的${which.zh} ${num(expected)} 万元不一致：请按预算批复填报。`,
      en: `The stated funds of ${num(stated)} 万元 differ from the project's ${form.year} ${which.en} of ${num(expected)} 万元: state the funds as approved.`,
    }),
  ];
}

/** X603 as a rule of the catalogue: against the payments the server passes in. */
export const executionAsPaid: Rule = ({ form, server, policy }) => checkAgainstPayments(form, server?.treasury ?? {}, policy);

/** X604 as a rule of the catalogue: against the budget the server passes in. */
export const fundsAsBudgeted: Rule = ({ form, server, policy }) => checkAgainstBudget(form, server?.treasury ?? {}, policy);
