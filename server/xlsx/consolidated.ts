// The consolidated workbook (.xlsx), streamed: exceljs's WorkbookWriter commits each row as it is
// written, so 200,000 indicator rows go to the zip as they come and are never held. The sheets,
// their columns, formats and colours come from shared/consolidate; this file only writes them.
// Text a unit typed is always a text cell (`=HYPERLINK(…)`, `+1`, `@SUM` included): exceljs writes a
// string as a string, and nothing here ever makes a formula.
import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
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
}

/** The page-header title: `2025年度 绩效自评表 汇总` (all kinds when none is given). */
export function workbookTitle(c: Consolidation): string {
  return `${c.year}年度 ${c.kind ? kindTerms[c.kind].zh : "绩效管理"} 汇总`;
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

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ConsolidatedSheet<unknown>, title: string, out: Writable, every: number): Promise<number> {
  const { columns } = sheet.columns;
  const lastCol = columnLetter(columns.length - 1);
  const ws = wb.addWorksheet(sheet.columns.name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9 as unknown as ExcelJS.PaperSize, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: "1:1",
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: `&C&"宋体,Bold"${title} · ${sheet.columns.name}`, oddFooter: "&C第 &P 页，共 &N 页" },
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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Jixiao 绩效";
  const title = workbookTitle(c);
  const counts: Record<string, number> = {};
  const every = options.yieldEvery ?? 2000;
  for (const sheet of sheetsOf(c)) counts[sheet.columns.id] = await writeSheet(wb, sheet, title, out, every);
  await wb.commit();
  return counts;
}
