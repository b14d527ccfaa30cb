// Monitoring lights (docs/scoring.md): progress against time progress (month ÷ 12), for the budget and
// each row; green, yellow or red by the policy's thresholds, null when it cannot be said.
import type { FormLights } from "../api/check-result.ts";
import type { MonitorForm } from "../form.ts";
import type { Light } from "../glossary.ts";
import type { Policy } from "../policy.ts";
import { readValueIn } from "../values.ts";
import { readAmount } from "./amounts.ts";
import { numberOf, quantityIn, rowValues } from "./row-values.ts";

export function lightFor(ratio: number, policy: Policy): Light {
  if (ratio >= policy.monitorThresholds.yellow) return "green";
  if (ratio >= policy.monitorThresholds.red) return "yellow";
  return "red";
}

/**
 * A ratio with binary noise rounded away, so one exactly at a threshold meets it: 560 of 1200 by
 * month 7 is 0.8 of time progress, not 0.7999999999999999 (which would light yellow, not green).
 */
function noNoise(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

export interface BudgetProgress {
  /** (executedToDate ÷ annual) ÷ time progress */
  ratio: number | undefined;
  light: Light | null;
}

export function budgetProgress(form: MonitorForm, policy: Policy): BudgetProgress {
  const annual = readAmount(form.budget.annual, false);
  const executed = readAmount(form.budget.executedToDate, true);
  const time = form.month / 12;
  if (annual === undefined || executed === undefined || annual <= 0 || time <= 0) return { ratio: undefined, light: null };
  const ratio = noNoise(executed / annual / time);
  return Number.isFinite(ratio) ? { ratio, light: lightFor(ratio, policy) } : { ratio: undefined, light: null };
}

export interface RowProgress {
  ratio: number | undefined;
  light: Light | null;
}

/** `knownUnits[i]`: the library unit of row i, when the caller looked it up (see rowValues). */
export function rowProgress(form: MonitorForm, policy: Policy, knownUnits: readonly (string | undefined)[] = []): RowProgress[] {
  const time = form.month / 12;
  return form.indicators.map((row, i): RowProgress => {
    if (row.na) return { ratio: undefined, light: null };
    const v = rowValues(row, knownUnits[i]);
    const toDate = readValueIn(row.toDate, v.unit);
    if (v.qualitative || toDate.kind === "grade") {
      if (toDate.kind !== "grade") return { ratio: undefined, light: null };
      return { ratio: undefined, light: toDate.grade === "achieved" ? "green" : toDate.grade === "partial" ? "yellow" : "red" };
    }
    const op = v.operator ?? ">=";
    if (op !== ">=" && op !== ">" && op !== "=" && op !== "range") return { ratio: undefined, light: null };
    // progress as read above, converted from a unit typed after it (as readQuantity would, without reading the cell again)
    const done = numberOf(quantityIn(toDate, v.unit));
    if (done === undefined || v.low === undefined) return { ratio: undefined, light: null };
    if (v.low <= 0) return op === ">=" || op === ">" ? { ratio: undefined, light: "green" } : { ratio: undefined, light: null };
    const ratio = noNoise(Math.max(done, 0) / v.low / time);
    return Number.isFinite(ratio) ? { ratio, light: lightFor(ratio, policy) } : { ratio: undefined, light: null };
  });
}

export function lights(form: MonitorForm, policy: Policy): FormLights {
  return { budget: budgetProgress(form, policy).light, rows: rowProgress(form, policy).map((r) => r.light) };
}
