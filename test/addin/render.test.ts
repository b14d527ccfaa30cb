import { describe, expect, it } from "vitest";
import type { SheetPlan, WorkbookPlan } from "../../shared/sheet/plan.ts";
import { renderPlan } from "../../addin/excel/render.ts";
import { mockExcel } from "./mock-excel.ts";

function formPlan(rows: number): WorkbookPlan {
  const header = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"];
  const body = Array.from({ length: rows }, (_, i) => ["产出指标", "数量指标", `指标${i + 1}`, i % 2 ? "≥95%" : 100 + i, "万亩"]);
  const last = 3 + rows;
  const form: SheetPlan = {
    name: "绩效目标申报表",
    values: [["2025年度项目支出绩效目标申报表"], [], header, ...body],
    merges: ["A1:E1"],
    styles: [
      { range: "A1:E1", style: { bold: true, fontSize: 16, horizontal: "center" } },
      { range: `A3:E${last}`, style: { border: true, wrap: true } },
      { range: `D4:D${last}`, style: { numberFormat: "@", locked: false } },
      { range: "A3:E3", style: { fill: "#D9E1F2", bold: true, vertical: "middle" } },
    ],
    columnWidths: [12, 14, 30, 12, 10],
    rowHeights: [{ row: 1, height: 30 }],
    freeze: { rows: 3, columns: 0 },
    validations: [
      { range: `A4:A${last}`, list: ["产出指标", "效益指标"], strict: true, prompt: { title: "一级指标", text: "从列表选" } },
      { range: `C4:C${last}`, list: { source: "='指标库'!$B$2:$B$300" }, strict: false },
    ],
    names: [{ name: "L2_quantity", ref: "'指标库'!$B$2:$B$40" }],
    protection: { enabled: true },
    print: { orientation: "landscape", fitToWidth: true, paperSize: "A4", titleRows: "$3:$3" },
  };
  const meta: SheetPlan = { name: "_jixiao", visibility: "veryHidden", values: [["template", "target"], ["version", 1]] };
  return { sheets: [form, meta] };
}

describe("renderPlan", () => {
  it("writes the values once per sheet, keeping typed text as text", async () => {
    const x = mockExcel();
    const report = await renderPlan(x.context, formPlan(3), { supports: () => true });
    const valueWrites = x.sets(".values");
    expect(valueWrites.map((e) => e.path)).toEqual(["绩效目标申报表!A1:E6.values", "_jixiao!A1:B2.values"]);
    const matrix = valueWrites[0]!.value as unknown[][];
    expect(matrix).toHaveLength(6);
    expect(matrix.every((r) => r.length === 5)).toBe(true);
    expect(matrix[0]).toEqual(["2025年度项目支出绩效目标申报表", "", "", "", ""]);
    expect(matrix[3]).toEqual(["产出指标", "数量指标", "指标1", 100, "万亩"]);
    expect(matrix[4]![3]).toBe("≥95%"); // not coerced: starts with ≥
    expect(report.sheets).toEqual(["绩效目标申报表", "_jixiao"]);
    expect(x.calls("worksheets.add").map((e) => e.args)).toEqual([["绩效目标申报表"], ["_jixiao"]]);
  });

  it("writes formula-looking text of every sheet as text, never a formula", async () => {
    const plan = formPlan(2);
    plan.sheets[0]!.values.push(["=1+1", "+86", "-按月调度", "@部分乡镇", "-"]);
    plan.sheets[1]!.values.push(["project.name", "=HYPERLINK(\"http://x\",\"点\")"]);
    const x = mockExcel();
    await renderPlan(x.context, plan, { supports: () => true });
    const [form, meta] = x.sets(".values").map((e) => e.value as unknown[][]);
    expect(form!.at(-1)).toEqual(["'=1+1", "'+86", "'-按月调度", "'@部分乡镇", "-"]);
    expect(meta!.at(-1)).toEqual(["project.name", "'=HYPERLINK(\"http://x\",\"点\")"]);
    const all = [...form!, ...meta!].flat().filter((v): v is string => typeof v === "string");
    expect(all.filter((v) => /^[=+@]|^-./.test(v))).toEqual([]);
  });

  it("applies merges, formats after values, validations, names, freeze, veryHidden, protection", async () => {
    const x = mockExcel();
    await renderPlan(x.context, formPlan(3), { supports: () => true });
    const idx = (pred: (p: string) => boolean) => x.log.findIndex((e) => pred(e.path));
    const valuesAt = idx((p) => p === "绩效目标申报表!A1:E6.values");
    expect(idx((p) => p.endsWith("A1:E1.merge"))).toBeGreaterThan(valuesAt);
    expect(idx((p) => p.endsWith("A1:E1.format.font.bold"))).toBeGreaterThan(valuesAt);
    // text format goes before the values so "001" stays "001"
    expect(idx((p) => p === "绩效目标申报表!D4:D6.numberFormat")).toBeLessThan(valuesAt);
    expect(x.sets("A1:E1.format.font.size")[0]!.value).toBe(16);
    expect(x.sets("A3:E3.format.fill.color")[0]!.value).toBe("#D9E1F2");
    expect(x.sets("A3:E3.format.verticalAlignment")[0]!.value).toBe("Center");
    expect(x.sets("D4:D6.format.protection.locked")[0]!.value).toBe(false);
    expect(x.sets("D4:D6.numberFormat")[0]!.value).toEqual([["@"], ["@"], ["@"]]);
    const borders = x.calls("A3:E6.format.borders.getItem").map((e) => e.args![0]);
    expect(borders).toEqual(["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]);
    expect(x.sets("C:C.format.columnWidth")[0]!.value).toBeCloseTo(161.25);
    expect(x.sets("1:1.format.rowHeight")[0]!.value).toBe(30);
    const rules = x.sets(".dataValidation.rule");
    expect(rules.map((e) => e.value)).toEqual([
      { list: { inCellDropDown: true, source: "产出指标,效益指标" } },
      { list: { inCellDropDown: true, source: "='指标库'!$B$2:$B$300" } },
    ]);
    expect(x.sets("A4:A6.dataValidation.errorAlert")[0]!.value).toMatchObject({ showAlert: true, style: "Stop" });
    expect(x.sets("C4:C6.dataValidation.errorAlert")[0]!.value).toMatchObject({ style: "Warning" });
    expect(x.sets("A4:A6.dataValidation.prompt")[0]!.value).toEqual({ showPrompt: true, title: "一级指标", message: "从列表选" });
    expect(x.calls("workbook.names.add").map((e) => e.args)).toEqual([["L2_quantity", "='指标库'!$B$2:$B$40"]]);
    expect(x.calls("freezePanes.freezeRows").map((e) => e.args)).toEqual([[3]]);
    expect(x.sets("_jixiao.visibility")[0]!.value).toBe("VeryHidden");
    expect(x.sets("绩效目标申报表.visibility")[0]!.value).toBe("Visible");
    expect(x.calls("绩效目标申报表.activate")).toHaveLength(1);
    expect(x.calls("绩效目标申报表.protection.protect")).toHaveLength(1);
    expect(x.calls("_jixiao.protection.protect")).toHaveLength(0);
    expect(x.sets("pageLayout.orientation")[0]!.value).toBe("Landscape");
    expect(x.calls("pageLayout.setPrintTitleRows").map((e) => e.args)).toEqual([["$3:$3"]]);
    // the visibility write comes after the form sheet is activated
    expect(idx((p) => p === "_jixiao.visibility")).toBeGreaterThan(idx((p) => p === "绩效目标申报表.activate"));
  });

  it("leaves page layout alone below ExcelApi 1.9", async () => {
    const x = mockExcel();
    await renderPlan(x.context, formPlan(3), { supports: (_s, v) => Number(v.split(".")[1]) <= 8 });
    expect(x.log.filter((e) => e.path.includes("pageLayout"))).toHaveLength(0);
  });

  it("re-renders over an existing, protected sheet: unprotect, clear, replace names and tables", async () => {
    const plan = formPlan(2);
    plan.sheets[0]!.tables = [{ name: "T_rows", range: "A3:E5" }];
    plan.sheets[0]!.highlights = [{ range: "E4:E5", equals: "红灯", fill: "#FFC7CE", fontColor: "#9C0006" }];
    const x = mockExcel({ sheets: { 绩效目标申报表: { protected: true } }, names: ["L2_quantity"], tables: ["T_rows"] });
    const report = await renderPlan(x.context, plan, { supports: () => true });
    expect(x.calls("worksheets.add").map((e) => e.args)).toEqual([["_jixiao"]]);
    expect(x.calls("绩效目标申报表.protection.unprotect")).toHaveLength(1);
    expect(x.calls("table(T_rows).delete")).toHaveLength(1);
    expect(x.calls("绩效目标申报表!*.clear").map((e) => e.args)).toEqual([["All"]]);
    expect(x.calls("name(L2_quantity).delete")).toHaveLength(1);
    expect(x.calls("绩效目标申报表.tables.add").map((e) => e.args)).toEqual([["A3:E5", true]]);
    expect(x.sets("table.name")[0]!.value).toBe("T_rows");
    expect(x.sets("cf.cellValue.rule")[0]!.value).toEqual({ formula1: '="红灯"', operator: "EqualTo" });
    expect(report.syncs).toBe(3);
  });

  it("takes the same number of syncs for 10 and 10,000 rows", async () => {
    const counts: number[] = [];
    for (const rows of [10, 10_000]) {
      const x = mockExcel();
      const report = await renderPlan(x.context, formPlan(rows), { supports: () => true });
      expect(report.syncs).toBe(x.syncs());
      expect(x.sets(".values")[0]!.path).toBe(`绩效目标申报表!A1:E${3 + rows}.values`);
      counts.push(x.syncs());
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(2);
  });
});
