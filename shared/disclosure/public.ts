// What the public sees (docs/domain.md, 绩效信息公开): for each project finance marked key (重点项目), its
// approved target form and its approved self-evaluation results — score, grade, each indicator's
// target and actual. Built from an allow-list of fields, so comments, tokens, revisions, cells and
// who-saved-what never get in; every string then goes through redactDeep, so contacts, phone
// numbers, ID numbers and e-mail addresses typed in free text do not either. Confidential (涉密)
// units are left out by the caller's `disclosable` and again here.
import type { Form, IndicatorRow, SelfEvalForm, TargetForm, Typed } from "../form.ts";
import {
  kindTerms,
  level1Terms,
  level2Terms,
  operatorTerms,
  ratingTerms,
  type Level1,
  type Level2,
  type Operator,
  type Rating,
} from "../glossary.ts";
import type { Policy } from "../policy.ts";
import { readAmount } from "../rules/amounts.ts";
import { score } from "../rules/score.ts";
import type { SheetPlan } from "../sheet/plan.ts";
import { redactWithReport, type PathRemoval } from "./redact.ts";

export interface DisclosedIndicator {
  level1: Level1;
  level2: Level2;
  name: string | null;
  operator: Operator | null;
  target: Typed | null;
  targetHigh: Typed | null;
  unit: string | null;
}

export interface DisclosedResult extends DisclosedIndicator {
  actual: Typed | null;
  weight: Typed | null;
  score: number | null;
}

export interface DisclosedProject {
  unit: { code: string; name: string };
  project: { code: string; name: string; field: string; attribute: string; periodStart: string | null; periodEnd: string | null };
  target: {
    funds: { total: Typed; fiscal: Typed; other: Typed };
    goals: { overall: string | null; annual: string | null };
    indicators: DisclosedIndicator[];
  } | null;
  selfEval: {
    score: number;
    grade: Rating;
    /** executed ÷ adjusted, a fraction */
    executionRate: number | null;
    goals: { actual: string | null };
    indicators: DisclosedResult[];
  } | null;
}

export interface Disclosure {
  year: number;
  projects: DisclosedProject[];
}

/** A key project's forms as the caller found them: only approved forms are passed on. */
export interface KeyProjectForms {
  unit: { code: string; name: string; confidential: boolean };
  project: string;
  /** the latest revision of the target form, when its status is approved */
  target?: Form;
  /** the latest revision of the self-evaluation form, when its status is approved */
  selfEval?: Form;
}

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);
const typed = (v: unknown): Typed | null => (typeof v === "string" || typeof v === "number" ? v : null);

function indicator(r: IndicatorRow): DisclosedIndicator {
  return {
    level1: r.level1,
    level2: r.level2,
    name: orNull(r.name),
    operator: orNull(r.operator),
    target: typed(r.target),
    targetHigh: typed(r.targetHigh),
    unit: orNull(r.unit),
  };
}

function projectOf(f: Form): DisclosedProject["project"] {
  return {
    code: f.project.code,
    name: f.project.name,
    field: f.project.field,
    attribute: f.project.attribute,
    periodStart: orNull(f.project.periodStart),
    periodEnd: orNull(f.project.periodEnd),
  };
}

function targetPart(f: TargetForm): NonNullable<DisclosedProject["target"]> {
  return {
    funds: { total: f.funds.total, fiscal: f.funds.fiscal, other: f.funds.other },
    goals: { overall: orNull(f.goals.overall), annual: orNull(f.goals.annual) },
    indicators: f.indicators.filter((r) => !r.na).map(indicator),
  };
}

function selfEvalPart(f: SelfEvalForm, policy: Policy): NonNullable<DisclosedProject["selfEval"]> {
  const s = score(f, policy);
  const adjusted = readAmount(f.budget.adjusted, false);
  const executed = readAmount(f.budget.executed, true);
  return {
    score: s.total,
    grade: s.grade,
    executionRate: adjusted !== undefined && executed !== undefined && adjusted > 0 ? Math.round((executed / adjusted) * 10000) / 10000 : null,
    goals: { actual: orNull(f.goals.actual) },
    indicators: f.indicators.map((r, i) => ({ ...indicator(r), actual: typed(r.actual), weight: typed(r.weight), score: r.na ? null : (s.rows[i] ?? null) })),
  };
}

/** What redaction took out of one disclosed project: where (a path in it), what kind, the text. */
export interface DisclosureRemoval extends PathRemoval {
  unit: string;
  project: string;
}

/** One key project for the public, or undefined when nothing of it may be disclosed. */
export function discloseProject(p: KeyProjectForms, policy: Policy): DisclosedProject | undefined {
  return discloseProjectWithReport(p, policy)?.project;
}

/** discloseProject, with what redaction took out of it (finance's preview shows it). */
export function discloseProjectWithReport(p: KeyProjectForms, policy: Policy): { project: DisclosedProject; removed: DisclosureRemoval[] } | undefined {
  if (p.unit.confidential) return undefined;
  const target = p.target?.kind === "target" ? p.target : undefined;
  const selfEval = p.selfEval?.kind === "selfEval" ? p.selfEval : undefined;
  const any = target ?? selfEval;
  if (!any) return undefined;
  const out: DisclosedProject = {
    unit: { code: p.unit.code, name: p.unit.name },
    project: projectOf(any),
    target: target ? targetPart(target) : null,
    selfEval: selfEval ? selfEvalPart(selfEval, policy) : null,
  };
  const r = redactWithReport(out);
  return { project: r.value, removed: r.removed.map((x) => ({ unit: p.unit.code, project: p.project, ...x })) };
}

export function disclose(year: number, projects: readonly KeyProjectForms[], policy: Policy): Disclosure {
  return discloseWithReport(year, projects, policy).disclosure;
}

/** disclose, with everything redaction took out, project by project. */
export function discloseWithReport(year: number, projects: readonly KeyProjectForms[], policy: Policy): { disclosure: Disclosure; removed: DisclosureRemoval[] } {
  const out: DisclosedProject[] = [];
  const removed: DisclosureRemoval[] = [];
  for (const p of projects) {
    const d = discloseProjectWithReport(p, policy);
    if (!d) continue;
    out.push(d.project);
    removed.push(...d.removed);
  }
  out.sort((a, b) => (a.unit.code + "\u0000" + a.project.code < b.unit.code + "\u0000" + b.project.code ? -1 : 1));
  return { disclosure: { year, projects: out }, removed };
}

type Cell = string | number | null;

export const disclosureHeader = [
  "单位代码", "单位名称", "项目代码", "项目名称", "表类", "资金总额（万元）", "年度目标", "实际完成情况", "自评得分", "等级", "预算执行率",
  "一级指标", "二级指标", "三级指标", "运算符", "指标值", "上限", "计量单位", "实际完成值", "分值", "得分",
] as const;

/** One line per disclosed indicator (targets, then results), with its project's figures: the CSV and the 指标 sheet. */
export function disclosureRows(d: Disclosure): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of d.projects) {
    const head = (kind: "target" | "selfEval"): Cell[] => [
      p.unit.code,
      p.unit.name,
      p.project.code,
      p.project.name,
      kindTerms[kind].zh,
      p.target ? p.target.funds.total : null,
      p.target?.goals.annual ?? null,
      kind === "selfEval" ? (p.selfEval?.goals.actual ?? null) : null,
      kind === "selfEval" && p.selfEval ? p.selfEval.score : null,
      kind === "selfEval" && p.selfEval ? ratingTerms[p.selfEval.grade].zh : null,
      kind === "selfEval" && p.selfEval ? p.selfEval.executionRate : null,
    ];
    const ind = (r: DisclosedIndicator): Cell[] => [
      level1Terms[r.level1].zh,
      level2Terms[r.level2].zh,
      r.name,
      r.operator ? operatorTerms[r.operator].zh : null,
      r.target,
      r.targetHigh,
      r.unit,
    ];
    for (const r of p.target?.indicators ?? []) rows.push([...head("target"), ...ind(r), null, null, null]);
    for (const r of p.selfEval?.indicators ?? []) rows.push([...head("selfEval"), ...ind(r), r.actual, r.weight, r.score]);
  }
  return rows;
}

/** The public workbook: one sheet of indicator lines, with a filter table and coloured grades. */
export function disclosurePlan(d: Disclosure): SheetPlan {
  const rows = disclosureRows(d);
  const n = rows.length;
  const last = Math.max(n + 1, 2);
  return {
    name: `${d.year}年度重点项目绩效信息`,
    values: [[...disclosureHeader], ...rows],
    styles: [
      { range: `A1:U1`, style: { bold: true, fill: "#D9E1F2", horizontal: "center", vertical: "middle", wrap: true, border: true } },
      { range: `I2:I${last}`, style: { numberFormat: "0.00" } },
      { range: `K2:K${last}`, style: { numberFormat: "0.0%" } },
      { range: `U2:U${last}`, style: { numberFormat: "0.00" } },
      { range: `F2:F${last}`, style: { numberFormat: "0.00" } },
    ],
    columnWidths: [12, 22, 14, 26, 16, 12, 40, 40, 9, 6, 10, 12, 16, 28, 7, 12, 8, 10, 12, 7, 8],
    freeze: { rows: 1, columns: 0 },
    ...(n > 0 ? { tables: [{ name: "T_disclosure", range: `A1:U${n + 1}` }] } : {}),
    highlights: n > 0
      ? [
          { range: `J2:J${last}`, equals: ratingTerms.excellent.zh, fill: "#C6EFCE", fontColor: "#006100" },
          { range: `J2:J${last}`, equals: ratingTerms.good.zh, fill: "#DDEBF7", fontColor: "#1F4E78" },
          { range: `J2:J${last}`, equals: ratingTerms.fair.zh, fill: "#FFEB9C", fontColor: "#9C5700" },
          { range: `J2:J${last}`, equals: ratingTerms.poor.zh, fill: "#FFC7CE", fontColor: "#9C0006" },
        ]
      : [],
    print: { orientation: "landscape", fitToWidth: true, titleRows: "1:1" },
  };
}
