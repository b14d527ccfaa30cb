// The 图表 sheet of the pull: native charts (ExcelApi 1.1) from one data row per unit, written in
// the same number of requests for 100 and for 10,000 summary rows, against the recording
// office-addin-mock Excel.
import { describe, expect, it } from "vitest";
import { writeChartSheet } from "../../addin/excel/charts.ts";
import { chartSheetName, chartSheetPlan } from "../../shared/consolidate/chart-sheet.ts";
import type { SummaryRow } from "../../shared/consolidate/rows.ts";
import { mockExcel } from "./mock-excel.ts";

function summary(n: number): SummaryRow[] {
  return Array.from({ length: n }, (_, i) => ({
    unitCode: `U${String(i).padStart(5, "0")}`,
    unitName: `区第${i + 1}预算单位`,
    confidential: false,
    kind: i % 2 ? "monitor" : "selfEval",
    expected: 3,
    received: 3,
    draft: i % 3 === 0 ? 1 : 0,
    submitted: 1,
    returned: i % 4 === 0 ? 1 : 0,
    approved: 1,
    pending: 0,
    projectsMissing: [],
    fundsTotal: 500,
    executionRate: i % 5 === 0 ? null : 0.4 + (i % 50) / 100,
    averageScore: 88,
    lowestScore: 80,
    excellent: i % 2,
    good: 1,
    fair: 0,
    poor: i % 7 === 0 ? 1 : 0,
    red: i % 6 === 0 ? 2 : 0,
    yellow: i % 3 === 0 ? 1 : 0,
    errors: 0,
    warnings: 1,
    onTime: null,
    late: null,
    due: null,
    notSent: null,
    rectOpen: null,
    rectOverdue: null,
    rectClosed: null,
    assessment: null,
    rank: null,
  }));
}

describe("the 图表 sheet", () => {
  it("plans one data row per unit and four charts, drafts not counted as received", () => {
    const plan = chartSheetPlan(summary(10));
    expect(plan.name).toBe(chartSheetName);
    expect(plan.values[0]!.slice(0, 4)).toEqual(["单位", "应报", "已收", "已审核"]);
    // unit 0: submitted 1 + returned 1 + approved 1 = 3 received; its draft is not counted
    expect(plan.values[1]!.slice(0, 4)).toEqual(["区第1预算单位", 3, 3, 1]);
    expect(plan.values).toHaveLength(11);
    expect(plan.charts.map((c) => [c.type, c.source])).toEqual([
      ["BarClustered", "A1:D11"],
      ["BarClustered", "F1:G9"],
      ["Pie", "I1:J5"],
      ["Pie", "L1:M3"],
    ]);
    expect(plan.address).toBe("A1:M11");
  });

  it("leaves out a chart with nothing to draw", () => {
    const rows = summary(2).map((r) => ({ ...r, executionRate: null, red: 0, yellow: 0 }));
    expect(chartSheetPlan(rows).charts.map((c) => c.title)).toEqual(["各单位报送进度", "自评等级分布"]);
  });

  for (const n of [100, 10_000]) {
    it(`writes the sheet and its charts in 2 requests for ${n} summary rows`, async () => {
      const excel = mockExcel({ sheets: { 汇总: {}, [chartSheetName]: {} } });
      const report = await writeChartSheet(excel.context, chartSheetPlan(summary(n)));
      expect(excel.syncs()).toBe(2);
      expect(report).toEqual({ sheet: chartSheetName, charts: 4, syncs: 2 });
      // the old sheet (and its charts) replaced, the data written once, four native charts added
      expect(excel.calls(`${chartSheetName}.delete`)).toHaveLength(1);
      expect(excel.calls("worksheets.add").map((c) => c.args?.[0])).toEqual([chartSheetName]);
      const values = excel.sets(".values");
      expect(values).toHaveLength(1);
      expect((values[0]!.value as unknown[][]).length).toBe(n + 1);
      const added = excel.calls("charts.add");
      expect(added.map((c) => c.args?.[0])).toEqual(["BarClustered", "BarClustered", "Pie", "Pie"]);
      expect(excel.sets("title.text").map((e) => e.value)).toEqual(["各单位报送进度", "各单位预算执行率（%）", "自评等级分布", "红黄灯预警"]);
    });
  }
});
