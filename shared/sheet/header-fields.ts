// The header fields (the third stage of reading a form): every label above the grid (and below it:
// a 总分 row under a self-evaluation) with its value, right of it or under it in a row of labels.
// A field may be named by several labels; where a layout has two (全年预算数 and 年初预算数 on one
// monitoring form) the better-ranked one with a value wins. What a layout lacks stays absent: the
// rules report it, and the rows, score and lights are read all the same.
import { attributeTerms, ratingTerms, type FormKind } from "../glossary.ts";
import { normaliseText } from "../values.ts";
import { columnLetter } from "./a1.ts";
import { attributeExtra, fieldKey, monthOf, periodOf, termKey, yearOf, yesNo } from "./cell-values.ts";
import { blank, cellAt, text, typed, type Cell } from "./grid.ts";
import { kindFromText, type GridHeader } from "./header-find.ts";
import { normaliseLabel, withoutMonthPrefix, type HeaderField, type LabelSet } from "./labels.ts";

interface Found {
  value: Cell;
  row: number;
  col: number;
  /** the value came in the label's own cell (`总分：92.5`) */
  inline?: boolean;
  label?: LabelHit;
}

export interface LabelHit {
  label: string;
  row: number;
  col: number;
  /** `年度：2025` in one cell: the value came with the label */
  inline?: Cell;
}

/** Label cells are keyed row * width + column; only the first 200 columns are read. */
export const labelWidth = 256;

/** Collects header labels in rows [from, to), remembering every cell that is a label. */
export function scanLabels(grid: readonly unknown[], from: number, to: number, labelCells: Set<number>, labels: LabelSet): LabelHit[] {
  const hits: LabelHit[] = [];
  for (let r = from; r < to; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const n = Math.min(row.length, 200);
    for (let c = 0; c < n; c++) {
      const v: unknown = row[c];
      if (typeof v !== "string" || v.length > 40 || v.trim() === "") continue;
      if (labels.headerFieldOf(v) !== undefined) {
        hits.push({ label: v, row: r, col: c });
        labelCells.add(r * labelWidth + c);
      } else if (labels.isSectionLabel(v) || labels.isUnreadLabel(v) || labels.columnFieldOf(v) !== undefined) {
        labelCells.add(r * labelWidth + c);
      } else {
        const m = /^(.{1,16}?)[:：](.+)$/su.exec(v.trim());
        if (m && labels.headerFieldOf(m[1]!) !== undefined) hits.push({ label: m[1]!, row: r, col: c, inline: m[2]!.trim() });
      }
    }
  }
  return hits;
}

/** The value of a label: the first filled cell to its right before another label; else below, in a row of labels. */
function valueOf(grid: readonly unknown[], hit: LabelHit, labelCells: Set<number>): Found {
  const width = labelWidth;
  if (hit.inline !== undefined) return { value: hit.inline, row: hit.row, col: hit.col, inline: true };
  const row = grid[hit.row] as unknown[];
  const n = Math.min(row.length, 200);
  for (let c = hit.col + 1; c < n; c++) {
    if (labelCells.has(hit.row * width + c)) break;
    const v = cellAt(grid, hit.row, c);
    if (!blank(v)) return { value: v, row: hit.row, col: c };
  }
  // In a row of labels (`资金总额 | 财政资金 | 其他资金`, values on the row below) the last label
  // has a label on its left only. Labels merged across several columns leave blanks between
  // (`预期目标` over B:E, `实际完成情况` over F:J): then the nearest filled cells count, when the
  // cell below holds a value (a blank template's `label | blank | label | blank` row does not).
  const below = cellAt(grid, hit.row + 1, hit.col);
  let inLabelRow = labelCells.has(hit.row * width + hit.col + 1) || (hit.col > 0 && labelCells.has(hit.row * width + hit.col - 1));
  if (!inLabelRow && !blank(below)) {
    let left = hit.col - 1;
    while (left >= 0 && blank(cellAt(grid, hit.row, left))) left--;
    inLabelRow = left >= 0 && labelCells.has(hit.row * width + left);
    if (!inLabelRow) {
      // `项目年度目标` merged over C:F, `年度目标完成情况` from G: the next filled cell right is a label
      let right = hit.col + 1;
      while (right < n && blank(cellAt(grid, hit.row, right))) right++;
      inLabelRow = right < n && labelCells.has(hit.row * width + right);
    }
  }
  if (inLabelRow && !labelCells.has((hit.row + 1) * width + hit.col)) {
    return { value: cellAt(grid, hit.row + 1, hit.col), row: hit.row + 1, col: hit.col };
  }
  return { value: null, row: hit.row, col: hit.col + 1 };
}

/** Where each header field was read: what `--explain` shows. */
export interface HeaderRead {
  field: HeaderField;
  label: string;
  labelAt: string;
  valueAt: string;
}

export interface HeaderInput {
  grid: readonly unknown[];
  header: GridHeader;
  kind: FormKind;
  hits: readonly LabelHit[];
  /** the row that ended the grid */
  end: number;
  labelCells: Set<number>;
  labels: LabelSet;
  meta: Record<string, string>;
  prefix: string;
  sheet: string;
}

export interface HeaderOutput {
  /** the form without its rows, as read: what a layout lacks is absent */
  candidate: Record<string, unknown>;
  cells: Record<string, string>;
  read: HeaderRead[];
}

const cellPaths: [HeaderField, string][] = [
  ["year", "year"],
  ["unit.code", "unit.code"],
  ["unit.name", "unit.name"],
  ["project.name", "project.name"],
  ["project.code", "project.code"],
  ["department", "project.department"],
  ["project.field", "project.field"],
  ["project.attribute", "project.attribute"],
  ["period", "project.periodStart"],
  ["period", "project.periodEnd"],
  ["project.servesPublic", "project.servesPublic"],
  ["funds.total", "funds.total"],
  ["funds.fiscal", "funds.fiscal"],
  ["funds.other", "funds.other"],
  ["funds.carryover", "funds.carryover"],
  ["goals.overall", "goals.overall"],
  ["goals.annual", "goals.annual"],
  ["goals.actual", "goals.actual"],
  ["month", "month"],
  ["budget.annual", "budget.annual"],
  ["budget.executedToDate", "budget.executedToDate"],
  ["budget.initial", "budget.initial"],
  ["budget.adjusted", "budget.adjusted"],
  ["budget.executed", "budget.executed"],
  ["budget.reason", "budget.reason"],
  ["totalScore", "totalScore"],
  ["grade", "grade"],
];

const gradeExtra = { 优秀: "excellent", 良好: "good", 中等: "fair", 合格: "fair", 较差: "poor" } as const;

/** `219001-池州市贵池区棠溪镇人民政府`, `51000021R000000019951-工资性支出`, `[610001]某公司`: a code printed before the name. */
function codeAndName(t: string | undefined): { code?: string; name?: string } {
  if (t === undefined) return {};
  const m = /^\s*([0-9A-Za-z][0-9A-Za-z._]{2,63})\s*[-－—]\s*(\S.*)$/su.exec(t) ?? /^\s*[[【]([0-9A-Za-z][0-9A-Za-z._-]{2,63})[\]】]\s*(\S.*)$/su.exec(t);
  return m ? { code: m[1]!, name: m[2]!.trim() } : { name: t };
}

export function readHeader(input: HeaderInput): HeaderOutput {
  const { grid, header, kind, labels, meta, prefix } = input;
  const found = new Map<HeaderField, Found & { rank: number }>();
  for (const hit of input.hits) {
    const h = labels.headerHit(hit.label, kind);
    if (h === undefined) continue;
    const field = h.field;
    const old = found.get(field);
    // A label whose value is blank does not shadow a later one with a value (`年度总体目标` over
    // `预期目标 | 实际完成情况`, the goal under 预期目标); of two with values, the better-ranked label.
    if (old && !blank(old.value) && old.rank <= h.rank) continue;
    const value = valueOf(grid, hit, input.labelCells);
    if (old && blank(value.value)) continue;
    found.set(field, { ...value, label: hit, rank: h.rank });
  }
  // A 总分 row under a self-evaluation's grid (`总分 | … | 100 | 92.5` under 分值 | 得分), or its 合计
  // row: the total is the number under 得分, not the first number right of the label (分值's 100).
  const scoreCol = header.columns.get("score");
  const totalHit = found.get("totalScore");
  if (kind === "selfEval" && totalHit && !totalHit.inline && scoreCol !== undefined && totalHit.row >= header.body && totalHit.col < scoreCol && !blank(cellAt(grid, totalHit.row, scoreCol))) {
    found.set("totalScore", { ...totalHit, value: cellAt(grid, totalHit.row, scoreCol), row: totalHit.row, col: scoreCol });
  }
  if (kind === "selfEval" && !found.has("totalScore") && scoreCol !== undefined && input.end < grid.length) {
    const first = firstText(grid, input.end);
    const total = cellAt(grid, input.end, scoreCol);
    if (first && /^合计|^总计/u.test(normaliseText(first.text)) && !blank(total)) {
      found.set("totalScore", { value: total, row: input.end, col: scoreCol, rank: 9, label: { label: first.text, row: input.end, col: first.col } });
    }
  }

  const get = (f: HeaderField): Cell => found.get(f)?.value ?? null;
  const fromMeta = (f: HeaderField, metaKey: string): Cell => (found.has(f) ? get(f) : (meta[metaKey] ?? null));
  const cells: Record<string, string> = {};
  const read: HeaderRead[] = [];
  for (const [f, path] of cellPaths) {
    const h = found.get(f);
    if (!h) continue;
    const at = `${prefix}${columnLetter(h.col)}${h.row + 1}`;
    cells[path] = at;
    if (h.label && f !== "period") read.push({ field: path as HeaderField, label: h.label.label, labelAt: `${prefix}${columnLetter(h.label.col)}${h.label.row + 1}`, valueAt: at });
    else if (h.label && path === "project.periodStart") read.push({ field: "period", label: h.label.label, labelAt: `${prefix}${columnLetter(h.label.col)}${h.label.row + 1}`, valueAt: at });
  }

  let year: Cell = fromMeta("year", "year");
  if (blank(year)) year = yearFromTitle(grid, header.row);
  const code = (v: Cell) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() || undefined : undefined);
  const period = periodOf(get("period"));
  const fieldText = text(get("project.field"));
  const attr = termKey(attributeTerms, get("project.attribute"), attributeExtra);
  const serves = yesNo(get("project.servesPublic"));
  const projectName = codeAndName(text(fromMeta("project.name", "project.name")));
  const unitName = codeAndName(text(fromMeta("unit.name", "unit.name")));
  const projectCode = code(fromMeta("project.code", "project.code"));
  const unitCode = code(fromMeta("unit.code", "unit.code"));
  const project: Record<string, unknown> = {};
  const set = (o: Record<string, unknown>, k: string, v: unknown) => {
    if (v !== undefined) o[k] = v;
  };
  set(project, "code", projectCode ?? projectName.code);
  set(project, "name", projectCode === undefined ? projectName.name : text(fromMeta("project.name", "project.name")));
  set(project, "field", fieldText === undefined ? undefined : fieldKey(fieldText));
  set(project, "attribute", attr === "?" ? text(get("project.attribute")) : attr);
  set(project, "servesPublic", serves === "?" ? text(get("project.servesPublic")) : serves);
  set(project, "department", text(get("department")));
  set(project, "periodStart", period.start);
  set(project, "periodEnd", period.end);
  if (projectCode === undefined && projectName.code !== undefined && cells["project.name"]) cells["project.code"] = cells["project.name"];
  const unit: Record<string, unknown> = {};
  set(unit, "code", unitCode ?? unitName.code);
  set(unit, "name", unitCode === undefined ? unitName.name : text(fromMeta("unit.name", "unit.name")));
  if (unitCode === undefined && unitName.code !== undefined && cells["unit.name"]) cells["unit.code"] = cells["unit.name"];

  const funds: Record<string, unknown> = {};
  for (const f of ["total", "fiscal", "other", "carryover"] as const) set(funds, f, typed(get(`funds.${f}`)));
  const goals: Record<string, unknown> = {};
  for (const g of ["overall", "annual", "actual"] as const) set(goals, g, text(get(`goals.${g}`)));
  const candidate: Record<string, unknown> = { kind, unit, project, funds, goals, indicators: [], sheet: input.sheet };
  set(candidate, "year", blank(year) ? undefined : yearOf(year));
  if (kind === "monitor") {
    let month: Cell = fromMeta("month", "month");
    if (blank(month) && header.month !== undefined) month = header.month;
    if (blank(month)) month = monthFromTitle(grid, header.row);
    // last, `1-6月执行数` over the amount executed
    const executedLabel = found.get("budget.executedToDate")?.label?.label;
    if (blank(month) && executedLabel !== undefined) month = withoutMonthPrefix(normaliseLabel(executedLabel)).month ?? null;
    set(candidate, "month", blank(month) ? undefined : monthOf(month));
    const budget: Record<string, unknown> = {};
    set(budget, "annual", typed(get("budget.annual")));
    set(budget, "executedToDate", typed(get("budget.executedToDate")));
    candidate.budget = budget;
  }
  if (kind === "selfEval") {
    const budget: Record<string, unknown> = {};
    for (const b of ["initial", "adjusted", "executed"] as const) set(budget, b, typed(get(`budget.${b}`)));
    set(budget, "reason", text(get("budget.reason")));
    candidate.budget = budget;
    set(candidate, "totalScore", typed(get("totalScore")));
    const grade = termKey(ratingTerms, get("grade"), gradeExtra);
    if (grade !== undefined) candidate.grade = grade === "?" ? text(get("grade")) : grade;
  }
  return { candidate, cells, read };
}

function firstText(grid: readonly unknown[], r: number): { text: string; col: number } | undefined {
  const row = grid[r];
  if (!Array.isArray(row)) return undefined;
  for (let c = 0; c < Math.min(row.length, 200); c++) {
    const v: unknown = row[c];
    if (typeof v === "string" && v.trim() !== "") return { text: v, col: c };
    if (!blank(v)) return undefined;
  }
  return undefined;
}

/** The texts of the first rows above the grid (at most 10): where a title, and a year or month line under it, sit. */
function titleTexts(grid: readonly unknown[], headerRow: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.min(headerRow, 10); r++) {
    const row = grid[r];
    if (Array.isArray(row)) for (const v of row) if (typeof v === "string") out.push(v);
  }
  return out;
}

/** `2025年度项目支出绩效目标申报表`, or the year on a line of its own under the title: `（2024年度）`. */
function yearFromTitle(grid: readonly unknown[], headerRow: number): Cell {
  for (const v of titleTexts(grid, headerRow)) {
    const t = normaliseText(v);
    const m = /(\d{4})\s*年/.exec(t);
    if (m && (kindFromText(v) || /^\(?\d{4}年度?\)?$/.test(t))) return Number(m[1]);
  }
  return null;
}

/** The title: `2025年度项目支出绩效运行监控表（1-6月）`, `（截至2025年7月31日）`. */
function monthFromTitle(grid: readonly unknown[], headerRow: number): Cell {
  for (const v of titleTexts(grid, headerRow)) {
    const m = /(?:^|[^\d])1[-~至到](\d{1,2})月|截[至止](?:\d{4}年)?(\d{1,2})月/.exec(normaliseText(v));
    if (m && (kindFromText(v) || /^\(.*\)$/.test(normaliseText(v)))) return Number(m[1] ?? m[2]);
  }
  return null;
}
