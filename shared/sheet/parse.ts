// A sheet's grid → a form (docs/reading-forms.md). Blocks are found by their labels
// (labels.ts), never by fixed rows: inserted or blank rows, merged cells (value in the top-left cell
// only), extra columns, reordered optional columns and labels with or without colons all still
// read. The stages, one file each: grid.ts (cells and their text), header-find.ts (the indicator
// grid's header), header-fields.ts (the fields above and below it), rows.ts (the indicator rows),
// workbook.ts (sheets and their metadata). Every value keeps its A1 address in `cells`, so every
// finding can point at a cell. A form always comes back once the grid is found: what the layout
// lacks is left out, for the rules to report. Never throws.
import { FormSchema, type Form, type IndicatorRow } from "../form.ts";
import type { FrameName } from "../frame.ts";
import { formKinds, type FormKind } from "../glossary.ts";
import type { Issue } from "../issue.ts";
import { defaultPolicy, type Labels } from "../policy.ts";
import { schemaIssues } from "../read-form.ts";
import { columnLetter, quoteSheet } from "./a1.ts";
import { issue } from "./grid.ts";
import { findGridHeader, kindFromText, type ColumnLabel, type GridHeader } from "./header-find.ts";
import { readHeader, scanLabels, type HeaderRead } from "./header-fields.ts";
import { labelSetOf, type ColumnField } from "./labels.ts";
import { LevelReader } from "./levels.ts";
import { RowReader, type SkippedRow } from "./rows.ts";

export type { Grid, GridValue } from "./grid.ts";

/** What a sheet is read with: the policy's labels and frame (defaults: the built-in labels, no frame mapping). */
export interface ReadOptions {
  labels?: Labels;
  frame?: FrameName;
}

/** What was read from where, and what was passed over: what `jixiao validate --explain` prints. */
export interface Explanation {
  kind: FormKind;
  /** where the kind came from */
  kindFrom: "metadata" | "title" | "columns";
  /** header fields: the label, its cell, the value's cell */
  header: HeaderRead[];
  /** indicator columns: the field each column fills, by its label and cell */
  columns: { field: ColumnField; label: string; at: string }[];
  /** rows that are not indicators: level labels, fillers, and the row that ended the grid */
  skipped: { at: string; text: string; why: SkippedRow["why"] }[];
  /** how many indicator rows were read */
  rows: number;
}

export interface ParsedForm {
  /** the form, when it has every field the schema asks for */
  form?: Form;
  /**
   * The form as read, whenever the indicator grid was found, with its `cells`: what a layout lacks
   * is absent. checkForm takes it, reports what is missing and still computes the score or lights.
   */
  read?: Record<string, unknown> & { kind: FormKind; indicators: IndicatorRow[]; cells: Record<string, string> };
  /** what reading the sheet found: P001, P003 at a cell, and P002 for each field the form has not */
  issues: Issue[];
  /** the kind the sheet was recognised as */
  kind?: FormKind;
  explain?: Explanation;
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

/** The level labels of a policy (its `labels.levels`) made into a reader once per object. */
const levelReaders = new WeakMap<object, LevelReader>();
function levelReaderOf(levels: Record<string, string>): LevelReader {
  let r = levelReaders.get(levels);
  if (!r) {
    r = new LevelReader(levels);
    levelReaders.set(levels, r);
  }
  return r;
}

/** A sheet's grid → the form as read and the findings of reading it. Never throws. */
export function parseForm(grid: unknown, sheetName: string, meta: Record<string, string> = {}, options: ReadOptions = {}): ParsedForm {
  try {
    return parseFormUnsafe(Array.isArray(grid) ? grid : [], String(sheetName ?? ""), meta ?? {}, options ?? {});
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

function kindOf(grid: readonly unknown[], header: GridHeader, firstLabelRow: number, metaKind: FormKind | undefined): [FormKind, Explanation["kindFrom"]] {
  if (metaKind) return [metaKind, "metadata"];
  for (let r = 0; r < firstLabelRow; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    for (const v of row) {
      const k = typeof v === "string" ? kindFromText(v) : undefined;
      if (k) return [k, "title"];
    }
  }
  const cols = header.columns;
  if (cols.has("actual") || cols.has("score")) return ["selfEval", "columns"];
  if (cols.has("toDate") || cols.has("possibility") || cols.has("expected")) return ["monitor", "columns"];
  return ["target", "columns"];
}

function parseFormUnsafe(grid: readonly unknown[], sheetName: string, meta: Record<string, string>, options: ReadOptions): ParsedForm {
  const prefix = `${quoteSheet(sheetName)}!`;
  const issues: Issue[] = [];
  const policyLabels = options.labels ?? defaultPolicy.labels;
  const labels = labelSetOf(options.labels?.fields);
  const header = findGridHeader(grid, labels);
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

  const labelCells = new Set<number>();
  const topHits = scanLabels(grid, 0, header.row, labelCells, labels);
  const [kind, kindFrom] = kindOf(grid, header, topHits.length > 0 ? topHits[0]!.row : header.row, metaKind);
  const columns = header.columns;
  // On a self-evaluation, 完成值 is the year's actual, not monitoring progress.
  if (kind === "selfEval" && columns.has("toDate") && !columns.has("actual")) {
    columns.set("actual", columns.get("toDate")!);
    header.labelsAt.set("actual", header.labelsAt.get("toDate")!);
    columns.delete("toDate");
    header.labelsAt.delete("toDate");
  }
  // A monitoring form without a 纠偏措施 column explains a deviation and its remedy in 备注.
  if (kind === "monitor" && header.remarks !== undefined && !columns.has("measures")) {
    columns.set("measures", header.remarks);
    header.labelsAt.set("measures", { label: String((grid[header.row] as unknown[])[header.remarks] ?? "备注"), row: header.row, col: header.remarks });
  }

  // The indicator rows, until a footer or a header label ends them.
  const ctx = options.frame ? { labels, levels: levelReaderOf(policyLabels.levels), frame: options.frame } : { labels, levels: levelReaderOf(policyLabels.levels) };
  const rows = new RowReader(grid, columns, prefix, issues, ctx, header.ticks);
  const end = rows.readFrom(header.body);

  // Header values: labels above the grid and below it (a 总分 row under a self-evaluation).
  const bottomHits = end < grid.length ? scanLabels(grid, end, grid.length, labelCells, labels) : [];
  const head = readHeader({ grid, header, kind, hits: [...topHits, ...bottomHits], end, labelCells, labels, meta, prefix, sheet: sheetName });
  const candidate = head.candidate;
  const headerCells = head.cells;
  const explain: Explanation = {
    kind,
    kindFrom,
    header: head.read,
    columns: [...header.labelsAt.entries()].map(([field, l]: [ColumnField, ColumnLabel]) => ({ field, label: l.label, at: `${prefix}${columnLetter(l.col)}${l.row + 1}` })),
    skipped: rows.skipped.map((s) => ({ at: `${prefix}${columnLetter(s.col)}${s.row + 1}`, text: s.text, why: s.why })),
    rows: rows.indicators.length,
  };

  // the header is checked against the schema (the rows are typed as they were built) before `cells`
  // becomes lazy: spreading the form after would build every row's cells
  const parsed = FormSchema.safeParse({ ...candidate, indicators: [], cells: headerCells });
  const missing = parsed.success ? [] : schemaIssues(parsed.error.issues, { ...candidate, cells: headerCells });
  candidate.indicators = rows.indicators;
  const read = candidate as ParsedForm["read"] & object;
  lazyCells(read, () => rows.cells({ ...headerCells }));
  // What the layout lacks is reported here too, at its cell where it has one; checkForm, given
  // `read`, finds the same (mergeFindings keeps one of each).
  if (!parsed.success) return { read, issues: [...missing, ...issues], kind, explain };
  const form = { ...parsed.data, indicators: rows.indicators, sheet: sheetName } as Form;
  lazyCells(form, () => rows.cells({ ...headerCells }));
  return { form, read, issues, kind, explain };
}
