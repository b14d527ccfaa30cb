// The work report as a Word document the bureau edits further (docs/work-report.md), laid out as
// official documents are: A4, margins of 37/35/28/26 mm, the title centred in 小标宋 (黑体 where
// that font is missing), 一、二、三 headings in 黑体, body in 仿宋 at 三号 (16 pt) with a two-character
// indent, tables and charts captioned, page numbers centred in the footer as "— 1 —".
import { AlignmentType, BorderStyle, Document, Footer, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, convertMillimetersToTwip } from "docx";
import type { ReportChart, ReportTable } from "../../shared/report/section.ts";
import type { WorkReport } from "../../shared/report/work-report.ts";
import { barChartPng } from "./chart-png.ts";

const BODY = { ascii: "FangSong", eastAsia: "仿宋_GB2312", hAnsi: "FangSong" };
const HEADING = { ascii: "SimHei", eastAsia: "黑体", hAnsi: "SimHei" };
const TITLE = { ascii: "SimHei", eastAsia: "方正小标宋简体", hAnsi: "SimHei" };
// sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt
const SIZE_TITLE = 44;
const SIZE_BODY = 32;
const SIZE_TABLE = 24;

const body = (text: string) =>
  new Paragraph({ indent: { firstLine: SIZE_BODY * 20 }, spacing: { line: 560, lineRule: "exact" }, children: [new TextRun({ text, font: BODY, size: SIZE_BODY })] });

// A table's caption stands above it and goes to the next page with it (keepNext); a chart's stands below.
const caption = (text: string, keepNext = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, keepNext, spacing: { before: 120, after: 120 }, children: [new TextRun({ text, font: HEADING, size: SIZE_TABLE })] });

/** Tables up to this many rows are kept on one page (each row kept with the next); longer ones keep their header with the first row. */
const KEEP_WHOLE_ROWS = 15;

// the text width between the margins below: 210 − 28 − 26 mm
const TEXT_WIDTH = convertMillimetersToTwip(156);

function table(t: ReportTable): (Paragraph | Table)[] {
  // columns as wide as the table asks (in twips, which LibreOffice and Word both keep), else equal
  const sum = t.widths?.reduce((a, b) => a + b, 0) ?? 0;
  const twips = t.widths && sum > 0 ? t.widths.map((w) => Math.round((TEXT_WIDTH * w) / sum)) : undefined;
  const cell = (v: string | number, i: number, bold = false) =>
    new TableCell({
      ...(twips?.[i] !== undefined ? { width: { size: twips[i], type: WidthType.DXA } } : {}),
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: String(v), font: BODY, size: SIZE_TABLE, bold })] })],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const rows = [t.headers, ...t.rows];
  const keep = (i: number) => i < rows.length - 1 && (rows.length <= KEEP_WHOLE_ROWS || i === 0);
  return [
    caption(t.caption, true),
    new Table({
      ...(twips ? { width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: twips } : { width: { size: 100, type: WidthType.PERCENTAGE } }),
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: rows.map((r, n) => new TableRow({ ...(n === 0 ? { tableHeader: true } : {}), cantSplit: true, keepNext: keep(n), children: r.map((v, i) => cell(v, i, n === 0)) })),
    }),
  ];
}

function chart(c: ReportChart): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: "png", data: barChartPng(c), transformation: { width: 400, height: 200 } })] }),
    caption(`${c.caption}：${c.bars.map((b) => `${b.label} ${b.value}`).join("，")}`),
  ];
}

export async function workReportDocx(report: WorkReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: report.title, font: TITLE, size: SIZE_TITLE })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: report.byline, font: BODY, size: SIZE_BODY })] }),
  ];
  for (const s of report.sections) {
    // a heading never ends a page: it goes with its first paragraph
    children.push(new Paragraph({ indent: { firstLine: SIZE_BODY * 20 }, keepNext: true, spacing: { before: 120, line: 560, lineRule: "exact" }, children: [new TextRun({ text: s.heading, font: HEADING, size: SIZE_BODY })] }));
    for (const p of s.paragraphs) children.push(body(p));
    if (s.table) children.push(...table(s.table));
    if (s.chart) children.push(...chart(s.chart));
  }
  const doc = new Document({
    creator: "Jixiao",
    title: report.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: BODY, size: 28 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
