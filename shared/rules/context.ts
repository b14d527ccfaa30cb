// What every rule reads: the form, the policy, the library's index, each indicator row as checked
// against the library, the header's amounts, and the score or the lights the form's kind computes.
// Built once per check, so the rules of the catalogue (catalogue.ts) share one reading of the form.
import type { FormScore } from "../api/check-result.ts";
import type { Form, TargetForm } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Library } from "../library.ts";
import type { Policy } from "../policy.ts";
import type { Budget } from "../treasury/budgets.ts";
import type { Payment } from "../treasury/payments.ts";
import { checkRows, knownUnits as unitsOf, type CheckedRows } from "./checked-rows.ts";
import { readAmounts, type ReadAmount } from "./amounts.ts";
import { budgetProgress, rowProgress, type BudgetProgress, type RowProgress } from "./lights.ts";
import { libraryIndex, type LibraryIndex } from "./nearest-names.ts";
import { budgetScore, scoreFrom, scoreRows, type BudgetScore, type RowScore } from "./score.ts";

/** The treasury's data for the form's project (X603, X604), as the server passes it in. */
export interface TreasuryFacts {
  /** The project's payments (any years); undefined or empty: no payment data for it. */
  payments?: readonly Pick<Payment, "date" | "amountFen">[];
  /** The project's approved budget for the form's year; undefined: none imported. */
  budget?: Budget;
}

/** Another stored form of the unit, as X602 needs it. */
export interface FingerprintedForm {
  year: number;
  unit: string;
  project: string;
  projectName: string;
  fingerprint: string | undefined;
}

/** What the server holds that the rules across forms (X6xx) compare a form with. */
export interface ServerForms {
  /** the approved target form of the same project and year, if any */
  baseline?: TargetForm | undefined;
  /** the unit's other forms of the same year and kind, by their indicator sets' fingerprints (indicatorSetFingerprint) */
  others?: readonly FingerprintedForm[];
  /** the form's own fingerprint, when the server has taken it already to find `others` (undefined: the form has none) */
  fingerprint?: string | undefined;
  /** the treasury's payments and the approved budget for the project */
  treasury?: TreasuryFacts;
}

export interface RuleContext {
  form: Form;
  policy: Policy;
  index: LibraryIndex;
  /** the indicator rows as looked up in the library (checked-rows.ts) */
  rows: CheckedRows;
  /** the header's amount fields as read (funds, and the budget of monitoring / self-evaluation forms) */
  amounts: readonly ReadAmount[];
  /** self-evaluation forms */
  selfEval?: { budget: BudgetScore; rows: readonly RowScore[]; score: FormScore };
  /** monitoring forms */
  monitor?: { budget: BudgetProgress; rows: readonly RowProgress[] };
  /** only when the server checks a form against the forms it holds */
  server?: ServerForms;
}

/** One rule of the catalogue: its findings for the form in `ctx`. */
export type Rule = (ctx: RuleContext) => Issue[];

export function ruleContext(form: Form, library: Library, policy: Policy = library.policy, server?: ServerForms): RuleContext {
  const index = libraryIndex(library);
  const rows = checkRows(form.indicators, index);
  const ctx: RuleContext = { form, policy, index, rows, amounts: readAmounts(form) };
  const knownUnits = form.kind === "target" ? [] : unitsOf(rows);
  if (form.kind === "selfEval") {
    const budget = budgetScore(form, policy);
    const rowScores = scoreRows(form, policy, knownUnits);
    ctx.selfEval = { budget, rows: rowScores, score: scoreFrom(budget, rowScores, policy) };
  } else if (form.kind === "monitor") {
    ctx.monitor = { budget: budgetProgress(form, policy), rows: rowProgress(form, policy, knownUnits) };
  }
  if (server) ctx.server = server;
  return ctx;
}
