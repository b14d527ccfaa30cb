// The consolidated workbook (.xlsx), streamed: exceljs's WorkbookWriter lays out every sheet (views,
// widths, header row, filter, colours, print setup) and commits each row as it is written, so
// 200,000 indicator rows go to the zip as they come and are never held. The two big sheets'
// data rows (指标明细, 问题清单) are written as sheet XML (sheet-xml.ts) straight into the sheet's zip
// entry: exceljs builds a row object, cell objects and their XML per row, which cost twice the
// time of the rest of the workbook (bench/consolidate.ts measures both against a bare writer). The
// sheets, their columns, formats and colours come from shared/consolidate; this file only writes them.
// Text a unit typed is always a text cell (`=HYPERLINK(…)`, `+1`, `@SUM` included): exceljs writes a
// string as a string, sheet-xml.ts as an inline string, and nothing here ever makes a formula.
import { once } from "node:events";
import { PassThrough, type Readable, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { excelJs } from "./exceljs.ts";
import { kindTerms } from "../../shared/glossary.ts";
import { xmlSafe } from "../../shared/xml-text.ts";
import { columnLetter } from "../../shared/sheet/a1.ts";
import {
  highlightColours,
  highlightRules,
  numberFormats,
  sheetsOf,
  type ConsolidatedSheet,
  type Consolidation,
} from "../../shared/consolidate/index.ts";
import { SheetRows, type XmlCell } from "./sheet-xml.ts";

const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;
const thin = { style: "thin" as const, color: { argb: "FFA6A6A6" } };

const headerStyle: Partial<ExcelJS.Style> = {
  font: { name: "宋体", size: 11, bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb("#D9E1F2") } },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  border: { top: thin, left: thin, bottom: thin, right: thin },
};

export interface WriteOptions {
  /** Rows between two checks of the output's backpressure (default 2000). */
  yieldEvery?: number;
  /**
   * How the big sheets' rows are written: as sheet XML (the default), or through exceljs as the
   * small sheets are — kept so the bench can show the difference and a test can hold the two to the
   * same cells.
   */
  bigSheetRows?: "xml" | "exceljs";
}

/** The sheets whose data rows are written as XML (the big ones), by id. */
const xmlRowSheets = new Set(["rows", "findings"]);

// The exceljs internals the XML rows need, in one place (recheck on an exceljs upgrade):
// - `_openStream(path)`, which a worksheet writer calls once, as it is made, for its zip entry, and
//   `zip`, the archiver it appends entries to: a big sheet gets an entry of ours (SheetEntry), so
//   its rows are written with backpressure (exceljs's own entry buffers whatever it is given);
// - `styles.addStyleModel(style)`, the workbook's style table: the cell style id of a style object,
//   the same id exceljs gives cells and columns carrying that same object.
interface WorkbookInternals {
  _openStream(path: string): unknown;
  zip: { append(source: Readable, data: { name: string }): unknown };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
}

function internalsOf(wb: ExcelJS.stream.xlsx.WorkbookWriter): WorkbookInternals {
  const w = wb as unknown as Partial<WorkbookInternals>;
  if (typeof w._openStream !== "function" || typeof w.zip?.append !== "function" || typeof w.styles?.addStyleModel !== "function") {
    throw new Error("exceljs no longer has the stream writer internals server/xlsx/consolidated.ts uses (_openStream, zip, styles): update it for this exceljs version");
  }
  return w as WorkbookInternals;
}

/**
 * A worksheet's zip entry: exceljs writes the sheet's head, header row and tail into it (as text,
 * buffers, or its own reused string buffers, copied here), the XML rows go in between.
 */
class SheetEntry extends PassThrough {
  constructor() {
    super({ highWaterMark: 1 << 20 });
  }
  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const data = typeof chunk === "string" || Buffer.isBuffer(chunk) ? chunk : Buffer.from((chunk as { toBuffer(): Buffer }).toBuffer());
    return super.write(data, encoding as BufferEncoding, callback as (error: Error | null | undefined) => void);
  }
}

/** `wb.addWorksheet`, with the sheet's zip entry one of ours. */
function addXmlWorksheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, options: Partial<ExcelJS.AddWorksheetOptions>): { ws: ExcelJS.Worksheet; entry: SheetEntry } {
  const w = internalsOf(wb);
  const entry = new SheetEntry();
  const open = w._openStream;
  w._openStream = (path: string) => {
    w.zip.append(entry, { name: path });
    return entry;
  };
  try {
    return { ws: wb.addWorksheet(name, options), entry };
  } finally {
    w._openStream = open;
  }
}

/** The page-header title's first part: `2025年度绩效自评表` (`2025年度绩效管理` when no kind is given); each sheet adds its own title. */
export function workbookTitle(c: Consolidation): string {
  return `${c.year}年度${c.kind ? kindTerms[c.kind].zh : "绩效管理"}`;
}

/** A file name for the download: `jixiao-consolidated-2025-selfEval.xlsx`. */
export function workbookFileName(c: Consolidation): string {
  return `jixiao-consolidated-${c.year}${c.kind ? `-${c.kind}` : ""}.xlsx`;
}

async function drain(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, "drain");
  // Let the zip and its deflate take what was written before more is produced.
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Until the entry wants more; throws when `out` closes first (a download dropped half-way). */
function drained(entry: SheetEntry, out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      entry.off("drain", onDrain);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error("the workbook's output closed before the workbook was written"));
    if (out.destroyed) return onClose();
    entry.on("drain", onDrain);
    out.on("close", onClose);
  });
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ConsolidatedSheet<unknown>, title: string, out: Writable, every: number, xmlRows: boolean): Promise<number> {
  const { columns } = sheet.columns;
  const lastCol = columnLetter(columns.length - 1);
  const add = (name: string, options: Partial<ExcelJS.AddWorksheetOptions>) => (xmlRows ? addXmlWorksheet(wb, name, options) : { ws: wb.addWorksheet(name, options), entry: undefined });
  const { ws, entry } = add(sheet.columns.name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9 as unknown as ExcelJS.PaperSize, // A4
      fitToPage: true,
      // The summary's 33 columns on one A4 width would print at a size nobody reads: it prints
      // three pages wide (who sent what; money, execution, scores and lights; the cycle), the unit's
      // code, name and the form kind repeated on each (printTitlesColumn). The other sheets fit one page wide.
      fitToWidth: sheet.columns.id === "summary" ? 3 : 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: "1:1",
      ...(sheet.columns.id === "summary" ? { printTitlesColumn: "A:D" } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    // `2025年度绩效管理 · 单位汇总`: the sheet's title once (not `汇总 · 汇总`).
    headerFooter: { oddHeader: `&C&"宋体,Bold"${title} · ${sheet.columns.title}`, oddFooter: "&C第 &P 页，共 &N 页" },
  });
  // One style object per column, the same object on every row: exceljs remembers a style object
  // it has seen, so each cell costs a lookup instead of building and comparing a style of its own.
  // The column carries it too, for cells typed into the sheet later.
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) => (c.format && c.format !== "text" ? { numFmt: numberFormats[c.format] } : {}));
  ws.columns = columns.map((c, i) => ({ key: c.key, width: c.width, ...(c.format && c.format !== "text" ? { style: styles[i] } : {}) }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.height = 30;
  header.eachCell((cell) => {
    cell.style = headerStyle;
  });
  header.commit();

  let n = 0;
  if (entry) {
    const table = internalsOf(wb).styles;
    const number = (await excelJs()).ValueType.Number;
    const xml = new SheetRows(styles.map((style) => (Object.keys(style).length === 0 ? 0 : table.addStyleModel(style, number))));
    const cells: XmlCell[] = new Array(columns.length);
    let chunk = "";
    for await (const row of sheet.rows()) {
      for (let i = 0; i < columns.length; i++) cells[i] = columns[i]!.value(row);
      chunk += xml.row(n + 2, cells);
      n++;
      if (chunk.length >= 1 << 16) {
        // The zip takes the entry's data only when it reaches this entry and as fast as it deflates.
        if (!entry.write(chunk)) await drained(entry, out);
        chunk = "";
      }
    }
    if (chunk !== "") entry.write(chunk);
  } else {
    const values: ExcelJS.CellValue[] = new Array(columns.length);
    for await (const row of sheet.rows()) {
      // Empty cells are left out (undefined), so they cost nothing and write nothing.
      for (let i = 0; i < columns.length; i++) {
        const v = columns[i]!.value(row) ?? undefined;
        // Text XML cannot hold (a stored U+FFFE) would make the whole workbook unreadable.
        values[i] = typeof v === "string" ? xmlSafe(v) : v;
      }
      const r = ws.addRow(values);
      for (let i = 0; i < columns.length; i++) if (values[i] !== undefined) r.getCell(i + 1).style = styles[i]!;
      r.commit();
      if (++n % every === 0) await drain(out);
    }
  }

  const last = n + 1;
  ws.autoFilter = `A1:${lastCol}${last}`;
  if (n > 0) {
    let priority = 1;
    columns.forEach((c, i) => {
      if (!c.highlight) return;
      const letter = columnLetter(i);
      const rules: ExcelJS.ConditionalFormattingRule[] = highlightRules(c.highlight).map((rule) => {
        const colours = highlightColours[rule.colour];
        const style: Partial<ExcelJS.Style> = {
          fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(colours.fill) } },
          font: { color: { argb: argb(colours.font) } },
        };
        return rule.equals !== undefined
          ? { type: "cellIs", operator: "equal", formulae: [`"${rule.equals}"`], style, priority: priority++ }
          : { type: "cellIs", operator: "greaterThan", formulae: [String(rule.above ?? 0)], style, priority: priority++ };
      });
      ws.addConditionalFormatting({ ref: `${letter}2:${letter}${last}`, rules });
    });
  }
  ws.commit();
  return n;
}

/**
 * Writes the consolidated workbook to `out` (a file or a response stream) and ends it. Returns the
 * rows written per sheet.
 */
export async function writeConsolidatedXlsx(c: Consolidation, out: Writable, options: WriteOptions = {}): Promise<Record<string, number>> {
  const wb = new (await excelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Jixiao 绩效";
  const title = workbookTitle(c);
  const counts: Record<string, number> = {};
  const every = options.yieldEvery ?? 2000;
  const xml = (options.bigSheetRows ?? "xml") === "xml";
  for (const sheet of sheetsOf(c)) counts[sheet.columns.id] = await writeSheet(wb, sheet, title, out, every, xml && xmlRowSheets.has(sheet.columns.id));
  await wb.commit();
  return counts;
}
