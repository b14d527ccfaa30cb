// The policy's `experts` section (docs/experts.md): the review sheets experts score items on
// (criteria, weights and what each criterion looks at) and the rule that marks an outlier in a
// panel. A bureau publishes its own sheets with its library; these defaults are rebuilt from the
// published sheets and rules named in each sheet's `origin`.
import { z } from "zod";

export const CriterionSchema = z.strictObject({
  /** ASCII, stable: scores and comments are keyed by it */
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, "a criterion id such as completeness"),
  name: z.string().trim().min(1).max(40),
  /** points this criterion is worth */
  weight: z.number().positive().max(100),
  /** what the expert looks at (审核要点) */
  points: z.string().trim().max(400).default(""),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const ReviewSheetSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(60),
    criteria: z.array(CriterionSchema).min(1).max(30),
    /** where the sheet comes from: the published sheet or rule it follows */
    origin: z.string().trim().max(2000).default(""),
  })
  .superRefine((s, ctx) => {
    const ids = s.criteria.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: "custom", path: ["criteria"], message: `评审标准 ${dup} 重复 / criterion ${dup} appears twice` });
    const total = s.criteria.reduce((a, c) => a + c.weight, 0);
    if (Math.abs(total - 100) > 1e-6) ctx.addIssue({ code: "custom", path: ["criteria"], message: `各项分值之和须为 100，现为 ${total} / the weights must add up to 100, they add up to ${total}` });
  });
export type ReviewSheet = z.infer<typeof ReviewSheetSchema>;

const completeness = "http://fsou.com/html/text/lar/173454/17345420_2.html";
const examSheet = "https://docx.baby/p/20791027535051.html";
const reportRules = "https://m.gaodun.com/caiwu/385776.html";
const targetRules = "http://shenhe99.com/mubiaosheding/2018/0902/9001_3.html";

/** 绩效目标评审表: a target form (目标表). */
export const defaultTargetSheet: ReviewSheet = {
  title: "绩效目标评审表",
  criteria: [
    { id: "completeness", name: "目标完整性", weight: 20, points: "目标表按格式填全，无漏填、错填；产出、效果、满意度和成本四方面都有目标" },
    { id: "clarity", name: "指标明确性", weight: 20, points: "目标说清项目要做什么、做到什么程度；指标按数量、质量、时效、成本分别细化" },
    { id: "relevance", name: "目标与指标相关性", weight: 20, points: "目标与规划和单位职能一致，与资金的用途和预期效果对得上；每项指标都服务于目标" },
    { id: "measurability", name: "指标可衡量性", weight: 20, points: "能量化的给出数值，不能量化的分级分档表述；指标值有来源、年底能核实" },
    { id: "budget", name: "预算合理性", weight: 20, points: "资金测算有依据、符合支出标准和定额；资金规模与产出、效果相称" },
  ],
  origin:
    `Criteria: the five the bureau's brief for this feature names. What each looks at follows, in our words: a published ` +
    `ex-ante review sheet laid out as 审核内容 / 审核要点 / 分值, each point graded 优良中差, whose parts on target soundness ` +
    `(complete and correctly filled, specific) and on inputs (costing basis and standards) are worth 20 each, ${examSheet}; ` +
    `a county rule's articles 16-17 on what a target holds (outputs, effects, satisfaction, cost) and how (pointed, detailed, feasible), ${completeness}; ` +
    `the central departments' target rule (财预〔2015〕88号), which grades reviewed targets 优、良、中、差, ${targetRules}. ` +
    `Weights: 20 each, as that sheet weighs each part.`,
};

/** 绩效自评表评审表: a self-evaluation form (自评表). */
export const defaultSelfEvalSheet: ReviewSheet = {
  title: "绩效自评评审表",
  criteria: [
    { id: "completion", name: "目标完成情况", weight: 25, points: "逐项填报全年实际完成值，说明目标完成情况" },
    { id: "evidence", name: "依据与数据", weight: 20, points: "实际值有佐证材料支撑，数据前后一致" },
    { id: "appraisal", name: "对照目标的评价", weight: 20, points: "对照年初目标评价完成情况，自评分与完成情况相符" },
    { id: "deviation", name: "偏差原因分析", weight: 20, points: "未完成或偏差较大的指标说明原因" },
    { id: "improvement", name: "改进措施", weight: 15, points: "提出的改进措施具体、可执行" },
  ],
  origin:
    `What a unit's performance report must hold under 财政支出绩效评价管理暂行办法: article 26 (well founded, complete, accurate, analysed, clear) ` +
    `and article 27 (targets met, results against targets, causes of shortfalls, improvements), ${reportRules}. ` +
    `Weights are this project's: no published self-evaluation review sheet with points was found.`,
};

/** 评价方案评审表: an evaluation plan (评价方案), round 1. */
export const defaultPlanSheet: ReviewSheet = {
  title: "绩效评价方案评审表",
  criteria: [
    { id: "scope", name: "评价对象与目的", weight: 15, points: "说明评价什么、为什么评价，项目概况和绩效目标交代清楚" },
    { id: "indicators", name: "评价指标体系", weight: 30, points: "指标体系和评分标准完整，指标对应绩效目标，权重分配合理" },
    { id: "methods", name: "评价方法与标准", weight: 20, points: "方法与项目相适应，评分办法可操作，定量和定性结合" },
    { id: "data", name: "资料收集与调查", weight: 20, points: "资料清单、现场核查和满意度调查安排可行，能取得可靠数据" },
    { id: "organization", name: "组织实施与进度", weight: 15, points: "人员分工、进度安排和质量控制措施明确" },
  ],
  origin:
    `What an evaluation report must hold under the same rules' article 28 (indicators and standards, measures, achievement, ` +
    `problems and causes, conclusion and advice), which a plan must prepare for, ${reportRules}; the layout of the ex-ante sheet ` +
    `(审核内容 / 审核要点 / 分值), ${examSheet}. No published plan review sheet with points was found; the weights are this project's.`,
};

/** 评价报告评审表: an evaluation report (评价报告), round 2. */
export const defaultReportSheet: ReviewSheet = {
  title: "绩效评价报告评审表",
  criteria: [
    { id: "indicators", name: "指标体系和评价标准", weight: 15, points: "报告列明指标体系和评分标准，与评审通过的方案一致" },
    { id: "measures", name: "主要措施", weight: 10, points: "说明项目为实现目标采取了哪些主要措施" },
    { id: "achievement", name: "目标实现程度", weight: 25, points: "逐项评价目标实现程度，数据有佐证" },
    { id: "problems", name: "问题及原因分析", weight: 20, points: "指出的问题具体，原因分析到位" },
    { id: "conclusion", name: "评价结论及建议", weight: 20, points: "结论明确并与得分一致，建议有针对性、可操作" },
    { id: "writing", name: "依据与行文", weight: 10, points: "依据充分、内容完整、条理清楚，格式规范" },
  ],
  origin:
    `财政支出绩效评价管理暂行办法 article 28: the five parts an evaluation report holds, one criterion each; article 26 (well founded, ` +
    `complete, accurate, analysed, clear) as the sixth, ${reportRules}. Weights are this project's.`,
};

export const ExpertPolicySchema = z
  .object({
    /** the sheet for each kind of item (docs/experts.md) */
    sheets: z
      .object({
        target: ReviewSheetSchema.default(defaultTargetSheet),
        selfEval: ReviewSheetSchema.default(defaultSelfEvalSheet),
        plan: ReviewSheetSchema.default(defaultPlanSheet),
        report: ReviewSheetSchema.default(defaultReportSheet),
      })
      .prefault({}),
    /**
     * The outlier rule (shared/expert/panel.ts): with three or more submitted reviews, a total
     * more than max(points, share × the panel's median total) from that median is an outlier; a
     * criterion's score more than criterionShare × its weight from the criterion's median is one.
     */
    outlier: z
      .object({
        points: z.number().min(0).max(100).default(15),
        share: z.number().min(0).max(1).default(0.15),
        criterionShare: z.number().min(0).max(1).default(0.3),
      })
      .prefault({}),
  })
  .prefault({});
export type ExpertPolicy = z.infer<typeof ExpertPolicySchema>;
export type OutlierRule = ExpertPolicy["outlier"];
