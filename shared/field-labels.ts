// What a form's fields are called on the sheet, so a message about `funds.total` says
// 年度资金总额 to the accountant who typed it (and the path stays beside it for the record).
import type { Term } from "./glossary.ts";

const fields: Record<string, Term> = {
  kind: { zh: "表样类型", en: "form kind" },
  year: { zh: "年度", en: "year" },
  month: { zh: "监控月份", en: "monitoring month" },
  unit: { zh: "预算单位", en: "budget unit" },
  "unit.code": { zh: "预算单位编码", en: "budget unit code" },
  "unit.name": { zh: "预算单位名称", en: "budget unit name" },
  project: { zh: "项目信息", en: "project" },
  "project.code": { zh: "项目编码", en: "project code" },
  "project.name": { zh: "项目名称", en: "project name" },
  "project.field": { zh: "所属领域", en: "project field" },
  "project.department": { zh: "主管部门", en: "department" },
  "project.attribute": { zh: "项目属性", en: "project type (new or continuing)" },
  "project.periodStart": { zh: "实施期限（起）", en: "project period start" },
  "project.periodEnd": { zh: "实施期限（止）", en: "project period end" },
  "project.servesPublic": { zh: "是否面向公众服务", en: "serves the public" },
  funds: { zh: "资金情况", en: "funds" },
  "funds.total": { zh: "年度资金总额", en: "total funds" },
  "funds.fiscal": { zh: "财政资金", en: "fiscal funds" },
  "funds.other": { zh: "其他资金", en: "other funds" },
  "funds.carryover": { zh: "上年结转", en: "carry-over" },
  goals: { zh: "绩效目标", en: "goals" },
  "goals.overall": { zh: "总体目标", en: "overall goal" },
  "goals.annual": { zh: "年度目标", en: "annual goal" },
  "goals.actual": { zh: "实际完成情况", en: "what was achieved" },
  budget: { zh: "预算执行情况", en: "budget execution" },
  "budget.annual": { zh: "全年预算数", en: "annual budget" },
  "budget.executedToDate": { zh: "截至本月执行数", en: "executed to date" },
  "budget.initial": { zh: "年初预算数", en: "initial budget" },
  "budget.adjusted": { zh: "全年预算数", en: "adjusted budget" },
  "budget.executed": { zh: "全年执行数", en: "budget executed" },
  "budget.reason": { zh: "执行率偏低原因", en: "reason for low execution" },
  totalScore: { zh: "总分", en: "total score" },
  grade: { zh: "评价等级", en: "grade" },
  indicators: { zh: "绩效指标", en: "indicators" },
};

const columns: Record<string, Term> = {
  level1: { zh: "一级指标", en: "level-1 category" },
  level2: { zh: "二级指标", en: "level-2 category" },
  code: { zh: "指标编码", en: "indicator code" },
  name: { zh: "三级指标", en: "indicator name" },
  operator: { zh: "运算符", en: "operator" },
  target: { zh: "指标值", en: "target" },
  targetHigh: { zh: "指标值（上限）", en: "target upper bound" },
  unit: { zh: "计量单位", en: "unit" },
  basis: { zh: "设定依据", en: "basis" },
  custom: { zh: "自定义", en: "custom" },
  na: { zh: "不适用", en: "not applicable" },
  toDate: { zh: "累计完成值", en: "value to date" },
  expected: { zh: "全年预计完成值", en: "expected for the year" },
  possibility: { zh: "完成可能性", en: "likelihood" },
  deviationCategory: { zh: "偏差原因类别", en: "cause of deviation" },
  measures: { zh: "纠偏措施", en: "corrective measures" },
  actual: { zh: "实际完成值", en: "actual value" },
  weight: { zh: "分值", en: "weight" },
  score: { zh: "得分", en: "score" },
  deviation: { zh: "偏差原因分析及改进措施", en: "deviation analysis" },
};

/** `funds.total` → 年度资金总额; `indicators[2].target` → 第3行指标的指标值; unknown paths as they are. */
export function fieldLabel(path: string): Term {
  const known = fields[path];
  if (known) return known;
  const row = /^indicators\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (row) {
    const n = Number(row[1]) + 1;
    const col = row[2] ? columns[row[2]] : undefined;
    if (!row[2]) return { zh: `第${n}行指标`, en: `indicator row ${n}` };
    if (col) return { zh: `第${n}行指标的${col.zh}`, en: `the ${col.en} of indicator row ${n}` };
  }
  return { zh: path, en: path };
}
