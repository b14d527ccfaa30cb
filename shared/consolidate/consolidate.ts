// The consolidated view of a year (and kind): one pass over the latest forms gathers the summary
// (per unit and kind), the list of forms and the missing units — small, a row per form at most —
// and the indicator rows and findings are generators that walk the forms again when asked, so
// 200,000 indicator rows are never held, let alone twice.
import type { TreasuryLine } from "./treasury.ts";
import { formKinds, type FormKind, type Rating, type SubmissionStatus } from "../glossary.ts";
import type { IndicatorRow } from "../form.ts";
import { factsOf, issuesByRow, rateOf, type FormFacts } from "./facts.ts";
import type { FindingLine, FormRow, IndicatorLine, MissingLine, SummaryRow } from "./rows.ts";
import type { CycleSummaryColumns } from "../cycle/results.ts";
import type { ConsolidationInput, StoredForm, UnitInfo } from "./source.ts";

export interface Consolidation {
  year: number;
  kind: FormKind | undefined;
  /** The kinds the summary and the missing list cover, in form order. */
  kinds: FormKind[];
  summary: SummaryRow[];
  forms: FormRow[];
  missing: MissingLine[];
  /** The 国库支付 sheet's lines; empty without the treasury's data. */
  treasury: readonly TreasuryLine[];
  /** How many rows `rows()` and `findings()` will yield (known after the first pass). */
  counts: { forms: number; rows: number; findings: number };
  rows(): AsyncGenerator<IndicatorLine>;
  findings(): AsyncGenerator<FindingLine>;
}

function cycleOf(c: CycleSummaryColumns | undefined) {
  return {
    onTime: c?.onTime ?? null,
    late: c?.late ?? null,
    due: c?.due ?? null,
    notSent: c?.missing ?? null,
    rectOpen: c?.rectOpen ?? null,
    rectOverdue: c?.rectOverdue ?? null,
    rectClosed: c?.rectClosed ?? null,
    assessment: c?.assessment ?? null,
    rank: c?.rank ?? null,
  };
}

interface Tally {
  unit: UnitInfo;
  kind: FormKind;
  byStatus: Record<SubmissionStatus, number>;
  projects: Set<string>;
  funds: number;
  fundsSeen: boolean;
  done: number;
  of: number;
  scoreSum: number;
  scoreCount: number;
  lowest: number;
  grades: Record<Rating, number>;
  red: number;
  yellow: number;
  errors: number;
  warnings: number;
}

function newTally(unit: UnitInfo, kind: FormKind): Tally {
  return {
    unit,
    kind,
    byStatus: { draft: 0, submitted: 0, returned: 0, approved: 0 },
    projects: new Set(),
    funds: 0,
    fundsSeen: false,
    done: 0,
    of: 0,
    scoreSum: 0,
    scoreCount: 0,
    lowest: Infinity,
    grades: { excellent: 0, good: 0, fair: 0, poor: 0 },
    red: 0,
    yellow: 0,
    errors: 0,
    warnings: 0,
  };
}

const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

function lightCounts(f: FormFacts): { red: number; yellow: number } {
  let red = 0;
  let yellow = 0;
  if (f.lights) {
    for (const l of [f.lights.budget, ...f.lights.rows]) {
      if (l === "red") red++;
      else if (l === "yellow") yellow++;
    }
  }
  return { red, yellow };
}

// Every row below is written field by field, the fields it shares with other sheets (FormLine,
// UnitKindLine) included, never spread from a shared object: a spread made each of the 200,000
// indicator rows cost twice the CPU, and the 20,000 kept form rows took ~120 MB more at the peak
// (bench/consolidate.ts, floor stage: 11.4 s CPU and 295 MB with spreads, 4.5 s and 170 MB without).

async function* walk(input: ConsolidationInput): AsyncGenerator<StoredForm> {
  for await (const s of input.forms()) {
    if (s.key.year !== input.year) continue;
    if (input.kind !== undefined && s.key.kind !== input.kind) continue;
    yield s;
  }
}

/** Runs the first pass; the indicator rows and findings follow from the returned generators. */
export async function consolidate(input: ConsolidationInput): Promise<Consolidation> {
  const kinds = input.kind ? [input.kind] : [...formKinds];
  const units = new Map<string, UnitInfo>();
  for (const u of input.units) units.set(u.code, u);

  // What each unit owes: every project it has any form for in the year, of any kind.
  const projectsOf = new Map<string, Set<string>>();
  for (const k of input.keys) {
    if (k.year !== input.year) continue;
    let set = projectsOf.get(k.unit);
    if (!set) projectsOf.set(k.unit, (set = new Set()));
    set.add(k.project);
  }

  const tallies = new Map<string, Tally>();
  const tallyOf = (unit: UnitInfo, kind: FormKind): Tally => {
    const id = `${unit.code}\u0000${kind}`;
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = newTally(unit, kind)));
    return t;
  };

  const forms: FormRow[] = [];
  let rowCount = 0;
  let findingCount = 0;
  for await (const s of walk(input)) {
    let unit = units.get(s.key.unit);
    const f = factsOf(s, input.policy, unit?.name);
    if (!unit) {
      // A unit the directory does not know (removed since): still shown, under the form's name.
      unit = { code: s.key.unit, name: f.unitName, confidential: false };
      units.set(unit.code, unit);
    }
    const t = tallyOf(unit, s.key.kind);
    t.byStatus[s.status]++;
    t.projects.add(s.key.project);
    if (f.fundsTotal !== undefined) {
      t.funds += f.fundsTotal;
      t.fundsSeen = true;
    }
    if (f.budget) {
      t.done += f.budget.done;
      t.of += f.budget.of;
    }
    if (f.score) {
      t.scoreSum += f.score.total;
      t.scoreCount++;
      t.lowest = Math.min(t.lowest, f.score.total);
      t.grades[f.score.grade]++;
    }
    const lc = lightCounts(f);
    t.red += lc.red;
    t.yellow += lc.yellow;
    t.errors += f.errors;
    t.warnings += f.warnings;
    const rate = rateOf(f);
    forms.push({
      unitCode: s.key.unit, unitName: f.unitName, projectCode: s.key.project, projectName: f.projectName, kind: s.key.kind, status: s.status,
      revision: s.revision,
      updatedAt: s.updatedAt ?? null,
      readable: f.form !== undefined,
      fundsTotal: f.fundsTotal ?? null,
      executionRate: rate === undefined ? null : round4(rate),
      score: f.score?.total ?? null,
      grade: f.score?.grade ?? null,
      budgetLight: f.lights?.budget ?? null,
      red: lc.red,
      yellow: lc.yellow,
      errors: f.errors,
      warnings: f.warnings,
      indicators: f.form?.indicators.length ?? 0,
    });
    rowCount += f.form?.indicators.length ?? 0;
    findingCount += s.issues.length;
  }

  const summary: SummaryRow[] = [];
  const missing: MissingLine[] = [];
  const ordered = [...units.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const unit of ordered) {
    const projects = projectsOf.get(unit.code) ?? new Set<string>();
    const expected = Math.max(1, projects.size);
    for (const kind of kinds) {
      const t = tallies.get(`${unit.code}\u0000${kind}`) ?? newTally(unit, kind);
      const sent = t.byStatus.submitted + t.byStatus.returned + t.byStatus.approved;
      // A draft is the unit's own work in progress, not something the bureau has received.
      const received = sent;
      const projectsMissing = [...projects].filter((p) => !t.projects.has(p)).sort();
      summary.push({
        unitCode: unit.code, unitName: unit.name, confidential: unit.confidential, kind, expected,
        received,
        draft: t.byStatus.draft,
        submitted: t.byStatus.submitted,
        returned: t.byStatus.returned,
        approved: t.byStatus.approved,
        pending: Math.max(0, expected - sent),
        projectsMissing,
        fundsTotal: t.fundsSeen ? round2(t.funds) : null,
        executionRate: t.of > 0 ? round4(t.done / t.of) : null,
        averageScore: t.scoreCount > 0 ? round2(t.scoreSum / t.scoreCount) : null,
        lowestScore: t.scoreCount > 0 ? t.lowest : null,
        excellent: t.grades.excellent,
        good: t.grades.good,
        fair: t.grades.fair,
        poor: t.grades.poor,
        red: t.red,
        yellow: t.yellow,
        errors: t.errors,
        warnings: t.warnings,
        ...cycleOf(input.cycle?.get(unit.code)),
      });
      if (sent === 0) {
        missing.push({
          unitCode: unit.code, unitName: unit.name, confidential: unit.confidential, kind, expected,
          drafts: t.byStatus.draft,
          projects: [...projects].sort(),
        });
      }
    }
  }

  return {
    year: input.year,
    kind: input.kind,
    kinds,
    summary,
    forms,
    missing,
    treasury: input.treasury ?? [],
    counts: { forms: forms.length, rows: rowCount, findings: findingCount },
    rows: () => indicatorLines(input, units),
    findings: () => findingLines(input, units),
  };
}

function typed(v: unknown): string | number | null {
  return typeof v === "string" || typeof v === "number" ? v : null;
}

function findingsText(list: readonly { rule: string; message: { zh: string } }[] | undefined): string {
  if (!list || list.length === 0) return "";
  return list.map((i) => `${i.rule} ${i.message.zh}`).join("；");
}

async function* indicatorLines(input: ConsolidationInput, units: Map<string, UnitInfo>): AsyncGenerator<IndicatorLine> {
  for await (const s of walk(input)) {
    const f = factsOf(s, input.policy, units.get(s.key.unit)?.name);
    const form = f.form;
    if (!form) continue;
    const byRow = issuesByRow(s.issues);
    const rows: readonly IndicatorRow[] = form.indicators;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const value = form.kind === "selfEval" ? r.actual : form.kind === "monitor" ? r.toDate : undefined;
      yield {
        unitCode: s.key.unit, unitName: f.unitName, projectCode: s.key.project, projectName: f.projectName, kind: s.key.kind, status: s.status,
        row: i + 1,
        level1: r.level1,
        level2: r.level2,
        name: r.name ?? null,
        code: r.code ?? null,
        operator: r.operator ?? null,
        target: typed(r.target),
        targetHigh: typed(r.targetHigh),
        unit: r.unit ?? null,
        value: typed(value),
        weight: form.kind === "selfEval" ? typed(r.weight) : null,
        score: f.score && !r.na ? (f.score.rows[i] ?? null) : null,
        light: f.lights?.rows[i] ?? null,
        na: r.na === true,
        findings: findingsText(byRow.get(i)),
      };
    }
  }
}

async function* findingLines(input: ConsolidationInput, units: Map<string, UnitInfo>): AsyncGenerator<FindingLine> {
  for await (const s of walk(input)) {
    if (s.issues.length === 0) continue;
    const unitName = units.get(s.key.unit)?.name ?? s.key.unit;
    const project = s.form.project;
    const projectName =
      project !== null && typeof project === "object" && typeof (project as { name?: unknown }).name === "string"
        ? ((project as { name: string }).name)
        : s.key.project;
    for (const i of s.issues) {
      yield {
        unitCode: s.key.unit, unitName, projectCode: s.key.project, projectName, kind: s.key.kind, status: s.status,
        rule: i.rule,
        severity: i.severity,
        cell: i.cell ?? null,
        path: i.path,
        zh: i.message.zh,
        en: i.message.en,
      };
    }
  }
}
