// "Pull consolidated" on the stand-in host (test/e2e/fake-excel.js, in Node), which refuses what
// Excel refuses: on ExcelApi 1.13 the server's .xlsx goes in whole, and when the old consolidated
// sheets are the only visible sheets of the workbook, deleting them first would be refused
// ("a workbook must contain at least one visible worksheet").
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { pullSheets, type PullSheet } from "../../addin/excel/pull.ts";
import { loadFakeExcel } from "../e2e/fake-host.ts";

const with113 = (set: string, v: string) => set === "ExcelApi" && Number(v.split(".")[1]) <= 13;

const sheets: PullSheet[] = [
  { name: "汇总", columns: [{ header: "单位" }, { header: "项目数", format: "integer" }], rows: [["区林业局", 3]] },
  { name: "指标明细", columns: [{ header: "指标" }], rows: [["森林覆盖率"]] },
];

async function xlsxBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.columns.map((c) => c.header));
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

describe("pull on ExcelApi 1.13", () => {
  it("replaces the old consolidated sheets when they are the only visible sheets", async () => {
    const host = loadFakeExcel({ api: "1.13" });
    const ctx = await host.context();
    ctx.workbook.worksheets.add("汇总");
    ctx.workbook.worksheets.add("指标明细");
    ctx.workbook.worksheets.add("_jixiao");
    await ctx.sync();
    ctx.workbook.worksheets.getItem("_jixiao").visibility = "VeryHidden";
    await ctx.sync();
    host.fake.type("汇总", { A1: "旧数据" });

    const b64 = await xlsxBase64();
    const report = await pullSheets(ctx, sheets, { supports: with113, xlsxBase64: async () => b64 });
    expect(report).toMatchObject({ mode: "base64", syncs: 2 });
    expect(host.fake.sheetNames()).toEqual([
      { name: "_jixiao", visibility: "VeryHidden" },
      { name: "汇总", visibility: "Visible" },
      { name: "指标明细", visibility: "Visible" },
    ]);
    // the old sheet is gone (the stand-in inserts names, not cells: the old value must not survive)
    expect(host.fake.get("汇总", "A1")).toBeNull();
  });

  it("inserts beside sheets of other names, keeping them", async () => {
    const host = loadFakeExcel({ api: "1.13" });
    const ctx = await host.context();
    ctx.workbook.worksheets.add("绩效目标申报表");
    await ctx.sync();
    await pullSheets(ctx, sheets, { supports: with113, xlsxBase64: xlsxBase64 });
    expect(host.fake.sheetNames().map((s: { name: string }) => s.name)).toEqual(["绩效目标申报表", "汇总", "指标明细"]);
  });
});
