// The words a form sheet is recognised by (SPEC §4): every header field and indicator column with
// the label the template writes and the other spellings county forms use. layout.ts writes the
// first label of each entry; parse.ts accepts any of them. Nothing else knows these strings.
import type { FormKind } from "../glossary.ts";

/** Header fields: a label cell with its value to the right (or below, in a row of labels). */
export type HeaderField =
  | "year"
  | "department"
  | "unit.code"
  | "unit.name"
  | "project.name"
  | "project.code"
  | "project.field"
  | "project.attribute"
  | "period"
  | "project.servesPublic"
  | "funds.total"
  | "funds.fiscal"
  | "funds.other"
  | "funds.carryover"
  | "goals.overall"
  | "goals.annual"
  | "goals.actual"
  | "month"
  | "budget.annual"
  | "budget.executedToDate"
  | "budget.initial"
  | "budget.adjusted"
  | "budget.executed"
  | "budget.reason"
  | "totalScore"
  | "grade";

/** Indicator-grid columns, named by the row field they fill. */
export type ColumnField =
  | "level1"
  | "level2"
  | "name"
  | "code"
  | "operator"
  | "target"
  | "targetHigh"
  | "unit"
  | "basis"
  | "custom"
  | "na"
  | "toDate"
  | "expected"
  | "possibility"
  | "deviationCategory"
  | "measures"
  | "actual"
  | "weight"
  | "score"
  | "deviation";

/** The label the template writes first, then accepted variants (compared after `normaliseLabel`). */
export const headerLabels: Record<HeaderField, readonly string[]> = {
  year: ["年度", "预算年度", "年份"],
  department: ["主管部门", "主管部门名称"],
  "unit.code": ["预算单位编码", "单位编码", "预算单位代码", "单位代码"],
  "unit.name": ["预算单位", "预算单位名称", "单位名称", "实施单位", "填报单位"],
  "project.name": ["项目名称"],
  "project.code": ["项目编码", "项目代码"],
  "project.field": ["所属领域", "领域", "所属行业", "行业领域"],
  "project.attribute": ["项目属性"],
  period: ["实施期限", "项目期限", "实施周期", "项目实施期限"],
  "project.servesPublic": ["是否面向公众服务", "面向公众服务", "是否面向社会公众服务"],
  "funds.total": ["年度资金总额", "资金总额", "项目资金总额"],
  "funds.fiscal": ["财政资金", "财政拨款", "当年财政拨款"],
  "funds.other": ["其他资金"],
  "funds.carryover": ["上年结转", "上年结转资金"],
  "goals.overall": ["总体目标", "项目总体目标", "总目标"],
  "goals.annual": ["年度目标", "年度绩效目标", "当年目标", "年度总体目标", "预期目标"],
  "goals.actual": ["实际完成情况", "年度目标实际完成情况", "目标完成情况"],
  month: ["监控月份", "监控期", "截至月份", "监控时点", "监控时间"],
  // 全年预算数 is budget.annual on a monitoring form and budget.adjusted on a self-evaluation:
  // headerFieldOf resolves it by kind.
  "budget.annual": ["全年预算数"],
  "budget.executedToDate": ["执行数", "累计执行数"],
  "budget.initial": ["年初预算数"],
  "budget.adjusted": ["全年预算数", "调整后预算数"],
  "budget.executed": ["全年执行数"],
  "budget.reason": ["未达90%原因", "执行率未达90%原因", "预算执行率未达90%原因", "未达标原因"],
  totalScore: ["总分", "自评总分", "自评得分"],
  grade: ["等级", "自评等级", "评价等级"],
};

/** Which header fields each kind of form has (and the template lays out). */
export const headerFieldsByKind: Record<FormKind, readonly HeaderField[]> = {
  target: [],
  monitor: ["month", "budget.annual", "budget.executedToDate"],
  selfEval: ["budget.initial", "budget.adjusted", "budget.executed", "budget.reason", "goals.actual", "totalScore", "grade"],
};

export const columnLabels: Record<ColumnField, readonly string[]> = {
  level1: ["一级指标"],
  level2: ["二级指标"],
  name: ["三级指标", "三级指标名称", "指标名称"],
  code: ["指标编码", "指标代码", "编码"],
  operator: ["运算符", "符号", "指标值符号", "运算符号"],
  target: ["指标值", "年度指标值", "目标值", "指标值(下限)", "数值", "指标值数值"],
  targetHigh: ["指标值(上限)", "上限"],
  unit: ["计量单位", "单位", "度量单位"],
  basis: ["设定依据", "指标值设定依据", "指标值确定依据"],
  custom: ["自定义", "是否自定义", "自定义指标"],
  na: ["不适用", "本年不适用"],
  toDate: ["完成值", "累计完成值", "当前完成值"],
  expected: ["全年预计完成值", "预计完成值", "全年预计完成情况"],
  possibility: ["完成可能性", "全年完成可能性", "完成目标可能性"],
  deviationCategory: ["偏差原因类别", "偏差原因"],
  measures: ["纠偏措施", "完善措施"],
  actual: ["实际完成值", "全年实际完成值", "实际值"],
  weight: ["分值", "权重"],
  score: ["得分"],
  deviation: ["偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "偏差原因分析及改进措施说明"],
};

/**
 * Labels of cells the model does not read (a funds block's 执行率, computed from its neighbours):
 * known as labels, so the value of the label beside them is not taken to be their text.
 */
export const unreadLabels = ["执行率", "预算执行率", "全年执行率"];

/** Rows that are section titles: labels with no value of their own. */
export const sectionLabels = ["资金情况(万元)", "资金情况", "项目资金(万元)", "预算执行情况(万元)", "预算执行情况", "绩效目标", "绩效指标", "自评结果"];

/** A row whose first text starts with one of these ends the indicator grid. */
export const footerPrefixes = ["填报说明", "填表说明", "说明:", "注:", "备注:", "填表人", "填报人", "单位负责人", "财务负责人", "联系电话"];

/** What follows `1-N月` in a to-date column's label: `1-6月完成值`, `1-6月实际完成值`, `1-7月执行情况`. */
export const toDateAfterMonth = ["完成值", "实际完成值", "完成情况", "实际完成情况", "执行情况"];

/** A monitoring form's remarks column: where the central and county forms have the clerk explain a deviation and its remedy. */
export const remarkLabels = ["备注", "备注说明"];

/** `1-6月完成值`, `1—6月执行数`, `截至6月底完成值`: the month N they name, if any. */
export const monthPrefix = /^(?:1[-~至到]|截至|截止)(\d{1,2})月(?:底|末)?/;

/**
 * A label as compared: full-width folded (NFKC), spaces, a leading `*`, a leading `其中:` and a
 * trailing colon, `(万元)` or `(盖章)` dropped. `其中：财政资金（万元）：` → `财政资金`.
 */
export function normaliseLabel(text: string): string {
  let t = text.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
  t = t.replace(/^[*★]+/, "").replace(/[:：]+$/, "");
  t = t.replace(/^其中[:：]?/, "");
  t = t.replace(/[—–－]/g, "-");
  t = t.replace(/\((?:万元|元|盖章|公章)\)$/, "").replace(/[:：]+$/, "");
  return t;
}

/** The text after a `1-N月` prefix, so `1-6月完成值` compares as `完成值`. */
export function withoutMonthPrefix(label: string): { month?: number; rest: string } {
  const m = monthPrefix.exec(label);
  if (!m) return { rest: label };
  return { month: Number(m[1]), rest: label.slice(m[0].length) };
}

function invert<K extends string>(table: Record<K, readonly string[]>): Map<string, K[]> {
  const map = new Map<string, K[]>();
  for (const [key, labels] of Object.entries(table) as [K, readonly string[]][]) {
    for (const l of labels) {
      const n = normaliseLabel(l);
      const list = map.get(n) ?? [];
      if (!list.includes(key)) list.push(key);
      map.set(n, list);
    }
  }
  return map;
}

const headerByLabel = invert(headerLabels);
const columnByLabel = invert(columnLabels);
const sections = new Set(sectionLabels.map(normaliseLabel));
const unread = new Set(unreadLabels.map(normaliseLabel));

/** The header field a label names on a form of this kind (kind unknown: the first reading). */
export function headerFieldOf(label: string, kind?: FormKind): HeaderField | undefined {
  const n = normaliseLabel(label);
  let list = headerByLabel.get(n);
  if (!list) {
    const { month, rest } = withoutMonthPrefix(n);
    if (month !== undefined && rest === "执行数") return "budget.executedToDate";
    return undefined;
  }
  if (list.length > 1 && kind) list = list.filter((f) => kindHas(kind, f)) as HeaderField[];
  return list[0];
}

function kindHas(kind: FormKind, field: HeaderField): boolean {
  const specific = new Set(Object.values(headerFieldsByKind).flat());
  return !specific.has(field) || headerFieldsByKind[kind].includes(field);
}

export function columnFieldOf(label: string): ColumnField | undefined {
  const n = normaliseLabel(label);
  const direct = columnByLabel.get(n);
  if (direct) return direct[0];
  const { month, rest } = withoutMonthPrefix(n);
  if (month !== undefined && toDateAfterMonth.includes(rest)) return "toDate";
  return undefined;
}

export function isSectionLabel(label: string): boolean {
  return sections.has(normaliseLabel(label));
}

/** `执行率`, `1-6月执行率`: a label with a value the model does not read. */
export function isUnreadLabel(label: string): boolean {
  const n = normaliseLabel(label);
  return unread.has(n) || unread.has(withoutMonthPrefix(n).rest);
}

/** True when the text is any label the template writes (header, column or section). */
export function isAnyLabel(text: string): boolean {
  const n = normaliseLabel(text);
  return headerByLabel.has(n) || sections.has(n) || columnByLabel.has(n) || withoutMonthPrefix(n).month !== undefined;
}
