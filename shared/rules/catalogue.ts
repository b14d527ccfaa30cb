// The rule catalogue: every rule id, in catalogue order, with what it checks, how bad a finding
// is, the policy values it reads and the function that checks it. The engine (validate.ts) runs
// these functions in this order; the rule documentation (docs/rules.md) is generated from this
// table; the tests go through it to hold every id to a firing and a quiet case.
import type { FormKind } from "../glossary.ts";
import type { Issue, RuleId, Severity } from "../issue.ts";
import type { Policy } from "../policy.ts";
import { keepsApprovedTargets, notCopiedAcrossProjects } from "./across-forms.ts";
import type { Rule, RuleContext } from "./context.ts";
import {
  costWithinFunds,
  enoughIndicators,
  level1Covered,
  level2Covered,
  quantitativeShare,
  satisfactionWhenPublic,
} from "./coverage.ts";
import { amountsAreNumbers, amountsNotNegative, annualGoalStated, fundsAddUp, periodHoldsYear, requiredFieldsFilled } from "./header.ts";
import type { Text } from "./messages.ts";
import { executionAsPaid, fundsAsBudgeted } from "./treasury.ts";
import { budgetOnPace, laggingExplained, rowsOnPace } from "./monitor.ts";
import {
  filedAsLibrary,
  fitsField,
  inFrame,
  inLibrary,
  nameGiven,
  notDeprecated,
  notRepeated,
  notVague,
  notWeakerThanHistory,
  operatorAllowed,
  outputNotInput,
  percentInRange,
  plausible,
  targetIsGrade,
  targetIsNumber,
  unitMatches,
} from "./rows.ts";
import {
  actualGiven,
  deviationExplained,
  lowExecutionExplained,
  scoreAsComputed,
  scoreInBand,
  scoreInRange,
  totalAsComputed,
  weightsAddUp,
} from "./self-eval.ts";

/**
 * When a rule runs: `read` rules are found while a sheet or a JSON body is read into a form (the
 * sheet reader, shared/sheet/parse.ts, and shared/read-form.ts); `form` rules need the form, the
 * library and the policy; `server` rules also need forms the server holds.
 */
export type RuleStage = "read" | "form" | "server";

export interface CatalogueEntry {
  id: RuleId;
  /** what it checks, in a line */
  checks: Text;
  /** the severities its findings can have */
  severities: readonly Severity[];
  /** the policy values it reads (docs/rules.md lists them) */
  policy: readonly (keyof Policy)[];
  /** the form kinds it applies to; all when absent */
  kinds?: readonly FormKind[];
  stage: RuleStage;
  /** the rule itself; a `read` rule has none here (its findings come from reading) */
  check?: Rule;
}

const E: readonly Severity[] = ["error"];
const W: readonly Severity[] = ["warning"];
const EW: readonly Severity[] = ["error", "warning"];
const EWI: readonly Severity[] = ["error", "warning", "info"];
const later: readonly FormKind[] = ["monitor", "selfEval"];

export const catalogue: readonly CatalogueEntry[] = [
  { id: "P001", stage: "read", severities: E, policy: [], checks: { zh: "工作簿中有可识别的绩效表样，表头和指标区能读出", en: "The workbook holds a template sheet whose header and indicator table can be read" } },
  { id: "P002", stage: "form", check: requiredFieldsFilled, severities: E, policy: [], checks: { zh: "必填的表头项和金额已填写", en: "Required header fields and amounts are filled in" } },
  { id: "P003", stage: "form", check: amountsAreNumbers, severities: E, policy: [], checks: { zh: "金额（和自评总分）是数字", en: "Amounts (and a self-evaluation's total score) are numbers" } },
  { id: "H101", stage: "form", check: fundsAddUp, severities: E, policy: ["fundsTolerance"], checks: { zh: "资金总额等于财政资金、其他资金与上年结转之和", en: "Total funds equal fiscal + other (+ carry-over)" } },
  { id: "H102", stage: "form", check: amountsNotNegative, severities: E, policy: [], checks: { zh: "金额不为负数", en: "No amount is negative" } },
  { id: "H103", stage: "form", check: annualGoalStated, severities: EW, policy: ["minGoalLength"], checks: { zh: "年度绩效目标已填写且写得具体", en: "The annual goal is stated, and at some length" } },
  { id: "H104", stage: "form", check: periodHoldsYear, severities: E, policy: [], checks: { zh: "项目期限先开始后结束，并包含本表年度", en: "The project period runs forward and holds the form's year" } },
  { id: "I201", stage: "form", check: inFrame, severities: E, policy: ["frame"], checks: { zh: "一级、二级指标的组合在本地采用的指标体系中", en: "Each row's level-1/level-2 pair is in the policy's frame" } },
  { id: "I202", stage: "form", check: nameGiven, severities: E, policy: [], checks: { zh: "每行有三级指标名称", en: "Each row has a level-3 name" } },
  { id: "I203", stage: "form", check: inLibrary, severities: EW, policy: [], checks: { zh: "指标在指标库中（否则须标为自定义，由财政审核）", en: "The indicator is in the library (else marked custom, for finance to review)" } },
  { id: "I204", stage: "form", check: filedAsLibrary, severities: E, policy: ["frame"], checks: { zh: "指标填在指标库规定的一级、二级指标下", en: "The indicator is filed where the library files it" } },
  { id: "I205", stage: "form", check: notDeprecated, severities: W, policy: [], checks: { zh: "指标未在库中停用（停用时给出替代指标）", en: "The indicator is not deprecated (the replacement is named)" } },
  { id: "I206", stage: "form", check: fitsField, severities: W, policy: [], checks: { zh: "指标适用于本项目所属行业领域", en: "The indicator applies to the project's field" } },
  { id: "I207", stage: "form", check: operatorAllowed, severities: E, policy: [], checks: { zh: "符号已选、为库内允许的，并与指标值中写的一致", en: "An operator is chosen, allowed by the library, and agrees with one typed in the target" } },
  { id: "I208", stage: "form", check: targetIsNumber, severities: E, policy: [], checks: { zh: "定量指标的指标值是数字（区间有上下限）", en: "A quantitative target is a number (a range has both ends)" } },
  { id: "I209", stage: "form", check: unitMatches, severities: EW, policy: [], checks: { zh: "计量单位已填，并能换算为指标库的单位", en: "A unit of measure is given and converts to the library's" } },
  { id: "I210", stage: "form", check: percentInRange, severities: E, policy: [], checks: { zh: "百分比在 0–100% 之间（库内区间允许的除外）", en: "A percentage lies within 0–100% (unless the library's range allows more)" } },
  { id: "I211", stage: "form", check: plausible, severities: W, policy: [], checks: { zh: "指标值在指标库的合理区间内", en: "The target lies in the library's plausible range" } },
  { id: "I212", stage: "form", check: notWeakerThanHistory, severities: W, policy: [], checks: { zh: "目标不比往年实际值更宽松", en: "The target is not weaker than the latest past result" } },
  { id: "I213", stage: "form", check: notVague, severities: W, policy: ["vagueWords"], checks: { zh: "名称和指标值没有模糊表述", en: "No vague wording in a custom name or a target" } },
  { id: "I214", stage: "form", check: targetIsGrade, severities: E, policy: [], checks: { zh: "定性指标的指标值是完成等级", en: "A qualitative target is a grade" } },
  { id: "I215", stage: "form", check: notRepeated, severities: E, policy: [], checks: { zh: "同一指标在表中只出现一次", en: "Each indicator appears once in a form" } },
  { id: "I216", stage: "form", check: outputNotInput, severities: W, policy: ["inputTypeNames"], checks: { zh: "产出指标不是投入类指标", en: "No input-type indicator under output" } },
  { id: "C301", stage: "form", check: level1Covered, severities: E, policy: ["frame", "requiredLevel1", "benefitNeedsNonSatisfaction"], checks: { zh: "必设的一级指标都有", en: "Each required level-1 category is present" } },
  { id: "C302", stage: "form", check: level2Covered, severities: E, policy: ["frame", "requiredLevel2", "benefitNeedsNonSatisfaction"], checks: { zh: "必设的二级指标都有", en: "Each required level-2 category is present" } },
  { id: "C303", stage: "form", check: satisfactionWhenPublic, severities: E, policy: ["satisfactionWhenServesPublic"], checks: { zh: "面向公众的项目设有满意度指标", en: "A project that serves the public has a satisfaction indicator" } },
  { id: "C304", stage: "form", check: enoughIndicators, severities: E, policy: ["minIndicators"], checks: { zh: "三级指标不少于规定个数", en: "At least the required number of level-3 indicators" } },
  { id: "C305", stage: "form", check: quantitativeShare, severities: W, policy: ["minQuantitativeShare"], checks: { zh: "定量指标占比不低于规定比例", en: "The quantitative share is at least the policy's" } },
  { id: "C306", stage: "form", check: costWithinFunds, severities: W, policy: ["fundsTolerance"], checks: { zh: "以金额计的经济成本指标合计不超过资金总额", en: "Economic-cost targets in money add up to no more than the funds" } },
  { id: "E401", stage: "form", kinds: ["selfEval"], check: actualGiven, severities: E, policy: [], checks: { zh: "每个适用的指标填了实际完成值", en: "Each applicable row has an actual value" } },
  { id: "E402", stage: "form", kinds: ["selfEval"], check: weightsAddUp, severities: E, policy: ["weights", "frame"], checks: { zh: "分值已填，各一级指标分值合计与预算执行率合计为 100 分", en: "Weights are given, add up per level 1, and to 100 with budget execution" } },
  { id: "E403", stage: "form", kinds: ["selfEval"], check: scoreInRange, severities: E, policy: [], checks: { zh: "得分是 0 到分值之间的数字", en: "An entered score is a number from 0 to the row's weight" } },
  { id: "E404", stage: "form", kinds: ["selfEval"], check: scoreAsComputed, severities: W, policy: ["scoreTolerance"], checks: { zh: "定量指标得分与按评分规则计算的一致", en: "A quantitative row's score agrees with the computed one" } },
  { id: "E405", stage: "form", kinds: ["selfEval"], check: scoreInBand, severities: E, policy: ["qualitativeBands"], checks: { zh: "定性指标得分在其完成等级的分数段内", en: "A qualitative row's score lies in its grade's band" } },
  { id: "E406", stage: "form", kinds: ["selfEval"], check: deviationExplained, severities: E, policy: ["overAchievementRatio"], checks: { zh: "未得满分或超额完成的指标有偏差原因分析", en: "A row short of full marks, or far over target, explains the deviation" } },
  { id: "E407", stage: "form", kinds: ["selfEval"], check: lowExecutionExplained, severities: E, policy: ["executionReasonBelow"], checks: { zh: "预算执行率偏低时说明原因", en: "Low budget execution gives its reason" } },
  { id: "E408", stage: "form", kinds: ["selfEval"], check: totalAsComputed, severities: W, policy: ["scoreTolerance", "grades"], checks: { zh: "填报的总分和等级与计算的一致", en: "The entered total and grade agree with the computed ones" } },
  { id: "M501", stage: "form", kinds: ["monitor"], check: budgetOnPace, severities: W, policy: ["monitorThresholds"], checks: { zh: "预算执行进度不落后于时间进度（黄灯、红灯）", en: "Budget execution keeps up with time (yellow or red light)" } },
  { id: "M502", stage: "form", kinds: ["monitor"], check: rowsOnPace, severities: W, policy: ["monitorThresholds"], checks: { zh: "各指标完成进度不落后于时间进度（黄灯、红灯）", en: "Each row's progress keeps up with time (yellow or red light)" } },
  { id: "M503", stage: "form", kinds: ["monitor"], check: laggingExplained, severities: E, policy: ["monitorThresholds"], checks: { zh: "滞后或可能完不成的指标填了偏差原因类别和纠偏措施", en: "A lagging or doubtful row gives its deviation category and corrective measures" } },
  { id: "X601", stage: "server", kinds: later, check: keepsApprovedTargets, severities: E, policy: [], checks: { zh: "监控表、自评表沿用已批复目标表的指标和指标值", en: "Monitoring and self-evaluation forms keep the approved target form's indicators and targets" } },
  { id: "X602", stage: "server", check: notCopiedAcrossProjects, severities: W, policy: ["copiedAcrossProjects"], checks: { zh: "三级指标不是从本单位其他项目照搬的", en: "The level-3 indicators are not copied across the unit's projects" } },
  { id: "X603", stage: "server", kinds: later, check: executionAsPaid, severities: EWI, policy: ["treasury"], checks: { zh: "填报的执行数与国库实际支付数相符", en: "The reported execution agrees with what the treasury paid" } },
  { id: "X604", stage: "server", check: fundsAsBudgeted, severities: W, policy: ["treasury"], checks: { zh: "填报的资金与批复（调整后）预算数相符", en: "The stated funds agree with the approved (adjusted) budget" } },
];

function applies(entry: CatalogueEntry, ctx: RuleContext): boolean {
  return entry.kinds === undefined || entry.kinds.includes(ctx.form.kind);
}

/** The findings of the catalogue's rules of `stage`, in catalogue order. */
export function runRules(ctx: RuleContext, stage: Exclude<RuleStage, "read">): Issue[] {
  const out: Issue[] = [];
  for (const entry of catalogue) {
    if (entry.stage !== stage || !entry.check || !applies(entry, ctx)) continue;
    const found = entry.check(ctx);
    for (let j = 0; j < found.length; j++) out.push(found[j]!);
  }
  return out;
}
