// Each rule of the catalogue firing and staying quiet, on forestry forms as county units fill them.
// rules.test.ts runs them; docs/rules.md takes each rule's first firing case as its example
// (scripts/docs.ts), so the documented example is one the tests check.
import type { Form, TargetForm } from "../../shared/form.ts";
import type { RuleId, Severity } from "../../shared/issue.ts";
import { indicatorSetFingerprint } from "../../shared/rules/across-forms.ts";
import type { FingerprintedForm } from "../../shared/rules/context.ts";
import type { ServerForms } from "../../shared/rules/context.ts";
import { fixtureLibrary, monitor, selfEval, target } from "./fixtures.ts";

export interface Case {
  rule: RuleId;
  what: string;
  form: () => Form;
  severity?: Severity;
  path?: string;
  /** a word the Chinese message must contain (names the row or what to do) */
  zh?: string;
  lib?: ReturnType<typeof fixtureLibrary>;
}

export const fires: Case[] = [
  // P002 / P003 (header fields)
  { rule: "P002", what: "project name blank", form: () => target((f) => ((f.project as { name: string }).name = "　")), path: "project.name", zh: "项目名称" },
  { rule: "P002", what: "funds total blank", form: () => target((f) => ((f.funds as { total: string }).total = "")), path: "funds.total" },
  { rule: "P002", what: "funds total a placeholder", form: () => target((f) => ((f.funds as { total: string }).total = "—")), path: "funds.total" },
  { rule: "P003", what: "text in an amount", form: () => target((f) => ((f.funds as { fiscal: string }).fiscal = "一千万")), path: "funds.fiscal", zh: "一千万" },
  { rule: "P003", what: "an area in an amount", form: () => target((f) => ((f.funds as { other: string }).other = "200亩")), path: "funds.other" },
  { rule: "P003", what: "a total score that is text", form: () => selfEval((f) => (f.totalScore = "优秀")), path: "totalScore" },
  // Header
  { rule: "H101", what: "total ≠ fiscal + other", form: () => target((f) => ((f.funds as { total: string }).total = "1,250")), path: "funds.total", zh: "1250" },
  { rule: "H101", what: "carry-over not counted in total", form: () => target((f) => ((f.funds as { carryover: number }).carryover = 50)), path: "funds.total" },
  { rule: "H102", what: "a negative amount", form: () => target((f) => ((f.funds as Record<string, unknown>) = { total: 1000, fiscal: 1200, other: "-200" })), path: "funds.other" },
  { rule: "H102", what: "negative budget executed", form: () => selfEval((f) => ((f.budget as { executed: number }).executed = -5)), path: "budget.executed" },
  { rule: "H103", what: "annual goal missing", form: () => target((f) => ((f.goals as { annual: string }).annual = " ")), severity: "error", path: "goals.annual" },
  { rule: "H103", what: "annual goal too short", form: () => target((f) => ((f.goals as { annual: string }).annual = "做好森林管护")), severity: "warning", path: "goals.annual", zh: "6个字" },
  { rule: "H104", what: "period ends before it starts", form: () => target((f) => Object.assign(f.project as object, { periodStart: "2024-06", periodEnd: "2024-03-31" })), path: "project.periodEnd" },
  { rule: "H104", what: "period does not hold the year", form: () => target((f) => Object.assign(f.project as object, { periodStart: "2021-01", periodEnd: "2023-12" })), path: "project.periodEnd", zh: "2024" },
  // Rows
  { rule: "I201", what: "quantity under benefit", form: () => target((f) => (f.indicators[5]!.level2 = "quantity")), path: "indicators[5].level2", zh: "第6行" },
  { rule: "I201", what: "level-1 cost in the 2015 frame", form: () => target(), lib: fixtureLibrary({ frame: "2015" }), path: "indicators[3].level1" },
  { rule: "I202", what: "empty name", form: () => target((f) => (f.indicators[2]!.name = "  ")), path: "indicators[2].name", zh: "第3行" },
  { rule: "I203", what: "unknown name, not custom: error with nearest names", form: () => target((f) => (f.indicators[2]!.name = "巡查及时")), severity: "error", path: "indicators[2].name", zh: "护林防火巡查及时率" },
  { rule: "I203", what: "unknown name marked custom: warning", form: () => target((f) => Object.assign(f.indicators[2]!, { name: "防火隔离带维护长度", custom: true, operator: ">=", target: "≥12公里", unit: "公里" })), severity: "warning" },
  { rule: "I204", what: "library indicator under another category", form: () => target((f) => (f.indicators[5]!.level2 = "ecological")), path: "indicators[5].level2", zh: "可持续影响指标" },
  { rule: "I205", what: "deprecated, names its replacement", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "ecological", name: "林业有害生物防治率", operator: ">=", target: 90, unit: "%" })), path: "indicators[8].name", zh: "林业有害生物成灾率" },
  { rule: "I206", what: "a roads indicator on a forestry project", form: () => target((f) => f.indicators.push({ level1: "cost", level2: "economicCost", name: "单位养护成本", operator: "<=", target: 0.5, unit: "万元/公里" })), zh: "交通公路" },
  { rule: "I207", what: "operator not allowed", form: () => target((f) => (f.indicators[5]!.operator = "<=")), path: "indicators[5].operator", zh: "≥" },
  { rule: "I207", what: "operator missing", form: () => target((f) => Object.assign(f.indicators[1]!, { operator: null, target: 90 })), path: "indicators[1].operator" },
  { rule: "I207", what: "column and typed operator disagree", form: () => target((f) => (f.indicators[4]!.operator = "<")), path: "indicators[4].operator" },
  { rule: "I208", what: "placeholder target", form: () => target((f) => (f.indicators[1]!.target = "-")), path: "indicators[1].target", zh: "占位符" },
  { rule: "I208", what: "text target", form: () => target((f) => (f.indicators[1]!.target = "较去年提高")), path: "indicators[1].target" },
  { rule: "I208", what: "range without upper bound", form: () => target((f) => Object.assign(f.indicators[1]!, { operator: "range", target: 88 })), path: "indicators[1].targetHigh" },
  { rule: "I209", what: "unit missing", form: () => target((f) => Object.assign(f.indicators[1]!, { unit: null })), severity: "error", path: "indicators[1].unit" },
  { rule: "I209", what: "unit that does not convert", form: () => target((f) => Object.assign(f.indicators[0]!, { unit: "公里", target: 50 })), severity: "error", path: "indicators[0].unit" },
  { rule: "I209", what: "convertible unit: warning with the converted value", form: () => target((f) => Object.assign(f.indicators[0]!, { unit: "亩", target: "750,000" })), severity: "warning", zh: "75万亩" },
  { rule: "I209", what: "typed unit that does not convert to the column", form: () => target((f) => (f.indicators[0]!.target = "≥50公里")), severity: "error", path: "indicators[0].target" },
  { rule: "I210", what: "a percentage above 100", form: () => target((f) => (f.indicators[1]!.target = "１２０％")), path: "indicators[1].target", zh: "120%" },
  { rule: "I210", what: "above the range the library allows: the message gives that range, not 0–100", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "sustainability", name: "超额完成率", operator: ">=", target: "160%", unit: "%" })), path: "indicators[8].target", zh: "超出 0–150%" },
  { rule: "I211", what: "outside the plausible range", form: () => target((f) => (f.indicators[0]!.target = "≥1.8万")), severity: "warning", zh: "10–150" },
  { rule: "I211", what: "converted value outside the range", form: () => target((f) => Object.assign(f.indicators[0]!, { unit: "公顷", target: 200 })), severity: "warning" },
  { rule: "I212", what: "weaker than last year (>=)", form: () => target((f) => (f.indicators[0]!.target = 40)), zh: "2023年" },
  { rule: "I212", what: "weaker than last year (<=)", form: () => target((f) => (f.indicators[4]!.target = "≤0.8‰")), zh: "0.5" },
  { rule: "I213", what: "vague target", form: () => target((f) => Object.assign(f.indicators[6]!, { target: "群众生态保护意识进一步提高" })), path: "indicators[6].target", zh: "进一步" },
  { rule: "I213", what: "vague custom name", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "social", name: "有效提升护林员素质", custom: true, operator: "qualitative", target: "达成年度指标" })), path: "indicators[8].name", zh: "有效" },
  { rule: "I214", what: "qualitative target not a grade", form: () => target((f) => (f.indicators[6]!.target = "好")), path: "indicators[6].target" },
  { rule: "I215", what: "same indicator twice", form: () => target((f) => f.indicators.push({ ...f.indicators[0]!, target: 55 })), path: "indicators[8].name", zh: "第1行" },
  { rule: "I215", what: "same indicator by code and name", form: () => target((f) => f.indicators.push({ ...f.indicators[0]!, name: "森林管护面积 " })) },
  { rule: "I216", what: "input-type name under output", form: () => target((f) => f.indicators.push({ level1: "output", level2: "quality", name: "造林资金到位率", custom: true, operator: ">=", target: 100, unit: "%" })), zh: "资金到位率" },
  // Coverage
  { rule: "C301", what: "no benefit", form: () => target((f) => (f.indicators = f.indicators.filter((r) => r.level1 !== "benefit"))), zh: "效益指标" },
  { rule: "C301", what: "benefit holds only a satisfaction name", form: () => target((f) => (f.indicators = [...f.indicators.filter((r) => r.level1 !== "benefit"), { level1: "benefit", level2: "social", name: "林农满意度", custom: true, operator: ">=", target: 90, unit: "%" }])) },
  { rule: "C302", what: "no timeliness", form: () => target((f) => (f.indicators = f.indicators.filter((r) => r.level2 !== "timeliness"))), zh: "时效指标" },
  { rule: "C303", what: "serves the public, no satisfaction", form: () => target((f) => (f.indicators = f.indicators.filter((r) => r.level1 !== "satisfaction"))) },
  { rule: "C304", what: "fewer than 5", form: () => target((f) => (f.indicators = f.indicators.slice(0, 4))), zh: "4个" },
  { rule: "C305", what: "quantitative share below 60%", form: () => target((f) => { for (const i of [0, 1, 2, 5]) Object.assign(f.indicators[i]!, { custom: true, name: `定性指标${i}`, operator: "qualitative", target: "达成年度指标", unit: null }); }), severity: "warning" },
  { rule: "C306", what: "cost targets above the funds", form: () => target((f) => (f.indicators[3]!.target = "1500")), severity: "warning", zh: "1500" },
  { rule: "C306", what: "cost in 元 above the funds", form: () => target((f) => Object.assign(f.indicators[3]!, { unit: "元", target: "13,000,000" })), severity: "warning" },
  // Self-evaluation
  { rule: "E401", what: "actual missing", form: () => selfEval((f) => (f.indicators[1]!.actual = "/")), path: "indicators[1].actual", zh: "当年造林成活率" },
  { rule: "E401", what: "actual unreadable", form: () => selfEval((f) => (f.indicators[1]!.actual = "九成以上")), path: "indicators[1].actual" },
  { rule: "E401", what: "qualitative actual not a grade", form: () => selfEval((f) => (f.indicators[6]!.actual = "良好")), path: "indicators[6].actual" },
  { rule: "E402", what: "output weights off", form: () => selfEval((f) => Object.assign(f.indicators[0]!, { weight: 20, score: 20 })), path: "indicators", zh: "55" },
  { rule: "E402", what: "a weight missing", form: () => selfEval((f) => (f.indicators[2]!.weight = null)), path: "indicators[2].weight" },
  { rule: "E403", what: "score above the weight", form: () => selfEval((f) => (f.indicators[2]!.score = 12)), path: "indicators[2].score" },
  { rule: "E403", what: "score not a number", form: () => selfEval((f) => (f.indicators[2]!.score = "满分")), path: "indicators[2].score" },
  { rule: "E403", what: "negative score where the weight is unreadable", form: () => selfEval((f) => Object.assign(f.indicators[2]!, { weight: "十分", score: -2 })), path: "indicators[2].score", zh: "不能低于 0" },
  { rule: "E404", what: "entered score far from computed", form: () => selfEval((f) => Object.assign(f.indicators[1]!, { actual: "80%", deviation: "干旱影响成活。", score: 15 })), severity: "warning", zh: "13.33" },
  { rule: "E405", what: "qualitative score outside its band", form: () => selfEval((f) => Object.assign(f.indicators[6]!, { actual: "部分达成年度指标并具有一定效果", score: 10, deviation: "宣传覆盖不足。" })), path: "indicators[6].score", zh: "5–8" },
  { rule: "E406", what: "short of full score, no deviation", form: () => selfEval((f) => Object.assign(f.indicators[1]!, { actual: "80%", score: 13.33 })), path: "indicators[1].deviation" },
  { rule: "E406", what: "actual ≥ 130% of target, no deviation", form: () => selfEval((f) => (f.indicators[0]!.actual = "70万亩")), path: "indicators[0].deviation", zh: "140%" },
  { rule: "E406", what: "actual exactly 130% of target (15.6 against 12万亩), no deviation", form: () => selfEval((f) => Object.assign(f.indicators[0]!, { target: "≥12万亩", actual: "15.6万亩" })), path: "indicators[0].deviation", zh: "的 130%，达到或超过 130%" },
  { rule: "E407", what: "execution below 90%, no reason", form: () => selfEval((f) => ((f.budget as { executed: number }).executed = 1000)), path: "budget.reason", zh: "83.33%" },
  { rule: "E408", what: "entered total differs", form: () => selfEval((f) => (f.totalScore = 95)), path: "totalScore", zh: "99.58" },
  { rule: "E408", what: "entered grade differs", form: () => selfEval((f) => (f.grade = "good")), path: "grade", zh: "优" },
  // Monitoring
  { rule: "M501", what: "budget lags time (yellow)", form: () => monitor((f) => ((f.budget as { executedToDate: string }).executedToDate = "420")), path: "budget.executedToDate", zh: "黄灯" },
  { rule: "M501", what: "budget lags time (red)", form: () => monitor((f) => ((f.budget as { executedToDate: string }).executedToDate = "200")), zh: "红灯" },
  { rule: "M501", what: "month 7: percentages shown as people read them (41.67%, not 41.6667%)", form: () => monitor((f) => { f.month = 7; (f.budget as { executedToDate: number }).executedToDate = 500; }), zh: "1-7月预算执行率 41.67%，落后于时间进度 58.33%（比值 0.71）" },
  { rule: "M502", what: "row lags time", form: () => monitor((f) => Object.assign(f.indicators[0]!, { toDate: "15万亩", deviationCategory: "funding", measures: "加快资金拨付，增聘护林员。" })), path: "indicators[0].toDate", zh: "森林管护面积" },
  { rule: "M502", what: "qualitative partial → yellow", form: () => monitor((f) => Object.assign(f.indicators[6]!, { toDate: "部分达成", deviationCategory: "other", measures: "开展进村宣传。" })), zh: "黄灯" },
  { rule: "M502", what: "qualitative notAchieved → red, said plainly", form: () => monitor((f) => Object.assign(f.indicators[6]!, { toDate: "未达成年度指标且效果较差", deviationCategory: "other", measures: "开展进村宣传。" })), zh: "红灯：第7行指标“林区群众生态保护意识”目前未达成" },
  { rule: "M503", what: "red row without measures", form: () => monitor((f) => Object.assign(f.indicators[0]!, { toDate: "10万亩", deviationCategory: "staffing" })), path: "indicators[0].measures" },
  { rule: "M503", what: "possibility 'possible' without category", form: () => monitor((f) => Object.assign(f.indicators[5]!, { possibility: "possible" })), path: "indicators[5].deviationCategory", zh: "有可能" },
];

export const quiet: Case[] = [
  { rule: "P002", what: "placeholder 无 in other funds means none", form: () => target((f) => Object.assign(f.funds as object, { total: 1000, other: "无" })) },
  { rule: "P003", what: "amount typed with 万元 or 元", form: () => target((f) => Object.assign(f.funds as object, { total: "1200万元", fiscal: "10,000,000元" })) },
  { rule: "H101", what: "sum within 0.01", form: () => target((f) => Object.assign(f.funds as object, { total: 1200.005 })) },
  { rule: "H101", what: "carry-over counted", form: () => target((f) => Object.assign(f.funds as object, { total: 1250, carryover: "50" })) },
  { rule: "H102", what: "a zero carry-over is not negative", form: () => target((f) => Object.assign(f.funds as object, { carryover: "0" })) },
  { rule: "H103", what: "goal of exactly 10 characters", form: () => target((f) => ((f.goals as { annual: string }).annual = "管护森林五十万亩以上")) },
  { rule: "H104", what: "multi-year period holding the year", form: () => target((f) => Object.assign(f.project as object, { periodStart: "2023-07-01", periodEnd: "2025-06" })) },
  { rule: "H104", what: "no period", form: () => target((f) => Object.assign(f.project as object, { periodStart: null, periodEnd: null })) },
  { rule: "I201", what: "cost under output in the 2015 frame", form: () => target((f) => Object.assign(f.indicators[3]!, { level1: "output", level2: "cost" })), lib: fixtureLibrary({ frame: "2015" }) },
  { rule: "I202", what: "a name between full-width spaces", form: () => target((f) => (f.indicators[2]!.name = `　${String(f.indicators[2]!.name)}　`)) },
  { rule: "I203", what: "name with spaces and full-width forms", form: () => target((f) => (f.indicators[1]!.name = " 当年造林 成活率 ")) },
  { rule: "I204", what: "2021 cost indicator filed under output/cost in the 2015 frame", form: () => target((f) => Object.assign(f.indicators[3]!, { level1: "output", level2: "cost" })), lib: fixtureLibrary({ frame: "2015" }) },
  { rule: "I205", what: "the deprecated indicator's replacement", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "ecological", name: "林业有害生物成灾率", operator: "<=", target: "4‰", unit: "‰" })) },
  { rule: "I206", what: "an any-field indicator", form: () => target() },
  { rule: "I206", what: "field given by its Chinese label", form: () => target((f) => ((f.project as { field: string }).field = "林业")) },
  { rule: "I207", what: "operator only in the target cell", form: () => target((f) => (f.indicators[4]!.operator = null)) },
  { rule: "I208", what: "range typed in one cell", form: () => target((f) => Object.assign(f.indicators[1]!, { operator: "range", target: "88-93" })) },
  { rule: "I208", what: "range in two cells", form: () => target((f) => Object.assign(f.indicators[1]!, { operator: "range", target: 88, targetHigh: "93%" })) },
  { rule: "I209", what: "unit typed only after the number", form: () => target((f) => Object.assign(f.indicators[0]!, { unit: null, target: "≥50万亩" })) },
  { rule: "I209", what: "full-width unit spelling", form: () => target((f) => (f.indicators[1]!.unit = "％")) },
  { rule: "I210", what: "100% exactly", form: () => target((f) => (f.indicators[2]!.target = "100%")) },
  { rule: "I210", what: "above 100 where the library's range allows it", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "sustainability", name: "超额完成率", operator: ">=", target: "120%", unit: "%" })) },
  { rule: "I211", what: "1.2万亩 as 万亩 reads 1.2… no: 50万亩 inside 10–150", form: () => target() },
  { rule: "I212", what: "stronger than last year", form: () => target((f) => (f.indicators[0]!.target = 46)) },
  { rule: "I213", what: "library name with no vague words, numeric target", form: () => target() },
  { rule: "I214", what: "short grade form", form: () => target((f) => (f.indicators[6]!.target = "达成")) },
  { rule: "I215", what: "different indicators", form: () => target() },
  { rule: "I216", what: "input-type name outside output", form: () => target((f) => f.indicators.push({ level1: "benefit", level2: "economic", name: "投入资金带动社会投资", custom: true, operator: ">=", target: 100, unit: "万元" })) },
  { rule: "C301", what: "2015 frame does not require cost", form: () => target((f) => Object.assign(f.indicators[3]!, { level1: "output", level2: "cost" })), lib: fixtureLibrary({ frame: "2015" }) },
  { rule: "C302", what: "required list set by policy", form: () => target((f) => (f.indicators = f.indicators.filter((r) => r.level2 !== "timeliness"))), lib: fixtureLibrary({ requiredLevel2: ["quantity", "quality"] }) },
  { rule: "C303", what: "not serving the public", form: () => target((f) => { (f.project as { servesPublic: boolean }).servesPublic = false; f.indicators = f.indicators.filter((r) => r.level1 !== "satisfaction"); }) },
  { rule: "C304", what: "minimum lowered by policy", form: () => target((f) => (f.indicators = f.indicators.slice(0, 4))), lib: fixtureLibrary({ minIndicators: 3 }) },
  { rule: "C305", what: "7 of 8 quantitative", form: () => target() },
  { rule: "C306", what: "unit cost in 万元/公里 does not count", form: () => target((f) => f.indicators.push({ level1: "cost", level2: "economicCost", name: "单位养护成本", operator: "<=", target: 5000, unit: "万元/公里" })) },
  { rule: "E401", what: "na row without actual", form: () => selfEval((f) => Object.assign(f.indicators[2]!, { na: true, actual: "-" })) },
  { rule: "E401", what: "actual read although the target is a placeholder (I208's finding)", form: () => selfEval((f) => (f.indicators[1]!.target = "-")) },
  { rule: "E402", what: "no satisfaction: its 10 move to benefit", form: () => selfEval((f) => { f.indicators = f.indicators.filter((r) => r.level1 !== "satisfaction"); Object.assign(f.indicators[4]!, { weight: 20, score: 20 }); (f.project as { servesPublic: boolean }).servesPublic = false; }) },
  { rule: "E403", what: "score equal to the weight", form: () => selfEval() },
  { rule: "E403", what: "weight missing (E402 says so): no “outside 0 to 0” for the score", form: () => selfEval((f) => (f.indicators[2]!.weight = null)) },
  { rule: "E404", what: "within 0.5 of the computed score", form: () => selfEval((f) => Object.assign(f.indicators[1]!, { actual: "80%", deviation: "干旱影响成活。", score: 13.5 })) },
  { rule: "E405", what: "partial at the band's top", form: () => selfEval((f) => Object.assign(f.indicators[6]!, { actual: "部分达成", score: 8, deviation: "宣传覆盖不足。" })) },
  { rule: "E406", what: "short, with a deviation analysis", form: () => selfEval((f) => Object.assign(f.indicators[1]!, { actual: "80%", score: 13.33, deviation: "春季干旱，成活率偏低；已补植。" })) },
  { rule: "E407", what: "low execution with a reason", form: () => selfEval((f) => Object.assign(f.budget as object, { executed: 1000, reason: "部分造林任务因天气顺延至次年。" })) },
  { rule: "E408", what: "no entered total or grade", form: () => selfEval((f) => { f.totalScore = null; f.grade = null; }) },
  { rule: "M501", what: "budget at 0.8 of time progress is green", form: () => monitor((f) => ((f.budget as { executedToDate: number }).executedToDate = 480)) },
  { rule: "M501", what: "560 of 1200 by month 7 is exactly 0.8 of time progress: green", form: () => monitor((f) => { f.month = 7; (f.budget as { executedToDate: number }).executedToDate = 560; }) },
  { rule: "M502", what: "30 of 50万亩 by month 9 is exactly 0.8 of time progress: green", form: () => monitor((f) => { f.month = 9; (f.budget as { executedToDate: number }).executedToDate = 900; }) },
  { rule: "M502", what: "≤ rows have no light", form: () => monitor((f) => (f.indicators[4]!.toDate = "3‰")) },
  { rule: "M503", what: "lagging row explained", form: () => monitor((f) => Object.assign(f.indicators[0]!, { toDate: "10万亩", deviationCategory: "staffing", measures: "增聘生态护林员80名。" })) },
];

/** The rules that need the server's forms and the treasury's data, each with what the server passes in. */
export interface ServerCase {
  rule: RuleId;
  what: string;
  form: () => Form;
  server: () => ServerForms;
}

/** Another project of the unit with the fixture's indicator set, as the server keeps it (a fingerprint). */
function sameSetElsewhere(code: string): FingerprintedForm {
  const f = target((x) => Object.assign(x.project as object, { code, name: `林区道路养护项目${code}` }));
  return { year: f.year, unit: f.unit.code, project: code, projectName: f.project.name, fingerprint: indicatorSetFingerprint(f) };
}

export const serverFires: ServerCase[] = [
  { rule: "X601", what: "a self-evaluation changes an approved target", form: () => selfEval((f) => (f.indicators[1]!.target = 85)), server: () => ({ baseline: target() as TargetForm }) },
  { rule: "X602", what: "the same indicators as two other projects of the unit", form: () => target(), server: () => ({ others: [sameSetElsewhere("P-2"), sameSetElsewhere("P-3")] }) },
  {
    rule: "X603",
    what: "reported execution far from what the treasury paid by the month's end",
    form: () => monitor(),
    server: () => ({ treasury: { payments: [{ date: "2024-03-15", amountFen: 100 * 1_000_000 }] } }),
  },
  {
    rule: "X604",
    what: "total funds differ from the approved budget",
    form: () => target(),
    server: () => ({ treasury: { budget: { year: 2024, unit: "U-LY", project: "LY-2024-01", approved: 1500 } } }),
  },
];
