// server/xlsx/read.ts: values as a reader sees them, whatever wrote the file.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../server/xlsx/read.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("readWorkbook", () => {
  it("gives values: cached formula results, ISO dates, flattened rich text, percentages as shown", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表");
    ws.getCell("A1").value = 0.95;
    ws.getCell("A1").numFmt = "0%";
    ws.getCell("B1").value = 0.955;
    ws.getCell("B1").numFmt = "0.0%";
    ws.getCell("C1").value = new Date(Date.UTC(2025, 2, 1));
    ws.getCell("D1").value = { formula: "A1*2", result: 1.9 };
    ws.getCell("E1").value = { formula: "NOW()" }; // no cached value: nothing to show
    ws.getCell("F1").value = { richText: [{ text: "≥" }, { font: { bold: true }, text: "95%" }] };
    ws.getCell("G1").value = { text: "链接", hyperlink: "https://example.org" };
    ws.getCell("H1").value = { error: "#N/A" };
    ws.getCell("I1").value = "=SUM(A1)";
    ws.getCell("J1").value = true;
    ws.getCell("A2").value = "合并";
    ws.mergeCells("A2:C3");
    wb.addWorksheet("隐藏", { state: "hidden" }).getCell("A1").value = 1;
    wb.addWorksheet("深藏", { state: "veryHidden" }).getCell("B2").value = "x";
    const grids = await readWorkbook(await bytes(wb));
    expect(grids[0]!.values).toEqual([
      ["95%", "95.5%", "2025-03-01", 1.9, null, "≥95%", "链接", "#N/A", "=SUM(A1)", true],
      ["合并", null, null, null, null, null, null, null, null, null],
    ]);
    expect(grids.slice(1)).toEqual([
      { name: "隐藏", state: "hidden", values: [[1]] },
      { name: "深藏", state: "veryHidden", values: [[null, null], [null, "x"]] },
    ]);
  });

  it("reads a path as well as bytes, and refuses what is not a workbook", async () => {
    await expect(readWorkbook(Buffer.from("not a zip"))).rejects.toThrow();
    await expect(readWorkbook("/nonexistent/file.xlsx")).rejects.toThrow();
  });

  it("renders a plan's tables, highlights and protection, and refuses duplicate sheet names", async () => {
    const plan = {
      sheets: [
        {
          name: "汇总",
          values: [["单位", "状态"], ["林业局", "已退回"], ["水利局", "已审核"]],
          tables: [{ name: "汇总表", range: "A1:B3" }],
          highlights: [{ range: "B2:B3", equals: "已退回", fill: "#FFC7CE" }],
          protection: { enabled: true },
        },
      ],
    };
    const grids = await readWorkbook(await renderWorkbook(plan));
    expect(grids[0]!.values).toEqual(plan.sheets[0]!.values);
    await expect(renderWorkbook({ sheets: [plan.sheets[0]!, plan.sheets[0]!] })).rejects.toThrow(/two sheets/);
  });
});
