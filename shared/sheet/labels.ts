// The words a form sheet is recognised by (docs/domain.md): every header field and indicator column with
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
  department: ["主管部门", "主管部门名称", "主管部门及代码", "主管单位", "业务主管部门"],
  "unit.code": ["预算单位编码", "单位编码", "预算单位代码", "单位代码"],
  "unit.name": ["预算单位", "预算单位名称", "单位名称", "实施单位", "填报单位", "项目执行单位", "项目实施单位", "项目单位", "编制单位", "部门名称"],
  "project.name": ["项目名称", "项目支出名称", "专项资金名称", "专项名称", "资金名称"],
  "project.code": ["项目编码", "项目代码"],
  "project.field": ["所属领域", "领域", "所属行业", "行业领域"],
  "project.attribute": ["项目属性"],
  period: ["实施期限", "项目期限", "实施周期", "项目实施期限", "项目起止时间", "建设周期"],
  "project.servesPublic": ["是否面向公众服务", "面向公众服务", "是否面向社会公众服务"],
  "funds.total": ["年度资金总额", "资金总额", "项目资金总额", "总额", "年度财政资金总额", "项目总预算"],
  "funds.fiscal": ["财政资金", "财政拨款", "当年财政拨款", "本年财政拨款", "当年一般公共预算拨款", "一般公共预算拨款", "年度本级预算金额", "财政补助"],
  "funds.other": ["其他资金", "其它资金", "其他"],
  "funds.carryover": ["上年结转", "上年结转资金"],
  "goals.overall": ["总体目标", "项目总体目标", "总目标", "中期目标", "长期目标", "中长期目标", "项目中期目标", "项目总体概况"],
  "goals.annual": ["年度目标", "年度绩效目标", "当年目标", "年度总体目标", "预期目标", "本年度绩效目标", "年初设定目标", "项目年度目标", "年度预期目标", "年度主要目标和成果"],
  "goals.actual": ["实际完成情况", "年度目标实际完成情况", "目标完成情况", "全年实际完成情况", "年度目标完成情况", "年度总体目标完成情况"],
  month: ["监控月份", "监控期", "截至月份", "监控时点", "监控时间"],
  // 全年预算数 is budget.annual on a monitoring form and budget.adjusted on a self-evaluation:
  // headerFieldOf resolves it by kind.
  "budget.annual": ["全年预算数", "年初预算数"],
  "budget.executedToDate": ["执行数", "累计执行数"],
  "budget.initial": ["年初预算数", "年初预算"],
  "budget.adjusted": ["全年预算数", "调整后预算数", "调整后预算", "预算数"],
  "budget.executed": ["全年执行数", "预算执行数", "执行数"],
  "budget.reason": ["未达90%原因", "执行率未达90%原因", "预算执行率未达90%原因", "未达标原因", "原因"],
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
  name: ["三级指标", "三级指标名称", "指标名称", "指标内容", "绩效指标名称"],
  code: ["指标编码", "指标代码", "编码"],
  operator: ["运算符", "符号", "指标值符号", "运算符号", "指标性质"],
  target: ["指标值", "年度指标值", "目标值", "指标值(下限)", "数值", "指标值数值", "指标值及单位", "当年预期实现值", "预期指标值", "年度目标值", "全年指标值", "年初目标值"],
  targetHigh: ["指标值(上限)", "上限"],
  unit: ["计量单位", "单位", "度量单位"],
  basis: ["设定依据", "指标值设定依据", "指标值确定依据"],
  custom: ["自定义", "是否自定义", "自定义指标"],
  na: ["不适用", "本年不适用"],
  toDate: ["完成值", "累计完成值", "当前完成值", "半年度指标执行情况", "指标执行情况", "累计完成情况"],
  expected: ["全年预计完成值", "预计完成值", "全年预计完成情况"],
  possibility: ["完成可能性", "全年完成可能性", "完成目标可能性"],
  deviationCategory: ["偏差原因类别", "偏差原因"],
  measures: ["纠偏措施", "完善措施"],
  actual: ["实际完成值", "全年实际完成值", "实际值", "全年实际值", "全年完成值", "实际完成情况值"],
  weight: ["分值", "权重"],
  score: ["得分", "自评得分"],
  deviation: ["偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "偏差原因分析及改进措施说明", "偏差原因及改进措施"],
};

/**
 * Labels of cells the model does not read (a funds block's 执行率, computed from its neighbours):
 * known as labels, so the value of the label beside them is not taken to be their text.
 */
export const unreadLabels = ["执行率", "预算执行率", "全年执行率", "全年预计执行数", "年度预算数", "财政专户管理资金", "单位资金", "自有资金", "事业收入", "经营性收入", "项目负责人", "联系电话", "项目类型", "项目类别", "项目性质", "项目分类", "项目负责人及电话",
  "财政资金预算分类", "财政资金科目代码", "当年年度预算", "年度预算执行率", "主管部门编码", "单位职能概述", "项目概况", "项目审批"];

/** Rows that are section titles: labels with no value of their own. */
export const sectionLabels = ["资金情况(万元)", "资金情况", "项目资金(万元)", "项目资金", "预算执行情况(万元)", "预算执行情况", "绩效目标", "绩效指标", "自评结果", "年度绩效指标", "长期绩效指标", "项目基本情况", "项目资金申请", "资金总额及构成", "项目立项情况", "项目实施进度计划", "项目绩效目标"];

/** A row whose first text starts with one of these ends the indicator grid: notes, conclusions, signatures. */
export const footerPrefixes = [
  "填报说明", "填表说明", "说明:", "注:", "注1", "备注:", "填表人", "填报人", "单位负责人", "财务负责人", "项目负责人", "联系电话", "联系人", "填报日期",
  "合计", "总计", "评价结论", "存在问题", "改进措施", "偏差或不能完成目标原因分析", "相关建议或举措", "主管部门审核意见", "审核意见", "其他说明的问题", "自评结论",
];

/** Rows inside the grid that are never indicators: subtotals and the `……` a blank template leaves. */
export const skippedRowTexts = ["小计", "…", "……", "...", "......", "具体指标"];

/** What follows `1-N月` in a to-date column's label: `1-6月完成值`, `1-6月实际完成值`, `1-7月执行情况`. */
export const toDateAfterMonth = ["完成值", "实际完成值", "完成情况", "实际完成情况", "执行情况", "指标执行情况"];

/** A monitoring form's remarks column: where the central and county forms have the clerk explain a deviation and its remedy. */
export const remarkLabels = ["备注", "备注说明"];

/** `1-6月完成值`, `1—6月执行数`, `截至6月底完成值`: the month N they name, if any. */
export const monthPrefix = /^(?:1[-~至到]|截至|截止)(\d{1,2})月(?:底|末)?/;

/**
 * A label as compared: full-width folded (NFKC), spaces and line breaks, a leading `*`, a leading
 * `其中:` and a trailing colon dropped. `其中：财政资金：` → `财政资金`.
 */
export function normaliseLabel(text: string): string {
  let t = text.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
  t = t.replace(/^[*★]+/, "").replace(/[:：]+$/, "");
  t = t.replace(/^其中[:：]?/, "");
  t = t.replace(/[—–－]/g, "-");
  t = t.replace(/\((?:万元|元|盖章|公章)\)$/, "").replace(/[:：]+$/, "");
  return t;
}

/**
 * A label without its trailing parenthesised notes, as published forms add them: `全年预算数(A)`,
 * `执行率(B/A)`, `产出指标(50分)`, `完成目标可能性(确定能、有可能、不可能)`, `填报单位(盖章)`.
 * Used when the label as written is not known, so `指标值(上限)` still reads as itself.
 */
export function baseLabel(normalised: string): string {
  // every trailing note, however many a form stacks (`预期目标(A)(10分)(确定能、有可能、不可能)(B/A)`):
  // each pass shortens the text, so this ends
  let t = normalised;
  for (;;) {
    const next = t.replace(/\([^()]*\)$/, "").replace(/[:：]+$/, "");
    if (next === t || next === "") break;
    t = next;
  }
  return t;
}

/** The text after a `1-N月` prefix, so `1-6月完成值` compares as `完成值`. */
export function withoutMonthPrefix(label: string): { month?: number; rest: string } {
  const m = monthPrefix.exec(label);
  if (!m) return { rest: label };
  return { month: Number(m[1]), rest: label.slice(m[0].length) };
}

/** A label's field and its rank among the field's labels (0: the template's own; lower wins). */
export interface LabelHitOf<K> {
  field: K;
  rank: number;
}

function invert<K extends string>(table: Record<K, readonly string[]>, extra: Record<string, readonly string[]> = {}): Map<string, LabelHitOf<K>[]> {
  const map = new Map<string, LabelHitOf<K>[]>();
  const add = (key: K, labels: readonly string[], offset: number) => {
    labels.forEach((l, rank) => {
      const n = normaliseLabel(l);
      const list = map.get(n) ?? [];
      if (!list.some((h) => h.field === key)) list.push({ field: key, rank: rank + offset });
      map.set(n, list);
    });
  };
  for (const [key, labels] of Object.entries(table) as [K, readonly string[]][]) add(key, labels, 0);
  // a bureau's own labels (policy `labels.fields`) rank after the built-in ones
  for (const [key, labels] of Object.entries(extra)) if (Object.hasOwn(table, key)) add(key as K, labels, 100);
  return map;
}

function kindHas(kind: FormKind, field: HeaderField): boolean {
  return !specificFields.has(field) || headerFieldsByKind[kind].includes(field);
}
const specificFields = new Set<HeaderField>(Object.values(headerFieldsByKind).flat());

/**
 * Every label a form is read by: the built-in ones above and a policy's own (`labels.fields`).
 * Built once per label set (see labelSetOf) and asked for every text cell, so lookups are maps.
 */
export class LabelSet {
  private readonly header: Map<string, LabelHitOf<HeaderField>[]>;
  private readonly column: Map<string, LabelHitOf<ColumnField>[]>;
  private readonly sections = new Set(sectionLabels.map(normaliseLabel));
  private readonly unread = new Set(unreadLabels.map(normaliseLabel));
  private readonly footers = footerPrefixes.map(normaliseLabel);
  private readonly skipped = new Set(skippedRowTexts.map(normaliseLabel));

  constructor(fields: Record<string, readonly string[]> = {}) {
    this.header = invert(headerLabels, fields);
    this.column = invert(columnLabels, fields);
  }

  private headerHits(label: string): LabelHitOf<HeaderField>[] | undefined {
    const n = normaliseLabel(label);
    const direct = this.header.get(n);
    if (direct) return direct;
    const { month, rest } = withoutMonthPrefix(n);
    if (month !== undefined && baseLabel(rest) === "执行数") return [{ field: "budget.executedToDate", rank: 0 }];
    const base = baseLabel(n);
    return base !== n ? this.header.get(base) : undefined;
  }

  /** The header field a label names on a form of this kind (kind unknown: the first reading), with its rank. */
  headerHit(label: string, kind?: FormKind): LabelHitOf<HeaderField> | undefined {
    const list = this.headerHits(label);
    if (!list) return undefined;
    return kind ? list.find((h) => kindHas(kind, h.field)) : list[0];
  }

  headerFieldOf(label: string, kind?: FormKind): HeaderField | undefined {
    return this.headerHit(label, kind)?.field;
  }

  columnFieldOf(label: string): ColumnField | undefined {
    const n = normaliseLabel(label);
    const direct = this.column.get(n);
    if (direct) return direct[0]!.field;
    const { month, rest } = withoutMonthPrefix(n);
    if (month !== undefined && (toDateAfterMonth.includes(rest) || toDateAfterMonth.includes(baseLabel(rest)))) return "toDate";
    const base = baseLabel(n);
    return base !== n ? this.column.get(base)?.[0]!.field : undefined;
  }

  isSectionLabel(label: string): boolean {
    const n = normaliseLabel(label);
    return this.sections.has(n) || this.sections.has(baseLabel(n));
  }

  /** `执行率`, `1-6月执行率`, `执行率(B/A)`: a label with a value the model does not read. */
  isUnreadLabel(label: string): boolean {
    const n = baseLabel(normaliseLabel(label));
    // `单位：万元`, `金额单位：万元`: the unit line over a form
    if (/^(?:金额)?单位[:：]?(?:万元|元)$/u.test(n)) return true;
    return this.unread.has(n) || this.unread.has(baseLabel(withoutMonthPrefix(n).rest));
  }

  /** A note, a conclusion block, a signature line, a reviewer's box (…审核意见) or a 合计 row: the grid has ended. */
  isFooter(text: string): boolean {
    const n = normaliseLabel(text);
    return this.footers.some((p) => n.startsWith(p)) || baseLabel(n).endsWith("意见");
  }

  /** `小计`, `……`: a row inside the grid that is not an indicator. */
  isSkippedRow(text: string): boolean {
    const n = normaliseLabel(text);
    return this.skipped.has(n) || /^[.…。·]+$/.test(n);
  }

  /** True when the text is any label the template writes (header, column or section). */
  isAnyLabel(text: string): boolean {
    const n = normaliseLabel(text);
    return this.header.has(n) || this.sections.has(n) || this.column.has(n) || withoutMonthPrefix(n).month !== undefined;
  }
}

const sets = new WeakMap<object, LabelSet>();
/** The label set of a policy's `labels.fields` (built once per object); none: the built-in labels. */
export function labelSetOf(fields?: Record<string, readonly string[]>): LabelSet {
  if (!fields) return defaultLabels;
  let set = sets.get(fields);
  if (!set) {
    set = new LabelSet(fields);
    sets.set(fields, set);
  }
  return set;
}

export const defaultLabels = new LabelSet();

/** The header field a label names on a form of this kind, with the built-in labels. */
export function headerFieldOf(label: string, kind?: FormKind): HeaderField | undefined {
  return defaultLabels.headerFieldOf(label, kind);
}

export function columnFieldOf(label: string): ColumnField | undefined {
  return defaultLabels.columnFieldOf(label);
}

export function isSectionLabel(label: string): boolean {
  return defaultLabels.isSectionLabel(label);
}

export function isUnreadLabel(label: string): boolean {
  return defaultLabels.isUnreadLabel(label);
}

export function isAnyLabel(text: string): boolean {
  return defaultLabels.isAnyLabel(text);
}
