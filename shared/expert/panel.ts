// The panel's scores side by side (docs/experts.md, "Reading a panel"): per criterion and total,
// the mean, the spread (highest − lowest) and the median, and which expert is an outlier.
//
// The rule: with three or more submitted sheets, an expert's total is an outlier when it lies
// more than T = max(points, share × median) from the median of all the panel's totals; a
// criterion's score is an outlier when it lies more than criterionShare × the criterion's weight
// from that criterion's median. The median, not the mean, so the outlier itself does not drag the
// yardstick towards it. With two sheets nobody can say which of the two is off: when their totals
// are more than T apart the panel is `divergent` and neither is marked.
import type { OutlierRule } from "./policy.ts";
import type { Criterion } from "./policy.ts";

export interface PanelSheet {
  expert: string;
  scores: Readonly<Record<string, number>>;
}

export interface Spread {
  mean: number;
  median: number;
  min: number;
  max: number;
  /** max − min */
  spread: number;
}

export interface PanelCriterion extends Spread {
  id: string;
  name: string;
  weight: number;
  /** one per sheet, in the panel's order */
  scores: number[];
  /** experts whose score on this criterion is an outlier */
  outliers: string[];
}

export interface PanelExpert {
  expert: string;
  total: number;
  outlier: boolean;
}

export interface Panel {
  experts: PanelExpert[];
  criteria: PanelCriterion[];
  total: Spread;
  /** the threshold T the totals were held to */
  threshold: number;
  /** two sheets whose totals are more than T apart */
  divergent: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: 0, median: 0, min: 0, max: 0, spread: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  // the mean clamped into [min, max]: rounding never puts it outside what was given
  return { mean: Math.min(max, Math.max(min, round2(sum / values.length))), median: median(values), min, max, spread: round2(max - min) };
}

/** Which of `values` lie more than `threshold` from their median (three or more values only). */
export function outlierFlags(values: readonly number[], threshold: number): boolean[] {
  if (values.length < 3) return values.map(() => false);
  const m = median(values);
  return values.map((v) => Math.abs(v - m) > threshold + 1e-9);
}

export function totalThreshold(rule: OutlierRule, medianTotal: number): number {
  return Math.max(rule.points, rule.share * medianTotal);
}

/** The panel of the submitted sheets on these criteria. */
export function panelOf(criteria: readonly Criterion[], sheets: readonly PanelSheet[], rule: OutlierRule): Panel {
  const totals = sheets.map((s) => round2(criteria.reduce((a, c) => a + (s.scores[c.id] ?? 0), 0)));
  const total = spreadOf(totals);
  const threshold = totalThreshold(rule, total.median);
  const flags = outlierFlags(totals, threshold);
  const rows = criteria.map((c): PanelCriterion => {
    const scores = sheets.map((s) => s.scores[c.id] ?? 0);
    const f = outlierFlags(scores, rule.criterionShare * c.weight);
    return { id: c.id, name: c.name, weight: c.weight, scores, ...spreadOf(scores), outliers: sheets.filter((_, i) => f[i]).map((s) => s.expert) };
  });
  return {
    experts: sheets.map((s, i) => ({ expert: s.expert, total: totals[i]!, outlier: flags[i]! })),
    criteria: rows,
    total,
    threshold: round2(threshold),
    divergent: sheets.length === 2 && Math.abs(totals[0]! - totals[1]!) > threshold + 1e-9,
  };
}
