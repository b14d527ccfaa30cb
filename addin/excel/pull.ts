// "Pull consolidated": the bureau's consolidated sheets written into the open workbook.
//
// Two ways in. Where ExcelApi 1.13 is supported, the server's .xlsx goes in whole with
// `insertWorksheetsFromBase64` (2 syncs). Otherwise (ExcelApi 1.8) values go in blocks that stay
// under Excel on the web's 5 MB request limit: the bytes of each row are estimated as they would
// travel (JSON, non-ASCII escaped), rows are packed into blocks of at most `maxBlockBytes`, and each
// block is one `context.sync()`. Number formats of a block's rows ride in the same request, after
// its values; the rest of the formatting (widths, header, freeze, filter table, colours) goes after
// all values. Syncs: 1 (which sheets and tables exist) + one per block + 1 (formats) — the setup
// (clearing or adding the sheets) travels with the first block.
import { columnLetter } from "../../shared/sheet/a1.ts";
import { charsToPoints } from "./render.ts";
import { toCellValue } from "./cells.ts";
import { officeSupports, type Supports } from "./requirements.ts";

export type PullValue = string | number | boolean | null;
export type PullFormat = "text" | "integer" | "number" | "percent";

export interface PullColumn {
  header: string;
  /** characters */
  width?: number;
  format?: PullFormat;
  /** colour rules by cell text (lights, grades), applied to the column's rows */
  highlights?: { equals: string; fill: string; fontColor?: string }[];
}

export interface PullSheet {
  /** ≤ 31 characters */
  name: string;
  columns: PullColumn[];
  rows: PullValue[][];
  /** name of the filter table (ASCII) */
  table?: string;
}

export interface PullProgress {
  rows: number;
  totalRows: number;
  block: number;
  blocks: number;
}

export interface PullOptions {
  supports?: Supports;
  /** bytes per request; default 4 MB (Excel on the web refuses requests above 5 MB) */
  maxBlockBytes?: number;
  onProgress?: (p: PullProgress) => void;
  /** the same workbook as .xlsx, base64, for the ExcelApi 1.13 path (fetched only when used) */
  xlsxBase64?: () => Promise<string | undefined>;
}

export interface PullReport {
  mode: "blocks" | "base64";
  sheets: string[];
  rows: number;
  blocks: number;
  syncs: number;
  /** the largest block's estimated request size */
  largestBlockBytes: number;
}

export const defaultMaxBlockBytes = 4_000_000;

export const pullNumberFormats: Record<Exclude<PullFormat, "text">, string> = {
  integer: "0",
  number: "0.00",
  percent: "0.0%",
};

/** A segment of one sheet's rows: `from` and `to` index the data rows (header excluded), `to` exclusive. */
export interface BlockSegment {
  sheet: number;
  from: number;
  to: number;
  /** the header row goes with the sheet's first segment */
  header: boolean;
}

export interface Block {
  segments: BlockSegment[];
  bytes: number;
}

/** The bytes a value takes in the request: JSON with non-ASCII escaped (the worst case, `\uXXXX`). */
export function valueBytes(v: PullValue | undefined): number {
  if (v === null || v === undefined || v === "") return 3;
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return 6;
  let n = 3;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    n += c < 0x20 || c === 0x22 || c === 0x5c ? 2 : c < 0x80 ? 1 : 6;
  }
  return n;
}

function rowBytes(row: readonly PullValue[], width: number, formatBytes: number): number {
  let n = 2 + formatBytes;
  for (let c = 0; c < width; c++) n += valueBytes(row[c]);
  return n;
}

/** Per row, what the number formats of its formatted columns add to the request. */
function formatBytesPerRow(sheet: PullSheet): number {
  let n = 0;
  for (const col of sheet.columns) if (col.format && col.format !== "text") n += pullNumberFormats[col.format].length + 5;
  return n;
}

/** Packs every sheet's rows into blocks of at most `maxBytes` (a single larger row gets a block of its own). */
export function planBlocks(sheets: readonly PullSheet[], maxBytes = defaultMaxBlockBytes): Block[] {
  const blocks: Block[] = [];
  const overhead = 400; // addresses, object paths, the request envelope
  let current: Block = { segments: [], bytes: overhead };
  const flush = () => {
    if (current.segments.length) blocks.push(current);
    current = { segments: [], bytes: overhead };
  };
  sheets.forEach((sheet, s) => {
    const width = Math.max(1, sheet.columns.length);
    const fmt = formatBytesPerRow(sheet);
    let seg: BlockSegment = { sheet: s, from: 0, to: 0, header: true };
    const headerBytes = rowBytes(sheet.columns.map((c) => c.header), width, 0) + overhead;
    if (current.bytes + headerBytes > maxBytes && current.segments.length) flush();
    current.bytes += headerBytes;
    for (let r = 0; r < sheet.rows.length; r++) {
      const b = rowBytes(sheet.rows[r]!, width, fmt);
      const blockHasSomething = seg.header || seg.to > seg.from || current.segments.length > 0;
      if (current.bytes + b > maxBytes && blockHasSomething) {
        if (seg.header || seg.to > seg.from) current.segments.push(seg);
        flush();
        seg = { sheet: s, from: r, to: r, header: false };
      }
      current.bytes += b;
      seg.to = r + 1;
    }
    if (seg.header || seg.to > seg.from) current.segments.push(seg);
  });
  flush();
  return blocks;
}

function toRow(row: readonly PullValue[], width: number): (string | number | boolean)[] {
  const out: (string | number | boolean)[] = new Array(width);
  for (let c = 0; c < width; c++) out[c] = toCellValue(row[c] ?? null);
  return out;
}

export async function pullSheets(context: Excel.RequestContext, sheets: readonly PullSheet[], options: PullOptions = {}): Promise<PullReport> {
  const supports = options.supports ?? officeSupports;
  const maxBytes = options.maxBlockBytes ?? defaultMaxBlockBytes;
  const totalRows = sheets.reduce((n, s) => n + s.rows.length, 0);
  const names = sheets.map((s) => s.name);

  if (options.xlsxBase64 && supports("ExcelApi", "1.13")) {
    const base64 = await options.xlsxBase64();
    if (base64 && base64.length + 1000 <= maxBytes) return insertFromBase64(context, names, base64, totalRows, options);
  }

  const workbook = context.workbook;
  let syncs = 0;
  // 1. Which sheets and filter tables exist already.
  const probes = sheets.map((s) => {
    const ws = workbook.worksheets.getItemOrNullObject(s.name);
    ws.load("isNullObject");
    return ws;
  });
  const tableProbes = sheets.map((s) => {
    if (!s.table) return undefined;
    const t = workbook.tables.getItemOrNullObject(s.table);
    t.load("isNullObject");
    return t;
  });
  await context.sync();
  syncs++;

  // 2. Setup (queued; it travels with the first block): clear existing sheets, add missing ones.
  const targets: Excel.Worksheet[] = sheets.map((s, i) => {
    const t = tableProbes[i];
    if (t && !t.isNullObject) t.delete();
    if (!probes[i]!.isNullObject) {
      const ws = workbook.worksheets.getItem(s.name);
      const all = ws.getRange();
      all.conditionalFormats.clearAll();
      all.clear("All");
      ws.freezePanes.unfreeze();
      return ws;
    }
    return workbook.worksheets.add(s.name);
  });

  // 3. Values, block by block; each block's number formats after its values.
  const blocks = planBlocks(sheets, maxBytes);
  let rowsDone = 0;
  let largest = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    largest = Math.max(largest, block.bytes);
    for (const seg of block.segments) {
      const sheet = sheets[seg.sheet]!;
      const ws = targets[seg.sheet]!;
      const width = Math.max(1, sheet.columns.length);
      const last = columnLetter(width - 1);
      if (seg.header) ws.getRange(`A1:${last}1`).values = [sheet.columns.map((c) => toCellValue(c.header))];
      if (seg.to > seg.from) {
        const top = seg.from + 2; // row 1 is the header
        const bottom = seg.to + 1;
        const matrix = new Array<(string | number | boolean)[]>(seg.to - seg.from);
        for (let r = seg.from; r < seg.to; r++) matrix[r - seg.from] = toRow(sheet.rows[r]!, width);
        ws.getRange(`A${top}:${last}${bottom}`).values = matrix;
        sheet.columns.forEach((col, c) => {
          if (!col.format || col.format === "text") return;
          const f = pullNumberFormats[col.format];
          const formats = new Array<string[]>(seg.to - seg.from);
          for (let i = 0; i < formats.length; i++) formats[i] = [f];
          ws.getRange(`${columnLetter(c)}${top}:${columnLetter(c)}${bottom}`).numberFormat = formats;
        });
        rowsDone += seg.to - seg.from;
      }
    }
    await context.sync();
    syncs++;
    options.onProgress?.({ rows: rowsDone, totalRows, block: b + 1, blocks: blocks.length });
  }

  // 4. Formats after values: header, widths, freeze, filter tables, colours; show the first sheet.
  sheets.forEach((sheet, i) => {
    const ws = targets[i]!;
    const width = Math.max(1, sheet.columns.length);
    const last = columnLetter(width - 1);
    const header = ws.getRange(`A1:${last}1`);
    header.format.font.bold = true;
    header.format.fill.color = "#D9E1F2";
    header.format.wrapText = true;
    sheet.columns.forEach((col, c) => {
      if (col.width) ws.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = charsToPoints(col.width);
    });
    ws.freezePanes.freezeRows(1);
    const bottom = sheet.rows.length + 1;
    if (sheet.table && sheet.rows.length > 0) {
      const table = ws.tables.add(`A1:${last}${bottom}`, true);
      table.name = sheet.table;
    }
    if (sheet.rows.length > 0) {
      sheet.columns.forEach((col, c) => {
        for (const h of col.highlights ?? []) {
          const cf = ws.getRange(`${columnLetter(c)}2:${columnLetter(c)}${bottom}`).conditionalFormats.add("CellValue");
          cf.cellValue.format.fill.color = h.fill;
          if (h.fontColor) cf.cellValue.format.font.color = h.fontColor;
          cf.cellValue.rule = { formula1: `="${h.equals.replace(/"/g, '""')}"`, operator: "EqualTo" };
        }
      });
    }
  });
  if (targets[0]) targets[0].activate();
  await context.sync();
  syncs++;
  return { mode: "blocks", sheets: names, rows: totalRows, blocks: blocks.length, syncs, largestBlockBytes: largest };
}

/**
 * ExcelApi 1.13: the server's workbook inserted whole; sheets of the same names replaced. Two syncs.
 * The new sheets go in before the old ones go: Excel refuses to delete the last visible sheet, and
 * the old consolidated sheets may be the only visible ones. The old ones are first renamed out of
 * the way (a rename is always allowed), so the inserted sheets keep their own names.
 */
async function insertFromBase64(context: Excel.RequestContext, names: string[], base64: string, totalRows: number, options: PullOptions): Promise<PullReport> {
  const workbook = context.workbook;
  const probes = names.map((n) => {
    const ws = workbook.worksheets.getItemOrNullObject(n);
    ws.load("isNullObject");
    return ws;
  });
  await context.sync();
  const old = probes.filter((p) => !p.isNullObject);
  const stamp = Date.now().toString(36);
  old.forEach((p, i) => {
    p.name = `~jixiao-old-${i}-${stamp}`; // ≤ 31 characters, none Excel forbids
  });
  workbook.insertWorksheetsFromBase64(base64, { positionType: "End" });
  for (const p of old) p.delete();
  if (names[0]) workbook.worksheets.getItem(names[0]).activate();
  await context.sync();
  options.onProgress?.({ rows: totalRows, totalRows, block: 1, blocks: 1 });
  return { mode: "base64", sheets: names, rows: totalRows, blocks: 1, syncs: 2, largestBlockBytes: base64.length };
}
