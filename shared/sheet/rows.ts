// The indicator rows (the fourth stage of reading a form), from the first row under the grid's
// header to where the table ends: a note (注：, 填报说明), a conclusion block (评价结论, 存在问题), a
// signature line (项目负责人：, 填表人), a 合计 row or a header label. Inside it, a row holding only a
// level label sets the level for the rows under it (merged level cells fill down the same way),
// and `……`, 小计 and blank rows are skipped, never indicators (docs/reading-forms.md).
import type { FrameName } from "../frame.ts";
import { isInFrame, parentOf } from "../frame.ts";
import type { IndicatorRow } from "../form.ts";
import { basisTerms, deviationCategoryTerms, operatorTerms, possibilityTerms, type Level1, type Level2, type Term } from "../glossary.ts";
import type { Issue } from "../issue.ts";
import { columnLetter } from "./a1.ts";
import { basisExtra, operatorExtra, termKey, yesNo } from "./cell-values.ts";
import { blank, cellAt, isPlaceholder, issue, shown, text, typed, type Cell } from "./grid.ts";
import type { TickColumn, TickField } from "./header-find.ts";
import type { ColumnField, LabelSet } from "./labels.ts";
import { toFrame, type LevelReader } from "./levels.ts";

/** A row the reader passed over, and why: what `--explain` lists as skipped. */
export interface SkippedRow {
  row: number;
  col: number;
  text: string;
  why: "level" | "filler" | "end";
}

const typedFields: ColumnField[] = ["target", "targetHigh", "toDate", "expected", "actual", "weight", "score"];
const textFields: ColumnField[] = ["code", "name", "unit", "measures", "deviation"];

/** `质量`, `成本`, `社会效益`, `数量指标`: short enough (or ending in 指标) to be a level word, not an indicator's name. */
function looksLikeLevelWord(t: string): boolean {
  const n = t.replace(/\s+/g, "");
  return n.length <= 4 || n.endsWith("指标");
}

/** `指标1工程完工率` (a template's numbered slot filled in) → `工程完工率`. */
function withoutTemplateNumber(name: string): string {
  const m = /^\s*指标\d+[:：、.]?\s*(\S.*)$/su.exec(name);
  return m ? m[1]! : name;
}

export interface RowContext {
  labels: LabelSet;
  levels: LevelReader;
  /** the policy's frame, when known: pairs are put where it has them */
  frame?: FrameName;
}

/** Reads the indicator grid row by row (no closures per row: this loop is the hot path). */
export class RowReader {
  readonly indicators: IndicatorRow[] = [];
  readonly skipped: SkippedRow[] = [];
  /** the sheet row (0-based) of each indicator, for `cells` */
  private readonly rowOf: number[] = [];
  private readonly c1: number;
  private readonly c2: number;
  private readonly cName: number;
  /** mapped columns: field, column index, `'Sheet'!F` */
  private readonly mapped: { field: ColumnField; col: number; prefix: string }[];
  /** the mapped columns other than the level and name columns: a row with none of them filled holds labels only */
  private readonly valueCols: number[];
  private readonly mappedCols: Set<number>;
  private readonly colOf: Map<ColumnField, number>;
  private readonly prefixOf: Map<ColumnField, string>;
  /** tick-column groups, and per indicator the column ticked in each (-1: none, the group's first column is its cell) */
  private readonly ticks: Map<TickField, TickColumn[]>;
  private readonly tickedCol = new Map<TickField, number[]>();
  private readonly kinds = new Map<string, "end" | "filler" | "cell">();
  private readonly columnLabels = new Map<string, boolean>();
  private prevLevel1: Level1 | undefined;
  private prevLevel2: Level2 | undefined;
  private r = 0;
  private i = 0;

  constructor(
    private readonly grid: readonly unknown[],
    columns: Map<ColumnField, number>,
    private readonly sheetPrefix: string,
    private readonly issues: Issue[],
    private readonly ctx: RowContext,
    ticks: Map<TickField, TickColumn[]> = new Map(),
  ) {
    this.ticks = ticks;
    for (const f of ticks.keys()) this.tickedCol.set(f, []);
    this.colOf = columns;
    this.c1 = columns.get("level1") ?? -1;
    this.c2 = columns.get("level2") ?? -1;
    this.cName = columns.get("name") ?? -1;
    this.mapped = [...columns.entries()].map(([field, col]) => ({ field, col, prefix: `${sheetPrefix}${columnLetter(col)}` }));
    const tickCols = [...ticks.values()].flat().map((t) => t.col);
    this.valueCols = [...this.mapped.filter((m) => m.field !== "level1" && m.field !== "level2" && m.field !== "name").map((m) => m.col), ...tickCols];
    this.mappedCols = new Set([...columns.values(), ...tickCols]);
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
      let firstCol = 0;
      for (let k = 0; k < row.length && k < 200; k++) {
        const v: unknown = row[k];
        if (blank(v)) continue;
        // A footer starts in the level or name columns or in a column the grid does not use.
        if (typeof v === "string" && (k === this.c1 || k === this.c2 || k === this.cName || !this.mappedCols.has(k))) firstText = v;
        firstCol = k;
        empty = false;
        break;
      }
      if (empty) continue;
      if (firstText !== undefined) {
        const what = this.textKind(firstText);
        // a footer, a header label, or a second table's header row (`年度绩效指标 | 一级指标 | …`): the table has ended
        if (what === "end" || this.isColumnLabelRow(row)) {
          this.skipped.push({ row: r, col: firstCol, text: shown(firstText), why: "end" });
          return r;
        }
        if (what === "filler") {
          this.skipped.push({ row: r, col: firstCol, text: shown(firstText), why: "filler" });
          continue;
        }
      }
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

  /**
   * What the first text of a row says about the row, memoised per text (this runs on every row:
   * the level texts repeat, so each is classified once).
   */
  private textKind(t: string): "end" | "filler" | "cell" {
    let kind = this.kinds.get(t);
    if (kind === undefined) {
      const labels = this.ctx.labels;
      // Labels are short, but a published one can carry notes in brackets (`总分（确定能、有可能、
      // 不可能）（100分）`): cut at 24 characters, such a label lost its closing bracket, was not known,
      // and its row was read as an indicator. 64 keeps every label with its notes whole.
      const head = t.length > 64 ? t.slice(0, 64) : t;
      kind =
        labels.isFooter(head) || (!this.isLevelText(head) && labels.headerFieldOf(head) !== undefined && !labels.columnFieldOf(head))
          ? "end"
          : labels.isSkippedRow(head)
            ? "filler"
            : "cell";
      if (this.kinds.size > 10_000) this.kinds.clear();
      this.kinds.set(t, kind);
    }
    return kind;
  }

  /** A grid column label in the level or name column: memoised per text as textKind is. */
  private isColumnLabelRow(row: readonly unknown[]): boolean {
    // the level columns only: a second table repeats 一级指标 there (the name column's texts are all different)
    for (const c of this.c1 >= 0 || this.c2 >= 0 ? [this.c1, this.c2] : [this.cName]) {
      const v = c >= 0 ? row[c] : undefined;
      if (typeof v !== "string" || v.length > 40) continue;
      let hit = this.columnLabels.get(v);
      if (hit === undefined) {
        const f = this.ctx.labels.columnFieldOf(v);
        hit = f === "level1" || f === "level2" || f === "name";
        if (this.columnLabels.size > 10_000) this.columnLabels.clear();
        this.columnLabels.set(v, hit);
      }
      if (hit) return true;
    }
    return false;
  }

  private isLevelText(t: string): boolean {
    const l = this.ctx.levels.read(t);
    return l.level1 !== undefined || l.level2 !== undefined;
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
   * A choice laid out as tick columns: the column marked √, ✓, 是 (or with any text but 否, ×, □ or
   * a placeholder). Two or more ticked: the first for the deviation category (the form holds one);
   * for the possibility, which must be one, a finding.
   */
  private ticked(f: TickField): string | undefined {
    const cols = this.ticks.get(f)!;
    const hits = cols.filter((t) => {
      const v = cellAt(this.grid, this.r, t.col);
      return !blank(v) && !isPlaceholder(v) && yesNo(v) !== false;
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
    const levels = this.ctx.levels;
    // Level 1 and level 2, filled down through merged cells.
    const t1 = this.c1 >= 0 ? text(cellAt(this.grid, r, this.c1)) : undefined;
    let t2 = this.c2 >= 0 ? text(cellAt(this.grid, r, this.c2)) : undefined;
    let t2Col = this.c2;
    let nameIsLevel = false;
    // No 二级指标 column: a level word in the name column (`质量`, `社会效益`) is the level-2.
    if (this.c2 < 0 && this.cName >= 0) {
      const tn = text(cellAt(this.grid, r, this.cName));
      if (tn !== undefined && looksLikeLevelWord(tn) && levels.read(tn).level2 !== undefined) {
        t2 = tn;
        t2Col = this.cName;
        nameIsLevel = true;
      }
    }
    let hasValue = false;
    for (const c of this.valueCols) {
      if (!blank(cellAt(this.grid, r, c))) {
        hasValue = true;
        break;
      }
    }
    let nameText = nameIsLevel || this.cName < 0 ? undefined : text(cellAt(this.grid, r, this.cName));
    // A blank template's placeholders in the name column (`指标2`, `具体指标`, `……`) name nothing.
    if (nameText !== undefined && !hasValue && (/^指标\d+$/u.test(nameText.trim()) || this.ctx.labels.isSkippedRow(nameText))) nameText = undefined;
    let level1: Level1 | undefined;
    let level2: Level2 | undefined;
    let typedLevel1 = false;
    if (t1 !== undefined) {
      const l = levels.read(t1);
      level1 = l.level1;
      if (!level1 && l.level2 && t2 === undefined) {
        // a level-2 written in the level-1 column of a layout that merges the two
        t2 = t1;
        t2Col = this.c1;
      } else if (!level1) {
        return this.fail("P003", "level1", `“${shown(t1)}”不是一级指标，请从下拉列表选择。该行未读入。`, `'${shown(t1)}' is not a level-1 category: pick one from the list. The row was not read.`);
      } else typedLevel1 = true;
    } else level1 = this.prevLevel1;
    if (t2 !== undefined) {
      level2 = levels.read(t2).level2;
      if (!level2) {
        if (nameText === undefined && !hasValue) {
          // a label row: nothing to read, and nothing wrong
          this.skipped.push({ row: r, col: t2Col, text: shown(t2), why: "level" });
          return;
        }
        return this.fail("P003", "level2", `“${shown(t2)}”不是二级指标，请从下拉列表选择。该行未读入。`, `'${shown(t2)}' is not a level-2 category: pick one from the list. The row was not read.`);
      }
    } else if (level1 !== undefined && level1 === this.prevLevel1) level2 = this.prevLevel2;
    else if (typedLevel1 && level1 === "satisfaction") level2 = "serviceSatisfaction";
    if (level2 !== undefined && (level1 === undefined || (!typedLevel1 && !isInFrame("2021", level1, level2) && !isInFrame("2015", level1, level2)))) {
      // A level-2 under no level-1, or under one filled down from a merged cell it does not belong to.
      level1 = parentOf("2021", level2) ?? parentOf("2015", level2) ?? level1;
    }
    // A row with level labels and nothing else sets the levels for the rows under it.
    if (nameText === undefined && !hasValue) {
      if (level1 !== undefined) this.prevLevel1 = level1;
      this.prevLevel2 = level2;
      this.skipped.push({ row: r, col: t2 !== undefined ? t2Col : this.c1, text: shown(t2 ?? t1 ?? ""), why: "level" });
      return;
    }
    if (level1 === undefined) {
      return this.fail("P002", "level1", "一级指标为空，请从下拉列表选择。该行未读入。", "The level-1 category is empty: pick one from the list. The row was not read.");
    }
    if (level2 === undefined) {
      return this.fail("P002", "level2", "二级指标为空，请从下拉列表选择。该行未读入。", "The level-2 category is empty: pick one from the list. The row was not read.");
    }
    this.prevLevel1 = level1;
    this.prevLevel2 = level2;
    [level1, level2] = toFrame(level1, level2, this.ctx.frame);

    const out: IndicatorRow = { level1, level2, custom: false };
    const o = out as Record<string, unknown>;
    for (const f of textFields) {
      if (f === "name" && nameIsLevel) continue;
      const v = text(this.raw(f));
      if (v !== undefined) o[f] = f === "name" && v.charCodeAt(0) === 0x6307 /* 指 */ ? withoutTemplateNumber(v) : v;
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
