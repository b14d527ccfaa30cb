// The results notice (结果通报) of a year: each unit's forms and their results (grades, scores,
// lights), deadlines kept or missed, open rectification and its assessment — as JSON, as a
// workbook plan (rendered to .xlsx by server/xlsx/render.ts), and its public subset for
// disclosure (no confidential unit, no rectification text, only key projects' forms, personal
// data taken out of every string).
import { type Rating } from "../glossary.ts";
import { redactDeep } from "../disclosure/redact.ts";
import type { Policy } from "../policy.ts";
import type { SheetPlan, WorkbookPlan } from "../sheet/plan.ts";
import type { Handover, HandoverLine } from "./handover.ts";
import { deadlineDay, opinionLines, type Consultation, type OpinionLine } from "./opinions.ts";
import { assess, round2, type ComponentName, type UnitAssessment } from "./assessment.ts";
import { countStates, yearItems, type DeadlineState, type FormFact, type FormKind, type Notice, type StateCounts } from "./notice.ts";
import { isOverdue, rectCounts, type RectCounts, type Rectification, type RectState } from "./rectification.ts";

export interface ResultForm {
  project: string;
  projectName?: string;
  kind: FormKind;
  status: FormFact["status"];
  /** Against the notice that governs it; null when no notice asked for it. */
  deadline: DeadlineState | null;
  firstSubmittedAt?: string;
  returns: number;
  total?: number;
  grade?: FormFact["grade"];
  lights?: { red: number; yellow: number; green: number };
}

export interface UnitResult {
  unit: string;
  name: string;
  confidential: boolean;
  forms: ResultForm[];
  /** Forms owed and never saved: `project` null when the unit has no form of that kind at all. */
  missing: { kind: FormKind; project: string | null }[];
  notices: StateCounts;
  grades: Record<Rating, number>;
  averageScore: number | null;
  lights: { red: number; yellow: number; green: number };
  rectification: RectCounts & {
    openItems: { id: string; project: string; kind: FormKind; requirement: string; deadline: string; state: RectState; overdue: boolean }[];
  };
  assessment: { total: number | null; rank: number | null; components: Record<ComponentName, number | null> };
  /** Problems handed to a supervision department (问题移送). */
  handedOn: HandoverLine[];
}

/** A results notice's draft sent for opinions: the opinions received and how each was handled. */
export interface NoticeOpinions {
  id: string;
  title: string;
  state: Consultation["state"];
  deadline: string;
  finalisedAt?: string;
  lines: OpinionLine[];
}

export interface ResultsNotice {
  year: number;
  generatedAt: string;
  weights: Policy["assessment"];
  units: UnitResult[];
  /** The drafts of this notice sent for opinions (征求意见), oldest first. */
  opinions: NoticeOpinions[];
}

export interface ResultsInput {
  year: number;
  now: string;
  units: readonly { code: string; name: string; confidential: boolean }[];
  notices: readonly Notice[];
  forms: readonly FormFact[];
  rectifications: readonly Rectification[];
  consultations?: readonly Consultation[];
  handovers?: readonly Handover[];
  policy: Pick<Policy, "assessment">;
}

export function buildResults(input: ResultsInput): { results: ResultsNotice; assessment: UnitAssessment[] } {
  const assessment = assess(input);
  const byUnit = new Map(assessment.map((a) => [a.unit, a]));
  const units = input.units.map((u): UnitResult => {
    const forms = input.forms.filter((f) => f.year === input.year && f.unit === u.code);
    const items = yearItems(input.notices, input.year, u.code, forms, input.now);
    const stateOf = new Map(items.map((i) => [`${i.kind}/${i.project}`, i.state]));
    const rects = input.rectifications.filter((r) => r.year === input.year && r.unit === u.code);
    const grades = { excellent: 0, good: 0, fair: 0, poor: 0 };
    const lights = { red: 0, yellow: 0, green: 0 };
    const totals: number[] = [];
    const rows = [...forms]
      .sort((a, b) => a.project.localeCompare(b.project) || a.kind.localeCompare(b.kind))
      .map((f): ResultForm => {
        const row: ResultForm = { project: f.project, kind: f.kind, status: f.status, deadline: stateOf.get(`${f.kind}/${f.project}`) ?? null, returns: f.returns };
        if (f.projectName !== undefined) row.projectName = f.projectName;
        if (f.firstSubmittedAt !== undefined) row.firstSubmittedAt = f.firstSubmittedAt;
        const counted = f.status === "submitted" || f.status === "approved";
        if (f.total !== undefined) row.total = round2(f.total);
        if (f.grade !== undefined) row.grade = f.grade;
        if (f.lights) row.lights = f.lights;
        if (counted && f.kind === "selfEval" && f.total !== undefined) {
          totals.push(f.total);
          if (f.grade) grades[f.grade]++;
        }
        if (counted && f.lights) {
          lights.red += f.lights.red;
          lights.yellow += f.lights.yellow;
          lights.green += f.lights.green;
        }
        return row;
      });
    const a = byUnit.get(u.code);
    const components = Object.fromEntries(
      Object.entries(a?.components ?? {}).map(([k, c]) => [k, c.score === null ? null : round2(c.score)]),
    ) as Record<ComponentName, number | null>;
    return {
      unit: u.code,
      name: u.name,
      confidential: u.confidential,
      forms: rows,
      missing: items.filter((i) => i.state === "missing" && (i.project === null || !forms.some((f) => f.kind === i.kind && f.project === i.project))).map((i) => ({ kind: i.kind, project: i.project })),
      notices: countStates(items),
      grades,
      averageScore: totals.length > 0 ? round2(totals.reduce((s, t) => s + t, 0) / totals.length) : null,
      lights,
      rectification: {
        ...rectCounts(rects, input.now),
        openItems: rects
          .filter((r) => r.state !== "closed")
          .map((r) => ({ id: r.id, project: r.project, kind: r.kind, requirement: r.requirement, deadline: r.deadline, state: r.state, overdue: isOverdue(r, input.now) })),
      },
      assessment: { total: a?.total ?? null, rank: a?.rank ?? null, components },
      handedOn: a?.handedOn ?? [],
    };
  });
  units.sort((x, y) => (x.assessment.rank ?? Infinity) - (y.assessment.rank ?? Infinity) || x.unit.localeCompare(y.unit));
  const opinions = (input.consultations ?? [])
    .filter((c) => c.year === input.year && c.subject.kind === "results")
    .map((c): NoticeOpinions => ({ id: c.id, title: c.title, state: c.state, deadline: c.deadline, ...(c.finalisedAt ? { finalisedAt: c.finalisedAt } : {}), lines: opinionLines(c) }));
  return { results: { year: input.year, generatedAt: input.now, weights: input.policy.assessment, units, opinions }, assessment };
}

export interface PublicUnitResult {
  unit: string;
  name: string;
  grades: UnitResult["grades"];
  averageScore: number | null;
  notices: StateCounts;
  rectification: RectCounts;
  assessment: { total: number | null; rank: number | null };
  /** Self-evaluation results of the unit's key projects (重点项目) only. */
  keyProjects: { project: string; projectName?: string; total?: number; grade?: ResultForm["grade"] }[];
}

/**
 * The public subset (docs/domain.md): confidential units left out (and the ranks counted again without
 * them, so no gap betrays one), no rectification text, self-evaluation results of key projects
 * only, personal data taken out of every string.
 */
export function publicResults(r: ResultsNotice, keyProjects: readonly { unit: string; project: string }[]): { year: number; generatedAt: string; units: PublicUnitResult[] } {
  const keys = new Set(keyProjects.map((k) => `${k.unit}/${k.project}`));
  const shown = r.units.filter((u) => !u.confidential);
  const totals = shown.map((u) => u.assessment.total).filter((t): t is number => t !== null).sort((a, b) => b - a);
  const units = shown.map((u): PublicUnitResult => {
    const { openItems: _drop, ...counts } = u.rectification;
    const total = u.assessment.total;
    return {
      unit: u.unit,
      name: u.name,
      grades: u.grades,
      averageScore: u.averageScore,
      notices: u.notices,
      rectification: counts,
      assessment: { total, rank: total === null ? null : totals.indexOf(total) + 1 },
      keyProjects: u.forms
        .filter((f) => f.kind === "selfEval" && (f.status === "submitted" || f.status === "approved") && keys.has(`${u.unit}/${f.project}`))
        .map((f) => {
          const k: PublicUnitResult["keyProjects"][number] = { project: f.project };
          if (f.projectName !== undefined) k.projectName = f.projectName;
          if (f.total !== undefined) k.total = f.total;
          if (f.grade !== undefined) k.grade = f.grade;
          return k;
        }),
    };
  });
  return redactDeep({ year: r.year, generatedAt: r.generatedAt, units });
}

const gradeLabel = { excellent: "优", good: "良", fair: "中", poor: "差" } as const;
const stateLabel: Record<DeadlineState, string> = { onTime: "按时", late: "逾期", due: "未到期", missing: "未报送" };
const statusLabel = { draft: "草稿", submitted: "已报送", returned: "已退回", approved: "已审核" } as const;
const kindLabel = { target: "绩效目标", monitor: "运行监控", selfEval: "绩效自评" } as const;
const rectLabel = { open: "整改中", answered: "待审核", closed: "已办结" } as const;

function col(n: number): string {
  let s = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function table(name: string, tableName: string, header: string[], rows: (string | number | null)[][], widths: number[], formats: { col: number; format: string }[] = []): SheetPlan {
  const last = Math.max(rows.length + 1, 2);
  const lastCol = col(header.length);
  return {
    name,
    values: [header, ...rows],
    styles: [
      { range: `A1:${lastCol}1`, style: { bold: true, fill: "#DDEBF7", border: true, horizontal: "center", wrap: true } },
      ...(rows.length > 0 ? [{ range: `A2:${lastCol}${last}`, style: { border: true } }] : []),
      ...formats.map((f) => ({ range: `${col(f.col)}2:${col(f.col)}${last}`, style: { numberFormat: f.format } })),
    ],
    columnWidths: widths,
    freeze: { rows: 1, columns: 2 },
    ...(rows.length > 0 ? { tables: [{ name: tableName, range: `A1:${lastCol}${rows.length + 1}` }] } : {}),
    print: { orientation: "landscape", fitToWidth: true, titleRows: "1:1", paperSize: "A4" },
  };
}

/** The results notice as a workbook: a summary per unit, every form, every open rectification item. */
export function resultsWorkbookPlan(r: ResultsNotice): WorkbookPlan {
  const summary = table(
    "结果通报",
    "Results",
    ["单位代码", "单位名称", "按时报送", "逾期报送", "未报送", "退回次数", "自评平均分", "优", "良", "中", "差", "红灯", "黄灯", "整改未办结", "整改逾期", "整改已办结", "考核得分", "排名"],
    r.units.map((u) => [
      u.unit,
      u.name,
      u.notices.onTime,
      u.notices.late,
      u.notices.missing,
      u.forms.reduce((s, f) => s + f.returns, 0),
      u.averageScore,
      u.grades.excellent,
      u.grades.good,
      u.grades.fair,
      u.grades.poor,
      u.lights.red,
      u.lights.yellow,
      u.rectification.open,
      u.rectification.overdue,
      u.rectification.closed,
      u.assessment.total,
      u.assessment.rank,
    ]),
    [12, 24, 9, 9, 9, 9, 11, 6, 6, 6, 6, 6, 6, 11, 9, 11, 10, 6],
    [
      { col: 7, format: "0.00" },
      { col: 17, format: "0.00" },
    ],
  );
  const last = r.units.length + 1;
  summary.highlights = [{ range: `R2:R${Math.max(last, 2)}`, equals: "1", fill: "#C6EFCE" }];
  const forms = table(
    "表单",
    "Forms",
    ["单位代码", "单位名称", "项目代码", "项目名称", "表单", "状态", "报送时限", "首次报送时间", "退回次数", "自评得分", "等级", "红灯", "黄灯"],
    r.units.flatMap((u) => [
      ...u.forms.map((f) => [
        u.unit,
        u.name,
        f.project,
        f.projectName ?? null,
        kindLabel[f.kind],
        statusLabel[f.status],
        f.deadline ? stateLabel[f.deadline] : null,
        f.firstSubmittedAt ?? null,
        f.returns,
        f.total ?? null,
        f.grade ? gradeLabel[f.grade] : null,
        f.lights?.red ?? null,
        f.lights?.yellow ?? null,
      ]),
      ...u.missing.map((m) => [u.unit, u.name, m.project, null, kindLabel[m.kind], "未报送", stateLabel.missing, null, 0, null, null, null, null]),
    ]),
    [12, 24, 12, 28, 10, 8, 10, 22, 8, 9, 6, 6, 6],
    [{ col: 10, format: "0.00" }],
  );
  const n = forms.values.length;
  forms.highlights = [
    { range: `G2:G${Math.max(n, 2)}`, equals: "逾期", fill: "#FFEB9C" },
    { range: `G2:G${Math.max(n, 2)}`, equals: "未报送", fill: "#FFC7CE" },
    { range: `K2:K${Math.max(n, 2)}`, equals: "差", fill: "#FFC7CE" },
  ];
  const rect = table(
    "整改",
    "Rectification",
    ["单位代码", "单位名称", "编号", "项目代码", "表单", "整改要求", "整改时限", "状态", "是否逾期"],
    r.units.flatMap((u) =>
      u.rectification.openItems.map((i) => [u.unit, u.name, i.id, i.project, kindLabel[i.kind], i.requirement, i.deadline, rectLabel[i.state], i.overdue ? "逾期" : ""]),
    ),
    [12, 24, 16, 12, 10, 40, 22, 8, 8],
  );
  rect.styles?.push({ range: `F2:F${Math.max(rect.values.length, 2)}`, style: { wrap: true } });
  const names = new Map(r.units.map((u) => [u.unit, u.name]));
  // The opinions received on the notice's drafts and how each was handled (docs/opinions.md).
  const opinions = table(
    "征求意见",
    "Opinions",
    ["单位代码", "单位名称", "征求意见稿", "反馈截止", "反馈意见", "理由", "证据", "处理情况"],
    r.opinions.flatMap((c) =>
      c.lines.map((l) => [l.unit, names.get(l.unit) ?? null, `${c.title}${c.state === "final" ? "（已定稿）" : "（征求意见中）"}`, deadlineDay(c.deadline), l.said, l.reasons || null, l.evidence ?? null, l.handled || null]),
    ),
    [12, 24, 28, 11, 22, 40, 30, 40],
  );
  opinions.styles?.push({ range: `F2:H${Math.max(opinions.values.length, 2)}`, style: { wrap: true } });
  const handed = table(
    "问题移送",
    "HandedOn",
    ["单位代码", "单位名称", "编号", "移送事项", "移送单位", "移送日期", "移送文号", "问题描述"],
    r.units.flatMap((u) => u.handedOn.map((h) => [u.unit, u.name, h.id, h.what, h.department, h.date, h.reference, h.summary])),
    [12, 24, 16, 30, 16, 11, 20, 40],
  );
  handed.styles?.push({ range: `H2:H${Math.max(handed.values.length, 2)}`, style: { wrap: true } });
  return { sheets: [summary, forms, rect, opinions, handed] };
}

/** What the consolidated summary adds per unit (issue 6's workbook): deadlines, rectification, assessment. */
export interface CycleSummaryColumns extends StateCounts {
  rectOpen: number;
  rectOverdue: number;
  rectClosed: number;
  assessment: number | null;
  rank: number | null;
}

export function cycleSummaryByUnit(r: ResultsNotice): Map<string, CycleSummaryColumns> {
  return new Map(
    r.units.map((u) => [
      u.unit,
      {
        ...u.notices,
        rectOpen: u.rectification.open,
        rectOverdue: u.rectification.overdue,
        rectClosed: u.rectification.closed,
        assessment: u.assessment.total,
        rank: u.assessment.rank,
      },
    ]),
  );
}
