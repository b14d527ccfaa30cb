// `npx tsx bench/pull.ts`: "pull consolidated" of 20,000 indicator rows into the stand-in Excel
// host — test/e2e/fake-excel.js, the in-memory workbook the browser test uses, run here in Node
// with a stub window/document — through the very adapter the pane runs (addin/excel/pull.ts, the
// ExcelApi 1.8 path: values in blocks under 5 MB, one sync each, formats after). Prints time,
// blocks, syncs and the largest request; judged by syncs ≤ blocks + 2.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pullSheets, type PullSheet } from "../addin/excel/pull.ts";

const ROWS = Number(process.argv.find((a) => a.startsWith("--rows="))?.slice(7) ?? 20_000);

// the stand-in host expects a browser: give it just enough of one (nothing is drawn)
const g = globalThis as Record<string, unknown>;
g.window = globalThis;
g.document = { addEventListener() {}, getElementById: () => null, body: null };
// eslint-disable-next-line no-eval
(0, eval)(readFileSync(fileURLToPath(new URL("../test/e2e/fake-excel.js", import.meta.url)), "utf8"));
const fake = g.__fakeExcel as { syncs(): number; sheetInfo(name: string): { rows: number; columns: number } | null };
const Excel = g.Excel as { run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> };

function sheetOf(rows: number): PullSheet {
  const lights = ["绿灯", "黄灯", "红灯"];
  return {
    name: "指标明细",
    table: "T_rows",
    columns: [
      { header: "单位代码", width: 10 },
      { header: "单位名称", width: 20 },
      { header: "项目编码", width: 12 },
      { header: "项目名称", width: 24 },
      { header: "表类", width: 10 },
      { header: "状态", width: 8 },
      { header: "一级指标", width: 10 },
      { header: "二级指标", width: 12 },
      { header: "三级指标", width: 24 },
      { header: "符号", width: 6 },
      { header: "指标值", width: 10, format: "number" },
      { header: "计量单位", width: 8 },
      { header: "实际完成值", width: 10, format: "number" },
      { header: "分值", width: 8, format: "number" },
      { header: "得分", width: 8, format: "number" },
      { header: "预警", width: 8, highlights: [{ equals: "红灯", fill: "#FFC7CE" }, { equals: "黄灯", fill: "#FFEB9C" }] },
      { header: "问题", width: 30 },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `U${String(i % 1000).padStart(4, "0")}`,
      `某区第${i % 1000}预算单位`,
      `P2025-${i % 20}`,
      `森林资源管护与生态修复项目${i % 20}`,
      "绩效自评表",
      "已报送",
      "产出指标",
      "数量指标",
      `森林管护面积${i % 10}`,
      "≥",
      120 + (i % 7),
      "万亩",
      118.5 + (i % 3),
      10,
      i % 3 === 0 ? 9.5 : 10,
      lights[i % 3]!,
      i % 4 === 0 ? "I211 指标值超出合理区间；E404 得分与计算不一致" : null,
    ]),
  };
}

const summary: PullSheet = {
  name: "汇总",
  table: "T_summary",
  columns: [{ header: "单位代码" }, { header: "单位名称" }, { header: "执行率", format: "percent" }, { header: "平均得分", format: "number" }],
  rows: Array.from({ length: 1000 }, (_, i) => [`U${String(i).padStart(4, "0")}`, `某区第${i}预算单位`, 0.9 + (i % 10) / 100, 80 + (i % 20)]),
};

const sheets = [summary, sheetOf(ROWS)];
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
