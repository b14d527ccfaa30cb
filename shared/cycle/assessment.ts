// The annual assessment of units (单位绩效管理工作考核): five components, each weighted by the policy
// (`policy.assessment`), each a rate in [0, 1] times its weight:
//
//   onTime         forms submitted on time ÷ forms owed whose deadline has passed or that were submitted
//                  (on time + late + missing; forms still due are left out)
//   firstPass      forms submitted and never returned ÷ forms submitted
//   errors         1 − (errors per form in the first revision saved ÷ errorsPerFormAtZero), at least 0
//   selfEval       average self-evaluation total (submitted or approved forms) ÷ 100
//   rectification  items closed on time ÷ items closed or past their deadline
//
// A component with nothing to measure (no form owed, no self-evaluation, no rectification item)
// drops out and the unit's total is scaled to 100 over the weights that remain, as `na` rows are
// in scoring. Units rank by total (two decimals), equal totals share a rank (1, 1, 3).
import type { Policy } from "../policy.ts";
import { handoverLine, type Handover, type HandoverLine } from "./handover.ts";
import { countStates, yearItems, type FormFact, type Notice } from "./notice.ts";
import { closedOnTime, type Rectification } from "./rectification.ts";

export type ComponentName = "onTime" | "firstPass" | "errors" | "selfEval" | "rectification";
export const componentNames: readonly ComponentName[] = ["onTime", "firstPass", "errors", "selfEval", "rectification"];

export interface Component {
  weight: number;
  /** What was measured, e.g. `{ onTime: 2, owed: 3 }`. */
  basis: Record<string, number>;
  /** The rate in [0, 1]; null when nothing to measure. */
  rate: number | null;
  /** rate × weight (unrounded); null when it drops out. */
  score: number | null;
}

export interface UnitAssessment {
  unit: string;
  name: string;
  components: Record<ComponentName, Component>;
  /** Scaled to 100 over the components that apply; null when none does. Two decimals. */
  total: number | null;
  rank: number | null;
  /** Problems of the unit handed to a supervision department this year (shown, not scored: docs/opinions.md). */
  handedOn: HandoverLine[];
}

export interface AssessmentInput {
  year: number;
  now: string;
  units: readonly { code: string; name: string }[];
  notices: readonly Notice[];
  forms: readonly FormFact[];
  rectifications: readonly Rectification[];
  handovers?: readonly Handover[];
  policy: Pick<Policy, "assessment">;
}

export function round2(n: number): number {
  return Math.round(n * 100 + Number.EPSILON * 100) / 100;
}

function component(weight: number, basis: Record<string, number>, rate: number | null): Component {
  return { weight, basis, rate, score: rate === null ? null : rate * weight };
}

export function assessUnit(input: AssessmentInput, unit: { code: string; name: string }): UnitAssessment {
  const w = input.policy.assessment;
  const forms = input.forms.filter((f) => f.year === input.year && f.unit === unit.code);

  const st = countStates(yearItems(input.notices, input.year, unit.code, forms, input.now));
  const owed = st.onTime + st.late + st.missing;
  const onTime = component(w.onTime, { onTime: st.onTime, late: st.late, missing: st.missing, owed }, owed > 0 ? st.onTime / owed : null);

  const submitted = forms.filter((f) => f.firstSubmittedAt !== undefined);
  const neverReturned = submitted.filter((f) => f.returns === 0).length;
  const firstPass = component(
    w.firstPass,
    { submitted: submitted.length, neverReturned },
    submitted.length > 0 ? neverReturned / submitted.length : null,
  );

  const firstErrors = forms.reduce((s, f) => s + f.firstErrors, 0);
  const perForm = forms.length > 0 ? firstErrors / forms.length : 0;
  const errors = component(
    w.errors,
    { forms: forms.length, errors: firstErrors, perForm },
    forms.length > 0 ? Math.max(0, 1 - perForm / w.errorsPerFormAtZero) : null,
  );

  const evals = forms.filter((f) => f.kind === "selfEval" && (f.status === "submitted" || f.status === "approved") && f.total !== undefined);
  const avg = evals.length > 0 ? evals.reduce((s, f) => s + (f.total ?? 0), 0) / evals.length : 0;
  const selfEval = component(w.selfEval, { forms: evals.length, average: avg }, evals.length > 0 ? Math.min(Math.max(avg, 0), 100) / 100 : null);

  const items = input.rectifications.filter((r) => r.year === input.year && r.unit === unit.code);
  const measured = items.filter((r) => r.state === "closed" || input.now > r.deadline);
  const onTimeClosed = measured.filter(closedOnTime).length;
  const rectification = component(
    w.rectification,
    { items: items.length, measured: measured.length, closedOnTime: onTimeClosed },
    measured.length > 0 ? onTimeClosed / measured.length : null,
  );

  const components = { onTime, firstPass, errors, selfEval, rectification };
  let weights = 0;
  let sum = 0;
  for (const c of Object.values(components)) {
    if (c.score === null) continue;
    weights += c.weight;
    sum += c.score;
  }
  const handedOn = (input.handovers ?? []).filter((h) => h.year === input.year && h.unit === unit.code).map(handoverLine);
  return { unit: unit.code, name: unit.name, components, total: weights > 0 ? round2((sum / weights) * 100) : null, rank: null, handedOn };
}

/** Every unit assessed and ranked, best first (units with no total last, by code). */
export function assess(input: AssessmentInput): UnitAssessment[] {
  const out = input.units.map((u) => assessUnit(input, u));
  out.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.unit.localeCompare(b.unit));
  let rank = 0;
  out.forEach((a, i) => {
    if (a.total === null) return;
    if (i === 0 || out[i - 1]?.total !== a.total) rank = i + 1;
    a.rank = rank;
  });
  return out;
}
