// A section of the work report as both writers take it (the .docx in server/report/docx.ts, the
// JSON answer): a heading, its paragraphs, at most one table and one chart. Each section's own file
// (work-report.ts, expert-reviews.ts, opinions-handovers.ts) builds its sections from figures
// (docs/work-report.md).

export interface ReportTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
  /** Each column's share of the width (any unit); equal columns without it. */
  widths?: number[];
}

export interface ReportChart {
  caption: string;
  bars: { label: string; value: number; colour: "green" | "blue" | "yellow" | "red" }[];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  table?: ReportTable;
  chart?: ReportChart;
}
