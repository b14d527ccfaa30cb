// The work report's expert reviews (专家评审, docs/work-report.md and docs/experts.md): what was
// assigned to experts by the report's day, per kind of item, how many sheets came back and their
// mean total, the sheets the panel marked as outliers, and the panels' conclusions — round 1 for
// evaluation plans, round 2 for evaluation reports. A panel of two cannot say which expert is off:
// when their totals lie too far apart it is counted as divergent (差异较大) instead. Pure: the
// server hands over the year's assignments with their sheets; the panel is shared/expert/panel.ts's,
// as finance sees it.
import { codesOf } from "../glossary.ts";
import { panelOf } from "../expert/panel.ts";
import type { OutlierRule } from "../expert/policy.ts";
import { expertFieldTerms, itemKindTerms, verdictTerms, type Assignment, type Expert, type ExpertField, type ItemKind, type Review, type Verdict } from "../expert/review.ts";
import type { ReportSection } from "./section.ts";

export interface ExpertReviewInput {
  /** The year's assignments, each with its experts' sheets. */
  assignments: readonly { assignment: Assignment; reviews: readonly Review[] }[];
  experts: readonly Expert[];
  rule: OutlierRule;
  /** The instant the figures stand at (ISO): later assignments, sheets and conclusions are not counted. */
  at: string;
}

export interface ExpertReviewKindFigures {
  /** items assigned */
  items: number;
  /** items whose panel has concluded */
  concluded: number;
  /** sheets submitted */
  sheets: number;
  /** the mean of the submitted sheets' totals (points of 100) */
  meanScore: number | null;
  /** submitted sheets whose total the panel marked as an outlier */
  outliers: number;
  /** panels of two whose totals lie too far apart to say which is off */
  divergent: number;
  verdicts: Record<Verdict, number>;
}

export interface ExpertReviewFigures {
  items: number;
  concluded: number;
  sheets: number;
  /** experts who submitted at least one sheet, by field */
  experts: number;
  expertsByField: Record<ExpertField, number>;
  meanScore: number | null;
  outliers: number;
  /** panels of two too far apart (shared/expert/panel.ts) */
  divergent: number;
  byKind: Record<ItemKind, ExpertReviewKindFigures>;
}

const kinds = codesOf(itemKindTerms);
const verdicts = codesOf(verdictTerms);
const noVerdicts = (): Record<Verdict, number> => ({ pass: 0, revise: 0, fail: 0 });
const mean = (xs: readonly number[]) => (xs.length > 0 ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

export function expertReviewFigures(input: ExpertReviewInput): ExpertReviewFigures {
  const byKind = Object.fromEntries(
    kinds.map((k) => [k, { items: 0, concluded: 0, sheets: 0, meanScore: null, outliers: 0, divergent: 0, verdicts: noVerdicts() } satisfies ExpertReviewKindFigures]),
  ) as Record<ItemKind, ExpertReviewKindFigures>;
  const totals = new Map<ItemKind, number[]>(kinds.map((k) => [k, []]));
  const scored = new Set<string>();
  for (const { assignment: a, reviews } of input.assignments) {
    if (a.at > input.at) continue;
    const k = byKind[a.kind];
    k.items++;
    if (a.conclusion && a.conclusion.at <= input.at) {
      k.concluded++;
      k.verdicts[a.conclusion.verdict]++;
    }
    const submitted = reviews.filter((r) => r.submittedAt !== undefined && r.submittedAt <= input.at);
    if (submitted.length === 0) continue;
    const panel = panelOf(a.sheet.criteria, submitted, input.rule);
    for (const e of panel.experts) {
      totals.get(a.kind)!.push(e.total);
      if (e.outlier) k.outliers++;
      scored.add(e.expert);
    }
    k.sheets += submitted.length;
    if (panel.divergent) k.divergent++;
  }
  for (const kind of kinds) byKind[kind].meanScore = mean(totals.get(kind)!);
  const expertsByField: Record<ExpertField, number> = { performance: 0, industry: 0 };
  for (const e of input.experts) if (scored.has(e.code)) expertsByField[e.field]++;
  const all = kinds.map((k) => byKind[k]);
  return {
    items: all.reduce((s, k) => s + k.items, 0),
    concluded: all.reduce((s, k) => s + k.concluded, 0),
    sheets: all.reduce((s, k) => s + k.sheets, 0),
    experts: scored.size,
    expertsByField,
    meanScore: mean(kinds.flatMap((k) => totals.get(k)!)),
    outliers: all.reduce((s, k) => s + k.outliers, 0),
    divergent: all.reduce((s, k) => s + k.divergent, 0),
    byKind,
  };
}

/** What each kind is called in the report: plans and reports with their round (docs/experts.md, "Two rounds"). */
const kindLabel: Record<ItemKind, string> = {
  target: itemKindTerms.target.zh,
  selfEval: itemKindTerms.selfEval.zh,
  plan: `${itemKindTerms.plan.zh}（第一轮）`,
  report: `${itemKindTerms.report.zh}（第二轮）`,
};

function verdictWords(v: Record<Verdict, number>): string {
  return verdicts.map((x) => `${verdictTerms[x].zh}${v[x]}个`).join("、");
}

/** The section 专家评审: its words and its table (the caption is numbered with the report's others). */
export function expertReviewSection(f: ExpertReviewFigures): ReportSection {
  if (f.items === 0) return { heading: "专家评审", paragraphs: ["本期未组织专家评审。"] };
  const fields = codesOf(expertFieldTerms)
    .filter((x) => f.expertsByField[x] > 0)
    .map((x) => `${expertFieldTerms[x].zh}${f.expertsByField[x]}名`)
    .join("、");
  const items = kinds
    .filter((k) => f.byKind[k].items > 0)
    .map((k) => `${kindLabel[k]}${f.byKind[k].items}个`)
    .join("、");
  const apart =
    f.outliers + f.divergent > 0
      ? `评分明显偏离专家组中位数的${f.outliers}份${f.divergent > 0 ? `，两名专家评分相差较大的评审组${f.divergent}个` : ""}，已提请专家组复核。`
      : "各专家评分未见明显偏离。";
  const paragraphs = [
    `组织绩效专家和行业专家开展评审，评价方案和评价报告分两轮评审（“双监控”）。共组织${f.experts}名专家${fields ? `（${fields}）` : ""}对${f.items}个事项进行评审，其中${items}。收回专家评分表${f.sheets}份，平均得分${f.meanScore ?? "—"}分；${apart}`,
  ];
  const rounds = kinds.filter((k) => f.byKind[k].concluded > 0).map((k) => `${kindLabel[k]}${f.byKind[k].concluded}个（${verdictWords(f.byKind[k].verdicts)}）`);
  paragraphs.push(rounds.length > 0 ? `已形成专家组结论${f.concluded}个：${rounds.join("；")}。` : "专家组尚未形成结论。");
  return {
    heading: "专家评审",
    paragraphs,
    table: {
      caption: "专家评审情况",
      headers: ["评审事项", "事项（个）", "评分表（份）", "平均得分", "偏离较大（份）", ...verdicts.map((v) => verdictTerms[v].zh)],
      // the items' names (评价方案（第一轮）) on one line; the figures' columns narrow
      widths: [46, 15, 17, 15, 17, 13, 20, 13],
      rows: kinds
        .filter((k) => f.byKind[k].items > 0)
        .map((k) => {
          const x = f.byKind[k];
          return [kindLabel[k], x.items, x.sheets, x.meanScore ?? "—", x.outliers, ...verdicts.map((v) => x.verdicts[v])];
        }),
    },
  };
}
