// A sheet's grid → a form (DESIGN.md seam 1). Blocks are found by their labels (labels.ts), never
// by fixed rows: inserted or blank rows, merged cells (value in the top-left cell only), extra
// columns, reordered optional columns and labels with or without colons all still read. Every
// value keeps its A1 address in `form.cells`, so every finding can point at a cell. Never throws.
import { FormSchema, type Form, type IndicatorRow } from "../form.ts";
import { isInFrame, parentOf, parseLevel1, parseLevel2 } from "../frame.ts";
import {
  attributeTerms,
  basisTerms,
  deviationCategoryTerms,
  fieldTerms,
  formKinds,
  keyOf,
  operatorTerms,
  possibilityTerms,
  ratingTerms,
  type Field,
  type FormKind,
  type Level1,
  type Level2,
  type Operator,
  type Term,
} from "../glossary.ts";
import type { Issue } from "../issue.ts";
import { schemaIssues } from "../read-form.ts";
import { normaliseText } from "../values.ts";
import { columnLetter, quoteSheet } from "./a1.ts";
import {
  columnFieldOf,
  footerPrefixes,
  headerFieldOf,
  isSectionLabel,
  isUnreadLabel,
  normaliseLabel,
  remarkLabels,
  withoutMonthPrefix,
  type ColumnField,
  type HeaderField,
} from "./labels.ts";
import { librarySheetName, metaHeader, metaSheetName } from "./layout.ts";

export type GridValue = string | number | boolean | null;
export type Grid = GridValue[][];

export interface ParsedForm {
  form?: Form;
  issues: Issue[];
  /** the kind the sheet was recognised as, also when its header could not be read into a form */
  kind?: FormKind;
}

export interface SheetGrid {
  name: string;
  values: Grid;
  /** as the workbook had it; hidden sheets are read too */
  state?: "visible" | "hidden" | "veryHidden";
}

export interface ParsedSheet extends ParsedForm {
  sheet: string;
  /** the server revision the sheet was laid out from, as its metadata records it */
  serverRevision?: number;
}

type Cell = string | number | boolean | null;

function cellAt(grid: readonly unknown[], r: number, c: number): Cell {
  const row = grid[r];
  if (!Array.isArray(row)) return null;
  const v: unknown = row[c];
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  return null;
}

/** A cell's text as a message quotes it: at most 40 characters. */
function shown(v: unknown): string {
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean");
}

function issue(rule: "P001" | "P002" | "P003", path: string, zh: string, en: string, cell?: string): Issue {
  const i: Issue = { rule, severity: "error", path, message: { zh, en } };
  if (cell !== undefined) i.cell = cell;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Typed cell readers: a value as typed, a key from a glossary table, yes/no.

/** A number stays a number; text stays exactly as typed; blank is absent. */
function typed(v: Cell): number | string | undefined {
  if (v === null) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.trim() === "" ? undefined : v;
}

function text(v: Cell): string | undefined {
  if (v === null) return undefined;
  const s = typeof v === "string" ? v : String(v);
  return s.trim() === "" ? undefined : s;
}

const yesWords = new Set(["是", "√", "✓", "✔", "☑", "☒", "■", "●", "y", "yes", "true", "1", "有", "对"]);
const noWords = new Set(["否", "×", "x", "n", "no", "false", "0", "无", "不是", "□", "☐"]);

function yesNo(v: Cell): boolean | undefined | "?" {
  if (v === null) return undefined;
  if (typeof v === "boolean") return v;
  const t = normaliseText(String(v)).toLowerCase();
  if (t === "") return undefined;
  if (yesWords.has(t)) return true;
  if (noWords.has(t)) return false;
  return "?";
}

/** `☑确定能 □有可能 □完全不可能` (a printed choice list with one box ticked): the ticked choice's text. */
function tickedChoice(t: string): string | undefined {
  const n = normaliseText(t);
  const parts = n.split(/(?=[□☐☑☒■√✓✔])/u);
  const ticked = parts.filter((p) => /^[☑☒■√✓✔]/u.test(p));
  if (ticked.length !== 1 || parts.length < 2) return undefined;
  return ticked[0]!.slice(1);
}

function termKey<K extends string>(terms: Record<K, Term>, v: Cell, extra: Record<string, K> = {}): K | undefined | "?" {
  const t = text(v);
  if (t === undefined) return undefined;
  const key = keyOf(terms, t) ?? keyOf(terms, normaliseText(t));
  if (key) return key;
  const n = normaliseText(t);
  if (Object.hasOwn(extra, n)) return extra[n];
  const choice = tickedChoice(t);
  if (choice !== undefined && choice !== n) return termKey(terms, choice, extra);
  return "?";
}

const operatorExtra: Record<string, Operator> = { ">=": ">=", "≧": ">=", "<=": "<=", "≦": "<=", "=": "=", "＝": "=", 区间: "range", 定性: "qualitative", "~": "range" };
const basisExtra: Record<string, IndicatorRow["basis"] & string> = { 计划: "plan", 行业: "industry", 历史: "history", 其他: "other", 计划标准: "plan" };
/** What county forms write in 所属领域 for the fields the glossary names longer (`农业` for 农业农村). */
const fieldExtra: Record<string, Field> = {
  林草: "forestry",
  林业和草原: "forestry",
  交通: "roads",
  公路: "roads",
  交通运输: "roads",
  卫生: "health",
  卫生健康: "health",
  医疗卫生: "health",
  卫生健康委: "health",
  农业: "agriculture",
  农村: "agriculture",
  农林水: "agriculture",
  旅游: "tourism",
  文旅: "tourism",
  文化和旅游: "tourism",
  环保: "environment",
  环境保护: "environment",
  节能环保: "environment",
  社保: "socialSecurity",
  社会保障和就业: "socialSecurity",
  住建: "housing",
  城乡社区: "housing",
  应急: "emergency",
  一般公共服务: "admin",
  行政: "admin",
};
/** A field as typed → its key when it names one; else the text, which the rules report. */
function fieldKey(t: string): string {
  const n = normaliseText(t);
  return keyOf(fieldTerms, t) ?? keyOf(fieldTerms, n) ?? (Object.hasOwn(fieldExtra, n) ? fieldExtra[n]! : t);
}
const attributeExtra: Record<string, "new" | "continuing"> = { 新增: "new", 新建: "new", 新增项目: "new", 延续: "continuing", 延续项目: "continuing", 续建: "continuing", 经常性项目: "continuing" };

function yearOf(v: Cell): number | Cell {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const t = normaliseText(v).replace(/年度?$/, "");
  return /^\d{4}$/.test(t) ? Number(t) : v;
}

function monthOf(v: Cell): number | Cell {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const t = normaliseText(v);
  // `6`, `6月`, `1-6月`, and a 监控时点 as a date: `2025年6月30日`, `截至2025年6月底`, `2025-06-30`
  const m =
    /^(?:1[-~至到])?(\d{1,2})月?(?:份|底|末)?$/.exec(t) ??
    /^(?:截至|截止)?(?:\d{4}年)?(\d{1,2})月(?:\d{1,2}日)?(?:底|末)?$/.exec(t) ??
    /^\d{4}[-./](\d{1,2})(?:[-./]\d{1,2})?$/.exec(t);
  return m ? Number(m[1]) : v;
}

/** `2025-01至2025-12`, `2025年1月-2025年12月`, `2025.01~2025.12`, an ISO date: the two periods. */
function periodOf(v: Cell): { start?: string; end?: string } {
  const t = text(v);
  if (t === undefined) return {};
  const n = normaliseText(t);
  const date = String.raw`(\d{4})[-./年](\d{1,2})(?:[-./月](\d{1,2})日?|月)?`;
  const one = new RegExp(`^${date}$`);
  const two = new RegExp(`^${date}(?:至|到|~|-|—|–)${date}$`);
  const fmt = (y?: string, m?: string, d?: string) => `${y}-${m!.padStart(2, "0")}${d ? `-${d.padStart(2, "0")}` : ""}`;
  let m = two.exec(n);
  if (m) return { start: fmt(m[1], m[2], m[3]), end: fmt(m[4], m[5], m[6]) };
  m = one.exec(n);
  if (m) return { start: fmt(m[1], m[2], m[3]) };
  const half = /^(.*?)(?:至|到|~)(.*)$/.exec(n);
  if (half) {
    const part = (p: string) => {
      const d = one.exec(p);
      return p === "" ? undefined : d ? fmt(d[1], d[2], d[3]) : p;
    };
    const out: { start?: string; end?: string } = {};
    const a = part(half[1]!);
    const b = part(half[2]!);
    if (a !== undefined) out.start = a;
    if (b !== undefined) out.end = b;
    return out;
  }
  return { start: t };
}

// ---------------------------------------------------------------------------------------------
// Finding the blocks

interface Found {
  value: Cell;
  row: number;
  col: number;
  /** the value came in the label's own cell (`总分：92.5`) */
  inline?: boolean;
}

interface LabelHit {
  label: string;
  row: number;
  col: number;
  /** `年度：2025` in one cell: the value came with the label */
  inline?: Cell;
}

/** Collects header labels in rows [from, to), remembering every cell that is a label. */
function scanLabels(grid: readonly unknown[], from: number, to: number, labelCells: Set<number>, width: number): LabelHit[] {
  const hits: LabelHit[] = [];
  for (let r = from; r < to; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const n = Math.min(row.length, 200);
    for (let c = 0; c < n; c++) {
      const v: unknown = row[c];
      if (typeof v !== "string" || v.length > 40 || v.trim() === "") continue;
      if (headerFieldOf(v) !== undefined) {
        hits.push({ label: v, row: r, col: c });
        labelCells.add(r * width + c);
      } else if (isSectionLabel(v) || isUnreadLabel(v) || columnFieldOf(v) !== undefined) {
        labelCells.add(r * width + c);
      } else {
        const m = /^(.{1,16}?)[:：](.+)$/s.exec(v.trim());
        if (m && headerFieldOf(m[1]!) !== undefined) hits.push({ label: m[1]!, row: r, col: c, inline: m[2]!.trim() });
      }
    }
  }
  return hits;
}

/** The value of a label: the first filled cell to its right before another label; else below, in a row of labels. */
function valueOf(grid: readonly unknown[], hit: LabelHit, labelCells: Set<number>, width: number): Found {
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
  }
  if (inLabelRow && !labelCells.has((hit.row + 1) * width + hit.col)) {
    return { value: cellAt(grid, hit.row + 1, hit.col), row: hit.row + 1, col: hit.col };
  }
  return { value: null, row: hit.row, col: hit.col + 1 };
}

/** Fields a form may lay out as a group of tick columns, one per choice. */
type TickField = "deviationCategory" | "possibility";
interface TickColumn {
  col: number;
  key: string;
}

interface GridHeader {
  /** the header row (the top one of two) */
  row: number;
  /** the first row under the header */
  body: number;
  columns: Map<ColumnField, number>;
  /** `偏差原因分析` merged over `经费保障 | 制度保障 | …`: the choice each column ticks */
  ticks: Map<TickField, TickColumn[]>;
  /** a 备注 column (a monitoring form's explanation of a deviation and its remedy) */
  remarks?: number;
  month?: number;
}

const remarks = new Set(remarkLabels.map(normaliseLabel));

/** The choice a second-row label names under a group label (`经费保障` under `偏差原因分析`). */
function tickChoice(group: ColumnField | undefined, label: string): { field: TickField; key: string } | undefined {
  const n = normaliseLabel(label);
  if (group === "deviation" || group === "deviationCategory") {
    const key = keyOf(deviationCategoryTerms, n);
    if (key) return { field: "deviationCategory", key };
  }
  if (group === "possibility") {
    const key = keyOf(possibilityTerms, n);
    if (key) return { field: "possibility", key };
  }
  return undefined;
}

function findGridHeader(grid: readonly unknown[]): GridHeader | undefined {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    let hasName = false;
    let hasLevel = false;
    const n = Math.min(row.length, 200);
    for (let c = 0; c < n; c++) {
      const v: unknown = row[c];
      if (typeof v !== "string" || v.length > 30) continue;
      const f = columnFieldOf(v);
      if (f === "name") hasName = true;
      else if (f === "level1" || f === "level2") hasLevel = true;
    }
    if (!hasName || !hasLevel) continue;
    const columns = new Map<ColumnField, number>();
    let remarksCol: number | undefined;
    let month: number | undefined;
    const width = Math.max(n, Array.isArray(grid[r - 1]) ? Math.min((grid[r - 1] as unknown[]).length, 200) : 0);
    for (let c = 0; c < width; c++) {
      let v = cellAt(grid, r, c);
      // Two-row headers: a label merged down from the row above has its text there only.
      if (blank(v) && r > 0) v = cellAt(grid, r - 1, c);
      if (typeof v !== "string") continue;
      if (remarksCol === undefined && remarks.has(normaliseLabel(v))) remarksCol = c;
      const f = columnFieldOf(v);
      if (f && !columns.has(f)) {
        columns.set(f, c);
        if (f === "toDate") month = withoutMonthPrefix(normaliseLabel(v)).month;
      }
    }
    // A second header row under this one (`指标值` merged over `符号 | 数值`): its labels name the
    // columns under a merged group label, and the rows start below it.
    // The same for a group of tick columns (`偏差原因分析` over `经费保障 | 制度保障 | …`, `完成目标可能性`
    // over `确定能 | 有可能 | 完全不可能`): each column is one choice, ticked with √ or 是.
    let body = r + 1;
    const next = grid[r + 1];
    const ticks = new Map<TickField, TickColumn[]>();
    if (Array.isArray(next)) {
      const sub = new Map<ColumnField, number>();
      const tickCols: [TickField, TickColumn][] = [];
      let other = false;
      for (let c = 0; c < Math.min(next.length, 200) && !other; c++) {
        const v: unknown = next[c];
        if (blank(v)) continue;
        const f = typeof v === "string" && v.length <= 30 ? columnFieldOf(v) : undefined;
        const choice = f === undefined && typeof v === "string" && v.length <= 30 ? tickChoice(groupAbove(grid, r, c), v) : undefined;
        if (choice) tickCols.push([choice.field, { col: c, key: choice.key }]);
        else if (f === undefined || f === "level1" || f === "level2" || f === "name") other = true;
        else if (!sub.has(f)) sub.set(f, c);
      }
      if (!other && (sub.size > 0 || tickCols.length > 0)) {
        body = r + 2;
        const claimed = new Set([...sub.values(), ...tickCols.map(([, t]) => t.col)]);
        for (const [f, c] of columns) if (claimed.has(c) && !sub.has(f)) columns.delete(f);
        for (const [f, t] of tickCols) {
          columns.delete(f);
          ticks.set(f, [...(ticks.get(f) ?? []), t]);
        }
        for (const [f, c] of sub) {
          columns.set(f, c);
          if (f === "toDate") month = withoutMonthPrefix(normaliseLabel(String(next[c]))).month;
        }
      }
    }
    const out: GridHeader = { row: r, body, columns, ticks };
    if (remarksCol !== undefined && ![...columns.values()].includes(remarksCol)) out.remarks = remarksCol;
    if (month !== undefined) out.month = month;
    return out;
  }
  return undefined;
}

/** The column label over column c of a header row: the cell itself, or a group label merged across from its left. */
function groupAbove(grid: readonly unknown[], r: number, c: number): ColumnField | undefined {
  for (let k = c; k >= 0; k--) {
    const v = cellAt(grid, r, k);
    if (blank(v)) continue;
    return typeof v === "string" ? columnFieldOf(v) : undefined;
  }
  return undefined;
}

function kindFromText(t: string): FormKind | undefined {
  if (/自评/.test(t)) return "selfEval";
  if (/监控/.test(t)) return "monitor";
  if (/目标申报|申报表|绩效目标表/.test(t)) return "target";
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Indicator rows

interface LevelCell {
  level1?: Level1;
  level2?: Level2;
  end?: boolean;
}

const levelCache = new Map<string, LevelCell>();
function levelCell(t: string): LevelCell {
  let hit = levelCache.get(t);
  if (hit) return hit;
  const n = normaliseLabel(t).replace(/\(\d+(?:\.\d+)?分\)$/, "");
  hit = {};
  const l1 = parseLevel1(n);
  const l2 = parseLevel2(n);
  if (l1) hit.level1 = l1;
  if (l2) hit.level2 = l2;
  if (!l1 && !l2 && (footerPrefixes.some((p) => n.startsWith(normaliseLabel(p))) || headerFieldOf(n) !== undefined)) hit.end = true;
  if (levelCache.size > 10_000) levelCache.clear();
  levelCache.set(t, hit);
  return hit;
}

const typedFields: ColumnField[] = ["target", "targetHigh", "toDate", "expected", "actual", "weight", "score"];
const textFields: ColumnField[] = ["code", "name", "unit", "measures", "deviation"];

/** Reads the indicator grid row by row (no closures per row: this loop is the hot path). */
class RowReader {
  readonly indicators: IndicatorRow[] = [];
  /** the sheet row (0-based) of each indicator, for `cells` */
  private readonly rowOf: number[] = [];
  private readonly c1: number;
  private readonly c2: number;
  /** mapped columns: field, column index, `'Sheet'!F` */
  private readonly mapped: { field: ColumnField; col: number; prefix: string }[];
  private readonly mappedCols: Set<number>;
  private readonly colOf: Map<ColumnField, number>;
  private readonly prefixOf: Map<ColumnField, string>;
  /** tick-column groups, and per indicator the column ticked in each (-1: none, the group's first column is its cell) */
  private readonly ticks: Map<TickField, TickColumn[]>;
  private readonly tickedCol = new Map<TickField, number[]>();
  private prevLevel1: Level1 | undefined;
  private prevLevel2: Level2 | undefined;
  private r = 0;
  private i = 0;

  constructor(
    private readonly grid: readonly unknown[],
    columns: Map<ColumnField, number>,
    private readonly sheetPrefix: string,
    private readonly issues: Issue[],
    ticks: Map<TickField, TickColumn[]> = new Map(),
  ) {
    this.ticks = ticks;
    for (const f of ticks.keys()) this.tickedCol.set(f, []);
    this.colOf = columns;
    this.c1 = columns.get("level1") ?? -1;
    this.c2 = columns.get("level2") ?? -1;
    this.mapped = [...columns.entries()].map(([field, col]) => ({ field, col, prefix: `${sheetPrefix}${columnLetter(col)}` }));
    this.mappedCols = new Set([...columns.values(), ...[...ticks.values()].flat().map((t) => t.col)]);
    this.prefixOf = new Map(this.mapped.map((m) => [m.field, m.prefix]));
  }

  /** Reads rows from `start`; returns the row that ended the grid (a footer or header label), or the grid's length. */
  readFrom(start: number): number {
    const grid = this.grid;
    for (let r = start; r < grid.length; r++) {
      const row = grid[r];
      if (!Array.isArray(row)) continue;
      let empty = true;
      let firstText: string | undefined;
      for (let k = 0; k < row.length && k < 200; k++) {
        const v: unknown = row[k];
        if (blank(v)) continue;
        // A footer starts in the level columns or in a column the grid does not use.
        if (typeof v === "string" && (k === this.c1 || k === this.c2 || !this.mappedCols.has(k))) firstText = v;
        empty = false;
        break;
      }
      if (empty) continue;
      if (firstText !== undefined && levelCell(firstText.length > 16 ? firstText.slice(0, 16) : firstText).end) return r;
      // Only the mapped columns make an indicator row; text in an extra column alone does not.
      let any = false;
      for (const m of this.mapped) {
        if (!blank(row[m.col])) {
          any = true;
          break;
        }
      }
      if (any) this.readRow(r);
    }
    return grid.length;
  }

  private raw(f: ColumnField): Cell {
    const c = this.colOf.get(f);
    return c === undefined ? null : cellAt(this.grid, this.r, c);
  }

  private at(f: ColumnField): string | undefined {
    const p = this.prefixOf.get(f);
    return p === undefined ? undefined : p + (this.r + 1);
  }

  private fail(rule: "P002" | "P003", f: ColumnField, zh: string, en: string): void {
    this.issues.push(issue(rule, `indicators[${this.i}].${f}`, zh, en, this.at(f)));
  }

  private enumField<K extends string>(f: ColumnField, terms: Record<K, Term>, extra: Record<string, K>, zh: string, en: string): K | undefined {
    const v = this.raw(f);
    if (v === null) return undefined;
    const k = termKey(terms, v, extra);
    if (k !== "?") return k;
    const t = shown(v);
    this.fail("P003", f, `“${t}”不是有效的${zh}，请从下拉列表选择。`, `'${t}' is not a valid ${en}: pick one from the list.`);
    return undefined;
  }

  /**
   * A choice laid out as tick columns: the column marked √, ✓, 是 (or with any text but 否, ×, □).
   * Two or more ticked: the first for the deviation category (the form holds one); for the
   * possibility, which must be one, a finding.
   */
  private ticked(f: TickField): string | undefined {
    const cols = this.ticks.get(f)!;
    const hits = cols.filter((t) => {
      const v = cellAt(this.grid, this.r, t.col);
      return !blank(v) && yesNo(v) !== false;
    });
    const at = this.tickedCol.get(f)!;
    at[this.i] = hits[0]?.col ?? -1;
    if (hits.length > 1 && f === "possibility") {
      const names = hits.map((t) => possibilityTerms[t.key as keyof typeof possibilityTerms].zh).join("、");
      this.issues.push(
        issue(
          "P003",
          `indicators[${this.i}].${f}`,
          `完成目标可能性勾选了多项（${names}），只能勾选一项。`,
          `More than one possibility is ticked (${hits.map((t) => t.key).join(", ")}): tick one.`,
          `${this.sheetPrefix}${columnLetter(hits[1]!.col)}${this.r + 1}`,
        ),
      );
      return undefined;
    }
    return hits[0]?.key;
  }

  private readRow(r: number): void {
    this.r = r;
    this.i = this.indicators.length;
    // Level 1 and level 2, filled down through merged cells.
    const t1 = this.c1 >= 0 ? text(cellAt(this.grid, r, this.c1)) : undefined;
    const t2 = this.c2 >= 0 ? text(cellAt(this.grid, r, this.c2)) : undefined;
    let level1: Level1 | undefined;
    let level2: Level2 | undefined;
    let typedLevel1 = false;
    if (t1 !== undefined) {
      level1 = levelCell(t1).level1;
      if (!level1) {
        return this.fail("P003", "level1", `“${shown(t1)}”不是一级指标，请从下拉列表选择。该行未读入。`, `'${shown(t1)}' is not a level-1 category: pick one from the list. The row was not read.`);
      }
      typedLevel1 = true;
    } else level1 = this.prevLevel1;
    if (t2 !== undefined) {
      level2 = levelCell(t2).level2;
      if (!level2) {
        return this.fail("P003", "level2", `“${shown(t2)}”不是二级指标，请从下拉列表选择。该行未读入。`, `'${shown(t2)}' is not a level-2 category: pick one from the list. The row was not read.`);
      }
    } else if (level1 !== undefined && level1 === this.prevLevel1) level2 = this.prevLevel2;
    if (level2 !== undefined && (level1 === undefined || (!typedLevel1 && !isInFrame("2021", level1, level2) && !isInFrame("2015", level1, level2)))) {
      // A level-2 under no level-1, or under one filled down from a merged cell it does not belong to.
      level1 = parentOf("2021", level2) ?? parentOf("2015", level2) ?? level1;
    }
    if (level1 === undefined) {
      return this.fail("P002", "level1", "一级指标为空，请从下拉列表选择。该行未读入。", "The level-1 category is empty: pick one from the list. The row was not read.");
    }
    if (level2 === undefined) {
      return this.fail("P002", "level2", "二级指标为空，请从下拉列表选择。该行未读入。", "The level-2 category is empty: pick one from the list. The row was not read.");
    }
    this.prevLevel1 = level1;
    this.prevLevel2 = level2;

    const out: IndicatorRow = { level1, level2, custom: false };
    const o = out as Record<string, unknown>;
    for (const f of textFields) {
      const v = text(this.raw(f));
      if (v !== undefined) o[f] = v;
    }
    for (const f of typedFields) {
      const v = typed(this.raw(f));
      if (v !== undefined) o[f] = v;
    }
    const op = this.enumField("operator", operatorTerms, operatorExtra, "运算符", "operator");
    if (op) out.operator = op;
    const basis = this.enumField("basis", basisTerms, basisExtra, "设定依据", "basis");
    if (basis) out.basis = basis;
    const poss = this.ticks.has("possibility") ? this.ticked("possibility") : this.enumField("possibility", possibilityTerms, {}, "完成可能性", "possibility");
    if (poss) out.possibility = poss as IndicatorRow["possibility"] & string;
    const dev = this.ticks.has("deviationCategory")
      ? this.ticked("deviationCategory")
      : this.enumField("deviationCategory", deviationCategoryTerms, {}, "偏差原因类别", "deviation category");
    if (dev) out.deviationCategory = dev as IndicatorRow["deviationCategory"] & string;
    for (const f of ["custom", "na"] as const) {
      const v = this.raw(f);
      if (v === null) continue;
      const yn = yesNo(v);
      if (yn === "?") this.fail("P003", f, `“${shown(v)}”应填“是”或“否”。`, `'${shown(v)}' should be 是 (yes) or 否 (no).`);
      else if (f === "custom") out.custom = yn === true;
      else if (yn === true) out.na = true;
    }
    this.indicators.push(out);
    this.rowOf.push(r);
  }

  /** Every row's cells by JSON path: `indicators[3].target` → `'Sheet'!F21`. */
  cells(into: Record<string, string>): Record<string, string> {
    const mapped = this.mapped;
    for (let i = 0; i < this.rowOf.length; i++) {
      const keyBase = `indicators[${i}].`;
      const rowNumber = String(this.rowOf[i]! + 1);
      for (const m of mapped) into[keyBase + m.field] = m.prefix + rowNumber;
      for (const [f, cols] of this.ticks) {
        const c = this.tickedCol.get(f)![i] ?? -1;
        into[keyBase + f] = `${this.sheetPrefix}${columnLetter(c >= 0 ? c : cols[0]!.col)}${rowNumber}`;
      }
    }
    return into;
  }
}

/**
 * Sets `form.cells` to be built on first read. A flat record of one key per cell costs far more
 * than reading the rows (V8 internalises every key: ~150 ms for 10,000 rows), and most callers
 * read a handful of addresses or none; on first read it becomes a plain data property, so JSON,
 * spreading, structuredClone and assignment all see an ordinary object.
 */
function lazyCells(form: object, build: () => Record<string, string>): void {
  const settle = (value: Record<string, string>) =>
    Object.defineProperty(form, "cells", { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(form, "cells", {
    enumerable: true,
    configurable: true,
    get() {
      const value = build();
      settle(value);
      return value;
    },
    set(value: Record<string, string>) {
      settle(value);
    },
  });
}

// ---------------------------------------------------------------------------------------------

/** A sheet's grid → a form, or the findings that say why not. Never throws. */
export function parseForm(grid: GridValue[][], sheetName: string, meta: Record<string, string> = {}): ParsedForm {
  try {
    return parseFormUnsafe(Array.isArray(grid) ? grid : [], String(sheetName ?? ""), meta ?? {});
  } catch (err) {
    return {
      issues: [
        issue(
          "P001",
          "(form)",
          `无法读取工作表“${sheetName}”：${(err as Error)?.message ?? err}`,
          `Sheet '${sheetName}' could not be read: ${(err as Error)?.message ?? err}`,
        ),
      ],
    };
  }
}

function parseFormUnsafe(grid: readonly unknown[], sheetName: string, meta: Record<string, string>): ParsedForm {
  const prefix = `${quoteSheet(sheetName)}!`;
  const issues: Issue[] = [];
  const header = findGridHeader(grid);
  const metaKind = formKinds.includes(meta.kind as FormKind) ? (meta.kind as FormKind) : undefined;

  if (!header) {
    return {
      issues: [
        metaKind
          ? issue(
              "P001",
              "indicators",
              `工作表“${sheetName}”找不到绩效指标表头（一级指标、二级指标、三级指标），请勿删除表头行。`,
              `Sheet '${sheetName}' has no indicator table header (一级指标, 二级指标, 三级指标): do not delete the header row.`,
            )
          : issue(
              "P001",
              "(form)",
              `工作表“${sheetName}”不是已知的绩效表样：没有表样信息，也找不到一级指标、二级指标、三级指标表头。`,
              `Sheet '${sheetName}' is not a known template: it has no template metadata and no indicator table header.`,
            ),
      ],
    };
  }

  const width = 256; // label cells are keyed row * 256 + column; only the first 200 columns are read
  const labelCells = new Set<number>();
  const topHits = scanLabels(grid, 0, header.row, labelCells, width);

  // The kind: metadata, else the title (text above the first label), else the columns.
  let kind = metaKind;
  if (!kind) {
    const firstLabelRow = topHits.length > 0 ? topHits[0]!.row : header.row;
    for (let r = 0; r < firstLabelRow && !kind; r++) {
      const row = grid[r];
      if (!Array.isArray(row)) continue;
      for (const v of row) if (typeof v === "string" && (kind = kindFromText(v))) break;
    }
  }
  if (!kind) {
    const cols = header.columns;
    kind = cols.has("toDate") || cols.has("possibility") || cols.has("expected") ? "monitor" : cols.has("actual") || cols.has("score") || cols.has("weight") ? "selfEval" : "target";
  }

  // The indicator rows, until a footer or a header label ends them.
  // A monitoring form without a 纠偏措施 column explains a deviation and its remedy in 备注.
  if (kind === "monitor" && header.remarks !== undefined && !header.columns.has("measures")) header.columns.set("measures", header.remarks);
  const rows = new RowReader(grid, header.columns, prefix, issues, header.ticks);
  const end = rows.readFrom(header.body);
  const { indicators } = rows;

  // Header values: labels above the grid and below it (a 总分 row under a self-evaluation).
  const bottomHits = end < grid.length ? scanLabels(grid, end, grid.length, labelCells, width) : [];
  const found = new Map<HeaderField, Found>();
  for (const hit of [...topHits, ...bottomHits]) {
    const field = headerFieldOf(hit.label, kind);
    // A label whose value is blank does not shadow a later one with a value (`年度总体目标` over
    // `预期目标 | 实际完成情况`, the goal under 预期目标).
    if (field === undefined || (found.has(field) && !blank(found.get(field)!.value))) continue;
    const value = valueOf(grid, hit, labelCells, width);
    if (found.has(field) && blank(value.value)) continue;
    found.set(field, value);
  }
  // A 总分 row under a self-evaluation's grid (`总分 | … | 100 | 92.5` under 分值 | 得分): the total
  // is the number under 得分, not the first number right of the label (the 分值 column's 100).
  const totalHit = found.get("totalScore");
  const scoreCol = header.columns.get("score");
  if (kind === "selfEval" && totalHit && !totalHit.inline && scoreCol !== undefined && totalHit.row >= header.body && totalHit.col < scoreCol) {
    found.set("totalScore", { value: cellAt(grid, totalHit.row, scoreCol), row: totalHit.row, col: scoreCol });
  }
  const get = (f: HeaderField): Cell => found.get(f)?.value ?? null;
  const addr = (f: HeaderField): string | undefined => {
    const h = found.get(f);
    return h ? `${prefix}${columnLetter(h.col)}${h.row + 1}` : undefined;
  };
  const fromMeta = (f: HeaderField, metaKey: string): Cell => (found.has(f) ? get(f) : (meta[metaKey] ?? null));
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
  const headerCells: Record<string, string> = {};
  for (const [f, path] of cellPaths) {
    const a = addr(f);
    if (a) headerCells[path] = a;
  }

  // Title fallback for the year: `2025年度项目支出绩效目标申报表`.
  let year: Cell = fromMeta("year", "year");
  if (blank(year)) {
    for (let r = 0; r < Math.min(header.row, 10) && blank(year); r++) {
      const row = grid[r];
      if (!Array.isArray(row)) continue;
      for (const v of row) {
        if (typeof v !== "string") continue;
        const t = normaliseText(v);
        // `2025年度项目支出绩效自评表`, or the year on a line of its own under the title: `（2024年度）`
        const m = /(\d{4})\s*年/.exec(t);
        if (m && (kindFromText(v) || /^\(?\d{4}年度?\)?$/.test(t))) {
          year = Number(m[1]);
          break;
        }
      }
    }
  }
  const code = (v: Cell) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() || undefined : undefined);
  // An amount whose label is on the sheet but whose cell is blank reads as "" (missing): the form
  // is still read, so one check reports the blank amount (the rules' P002) beside everything else,
  // instead of stopping at the schema and showing the rest only once the amounts are filled.
  const amount = (f: HeaderField) => typed(get(f)) ?? (addr(f) ? "" : undefined);
  const period = periodOf(get("period"));
  const fieldText = text(get("project.field"));
  const attr = termKey(attributeTerms, get("project.attribute"), attributeExtra);
  const serves = yesNo(get("project.servesPublic"));
  const project: Record<string, unknown> = {
    code: code(fromMeta("project.code", "project.code")),
    name: text(fromMeta("project.name", "project.name")),
    field: fieldText === undefined ? undefined : fieldKey(fieldText),
    attribute: attr === "?" ? text(get("project.attribute")) : attr,
    servesPublic: serves === "?" ? text(get("project.servesPublic")) : serves,
  };
  const dept = text(get("department"));
  if (dept !== undefined) project.department = dept;
  if (period.start !== undefined) project.periodStart = period.start;
  if (period.end !== undefined) project.periodEnd = period.end;

  const candidate: Record<string, unknown> = {
    kind,
    year: blank(year) ? undefined : yearOf(year),
    unit: { code: code(fromMeta("unit.code", "unit.code")), name: text(fromMeta("unit.name", "unit.name")) },
    project,
    funds: { total: amount("funds.total"), fiscal: amount("funds.fiscal"), other: amount("funds.other") },
    goals: {},
    indicators: [],
    sheet: sheetName,
  };
  const carry = typed(get("funds.carryover"));
  if (carry !== undefined) (candidate.funds as Record<string, unknown>).carryover = carry;
  const goals = candidate.goals as Record<string, unknown>;
  for (const g of ["overall", "annual", "actual"] as const) {
    const v = text(get(`goals.${g}`));
    if (v !== undefined) goals[g] = v;
  }
  if (kind === "monitor") {
    let month: Cell = fromMeta("month", "month");
    if (blank(month) && header.month !== undefined) month = header.month;
    // The title: `2025年度项目支出绩效运行监控表（1-6月）`, `（截至2025年7月31日）`.
    for (let r = 0; r < Math.min(header.row, 10) && blank(month); r++) {
      const row = grid[r];
      if (!Array.isArray(row)) continue;
      for (const v of row) {
        const m = typeof v === "string" ? /(?:^|[^\d])1[-~至到](\d{1,2})月|截[至止](?:\d{4}年)?(\d{1,2})月/.exec(normaliseText(v)) : null;
        if (m && (kindFromText(v as string) || /^\(.*\)$/.test(normaliseText(v as string)))) {
          month = Number(m[1] ?? m[2]);
          break;
        }
      }
    }
    candidate.month = blank(month) ? undefined : monthOf(month);
    candidate.budget = { annual: amount("budget.annual"), executedToDate: amount("budget.executedToDate") };
  }
  if (kind === "selfEval") {
    const budget: Record<string, unknown> = { adjusted: amount("budget.adjusted"), executed: amount("budget.executed") };
    const initial = typed(get("budget.initial"));
    if (initial !== undefined) budget.initial = initial;
    const reason = text(get("budget.reason"));
    if (reason !== undefined) budget.reason = reason;
    candidate.budget = budget;
    const total = typed(get("totalScore"));
    if (total !== undefined) candidate.totalScore = total;
    const grade = termKey(ratingTerms, get("grade"), { 优秀: "excellent", 良好: "good", 中等: "fair", 合格: "fair", 较差: "poor" });
    if (grade !== undefined) candidate.grade = grade === "?" ? text(get("grade")) : grade;
  }
  candidate.cells = headerCells;

  // The header is checked against the schema (the rows are typed as they were built).
  const parsed = FormSchema.safeParse(candidate);
  if (!parsed.success) {
    // the form cannot be read for another reason: its blank amounts are named with the rest
    const blanksMissing = (o: unknown) => (o && typeof o === "object" ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === "" ? undefined : v])) : o);
    const missing = { ...candidate, funds: blanksMissing(candidate.funds), ...(candidate.budget ? { budget: blanksMissing(candidate.budget) } : {}) };
    const strict = FormSchema.safeParse(missing);
    return { issues: [...(strict.success ? schemaIssues(parsed.error.issues, candidate) : schemaIssues(strict.error.issues, missing)), ...issues], kind };
  }
  const form = { ...parsed.data, indicators, sheet: sheetName } as Form;
  lazyCells(form, () => rows.cells({ ...headerCells }));
  return { form, issues, kind };
}

// ---------------------------------------------------------------------------------------------
// Workbooks

/** The metadata sheet's rows → per sheet name, its key/value pairs (workbook-wide ones under `*`). */
export function readMeta(values: Grid): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (!Array.isArray(values)) return out;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    const [s, k, v] = row;
    if (r === 0 && s === metaHeader[0] && k === metaHeader[1]) continue;
    if (s === null || s === undefined || k === null || k === undefined || typeof k === "boolean") continue;
    const sheet = String(s);
    const rec = out.get(sheet) ?? {};
    rec[String(k)] = v === null || v === undefined ? "" : String(v);
    out.set(sheet, rec);
  }
  return out;
}

function isMetaSheet(g: SheetGrid): boolean {
  if (g.name === metaSheetName) return true;
  const first = Array.isArray(g.values) ? g.values[0] : undefined;
  return Array.isArray(first) && first[0] === metaHeader[0] && first[1] === metaHeader[1] && first[2] === metaHeader[2] && g.state === "veryHidden";
}

/**
 * Every template sheet of a workbook → its form and findings. The library and metadata sheets
 * are not forms; a sheet that is neither a template nor named by the metadata is left out, unless
 * the workbook has no template sheet at all (then each visible sheet says why it is not one).
 */
export function parseWorkbook(grids: readonly SheetGrid[]): ParsedSheet[] {
  const metaGrid = grids.find(isMetaSheet);
  const meta = metaGrid ? readMeta(metaGrid.values) : new Map<string, Record<string, string>>();
  const common = meta.get("*") ?? {};
  const out: ParsedSheet[] = [];
  const rejected: ParsedSheet[] = [];
  for (const g of grids) {
    if (g === metaGrid) continue;
    const own = meta.get(g.name);
    if (own?.role === "library" || (g.name === librarySheetName && own?.role !== "form")) continue;
    const m: Record<string, string> = { ...common, ...(own ?? {}) };
    delete m.role;
    const res = parseForm(g.values, g.name, m);
    const isTemplate = own?.role === "form" || res.form !== undefined || !res.issues.some((i) => i.rule === "P001" && i.path === "(form)");
    if (isTemplate) {
      const revision = m.serverRevision !== undefined && /^\d+$/.test(m.serverRevision) ? Number(m.serverRevision) : undefined;
      out.push({ sheet: g.name, ...res, ...(revision !== undefined ? { serverRevision: revision } : {}) });
    }
    else if (g.state === undefined || g.state === "visible") rejected.push({ sheet: g.name, ...res });
  }
  if (out.length === 0) {
    if (rejected.length > 0) return rejected;
    const name = grids[0]?.name ?? "";
    return [
      {
        sheet: name,
        issues: [issue("P001", "(form)", "工作簿中没有绩效表样工作表。", "The workbook has no template sheet.")],
      },
    ];
  }
  return out;
}
