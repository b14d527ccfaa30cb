// `npx tsx bench/pull.ts`: "pull consolidated" of 20,000 indicator rows into the stand-in Excel
// host — test/e2e/fake-excel.js, the in-memory workbook the browser test uses, run here in Node
// with a stub window/document — through the very adapter the pane runs (addin/excel/pull.ts, the
// ExcelApi 1.8 path: values in blocks under 5 MB, one sync each, formats after). Prints time,
// blocks, syncs and the largest request; judged by syncs ≤ blocks + 2.
import { pullSheets, type PullSheet } from "../addin/excel/pull.ts";
import { fakeExcelSource } from "../test/e2e/fake-excel-source.ts";
import { indicatorSheet } from "../test/support/pull-sheets.ts";

const ROWS = Number(process.argv.find((a) => a.startsWith("--rows="))?.slice(7) ?? 20_000);

// the stand-in host expects a browser: give it just enough of one (nothing is drawn)
const g = globalThis as Record<string, unknown>;
g.window = globalThis;
g.document = { addEventListener() {}, getElementById: () => null, body: null };
// eslint-disable-next-line no-eval
(0, eval)(await fakeExcelSource());
const fake = g.__fakeExcel as { syncs(): number; sheetInfo(name: string): { rows: number; columns: number } | null };
const Excel = g.Excel as { run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> };

const summary: PullSheet = {
  name: "汇总",
  table: "T_summary",
  columns: [{ header: "单位代码" }, { header: "单位名称" }, { header: "执行率", format: "percent" }, { header: "平均得分", format: "number" }],
  rows: Array.from({ length: 1000 }, (_, i) => [`U${String(i).padStart(4, "0")}`, `某区第${i}预算单位`, 0.9 + (i % 10) / 100, 80 + (i % 20)]),
};

const sheets = [summary, indicatorSheet(ROWS)];
const only18 = (set: string, v: string) => set === "ExcelApi" && Number(v.split(".")[1]) <= 8;
const before = fake.syncs();
const t0 = performance.now();
const report = await Excel.run((ctx) => pullSheets(ctx, sheets, { supports: only18 }));
const ms = performance.now() - t0;
const syncs = fake.syncs() - before;
const info = fake.sheetInfo("指标明细");
console.log(`host: test/e2e/fake-excel.js (the browser test's stand-in Excel) in Node; ExcelApi 1.8 path`);
console.log(`pulled ${report.rows.toLocaleString("en")} rows (${ROWS.toLocaleString("en")} indicator rows + ${summary.rows.length} summary rows) in ${ms.toFixed(0)} ms`);
console.log(`blocks ${report.blocks}, syncs ${syncs} (budget: blocks + 2 = ${report.blocks + 2}), largest request ≈ ${(report.largestBlockBytes / 1024 / 1024).toFixed(2)} MiB (limit 5 MiB)`);
console.log(`sheet 指标明细 now ${info?.rows} rows × ${info?.columns} columns`);
const ok = syncs <= report.blocks + 2 && report.largestBlockBytes < 5 * 1024 * 1024 && info?.rows === ROWS + 1;
console.log(ok ? "ok" : "FAILED");
process.exitCode = ok ? 0 : 1;
process.exit();
