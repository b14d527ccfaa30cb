// Self-evaluation scoring (docs/scoring.md): the budget-execution score, each row's score, the total and
// the grade. Needs no library: everything comes from the form as filled and the policy.
import type { FormScore } from "../api/check-result.ts";
import type { SelfEvalForm } from "../form.ts";
import type { Operator, QualitativeGrade, Rating } from "../glossary.ts";
import type { Policy } from "../policy.ts";
import { readValue, readValueIn } from "../values.ts";
import { readAmount } from "./amounts.ts";
import { numberOf, quantityIn, rowValues, type RowValues } from "./row-values.ts";

export interface RowScore {
  /** the row's weight (分值); 0 when it cannot be read */
  weight: number;
  /** the row's score on its own weight, before `na` rows are scaled away */
  score: number;
  na: boolean;
  /** actual and target could both be read, so `score` means something */
  readable: boolean;
  values: RowValues;
  qualitative: boolean;
  /** qualitative: the grade reached and its band in points */
  grade?: QualitativeGrade;
  band?: [number, number];
  /** the score typed in the row, when it reads as a number */
  entered?: number;
  /** quantitative: actual and target (low) in the row's unit, actual not floored */
  actual?: number;
  target?: number;
}

export interface BudgetScore {
  /** executed ÷ adjusted, when both read and adjusted > 0 */
  rate: number | undefined;
  score: number;
}

export function budgetScore(form: SelfEvalForm, policy: Policy): BudgetScore {
  const adjusted = readAmount(form.budget.adjusted, false);
  const executed = readAmount(form.budget.executed, true);
  if (adjusted === undefined || executed === undefined || adjusted <= 0) return { rate: undefined, score: 0 };
  const rate = executed / adjusted;
  return { rate, score: Math.max(0, Math.min(rate, 1)) * policy.weights.budget };
}

/** A quantitative row's score on weight `w` (docs/scoring.md); `actual` already floored at 0. */
export function quantitativeScore(op: Operator, actual: number, target: number, high: number | undefined, w: number): number {
  let s: number;
  switch (op) {
    case "<=":
    case "<":
      s = atMost(actual, target, w);
      break;
    case "=":
      s = target === 0 ? atMost(actual, target, w) : atLeast(actual, target, w);
      break;
    case "range":
      if (high === undefined) s = atLeast(actual, target, w);
      else if (actual < target) s = atLeast(actual, target, w);
      else if (actual > high) s = atMost(actual, high, w);
      else s = w;
      break;
    default:
      s = atLeast(actual, target, w);
  }
  return Number.isFinite(s) ? Math.max(0, Math.min(s, w)) : 0;
}

// The two scoring curves on weight `w`, as functions of their own rather than closures made for
// each row (a named closure is also given its name at run time, for every row scored).
function atMost(a: number, t: number, w: number): number {
  if (t <= 0) return a <= t ? w : 0;
  if (a <= t) return w;
  if (a < 2 * t) return w * (1 - (a - t) / t);
  return 0;
}
function atLeast(a: number, t: number, w: number): number {
  if (t <= 0) return w; // target 0: full when actual ≥ 0, and actuals are floored at 0
  return a >= t ? w : (w * a) / t;
}

/** `knownUnits[i]`: the library unit of row i, when the caller looked it up (see rowValues). */
export function scoreRows(form: SelfEvalForm, policy: Policy, knownUnits: readonly (string | undefined)[] = []): RowScore[] {
  return form.indicators.map((row, i) => {
    const values = rowValues(row, knownUnits[i]);
    const weightRead = readValue(row.weight);
    const weight = weightRead.kind === "number" && weightRead.value > 0 ? weightRead.value : 0;
    const enteredRead = readValue(row.score);
    const entered = enteredRead.kind === "number" ? enteredRead.value : undefined;
    const actualRead = readValueIn(row.actual, values.unit);
    const qualitative = values.qualitative || (values.operator === undefined && actualRead.kind === "grade");
    const na = row.na === true;
    const out: RowScore = { weight, score: 0, na, readable: false, values, qualitative };
    if (entered !== undefined) out.entered = entered;
    if (na) return out;
    if (qualitative) {
      if (actualRead.kind !== "grade") return out;
      const [lo, hi] = policy.qualitativeBands[actualRead.grade];
      const band: [number, number] = [lo * weight, hi * weight];
      out.grade = actualRead.grade;
      out.band = band;
      out.readable = true;
      out.score = entered === undefined ? band[1] : Math.min(Math.max(entered, band[0]), band[1]);
      return out;
    }
    // the actual as read above, converted from a unit typed after it (as readQuantity would, without reading the cell again)
    const actual = numberOf(quantityIn(actualRead, values.unit));
    if (actual === undefined) return out;
    // The actual is kept even when the target cannot be read, so E401 speaks only of actuals.
    out.actual = actual;
    if (values.low === undefined) return out;
    out.target = values.low;
    out.readable = true;
    out.score = quantitativeScore(values.operator ?? ">=", Math.max(actual, 0), values.low, values.high, weight);
    return out;
  });
}

export function gradeOf(total: number, policy: Policy): Rating {
  if (total >= policy.grades.excellent) return "excellent";
  if (total >= policy.grades.good) return "good";
  if (total >= policy.grades.fair) return "fair";
  return "poor";
}

const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * The form's score. When rows are `na`, they drop out and what is left (budget included) is
 * scaled to 100, so `total = budget + Σ rows` holds for the figures returned. Figures are rounded
 * to 0.01; the grade follows the rounded total, as shown.
 */
export function score(form: SelfEvalForm, policy: Policy): FormScore {
  return scoreFrom(budgetScore(form, policy), scoreRows(form, policy), policy);
}

export function scoreFrom(budget: BudgetScore, rows: readonly RowScore[], policy: Policy): FormScore {
  let scale = 1;
  if (rows.some((r) => r.na)) {
    const available = policy.weights.budget + rows.reduce((s, r) => s + (r.na ? 0 : r.weight), 0);
    if (available > 0) scale = 100 / available;
  }
  const b = round2(budget.score * scale);
  const rowFigures = rows.map((r) => (r.na ? 0 : round2(r.score * scale)));
  const total = round2(budget.score * scale + rows.reduce((s, r) => s + (r.na ? 0 : r.score * scale), 0));
  return { budget: b, rows: rowFigures, total, grade: gradeOf(total, policy) };
}
