// The finance overview (总览): what a section chief asks first — who has not sent, who is late,
// where the red lights are, who scored worst, which rectifications are open or overdue — from the
// consolidation's summary and form rows. Pure: the server's GET /api/overview hands in the rows
// and the clock; the pane draws the result as charts with the numbers beside them, and each bar
// names the forms behind it (units, kind, status) so a click opens them in the review list.
import type { FormKind, Light, Rating, SubmissionStatus } from "./glossary.ts";
import type { FormRow, SummaryRow } from "./consolidate/rows.ts";
import { BEIJING_OFFSET_MS } from "./beijing.ts";
import type { StateCounts } from "./cycle/notice.ts";

/** What a bar or slice stands for: the review list filtered to these. */
export interface OverviewFocus {
  units?: string[];
  kind?: FormKind;
  status?: SubmissionStatus;
  onlyErrors?: boolean;
}

/** With, under the bureau's notices, the forms on time, late, still due and missing (deadline passed, not sent). */
export interface UnitProgress extends StateCounts {
  unit: string;
  unitName: string;
  /** forms owed and, of them, received (submitted, returned or approved: drafts are not received) */
  expected: number;
  received: number;
  approved: number;
}

export interface UnitExecution {
  unit: string;
  unitName: string;
  /** Σ executed ÷ Σ budget over the unit's monitoring (or, without them, self-evaluation) forms */
  rate: number;
}

export interface LowScore {
  unit: string;
  unitName: string;
  project: string;
  projectName: string;
  score: number;
  grade: Rating | null;
}

export interface Overview {
  year: number;
  kind?: FormKind | undefined;
  totals: { expected: number; received: number; approved: number; drafts: number; onTime: number; late: number; due: number; missing: number };
  progress: UnitProgress[];
  /** the share of the year gone at `now` (Beijing time): what execution is measured against */
  timeElapsed: number;
  execution: UnitExecution[];
  lights: Record<Light, number>;
  /** units with red lights, most first */
  redUnits: { unit: string; unitName: string; red: number; yellow: number }[];
  grades: Record<Rating, number>;
  lowest: LowScore[];
  rectifications: { open: number; overdue: number; closed: number; byUnit: { unit: string; unitName: string; open: number; overdue: number }[] };
}

/** The share of `year` gone at `now`, in Beijing time (0 before it, 1 after it). */
export function yearElapsed(year: number, now: Date): number {
  const start = Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS;
  const end = Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS;
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

const n = (x: number | null | undefined) => x ?? 0;

export function buildOverview(input: { year: number; kind: FormKind | undefined; summary: readonly SummaryRow[]; forms: readonly FormRow[]; now: Date; lowest?: number }): Overview {
  const byUnit = new Map<string, UnitProgress>();
  const rect = new Map<string, { unit: string; unitName: string; open: number; overdue: number; closed: number }>();
  const red = new Map<string, { unit: string; unitName: string; red: number; yellow: number }>();
  const grades: Record<Rating, number> = { excellent: 0, good: 0, fair: 0, poor: 0 };
  let drafts = 0;
  for (const r of input.summary) {
    const p = byUnit.get(r.unitCode) ?? { unit: r.unitCode, unitName: r.unitName, expected: 0, received: 0, approved: 0, onTime: 0, late: 0, due: 0, missing: 0 };
    p.expected += r.expected;
    p.received += r.submitted + r.returned + r.approved;
    p.approved += r.approved;
    drafts += r.draft;
    byUnit.set(r.unitCode, p);
    // The cycle's columns repeat on each of a unit's rows: taken once per unit.
    if (!rect.has(r.unitCode)) {
      rect.set(r.unitCode, { unit: r.unitCode, unitName: r.unitName, open: n(r.rectOpen), overdue: n(r.rectOverdue), closed: n(r.rectClosed) });
      p.onTime = n(r.onTime);
      p.late = n(r.late);
      p.due = n(r.due);
      p.missing = n(r.notSent);
    }
    const l = red.get(r.unitCode) ?? { unit: r.unitCode, unitName: r.unitName, red: 0, yellow: 0 };
    l.red += r.red;
    l.yellow += r.yellow;
    red.set(r.unitCode, l);
    grades.excellent += r.excellent;
    grades.good += r.good;
    grades.fair += r.fair;
    grades.poor += r.poor;
  }
  const progress = [...byUnit.values()].sort((a, b) => b.missing - a.missing || b.expected - b.received - (a.expected - a.received) || a.unit.localeCompare(b.unit));
  const sum = (f: (p: UnitProgress) => number) => progress.reduce((s, p) => s + f(p), 0);

  // Execution: monitoring forms when there are any (the year in progress), else self-evaluations.
  const monitors = input.forms.filter((f) => f.kind === "monitor" && f.executionRate !== null);
  const pool = monitors.length > 0 ? monitors : input.forms.filter((f) => f.kind === "selfEval" && f.executionRate !== null);
  const rates = new Map<string, { unit: string; unitName: string; total: number; count: number }>();
  for (const f of pool) {
    const e = rates.get(f.unitCode) ?? { unit: f.unitCode, unitName: f.unitName, total: 0, count: 0 };
    e.total += f.executionRate as number;
    e.count++;
    rates.set(f.unitCode, e);
  }
  const execution = [...rates.values()].map((e) => ({ unit: e.unit, unitName: e.unitName, rate: e.total / e.count })).sort((a, b) => a.rate - b.rate);

  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
  for (const f of input.forms) if (f.budgetLight) lights[f.budgetLight]++;
  const lowest = input.forms
    .filter((f) => f.score !== null)
    .sort((a, b) => (a.score as number) - (b.score as number))
    .slice(0, input.lowest ?? 5)
    .map((f) => ({ unit: f.unitCode, unitName: f.unitName, project: f.projectCode, projectName: f.projectName, score: f.score as number, grade: f.grade }));
  const rects = [...rect.values()];
  return {
    year: input.year,
    kind: input.kind,
    totals: {
      expected: sum((p) => p.expected),
      received: sum((p) => p.received),
      approved: sum((p) => p.approved),
      drafts,
      onTime: sum((p) => p.onTime),
      late: sum((p) => p.late),
      due: sum((p) => p.due),
      missing: sum((p) => p.missing),
    },
    progress,
    timeElapsed: yearElapsed(input.year, input.now),
    execution,
    lights,
    redUnits: [...red.values()].filter((r) => r.red > 0 || r.yellow > 0).sort((a, b) => b.red - a.red || b.yellow - a.yellow),
    grades,
    lowest,
    rectifications: {
      open: rects.reduce((s, r) => s + r.open, 0),
      overdue: rects.reduce((s, r) => s + r.overdue, 0),
      closed: rects.reduce((s, r) => s + r.closed, 0),
      byUnit: rects.filter((r) => r.open > 0 || r.overdue > 0).map(({ unit, unitName, open, overdue }) => ({ unit, unitName, open, overdue })).sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    },
  };
}
