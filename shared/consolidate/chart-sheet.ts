// The 图表 sheet the pull adds beside the consolidated sheets: a small data block per chart (one
// row per unit, never per form or indicator row) and the native Excel charts drawn from them —
// progress by unit, budget execution by unit, self-evaluation grades, red and yellow lights. Pure:
// addin/excel/charts.ts writes it in two requests whatever the size of the consolidation.
import { lightTerms, ratingTerms, ratings } from "../glossary.ts";
import { columnLetter } from "../sheet/a1.ts";
import type { SummaryRow } from "./rows.ts";

export const chartSheetName = "图表";

/** ExcelApi 1.1 chart types used here (Excel.ChartType's string values). */
export type ChartKind = "BarClustered" | "Pie";

export interface ChartSpec {
  title: string;
  type: ChartKind;
  /** the data block, header row included, on the chart sheet */
  source: string;
  /** where the chart sits: its top-left and bottom-right cells */
  from: string;
  to: string;
}

export interface ChartSheetPlan {
  name: string;
  /** the data blocks as one grid from A1 (blank cells "") */
  values: (string | number)[][];
  /** the grid's address, e.g. `A1:M31` */
  address: string;
  charts: ChartSpec[];
}

export function chartSheetPlan(summary: readonly SummaryRow[]): ChartSheetPlan {
  // One line per unit over the kinds in scope (the summary has one row per unit and kind).
  const units = new Map<string, { name: string; expected: number; received: number; approved: number; execution: number | null; executionKind: string | null }>();
  const grades = { excellent: 0, good: 0, fair: 0, poor: 0 };
  let red = 0;
  let yellow = 0;
  for (const r of summary) {
    const u = units.get(r.unitCode) ?? { name: r.unitName, expected: 0, received: 0, approved: 0, execution: null, executionKind: null };
    u.expected += r.expected;
    u.received += r.submitted + r.returned + r.approved;
    u.approved += r.approved;
    // Execution: the monitoring forms' when the unit has them (the year in progress), else the self-evaluations'.
    if (r.executionRate !== null && (u.executionKind === null || r.kind === "monitor")) {
      u.execution = r.executionRate;
      u.executionKind = r.kind;
    }
    units.set(r.unitCode, u);
    grades.excellent += r.excellent;
    grades.good += r.good;
    grades.fair += r.fair;
    grades.poor += r.poor;
    red += r.red;
    yellow += r.yellow;
  }
  const list = [...units.values()];
  const executed = list.filter((u) => u.execution !== null);
  const progress: (string | number)[][] = [["单位", "应报", "已收", "已审核"], ...list.map((u) => [u.name, u.expected, u.received, u.approved])];
  const execution: (string | number)[][] = [["单位", "预算执行率（%）"], ...executed.map((u) => [u.name, Math.round((u.execution as number) * 1000) / 10])];
  const gradeBlock: (string | number)[][] = [["等级", "份数"], ...ratings.map((g) => [ratingTerms[g].zh, grades[g]])];
  const lightBlock: (string | number)[][] = [["预警", "个数"], [lightTerms.red.zh, red], [lightTerms.yellow.zh, yellow]];

  // Blocks side by side from A1 with a blank column between: A–D, F–G, I–J, L–M.
  const blocks = [
    { at: 0, grid: progress },
    { at: 5, grid: execution },
    { at: 8, grid: gradeBlock },
    { at: 11, grid: lightBlock },
  ];
  const height = Math.max(...blocks.map((b) => b.grid.length));
  const width = 13;
  const values: (string | number)[][] = Array.from({ length: height }, () => new Array<string | number>(width).fill(""));
  for (const b of blocks) b.grid.forEach((row, r) => row.forEach((v, c) => (values[r]![b.at + c] = v)));
  const range = (b: (typeof blocks)[number]) => `${columnLetter(b.at)}1:${columnLetter(b.at + b.grid[0]!.length - 1)}${b.grid.length}`;

  // Charts to the right of the data (from column O), one under another, each 20 rows tall.
  const chartAt = (i: number, rows = 20) => ({ from: `O${1 + i * (rows + 1)}`, to: `X${(i + 1) * (rows + 1) - 1}` });
  const charts: ChartSpec[] = [];
  if (list.length > 0) charts.push({ title: "各单位报送进度", type: "BarClustered", source: range(blocks[0]!), ...chartAt(charts.length) });
  if (executed.length > 0) charts.push({ title: "各单位预算执行率（%）", type: "BarClustered", source: range(blocks[1]!), ...chartAt(charts.length) });
  if (grades.excellent + grades.good + grades.fair + grades.poor > 0) charts.push({ title: "自评等级分布", type: "Pie", source: range(blocks[2]!), ...chartAt(charts.length) });
  if (red + yellow > 0) charts.push({ title: "红黄灯预警", type: "Pie", source: range(blocks[3]!), ...chartAt(charts.length) });
  return { name: chartSheetName, values, address: `A1:${columnLetter(width - 1)}${height}`, charts };
}
