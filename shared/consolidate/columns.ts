// How each consolidated sheet shows its rows: Chinese headers, widths, number formats and which
// columns are coloured (lights 红/黄/绿, grades 优/良/中/差, counts of red lights and errors).
// The .xlsx writer, the add-in's "pull consolidated" (values in blocks, then `planOf` for formats)
// and anything that adds columns later (deadlines, rectification, assessment) share these lists.
import { beijingMinute } from "../beijing.ts";
import { fieldLabel } from "../field-labels.ts";
import {
  kindTerms,
  level1Terms,
  level2Terms,
  lightTerms,
  operatorTerms,
  ratingTerms,
  statusTerms,
} from "../glossary.ts";
import type { SheetPlan } from "../sheet/plan.ts";
import { columnLetter } from "../sheet/a1.ts";
import type { AlertCounts, FindingLine, FormLine, FormRow, FundsFigures, IndicatorLine, MissingLine, SummaryRow, UnitKindLine } from "./rows.ts";

export type SheetCell = string | number | null;
/** text as typed; integer counts; 0.00; 0.0% (a fraction: 0.96 shows 96.0%). */
export type ColumnFormat = "text" | "integer" | "number" | "percent";
/** light: 红灯/黄灯/绿灯 cells; grade: 优/良/中/差; severity: 错误/警告; red/yellow: counts above 0. */
export type Highlight = "light" | "grade" | "severity" | "red" | "yellow";

export interface Column<R> {
  key: string;
  header: string;
  /** characters */
  width: number;
  format?: ColumnFormat;
  highlight?: Highlight;
  value(row: R): SheetCell;
}

export interface SheetColumns<R> {
  /** sheet name (≤ 31 characters) */
  name: string;
  /** ASCII id: the filter table's name (`T_summary`) and the JSON key of the rows */
  id: string;
  /** printed in the page header, with the year and kind before it */
  title: string;
  columns: readonly Column<R>[];
}

export const numberFormats: Record<Exclude<ColumnFormat, "text">, string> = {
  integer: "0",
  number: "0.00",
  percent: "0.0%",
};

/** Fill and font colours of each highlighted value. */
export const highlightColours = {
  red: { fill: "#FFC7CE", font: "#9C0006" },
  yellow: { fill: "#FFEB9C", font: "#9C5700" },
  green: { fill: "#C6EFCE", font: "#006100" },
  blue: { fill: "#DDEBF7", font: "#1F4E78" },
} as const;

/** The cell texts a highlight colours, with their colours. */
export function highlightRules(h: Highlight): { equals?: string; above?: number; colour: keyof typeof highlightColours }[] {
  switch (h) {
    case "light":
      return [
        { equals: lightTerms.red.zh, colour: "red" },
        { equals: lightTerms.yellow.zh, colour: "yellow" },
        { equals: lightTerms.green.zh, colour: "green" },
      ];
    case "grade":
      return [
        { equals: ratingTerms.excellent.zh, colour: "green" },
        { equals: ratingTerms.good.zh, colour: "blue" },
        { equals: ratingTerms.fair.zh, colour: "yellow" },
        { equals: ratingTerms.poor.zh, colour: "red" },
      ];
    case "severity":
      return [
        { equals: severityZh.error, colour: "red" },
        { equals: severityZh.warning, colour: "yellow" },
      ];
    case "red":
      return [{ above: 0, colour: "red" }];
    case "yellow":
      return [{ above: 0, colour: "yellow" }];
  }
}

export const severityZh = { error: "错误", warning: "警告", info: "提示" } as const;

const yes = (b: boolean): SheetCell => (b ? "是" : null);
const list = (xs: readonly string[]): SheetCell => (xs.length > 0 ? xs.join("、") : null);

function col<R>(key: string, header: string, width: number, value: (row: R) => SheetCell, more: Partial<Column<R>> = {}): Column<R> {
  return { key, header, width, value, ...more };
}

/** The columns of UnitKindLine, first on the 汇总 and 未报送 sheets. */
function unitKindColumns<R extends UnitKindLine>(): Column<R>[] {
  return [
    col("unitCode", "单位代码", 12, (r) => r.unitCode),
    col("unitName", "单位名称", 24, (r) => r.unitName),
    col("confidential", "涉密", 6, (r) => yes(r.confidential)),
    col("kind", "表类", 16, (r) => kindTerms[r.kind].zh),
    col("expected", "应报", 7, (r) => r.expected, { format: "integer" }),
  ];
}

/** The columns of FormLine, first on the sheets of forms, indicator rows and findings. */
function formLineColumns<R extends FormLine>(unitNameWidth: number, projectNameWidth: number): Column<R>[] {
  return [
    col("unitCode", "单位代码", 12, (r) => r.unitCode),
    col("unitName", "单位名称", unitNameWidth, (r) => r.unitName),
    col("projectCode", "项目代码", 14, (r) => r.projectCode),
    col("projectName", "项目名称", projectNameWidth, (r) => r.projectName),
    col("kind", "表类", 16, (r) => kindTerms[r.kind].zh),
    col("status", "状态", 8, (r) => statusTerms[r.status].zh),
  ];
}

function fundsColumns<R extends FundsFigures>(): Column<R>[] {
  return [
    col("fundsTotal", "资金总额（万元）", 14, (r) => r.fundsTotal, { format: "number" }),
    col("executionRate", "预算执行率", 11, (r) => r.executionRate, { format: "percent" }),
  ];
}

/** Red and yellow lights, errors and warnings: coloured when above 0. */
function alertColumns<R extends AlertCounts>(): Column<R>[] {
  return [
    col("red", lightTerms.red.zh, 7, (r) => r.red, { format: "integer", highlight: "red" }),
    col("yellow", lightTerms.yellow.zh, 7, (r) => r.yellow, { format: "integer", highlight: "yellow" }),
    col("errors", severityZh.error, 7, (r) => r.errors, { format: "integer", highlight: "red" }),
    col("warnings", severityZh.warning, 7, (r) => r.warnings, { format: "integer", highlight: "yellow" }),
  ];
}

export const summaryColumns: SheetColumns<SummaryRow> = {
  name: "汇总",
  id: "summary",
  title: "单位汇总",
  columns: [
    ...unitKindColumns<SummaryRow>(),
    col("received", "已收", 7, (r) => r.received, { format: "integer" }),
    col("draft", "草稿", 7, (r) => r.draft, { format: "integer" }),
    col("submitted", "已报送", 8, (r) => r.submitted, { format: "integer" }),
    col("returned", "已退回", 8, (r) => r.returned, { format: "integer" }),
    col("approved", "已审核", 8, (r) => r.approved, { format: "integer" }),
    col("pending", "待报送", 8, (r) => r.pending, { format: "integer", highlight: "yellow" }),
    col("projectsMissing", "缺报项目", 20, (r) => list(r.projectsMissing)),
    ...fundsColumns<SummaryRow>(),
    col("averageScore", "平均得分", 10, (r) => r.averageScore, { format: "number" }),
    col("lowestScore", "最低得分", 10, (r) => r.lowestScore, { format: "number" }),
    col("excellent", ratingTerms.excellent.zh, 5, (r) => r.excellent, { format: "integer" }),
    col("good", ratingTerms.good.zh, 5, (r) => r.good, { format: "integer" }),
    col("fair", ratingTerms.fair.zh, 5, (r) => r.fair, { format: "integer" }),
    col("poor", ratingTerms.poor.zh, 5, (r) => r.poor, { format: "integer", highlight: "red" }),
    ...alertColumns<SummaryRow>(),
    // the bureau's cycle, per unit (notices, rectification, assessment)
    col("onTime", "按时报送", 9, (r) => r.onTime, { format: "integer" }),
    col("late", "逾期报送", 9, (r) => r.late, { format: "integer", highlight: "yellow" }),
    col("due", "未到期待报", 10, (r) => r.due, { format: "integer" }),
    col("notSent", "逾期未报", 9, (r) => r.notSent, { format: "integer", highlight: "red" }),
    col("rectOpen", "整改未结", 9, (r) => r.rectOpen, { format: "integer" }),
    col("rectOverdue", "整改逾期", 9, (r) => r.rectOverdue, { format: "integer", highlight: "red" }),
    col("rectClosed", "整改已结", 9, (r) => r.rectClosed, { format: "integer" }),
    col("assessment", "考核得分", 9, (r) => r.assessment, { format: "number" }),
    col("rank", "考核排名", 9, (r) => r.rank, { format: "integer" }),
  ],
};

export const formColumns: SheetColumns<FormRow> = {
  name: "表单",
  id: "forms",
  title: "表单清单",
  columns: [
    ...formLineColumns<FormRow>(24, 28),
    col("revision", "版本", 6, (r) => r.revision, { format: "integer" }),
    col("updatedAt", "更新时间（北京时间）", 18, (r) => (r.updatedAt ? beijingMinute(r.updatedAt) : null)),
    col("readable", "可读", 6, (r) => (r.readable ? null : "否")),
    ...fundsColumns<FormRow>(),
    col("score", "得分", 8, (r) => r.score, { format: "number" }),
    col("grade", "等级", 6, (r) => (r.grade ? ratingTerms[r.grade].zh : null), { highlight: "grade" }),
    col("budgetLight", "预算执行", 9, (r) => (r.budgetLight ? lightTerms[r.budgetLight].zh : null), { highlight: "light" }),
    ...alertColumns<FormRow>(),
    col("indicators", "指标数", 7, (r) => r.indicators, { format: "integer" }),
  ],
};

export const indicatorColumns: SheetColumns<IndicatorLine> = {
  name: "指标明细",
  id: "rows",
  title: "指标明细",
  columns: [
    ...formLineColumns<IndicatorLine>(20, 24),
    col("row", "序号", 6, (r) => r.row, { format: "integer" }),
    col("level1", "一级指标", 12, (r) => level1Terms[r.level1].zh),
    col("level2", "二级指标", 16, (r) => level2Terms[r.level2].zh),
    col("name", "三级指标", 28, (r) => r.name),
    col("code", "指标代码", 12, (r) => r.code),
    col("operator", "运算符", 7, (r) => (r.operator ? operatorTerms[r.operator].zh : null)),
    col("target", "指标值", 12, (r) => r.target),
    col("targetHigh", "上限", 8, (r) => r.targetHigh),
    col("unit", "计量单位", 10, (r) => r.unit),
    col("value", "完成值", 12, (r) => r.value),
    col("weight", "分值", 7, (r) => r.weight),
    col("score", "得分", 8, (r) => r.score, { format: "number" }),
    col("light", "预警", 7, (r) => (r.light ? lightTerms[r.light].zh : null), { highlight: "light" }),
    col("na", "不适用", 7, (r) => yes(r.na)),
    col("findings", "问题", 48, (r) => r.findings || null),
  ],
};

export const missingColumns: SheetColumns<MissingLine> = {
  name: "未报送单位",
  id: "missing",
  title: "未报送单位",
  columns: [
    ...unitKindColumns<MissingLine>(),
    col("drafts", "草稿", 7, (r) => r.drafts, { format: "integer" }),
    col("projects", "已有项目", 30, (r) => list(r.projects)),
  ],
};

export const findingColumns: SheetColumns<FindingLine> = {
  name: "问题清单",
  id: "findings",
  title: "问题清单",
  columns: [
    ...formLineColumns<FindingLine>(20, 24),
    col("rule", "规则", 7, (r) => r.rule),
    col("severity", "级别", 6, (r) => severityZh[r.severity], { highlight: "severity" }),
    col("cell", "单元格", 8, (r) => r.cell),
    // The field as the template names it (第4行指标的指标值), never its path (indicators[3].target).
    col("path", "位置", 22, (r) => (r.path ? fieldLabel(r.path).zh : null)),
    col("zh", "说明", 50, (r) => r.zh),
    col("en", "Message", 50, (r) => r.en),
  ],
};

/** One row as the sheet shows it. */
export function gridRow<R>(sheet: SheetColumns<R>, row: R): SheetCell[] {
  return sheet.columns.map((c) => c.value(row));
}

export function headerRow<R>(sheet: SheetColumns<R>): string[] {
  return sheet.columns.map((c) => c.header);
}

/**
 * The sheet's formats as a SheetPlan with the header row only (values go in separately, in
 * blocks): widths, number formats, frozen header, filter table, highlights, print setup.
 */
export function planOf<R>(sheet: SheetColumns<R>, rowCount: number): SheetPlan {
  const last = rowCount + 1;
  const lastCol = columnLetter(sheet.columns.length - 1);
  const styles: SheetPlan["styles"] = [
    { range: `A1:${lastCol}1`, style: { bold: true, fill: "#D9E1F2", horizontal: "center", vertical: "middle", wrap: true, border: true } },
  ];
  const highlights: NonNullable<SheetPlan["highlights"]> = [];
  sheet.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    const range = `${letter}2:${letter}${Math.max(last, 2)}`;
    if (c.format && c.format !== "text") styles.push({ range, style: { numberFormat: numberFormats[c.format] } });
    if (c.highlight && rowCount > 0) {
      for (const rule of highlightRules(c.highlight)) {
        if (rule.equals === undefined) continue; // counts above 0 are an .xlsx conditional format only
        const colours = highlightColours[rule.colour];
        highlights.push({ range, equals: rule.equals, fill: colours.fill, fontColor: colours.font });
      }
    }
  });
  return {
    name: sheet.name,
    values: [headerRow(sheet)],
    styles,
    columnWidths: sheet.columns.map((c) => c.width),
    freeze: { rows: 1, columns: 0 },
    tables: [{ name: `T_${sheet.id}`, range: `A1:${lastCol}${Math.max(last, 2)}` }],
    highlights,
    print: { orientation: "landscape", fitToWidth: true, titleRows: "1:1" },
  };
}
