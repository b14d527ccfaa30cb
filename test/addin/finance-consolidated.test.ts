// GET /api/consolidated?format=json read into the sheets the pull writes: records under each
// sheet's id turned into cells by the consolidation's own columns; or a plain list of sheets.
import { describe, expect, it } from "vitest";
import { safeSheetName, toPullSheets, type ColumnsLike } from "../../addin/src/finance/consolidated.ts";

const columns: ColumnsLike[] = [
  {
    name: "汇总",
    id: "summary",
    columns: [
      { key: "unitCode", header: "单位代码", width: 12, value: (r: { unitCode: string }) => r.unitCode },
      { key: "executionRate", header: "预算执行率", width: 11, format: "percent", value: (r: { executionRate: number | null }) => r.executionRate },
    ],
  },
  {
    name: "指标明细",
    id: "rows",
    columns: [
      { key: "name", header: "三级指标", value: (r: { name: string }) => r.name },
      { key: "light", header: "预警", highlight: "light", value: (r: { light: string | null }) => (r.light === "red" ? "红灯" : r.light ? "绿灯" : null) },
    ],
  },
];

describe("toPullSheets", () => {
  it("reads the route's records by sheet id through the consolidation's columns", () => {
    const json = { year: 2025, kind: null, summary: [{ unitCode: "U01", executionRate: 0.96 }], rows: [{ name: "森林覆盖率", light: "red" }, { name: "x", light: null }] };
    const sheets = toPullSheets(json, columns);
    expect(sheets.map((s) => s.name)).toEqual(["汇总", "指标明细"]);
    expect(sheets[0]).toMatchObject({ table: "T_summary", rows: [["U01", 0.96]], columns: [{ header: "单位代码", width: 12 }, { header: "预算执行率", format: "percent" }] });
    expect(sheets[1]!.rows).toEqual([["森林覆盖率", "红灯"], ["x", null]]);
    expect(sheets[1]!.columns[1]!.highlights?.map((h) => h.equals)).toEqual(["红灯", "黄灯", "绿灯"]);
  });

  it("reads a plain list of sheets, and nothing from what it does not know", () => {
    expect(toPullSheets({ sheets: [{ name: "A", header: ["x", "y"], rows: [[1, "a"]] }]})).toEqual([{ name: "A", columns: [{ header: "x" }, { header: "y" }], rows: [[1, "a"]] }]);
    expect(toPullSheets({ nope: 1 }, columns)).toEqual([]);
    expect(toPullSheets(null)).toEqual([]);
    expect(safeSheetName("a/b:c?" + "x".repeat(40))).toHaveLength(31);
  });
});
