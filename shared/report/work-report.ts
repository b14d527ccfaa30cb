// The performance work report (绩效工作报告) the bureau gives the district's leadership twice a year
// (docs/work-report.md): what the year's forms, deadlines, checks, results, rectification and
// disclosure add up to, as figures and as the words of an official report. Pure: the server
// gathers the results notice, the consolidation summary and the treasury's warnings, this file
// counts and writes; the .docx is laid out by server/report/docx.ts.
import type { ResultsNotice } from "../cycle/results.ts";
import type { SummaryRow } from "../consolidate/rows.ts";
import { ratingTerms, type FormKind } from "../glossary.ts";
import type { HandoverCounts } from "../cycle/handover.ts";
import type { OpinionCounts } from "../cycle/opinions.ts";
import { expertReviewSection, type ExpertReviewFigures } from "./expert-reviews.ts";
import { handoverSection, opinionSection } from "./opinions-handovers.ts";
import type { ReportSection } from "./section.ts";

export interface WorkReportInput {
  year: number;
  /** 1: the first half (to 30 June); 2 or absent: the year. */
  half?: 1 | 2;
  /** The day the figures stand at. */
  asOf: string;
  bureau: string;
  results: ResultsNotice;
  summary: readonly SummaryRow[];
  /** Projects marked key (重点项目) for disclosure. */
  keyProjects: number;
  /** Projects the treasury's payments show paying behind time (yellow or red). */
  paymentWarnings: { yellow: number; red: number };
  /** The year's expert reviews by the report's day (expert-reviews.ts). */
  expertReviews: ExpertReviewFigures;
  /** Drafts sent for the units' opinions and problems handed on, by the report's day (opinions-handovers.ts). */
  opinions: OpinionCounts;
  handovers: HandoverCounts;
}

/** Every figure the report states, so a test can hold the document to the data. */
export interface WorkReportFigures {
  units: number;
  targetForms: number;
  targetFundsWan: number;
  monitorForms: number;
  selfEvalForms: number;
  selfEvalFundsWan: number;
  approved: number;
  onTime: number;
  late: number;
  missing: number;
  due: number;
  returns: number;
  returnedForms: number;
  averageScore: number | null;
  grades: Record<keyof typeof ratingTerms, number>;
  red: number;
  yellow: number;
  paymentRed: number;
  paymentYellow: number;
  rectOpen: number;
  rectOverdue: number;
  rectClosed: number;
  rectClosedOnTime: number;
  keyProjects: number;
  expertReviews: ExpertReviewFigures;
  opinions: OpinionCounts;
  handovers: HandoverCounts;
}

export interface WorkReport {
  title: string;
  /** The line under the title: who and as of when. */
  byline: string;
  sections: ReportSection[];
  figures: WorkReportFigures;
}

const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—");
const wan = (x: number) => x.toFixed(2);

function sumFunds(summary: readonly SummaryRow[], kind: FormKind): number {
  return summary.filter((r) => r.kind === kind).reduce((s, r) => s + (r.fundsTotal ?? 0), 0);
}

export function buildWorkReport(input: WorkReportInput): WorkReport {
  const { results } = input;
  const forms = results.units.flatMap((u) => u.forms);
  const count = (kind: FormKind) => forms.filter((f) => f.kind === kind).length;
  const f: WorkReportFigures = {
    units: results.units.length,
    targetForms: count("target"),
    targetFundsWan: Math.round(sumFunds(input.summary, "target") * 100) / 100,
    monitorForms: count("monitor"),
    selfEvalForms: count("selfEval"),
    selfEvalFundsWan: Math.round(sumFunds(input.summary, "selfEval") * 100) / 100,
    approved: forms.filter((x) => x.status === "approved").length,
    onTime: 0,
    late: 0,
    missing: 0,
    due: 0,
    returns: forms.reduce((s, x) => s + x.returns, 0),
    returnedForms: forms.filter((x) => x.returns > 0).length,
    averageScore: null,
    grades: { excellent: 0, good: 0, fair: 0, poor: 0 },
    red: 0,
    yellow: 0,
    paymentRed: input.paymentWarnings.red,
    paymentYellow: input.paymentWarnings.yellow,
    rectOpen: 0,
    rectOverdue: 0,
    rectClosed: 0,
    rectClosedOnTime: 0,
    keyProjects: input.keyProjects,
    expertReviews: input.expertReviews,
    opinions: input.opinions,
    handovers: input.handovers,
  };
  const totals: number[] = [];
  for (const u of results.units) {
    f.onTime += u.notices.onTime;
    f.late += u.notices.late;
    f.missing += u.notices.missing;
    f.due += u.notices.due;
    for (const g of Object.keys(f.grades) as (keyof typeof ratingTerms)[]) f.grades[g] += u.grades[g];
    f.red += u.lights.red;
    f.yellow += u.lights.yellow;
    f.rectOpen += u.rectification.open;
    f.rectOverdue += u.rectification.overdue;
    f.rectClosed += u.rectification.closed;
    f.rectClosedOnTime += u.rectification.closedOnTime;
    for (const x of u.forms) if (x.kind === "selfEval" && x.total !== undefined && (x.status === "submitted" || x.status === "approved")) totals.push(x.total);
  }
  f.averageScore = totals.length > 0 ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100 : null;

  const period = input.half === 1 ? `${input.year}年上半年` : `${input.year}年度`;
  const owed = f.onTime + f.late + f.missing;
  const graded = f.grades.excellent + f.grades.good + f.grades.fair + f.grades.poor;
  const ranked = results.units.filter((u) => u.assessment.rank !== null && !u.confidential);
  const sections: ReportSection[] = [
    {
      heading: "总体情况",
      paragraphs: [
        `${period}，全区${f.units}个预算单位纳入预算绩效管理。截至${input.asOf}，共收到绩效目标申报表${f.targetForms}份，涉及资金${wan(f.targetFundsWan)}万元；绩效运行监控表${f.monitorForms}份；绩效自评表${f.selfEvalForms}份，涉及资金${wan(f.selfEvalFundsWan)}万元。已审核通过${f.approved}份。`,
      ],
      table: {
        caption: "绩效管理覆盖情况",
        headers: ["环节", "表单数（份）", "涉及资金（万元）"],
        rows: [
          ["绩效目标申报", f.targetForms, wan(f.targetFundsWan)],
          ["绩效运行监控", f.monitorForms, "—"],
          ["绩效自评", f.selfEvalForms, wan(f.selfEvalFundsWan)],
        ],
      },
    },
    {
      heading: "报送及时性",
      paragraphs: [
        owed > 0
          ? `按财政局通知的报送时限，应报表单${owed}份，按时报送${f.onTime}份（${pct(f.onTime, owed)}），逾期报送${f.late}份，截至目前仍未报送${f.missing}份；另有${f.due}份尚在时限内。`
          : `本期财政局尚未发布设有报送时限的通知${f.due > 0 ? `，${f.due}份表单尚在时限内` : ""}。`,
      ],
    },
    {
      heading: "填报质量",
      paragraphs: [
        `财政局审核中退回修改${f.returns}次，涉及表单${f.returnedForms}份。所有表单在填报和保存时均按指标库及规则自动校验，存在错误的表单不能报送。`,
      ],
    },
    {
      heading: "自评结果",
      paragraphs: [
        graded > 0
          ? `已报送的绩效自评表${graded}份，平均得分${f.averageScore ?? "—"}分。其中评为“优”${f.grades.excellent}份、“良”${f.grades.good}份、“中”${f.grades.fair}份、“差”${f.grades.poor}份。`
          : "本期尚无已报送的绩效自评结果。",
      ],
      ...(graded > 0
        ? {
            chart: {
              caption: "自评等级分布（份）",
              bars: [
                { label: ratingTerms.excellent.zh, value: f.grades.excellent, colour: "green" as const },
                { label: ratingTerms.good.zh, value: f.grades.good, colour: "blue" as const },
                { label: ratingTerms.fair.zh, value: f.grades.fair, colour: "yellow" as const },
                { label: ratingTerms.poor.zh, value: f.grades.poor, colour: "red" as const },
              ],
            },
          }
        : {}),
    },
    {
      heading: "运行监控与预警",
      paragraphs: [
        `绩效运行监控中，预算执行和绩效指标共亮红灯${f.red}个、黄灯${f.yellow}个。根据国库集中支付数据，支付进度明显滞后于时间进度的项目${f.paymentRed}个（红灯）、略有滞后的${f.paymentYellow}个（黄灯），已提示相关单位加快执行。`,
      ],
    },
    {
      heading: "问题整改",
      paragraphs: [
        `针对审核和评价中发现的问题，共下达整改事项${f.rectOpen + f.rectClosed}项，已整改完成${f.rectClosed}项（其中按期完成${f.rectClosedOnTime}项），尚在整改${f.rectOpen}项，其中逾期未完成${f.rectOverdue}项。`,
      ],
    },
    {
      heading: "信息公开",
      paragraphs: [`确定重点项目${f.keyProjects}个，其绩效目标和自评结果按规定向社会公开，公开内容已去除个人信息，涉密单位不予公开。`],
    },
    expertReviewSection(f.expertReviews),
    opinionSection(f.opinions),
    handoverSection(f.handovers),
    {
      heading: "单位考核",
      paragraphs: [
        ranked.length > 0
          ? `按单位绩效管理工作考核办法，对${ranked.length}个单位进行了考核，排名前列的单位见下表。`
          : "本期尚无可排名的单位考核结果。",
      ],
      ...(ranked.length > 0
        ? {
            table: {
              caption: "单位绩效管理工作考核（前十名）",
              headers: ["名次", "单位", "考核得分"],
              rows: ranked.slice(0, 10).map((u) => [u.assessment.rank ?? "—", u.name, u.assessment.total ?? "—"]),
            },
          }
        : {}),
    },
  ];
  // headings 一、二、三 and tables and figures numbered in the order they appear
  let tables = 0;
  let charts = 0;
  return {
    title: `${input.bureau}关于${period}预算绩效管理工作情况的报告`,
    byline: `（数据截至${input.asOf}）`,
    sections: sections.map((s, i) => ({
      ...s,
      heading: `${numerals[i]}、${s.heading}`,
      ...(s.table ? { table: { ...s.table, caption: `表${++tables} ${s.table.caption}` } } : {}),
      ...(s.chart ? { chart: { ...s.chart, caption: `图${++charts} ${s.chart.caption}` } } : {}),
    })),
    figures: f,
  };
}
