// Pull consolidated (addin/excel/pull.ts) against the recording office-addin-mock Excel: what is
// written, in how many requests, and that no request passes Excel on the web's 5 MB limit.
import { describe, expect, it } from "vitest";
import { defaultMaxBlockBytes, planBlocks, pullSheets, valueBytes, type PullSheet } from "../../addin/excel/pull.ts";
import { indicatorSheet } from "../support/pull-sheets.ts";
import { mockExcel } from "./mock-excel.ts";

const minor = (v: string) => Number(v.split(".")[1] ?? 0);
const only18 = (set: string, v: string) => set === "ExcelApi" && minor(v) <= 8;
const with113 = (set: string, v: string) => set === "ExcelApi" && minor(v) <= 13;

const summary: PullSheet = {
  name: "汇总",
  table: "T_summary",
  columns: [
    { header: "单位代码", width: 10 },
    { header: "单位名称", width: 20 },
    { header: "执行率", width: 10, format: "percent" },
    { header: "平均得分", width: 10, format: "number" },
  ],
  rows: [
    ["U0001", "区林业局", 0.96, 91.5],
    ["U0002", "=HYPERLINK(\"x\")", null, null],
  ],
};

describe("planBlocks", () => {
  it("keeps every block under the limit and covers every row once", () => {
    const sheet = indicatorSheet(20_000);
    const blocks = planBlocks([summary, sheet], 1_000_000);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(b.bytes).toBeLessThanOrEqual(1_000_000);
    const covered = [0, 0];
    for (const b of blocks) for (const s of b.segments) covered[s.sheet]! += s.to - s.from;
    expect(covered).toEqual([2, 20_000]);
    expect(blocks.flatMap((b) => b.segments).filter((s) => s.header).map((s) => s.sheet)).toEqual([0, 1]);
  });

  it("counts non-ASCII as escaped JSON (the worst case)", () => {
    expect(valueBytes("ab")).toBe(5);
    expect(valueBytes("森林")).toBe(15);
    expect(valueBytes(12.5)).toBe(5);
    expect(valueBytes(null)).toBe(3);
  });
});

describe("pullSheets on ExcelApi 1.8 (values in blocks)", () => {
  it("writes header, values and formats; a few syncs for a small pull", async () => {
    const x = mockExcel({});
    const progress: number[] = [];
    const report = await pullSheets(x.context, [summary], { supports: only18, onProgress: (p) => progress.push(p.rows) });
    expect(report).toMatchObject({ mode: "blocks", blocks: 1, rows: 2, syncs: 3 });
    expect(x.syncs()).toBe(3);
    expect(x.calls("worksheets.add").map((e) => e.args)).toEqual([["汇总"]]);
    const values = x.sets(".values");
    expect(values[0]).toMatchObject({ path: "汇总!A1:D1.values", value: [["单位代码", "单位名称", "执行率", "平均得分"]] });
    // a formula a unit typed is written as text
    expect(values[1]).toMatchObject({ path: "汇总!A2:D3.values", value: [["U0001", "区林业局", 0.96, 91.5], ["U0002", "'=HYPERLINK(\"x\")", "", ""]] });
    expect(x.sets("C2:C3.numberFormat")[0]?.value).toEqual([["0.0%"], ["0.0%"]]);
    // formats come after every value
    const lastValue = x.log.findIndex((e) => e.path.endsWith("A2:D3.values"));
    const firstFormat = x.log.findIndex((e) => e.path.endsWith(".format.font.bold"));
    expect(firstFormat).toBeGreaterThan(lastValue);
    expect(x.calls(".freezeRows").map((e) => e.args)).toEqual([[1]]);
    expect(x.calls(".tables.add").map((e) => e.args)).toEqual([["A1:D3", true]]);
    expect(progress).toEqual([2]);
  });

  it("replaces sheets and filter tables of the same name that exist", async () => {
    const x = mockExcel({ sheets: { 汇总: {} }, tables: ["T_summary"] });
    const report = await pullSheets(x.context, [summary], { supports: only18 });
    expect(report.syncs).toBe(3);
    expect(x.calls("worksheets.add")).toEqual([]);
    expect(x.calls("table(T_summary).delete")).toHaveLength(1);
    expect(x.calls("汇总!*.clear").map((e) => e.args)).toEqual([["All"]]);
  });

  it("pulls 20,000 rows in no more than one sync per block plus two, each block under 5 MB", async () => {
    const sheet = indicatorSheet(20_000);
    const x = mockExcel({});
    const progress: number[] = [];
    const report = await pullSheets(x.context, [summary, sheet], { supports: only18, onProgress: (p) => progress.push(p.rows) });
    console.log(`pull of 20,000 rows: ${report.blocks} blocks, ${report.syncs} syncs, largest block ≈ ${(report.largestBlockBytes / 1e6).toFixed(2)} MB`);
    expect(report.blocks).toBeGreaterThan(1);
    expect(x.syncs()).toBe(report.syncs);
    expect(report.syncs).toBeLessThanOrEqual(report.blocks + 2);
    expect(report.largestBlockBytes).toBeLessThanOrEqual(defaultMaxBlockBytes);
    expect(report.largestBlockBytes).toBeLessThan(5 * 1024 * 1024);
    expect(progress.at(-1)).toBe(20_002);
    // every data row written once, in order, below the header
    const writes = x.sets(".values").filter((e) => e.path.startsWith("指标明细!"));
    const rows = writes.slice(1).reduce((n, e) => n + (e.value as unknown[]).length, 0);
    expect(rows).toBe(20_000);
    expect(writes.at(-1)!.path).toMatch(/!A\d+:N20001\.values$/);
    // the colour rules cover the rows, not the whole column
    expect(x.log.filter((e) => e.path.includes("指标明细!M2:M20001") && e.op === "call" && e.path.endsWith("conditionalFormats.add"))).toHaveLength(2);
  });

  it("takes the same number of syncs for 10 and 1,000 rows (one block)", async () => {
    const counts: number[] = [];
    for (const n of [10, 1_000]) {
      const x = mockExcel({});
      await pullSheets(x.context, [indicatorSheet(n)], { supports: only18 });
      counts.push(x.syncs());
    }
    expect(counts).toEqual([3, 3]);
  });
});

describe("pullSheets on ExcelApi 1.13 (insertWorksheetsFromBase64)", () => {
  function withInsert(x: ReturnType<typeof mockExcel>) {
    const inserted: unknown[][] = [];
    (x.context.workbook as any).insertWorksheetsFromBase64 = (...args: unknown[]) => {
      inserted.push(args);
      return { value: [] };
    };
    // the recording mock's sheets have no delete(): give the probed ones one
    const worksheets = (x.context.workbook as any).worksheets;
    const probe = worksheets.getItemOrNullObject.bind(worksheets);
    worksheets.getItemOrNullObject = (name: string) => {
      const sheet = probe(name);
      sheet.delete = () => undefined; // the proxy records the call
      return sheet;
    };
    return inserted;
  }

  it("inserts the server's workbook in two syncs, replacing sheets of the same name", async () => {
    const x = mockExcel({ sheets: { 汇总: {} } });
    const inserted = withInsert(x);
    const report = await pullSheets(x.context, [summary, indicatorSheet(20_000)], { supports: with113, xlsxBase64: async () => "UEsDBBQ=" });
    expect(report).toMatchObject({ mode: "base64", syncs: 2 });
    expect(x.syncs()).toBe(2);
    expect(inserted).toEqual([["UEsDBBQ=", { positionType: "End" }]]);
    expect(x.calls("汇总.delete")).toHaveLength(1);
    expect(x.sets(".values")).toEqual([]);
  });

  it("falls back to blocks when the host lacks 1.13 or the file is too big for one request", async () => {
    for (const [supports, b64] of [[only18, "UEsDBBQ="], [with113, "x".repeat(5_000_000)]] as const) {
      const x = mockExcel({});
      withInsert(x);
      const report = await pullSheets(x.context, [summary], { supports, xlsxBase64: async () => b64 });
      expect(report.mode).toBe("blocks");
    }
  });
});
