// The stand-in host is as strict as Excel where the adapter could trip: each rule it enforces,
// firing and not firing, so a browser test passing on it means something.
import { describe, expect, it } from "vitest";
import { loadFakeExcel } from "./fake-host.ts";

async function withSheets(names: string[], config = {}) {
  const host = loadFakeExcel(config);
  const ctx = await host.context();
  for (const n of names) ctx.workbook.worksheets.add(n);
  await ctx.sync();
  return { host, ctx };
}

describe("the stand-in Excel host", () => {
  it("fails at sync, not at the call, with the earlier queued operations applied and the later dropped", async () => {
    const { host, ctx } = await withSheets(["绩效目标申报表"]);
    const ws = ctx.workbook.worksheets.getItem("绩效目标申报表");
    ws.getRange("A1").values = [["先写入"]];
    const missing = ctx.workbook.worksheets.getItem("不存在的表"); // no throw here
    missing.getRange("A1").values = [["x"]];
    ws.getRange("A2").values = [["后写入"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(host.fake.get("绩效目标申报表", "A1")?.value).toBe("先写入");
    expect(host.fake.get("绩效目标申报表", "A2")).toBeNull();
  });

  it("throws PropertyNotLoaded for a property read before its load and sync", async () => {
    const { ctx } = await withSheets(["表1"]);
    const range = ctx.workbook.worksheets.getItem("表1").getRange("A1:B2");
    expect(() => range.values).toThrow(/load/);
    range.load("values");
    expect(() => range.values).toThrow(/load/);
    await ctx.sync();
    expect(range.values).toEqual([
      ["", ""],
      ["", ""],
    ]);
    expect(() => range.address).toThrow(/load/);
  });

  it("refuses a value matrix whose shape is not the range's, takes one value for the whole range", async () => {
    const { host, ctx } = await withSheets(["表1"]);
    const ws = ctx.workbook.worksheets.getItem("表1");
    ws.getRange("A1:B2").values = [["a", "b"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ws.getRange("A1:B1").values = [["a", "b", "c"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ws.getRange("A1:B2").numberFormat = [["@"], ["@"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ws.getRange("A1:B1").values = [["a", "b"]];
    ws.getRange("A2:B2").values = 7 as never;
    await ctx.sync();
    expect(host.fake.get("表1", "B1").value).toBe("b");
    expect(host.fake.get("表1", "B2").value).toBe(7);
  });

  it("applies Excel's sheet-name rules, ignoring case", async () => {
    const { ctx } = await withSheets(["绩效目标申报表"]);
    for (const bad of ["", "a".repeat(32), "年度[2025]", "a/b", "问题?", "'引号", "History", "绩效目标申报表".replace("绩", "绩")]) {
      ctx.workbook.worksheets.add(bad);
      await expect(ctx.sync(), bad).rejects.toMatchObject({ code: expect.stringMatching(/InvalidArgument|ItemAlreadyExists/) });
    }
    ctx.workbook.worksheets.add("Sheet");
    await ctx.sync();
    ctx.workbook.worksheets.add("SHEET");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    ctx.workbook.worksheets.add("a".repeat(31));
    await ctx.sync();
    // getItem ignores case as Excel does
    const s = ctx.workbook.worksheets.getItem("sheet");
    s.load("name");
    await ctx.sync();
    expect(s.name).toBe("Sheet");
  });

  it("refuses to hide or delete the last visible sheet, allows it while another is visible", async () => {
    const { host, ctx } = await withSheets(["汇总", "_jixiao"]);
    ctx.workbook.worksheets.getItem("_jixiao").visibility = "VeryHidden";
    await ctx.sync();
    ctx.workbook.worksheets.getItem("汇总").visibility = "Hidden";
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ctx.workbook.worksheets.getItem("汇总").delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ctx.workbook.worksheets.add("新表");
    ctx.workbook.worksheets.getItem("汇总").delete();
    await ctx.sync();
    expect(host.fake.sheetNames().map((s: { name: string }) => s.name)).toEqual(["_jixiao", "新表"]);
  });

  it("keeps number formats per cell and returns them; text format keeps text", async () => {
    const { ctx } = await withSheets(["表1"]);
    const ws = ctx.workbook.worksheets.getItem("表1");
    ws.getRange("A1:B1").numberFormat = [["0.0%", "@"]];
    ws.getRange("A1:B1").values = [[0.955, "001"]];
    const r = ws.getRange("A1:C1");
    r.load("values,numberFormat");
    await ctx.sync();
    expect(r.numberFormat).toEqual([["0.0%", "@", "General"]]);
    expect(r.values).toEqual([[0.955, "001", ""]]);
  });

  it("reads typed text as Excel does in a zh-CN workbook", () => {
    const { fake } = loadFakeExcel();
    const year = new Date().getFullYear();
    const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
    expect(fake.entry("100", "General")).toEqual({ value: 100 });
    expect(fake.entry("1,234.5", "General")).toMatchObject({ value: 1234.5 });
    expect(fake.entry("(100)", "General")).toMatchObject({ value: -100 });
    expect(fake.entry("¥100", "General")).toMatchObject({ value: 100, format: '"¥"#,##0' });
    expect(fake.entry("95%", "General")).toEqual({ value: 0.95, format: "0%" });
    expect(fake.entry("3月5日", "General")).toEqual({ value: serial(year, 3, 5), format: 'm"月"d"日"' });
    expect(fake.entry("2024年12月", "General")).toEqual({ value: serial(2024, 12, 1), format: 'yyyy"年"m"月"' });
    expect(fake.entry("2024-12-05", "General")).toMatchObject({ value: serial(2024, 12, 5) });
    expect(fake.entry("TRUE", "General")).toEqual({ value: true });
    // not read: text stays text
    for (const t of ["'95%", "森林覆盖率", "2月30日", "13月1日", "≥95%", "100元"]) expect(fake.entry(t, "General").value).toBe(t.replace(/^'/, ""));
    expect(fake.entry("95%", "@")).toEqual({ value: "95%" });
  });

  it("refuses a request over Excel on the web's 5 MB, applying none of it", async () => {
    const { host, ctx } = await withSheets(["表1"], { requestLimit: 100_000 });
    const rows = Array.from({ length: 2000 }, (_, i) => [`第${i}行的项目名称`, i]);
    const ws = ctx.workbook.worksheets.getItem("表1");
    ws.getRange("A1").values = [["先"]];
    ws.getRange(`A1:B${rows.length}`).values = rows;
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(host.fake.get("表1", "A1")).toBeNull();
  });

  it("stands in for office.js: Office.onReady, requirement sets, document settings; OfficeRuntime.storage failing when asked", async () => {
    const ok = loadFakeExcel({ api: "1.7" });
    expect(await ok.Office.onReady()).toMatchObject({ host: "Excel" });
    expect(ok.Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(ok.Office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(false);
    expect(ok.Office.context.requirements.isSetSupported("SharedRuntime", "1.1")).toBe(false);
    await ok.OfficeRuntime.storage.setItem("k", "v");
    expect(await ok.OfficeRuntime.storage.getItem("k")).toBe("v");
    const failing = loadFakeExcel({ storage: "failing" });
    await expect(failing.OfficeRuntime.storage.getItem("k")).rejects.toThrow(/not available/);
    const none = loadFakeExcel({ storage: "none" });
    expect(() => none.localStorage.getItem("k")).toThrow(/insecure/);
    expect(() => none.Office.context.document.settings.get("k")).toThrow();
  });

  it("keeps two workbooks apart, each with its sheets and document settings", async () => {
    const { host, ctx } = await withSheets(["甲表"]);
    host.Office.context.document.settings.set("id", "A");
    await new Promise<void>((ok) => host.Office.context.document.settings.saveAsync(() => ok()));
    const b = host.reopen("Book2");
    expect(b.fake.workbook()).toBe("Book2");
    expect(b.fake.sheetNames()).toEqual([]);
    expect(b.Office.context.document.settings.get("id")).toBeNull();
    const bctx = await b.context();
    bctx.workbook.worksheets.add("乙表");
    await bctx.sync();
    const a = b.reopen("Book1");
    expect(a.fake.sheetNames().map((s: { name: string }) => s.name)).toEqual(["甲表"]);
    expect(a.Office.context.document.settings.get("id")).toBe("A");
    void ctx;
  });
});
