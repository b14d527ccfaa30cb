// The 图表 sheet (shared/consolidate/chart-sheet.ts) written with native charts, ExcelApi 1.1 only
// (charts.add, title, setPosition): 1 sync to see whether the sheet exists, 1 to replace it with
// the data blocks and the charts. Never a function of the rows: the data is one row per unit,
// written as one range.
import type { ChartSheetPlan } from "../../shared/consolidate/chart-sheet.ts";

export interface ChartSheetReport {
  sheet: string;
  charts: number;
  syncs: number;
}

export async function writeChartSheet(context: Excel.RequestContext, plan: ChartSheetPlan): Promise<ChartSheetReport> {
  const worksheets = context.workbook.worksheets;
  const old = worksheets.getItemOrNullObject(plan.name);
  old.load("isNullObject");
  await context.sync();
  // A pull replaces the sheet whole: its old charts go with it.
  if (!old.isNullObject) old.delete();
  const ws = worksheets.add(plan.name);
  ws.getRange(plan.address).values = plan.values;
  ws.getRange("A1:M1").format.font.bold = true;
  ws.getRange("A:A").format.columnWidth = 120;
  for (const c of plan.charts) {
    const chart = ws.charts.add(c.type as Excel.ChartType, ws.getRange(c.source), "Columns" as Excel.ChartSeriesBy);
    chart.title.text = c.title;
    chart.setPosition(c.from, c.to);
    chart.legend.position = (c.type === "Pie" ? "Right" : "Bottom") as Excel.ChartLegendPosition;
  }
  await context.sync();
  return { sheet: plan.name, charts: plan.charts.length, syncs: 2 };
}
