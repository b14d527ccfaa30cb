// The three forms as workbook layouts (docs/domain.md, docs/architecture.md): a form (or nothing, for a blank
// template) → a WorkbookPlan with the form sheet laid out like the standard county 申报表 / 监控表 /
// 自评表, a hidden library sheet that feeds the indicator-name dropdowns, and a veryHidden sheet of
// metadata. parse.ts reads such a sheet back by its labels (labels.ts), not by these positions.
import type { Form, IndicatorRow } from "../form.ts";
import { level1sOf, level2sOf, type FrameName } from "../frame.ts";
import {
  attributeTerms,
  basisTerms,
  codedCell,
  deviationCategoryTerms,
  fieldTerms,
  kindTerms,
  level1Terms,
  level2Terms,
  operatorTerms,
  possibilityTerms,
  ratingTerms,
  type FormKind,
  type Level2,
} from "../glossary.ts";
import type { Library } from "../library.ts";
import { a1, a1Range, columnLetter, quoteSheet } from "./a1.ts";
import { columnLabels, headerLabels, type ColumnField, type HeaderField } from "./labels.ts";
import type { CellStyle, ListValidation, PlanValue, SheetPlan, WorkbookPlan } from "./plan.ts";
import { uniqueSheetName } from "./sheet-name.ts";

/** Bumped when the layout changes in a way a reader could care about. */
export const templateVersion = "1";
export const librarySheetName = "指标库";
export const metaSheetName = "_jixiao";
/** The metadata sheet's first row; parse.ts recognises the sheet by it. */
export const metaHeader = ["sheet", "key", "value"] as const;

export interface LayoutEntry {
  kind: FormKind;
  form?: Form | undefined;
  /** defaults to the kind's Chinese name, made unique in the workbook */
  sheetName?: string;
  /** the server's revision of this form, kept in the metadata */
  serverRevision?: string | number;
}

export interface LayoutOptions {
  /** empty indicator rows in a blank template (default 15) */
  blankRows?: number;
  /** empty rows left below a filled form's indicators (default 5) */
  spareRows?: number;
}

/** One form (or a blank template) as a workbook: the form sheet, the library sheet, the metadata sheet. */
export function layoutForm(
  kind: FormKind,
  form: Form | undefined,
  library: Library,
  options: LayoutOptions & { sheetName?: string; serverRevision?: string | number } = {},
): WorkbookPlan {
  const entry: LayoutEntry = { kind, form };
  if (options.sheetName !== undefined) entry.sheetName = options.sheetName;
  if (options.serverRevision !== undefined) entry.serverRevision = options.serverRevision;
  return layoutWorkbook([entry], library, options);
}

/** Several forms in one workbook: one sheet each (names made unique), one library and one metadata sheet. */
export function layoutWorkbook(entries: readonly LayoutEntry[], library: Library, options: LayoutOptions = {}): WorkbookPlan {
  const frame = library.policy.frame;
  const lib = librarySheet(library, frame);
  const taken = new Set<string>([librarySheetName, metaSheetName]);
  const sheets: SheetPlan[] = [];
  const meta: PlanValue[][] = [
    [...metaHeader],
    ["*", "template", "jixiao"],
    ["*", "templateVersion", templateVersion],
    ["*", "libraryVersion", String(library.version)],
    ["*", "frame", frame],
    [librarySheetName, "role", "library"],
  ];
  for (const entry of entries) {
    if (entry.form && entry.form.kind !== entry.kind) {
      throw new Error(`layoutWorkbook: a ${entry.form.kind} form cannot be laid out as ${entry.kind}`);
    }
    const name = uniqueSheetName(entry.sheetName ?? kindTerms[entry.kind].zh, taken);
    taken.add(name);
    sheets.push(formSheet(entry.kind, entry.form, name, frame, lib.refs, options));
    meta.push([name, "role", "form"], [name, "kind", entry.kind]);
    const f = entry.form;
    if (f) {
      meta.push(
        [name, "year", String(f.year)],
        [name, "unit.code", f.unit.code],
        [name, "unit.name", f.unit.name],
        [name, "project.code", f.project.code],
        [name, "project.name", f.project.name],
      );
      if (f.kind === "monitor") meta.push([name, "month", String(f.month)]);
    }
    if (entry.serverRevision !== undefined) meta.push([name, "serverRevision", String(entry.serverRevision)]);
  }
  sheets.push(lib.sheet, {
    name: metaSheetName,
    visibility: "veryHidden",
    values: meta,
    columnWidths: [20, 18, 30],
    styles: [{ range: `A1:C${meta.length}`, style: { numberFormat: "@" } }],
  });
  return { sheets };
}

// ---------------------------------------------------------------------------------------------
// The hidden library sheet: one column of names per level-2 (each a defined name, so the
// indicator-name dropdown is INDIRECT on the row's level-2 label), the units, and the full list.

interface LibraryRefs {
  /** A1 range (sheet-qualified, absolute) of the unit list */
  units: string;
}

function librarySheet(library: Library, frame: FrameName): { sheet: SheetPlan; refs: LibraryRefs } {
  const level2s: Level2[] = level1sOf(frame).flatMap((l1) => [...level2sOf(frame, l1)]);
  const active = library.indicators.filter((i) => i.status !== "deprecated");
  const columns: string[][] = level2s.map((l2) => {
    const names: string[] = [];
    for (const ind of active) if (ind.level2 === l2 && !names.includes(ind.name)) names.push(ind.name);
    return names;
  });
  const units = [...new Set(library.indicators.map((i) => i.unit).filter((u): u is string => !!u))].sort((a, b) =>
    a.localeCompare(b, "zh"),
  );
  const unitCol = level2s.length + 1;
  const tableCol = unitCol + 2;
  const tableHeader = ["指标编码", "三级指标", "一级指标", "二级指标", "计量单位", "类型", "运算符", "状态", "替代指标"];
  const height = 2 + Math.max(units.length, library.indicators.length, ...columns.map((c) => c.length), 1);
  const values: PlanValue[][] = Array.from({ length: height }, () => []);
  const set = (r: number, c: number, v: PlanValue) => {
    (values[r] as PlanValue[])[c] = v;
  };
  const names: { name: string; ref: string }[] = [];
  const q = quoteSheet(librarySheetName);
  level2s.forEach((l2, c) => {
    set(0, c, level2Terms[l2].zh);
    set(1, c, l2);
    const col = columns[c]!;
    col.forEach((n, r) => set(2 + r, c, n));
    const L = columnLetter(c);
    // An empty level-2 still gets a name (one blank cell), so INDIRECT never hits a missing name.
    names.push({ name: level2Terms[l2].zh, ref: `${q}!$${L}$3:$${L}$${2 + Math.max(col.length, 1)}` });
  });
  set(0, unitCol, "计量单位");
  set(1, unitCol, "unit");
  units.forEach((u, r) => set(2 + r, unitCol, u));
  const U = columnLetter(unitCol);
  tableHeader.forEach((h, c) => set(0, tableCol + c, h));
  library.indicators.forEach((ind, r) => {
    const row = [
      ind.code,
      ind.name,
      level1Terms[ind.level1].zh,
      level2Terms[ind.level2].zh,
      ind.unit ?? "",
      ind.valueType === "quantitative" ? "定量" : "定性",
      ind.operators.map((o) => operatorTerms[o].zh).join(" "),
      ind.status === "deprecated" ? "已停用" : "启用",
      ind.replacedBy ?? "",
    ];
    row.forEach((v, c) => set(2 + r, tableCol + c, v));
  });
  const width = tableCol + tableHeader.length;
  const sheet: SheetPlan = {
    name: librarySheetName,
    visibility: "hidden",
    values,
    names,
    columnWidths: Array.from({ length: width }, (_, c) => (c === tableCol + 1 || c < level2s.length ? 24 : 12)),
    styles: [
      { range: a1Range(0, 0, height - 1, width - 1), style: { numberFormat: "@" } },
      { range: a1Range(0, 0, 0, width - 1), style: { bold: true } },
    ],
    freeze: { rows: 2, columns: 0 },
  };
  return { sheet, refs: { units: `=${q}!$${U}$3:$${U}$${2 + Math.max(units.length, 1)}` } };
}

// ---------------------------------------------------------------------------------------------
// The form sheet.

interface GridColumn {
  field: ColumnField;
  label: string;
  width: number;
}

function gridColumns(kind: FormKind, month: number | undefined): GridColumn[] {
  const col = (field: ColumnField, width: number, label = columnLabels[field][0]!): GridColumn => ({ field, label, width });
  const common = [
    col("level1", 12),
    col("level2", 14),
    col("name", 26),
    col("code", 11),
    col("operator", 7),
    col("target", 12),
    col("targetHigh", 10, "指标值（上限）"),
    col("unit", 10),
    col("basis", 10),
    col("custom", 7),
    col("na", 7),
  ];
  if (kind === "monitor") {
    return [
      ...common,
      col("toDate", 12, month !== undefined ? `1-${month}月完成值` : "累计完成值"),
      col("expected", 12),
      col("possibility", 11),
      col("deviationCategory", 12),
      col("measures", 24),
    ];
  }
  if (kind === "selfEval") return [...common, col("actual", 12), col("weight", 7), col("score", 7), col("deviation", 28)];
  return common;
}

const style = {
  title: { bold: true, fontSize: 16, horizontal: "center", vertical: "middle" },
  label: { bold: true, fill: "#F2F2F2", horizontal: "center", vertical: "middle", wrap: true, border: true },
  value: { vertical: "middle", wrap: true, border: true, locked: false },
  section: { bold: true, fill: "#DDEBF7", horizontal: "left", vertical: "middle", border: true },
  gridHeader: { bold: true, fill: "#DDEBF7", horizontal: "center", vertical: "middle", wrap: true, border: true },
  gridBody: { vertical: "middle", wrap: true, border: true, locked: false },
  note: { italic: true, fontSize: 9, fontColor: "#595959", wrap: true, vertical: "top" },
} satisfies Record<string, CellStyle>;

/** Inline choices for a dropdown, from a glossary table. */
function zhList(terms: Record<string, { zh: string }>): string[] {
  return Object.values(terms).map((t) => t.zh);
}

/** Columns typed as text, so `95%`, `1-6` or `001` stay as the unit typed them. */
const textColumns: ColumnField[] = ["code", "target", "targetHigh", "toDate", "expected", "actual"];

function formSheet(
  kind: FormKind,
  form: Form | undefined,
  name: string,
  frame: FrameName,
  refs: LibraryRefs,
  options: LayoutOptions,
): SheetPlan {
  const month = form?.kind === "monitor" ? form.month : undefined;
  const columns = gridColumns(kind, month);
  const W = columns.length;
  const last = W - 1;
  const mid = columns.findIndex((c) => c.field === "target"); // the right-hand label column
  const values: PlanValue[][] = [];
  const merges: string[] = [];
  const styles: { range: string; style: CellStyle }[] = [];
  const validations: ListValidation[] = [];
  const rowHeights: { row: number; height: number }[] = [];

  const addRow = (cells: PlanValue[] = []): number => {
    values.push(cells);
    return values.length - 1;
  };
  const setCell = (r: number, c: number, v: PlanValue) => {
    (values[r] as PlanValue[])[c] = v;
  };
  const dropdown = (range: string, list: ListValidation["list"], strict = true, prompt?: string) => {
    const v: ListValidation = { range, list, strict };
    if (prompt) v.prompt = { title: "提示", text: prompt };
    validations.push(v);
  };

  // Title
  const year = form?.year;
  const title = `${year !== undefined ? `${year}年度` : ""}项目支出${kindTerms[kind].zh}`;
  const t = addRow([title]);
  merges.push(a1Range(t, 0, t, last));
  styles.push({ range: a1Range(t, 0, t, last), style: style.title });
  rowHeights.push({ row: t + 1, height: 30 });

  const headerCells = new Map<HeaderField, string>();
  /** A row of one or two label/value pairs; a single pair spans the whole width. */
  const pairRow = (left: [HeaderField, PlanValue], right?: [HeaderField, PlanValue], height?: number): number => {
    const r = addRow();
    const put = (field: HeaderField, value: PlanValue, labelCol: number, toCol: number) => {
      setCell(r, labelCol, labelFor(field, month));
      setCell(r, labelCol + 1, value);
      styles.push({ range: a1(r, labelCol), style: style.label });
      const valueRange = a1Range(r, labelCol + 1, r, toCol);
      if (toCol > labelCol + 1) merges.push(valueRange);
      styles.push({ range: valueRange, style: style.value });
      headerCells.set(field, a1(r, labelCol + 1));
    };
    if (right) {
      put(left[0], left[1], 0, mid - 1);
      put(right[0], right[1], mid, last);
    } else {
      put(left[0], left[1], 0, last);
    }
    if (height) rowHeights.push({ row: r + 1, height });
    return r;
  };
  const section = (text: string) => {
    const r = addRow([text]);
    merges.push(a1Range(r, 0, r, last));
    styles.push({ range: a1Range(r, 0, r, last), style: style.section });
  };

  const p = form?.project;
  const period = p && (p.periodStart || p.periodEnd) ? `${p.periodStart ?? ""}至${p.periodEnd ?? ""}` : null;
  pairRow(["year", form?.year ?? null], ["department", p?.department ?? null]);
  pairRow(["unit.name", form?.unit.name ?? null], ["unit.code", form?.unit.code ?? null]);
  pairRow(["project.name", p?.name ?? null], ["project.code", p?.code ?? null]);
  pairRow(
    ["project.field", p ? (fieldTerms[p.field as keyof typeof fieldTerms]?.zh ?? p.field) : null],
    ["project.attribute", p ? attributeTerms[p.attribute].zh : null],
  );
  pairRow(["period", period], ["project.servesPublic", p ? (p.servesPublic ? "是" : "否") : null]);
  if (kind === "monitor") pairRow(["month", month ?? null]);

  section("资金情况（万元）");
  const funds = form?.funds;
  pairRow(["funds.total", funds?.total ?? null], ["funds.fiscal", funds?.fiscal ?? null]);
  pairRow(["funds.other", funds?.other ?? null], ["funds.carryover", funds?.carryover ?? null]);

  if (kind === "monitor") {
    section("预算执行情况（万元）");
    const b = form?.kind === "monitor" ? form.budget : undefined;
    pairRow(["budget.annual", b?.annual ?? null], ["budget.executedToDate", b?.executedToDate ?? null]);
  }
  if (kind === "selfEval") {
    section("预算执行情况（万元）");
    const f = form?.kind === "selfEval" ? form : undefined;
    pairRow(["budget.initial", f?.budget.initial ?? null], ["budget.adjusted", f?.budget.adjusted ?? null]);
    pairRow(["budget.executed", f?.budget.executed ?? null], ["totalScore", f?.totalScore ?? null]);
    pairRow(["budget.reason", f?.budget.reason ?? null], ["grade", f?.grade ? ratingTerms[f.grade].zh : null]);
  }

  section("绩效目标");
  pairRow(["goals.overall", form?.goals.overall ?? null], undefined, 48);
  pairRow(["goals.annual", form?.goals.annual ?? null], undefined, 48);
  if (kind === "selfEval") pairRow(["goals.actual", form?.goals.actual ?? null], undefined, 48);

  // Header dropdowns and formats
  const hc = (f: HeaderField) => headerCells.get(f);
  const headerDropdown = (f: HeaderField, list: string[], strict = true, prompt?: string) => {
    const c = hc(f);
    if (c) dropdown(c, list, strict, prompt);
  };
  headerDropdown("project.field", zhList(fieldTerms), false, "从列表选择所属领域，列表外的领域可直接填写");
  headerDropdown("project.attribute", zhList(attributeTerms));
  headerDropdown("project.servesPublic", ["是", "否"]);
  headerDropdown("month", Array.from({ length: 12 }, (_, i) => String(i + 1)));
  headerDropdown("grade", zhList(ratingTerms));
  for (const f of ["unit.code", "project.code", "period"] as HeaderField[]) {
    const c = hc(f);
    if (c) styles.push({ range: c, style: { numberFormat: "@" } });
  }
  const yc = hc("year");
  if (yc) styles.push({ range: yc, style: { numberFormat: "0" } });

  // The indicator grid
  section("绩效指标");
  const gh = addRow(columns.map((c) => c.label));
  styles.push({ range: a1Range(gh, 0, gh, last), style: style.gridHeader });
  rowHeights.push({ row: gh + 1, height: 32 });

  const rows = form?.indicators ?? [];
  const first = gh + 1;
  for (const row of rows) addRow(columns.map((c) => cellOf(row, c.field)));
  // Consecutive rows of one level-1 share a merged cell, as the county forms draw it.
  let start = first;
  for (let r = first + 1; r <= first + rows.length; r++) {
    const here = r < first + rows.length ? rows[r - first]!.level1 : undefined;
    if (here !== rows[start - first]?.level1) {
      if (r - 1 > start) {
        merges.push(a1Range(start, 0, r - 1, 0));
        for (let k = start + 1; k < r; k++) setCell(k, 0, null);
      }
      start = r;
    }
  }
  const spare = rows.length === 0 ? (options.blankRows ?? 15) : (options.spareRows ?? 5);
  for (let i = 0; i < spare; i++) addRow([]);
  const lastRow = values.length - 1;
  styles.push({ range: a1Range(first, 0, lastRow, last), style: style.gridBody });
  const colOf = (f: ColumnField) => columns.findIndex((c) => c.field === f);
  const colRange = (f: ColumnField) => {
    const c = colOf(f);
    return c < 0 ? undefined : a1Range(first, c, lastRow, c);
  };
  for (const f of textColumns) {
    const range = colRange(f);
    if (range) styles.push({ range, style: { numberFormat: "@" } });
  }
  for (const f of ["level1", "level2", "operator", "unit", "custom", "na", "weight", "score", "possibility"] as ColumnField[]) {
    const range = colRange(f);
    if (range) styles.push({ range, style: { horizontal: "center" } });
  }
  const frameLevel1 = level1sOf(frame);
  const frameLevel2 = frameLevel1.flatMap((l1) => [...level2sOf(frame, l1)]);
  const gridDropdown = (f: ColumnField, list: ListValidation["list"], strict = true, prompt?: string) => {
    const range = colRange(f);
    if (range) dropdown(range, list, strict, prompt);
  };
  gridDropdown("level1", frameLevel1.map((l) => level1Terms[l].zh));
  gridDropdown("level2", frameLevel2.map((l) => level2Terms[l].zh));
  const l2col = columnLetter(colOf("level2"));
  const nameRange = colRange("name");
  if (nameRange) {
    validations.push({
      range: nameRange,
      list: { source: `=INDIRECT($${l2col}${first + 1})` },
      strict: false,
      prompt: { title: "三级指标", text: "先选二级指标，再从指标库选择；库外指标请在“自定义”列填“是”" },
      error: { title: "库外指标", text: "该指标不在指标库中，将作为自定义指标报财政审核。继续吗？" },
    });
  }
  gridDropdown("operator", zhList(operatorTerms));
  gridDropdown("unit", { source: refs.units }, false);
  gridDropdown("basis", zhList(basisTerms));
  gridDropdown("custom", ["是", "否"]);
  gridDropdown("na", ["是", "否"]);
  gridDropdown("possibility", zhList(possibilityTerms));
  gridDropdown("deviationCategory", zhList(deviationCategoryTerms));

  const highlights: NonNullable<SheetPlan["highlights"]> = [];
  const possRange = colRange("possibility");
  if (possRange) {
    highlights.push(
      { range: possRange, equals: possibilityTerms.possible.zh, fill: "#FFEB9C", fontColor: "#9C5700" },
      { range: possRange, equals: possibilityTerms.impossible.zh, fill: "#FFC7CE", fontColor: "#9C0006" },
    );
  }

  // Footer: how to fill it in. It also ends the grid for the reader.
  const note = addRow([
    "填报说明：一级、二级指标从下拉列表选择；三级指标先选二级指标再从指标库选择，库外指标请在“自定义”列填“是”；" +
      "指标值可写运算符和单位（如 ≥95%、≤0.9‰），区间写在“指标值”和“指标值（上限）”两列；金额单位为万元。",
  ]);
  merges.push(a1Range(note, 0, note, last));
  styles.push({ range: a1Range(note, 0, note, last), style: style.note });
  rowHeights.push({ row: note + 1, height: 36 });

  return {
    name,
    visibility: "visible",
    values,
    merges,
    styles,
    columnWidths: columns.map((c) => c.width),
    rowHeights,
    freeze: { rows: gh + 1, columns: 0 },
    validations,
    print: { orientation: "landscape", fitToWidth: true, titleRows: `${gh + 1}:${gh + 1}`, paperSize: "A4" },
    highlights,
  };
}

function labelFor(field: HeaderField, month: number | undefined): string {
  if (field === "budget.executedToDate") return month !== undefined ? `1-${month}月执行数` : "累计执行数";
  if (field === "funds.fiscal") return "其中：财政资金";
  return headerLabels[field][0]!;
}

function cellOf(row: IndicatorRow, field: ColumnField): PlanValue {
  const coded = codedCell(field, row[field as keyof IndicatorRow]);
  if (coded !== undefined) return coded;
  switch (field) {
    case "custom":
      return row.custom ? "是" : null;
    case "na":
      return row.na ? "是" : null;
    default: {
      const v = row[field];
      return v === undefined || v === null ? null : v;
    }
  }
}
