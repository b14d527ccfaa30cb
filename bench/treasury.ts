// `npx tsx bench/treasury.ts [--rows N]`: imports a payment platform's export of 200,000 payments
// (two years, 300 units, 1% under projects the server does not know, as a GBK file and a UTF-8
// file of 100,000 rows each) into a fresh data folder through the same path as
// `jixiao treasury import`, then imports both files again. Prints rows/s and peak memory (RSS,
// sampled every 20 ms, during the imports only) beside the floor measured in the same run: decoding and parsing the same
// bytes with nothing stored. Judged by: ≥ 50,000 rows/s, ≤ 500 MB, and 0 imported the second time.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultPolicy } from "../shared/policy.ts";
import { csvRows, decodeCsv } from "../shared/treasury/csv.ts";
import { readPayments } from "../shared/treasury/payments.ts";
import { openLowStore } from "../server/store/lowdb-store.ts";
import { importPayments } from "../server/treasury/imports.ts";
import { encodeGbk } from "../test/support/gbk.ts";

const { values } = parseArgs({ options: { rows: { type: "string" } } });
const ROWS = Number(values.rows ?? 200_000);
const UNITS = 300;
const PROJECTS = 8;

const functional = ["2130205 森林资源管理", "2130311 水资源节约管理与保护", "2050202 小学教育", "2100302 乡镇卫生院", "2120303 小城镇基础设施建设"];
const economic = ["30213 维修（护）费", "30226 劳务费", "31002 办公设备购置", "30227 委托业务费", "31005 基础设施建设"];
const payees = ["某某建设工程有限公司", "某某林业合作社", "某某信息技术有限公司", "某某劳务服务有限公司", "某某设备有限公司"];

/** One export file of `n` payments starting at voucher number `from`, as a platform writes it. */
function exportText(from: number, n: number): string {
  const lines = ["国库集中支付明细表", "单位：元", "支付凭证号,支付日期,预算单位编码,预算单位,项目编码,支付金额,功能分类,经济分类,资金性质,收款人全称"];
  for (let i = from; i < from + n; i++) {
    const year = i % 2 === 0 ? 2024 : 2025;
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const u = i % UNITS;
    const unit = `001${String(u).padStart(3, "0")}`;
    // 1% of payments under projects no form or budget names
    const project = i % 100 === 0 ? `XM${unit}-99` : `XM${unit}-${(i >> 3) % PROJECTS}`;
    const amount = ((i * 7919) % 5_000_000) / 100 + 100;
    lines.push(
      `ZF${year}${String(i).padStart(10, "0")},${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")},${unit},第${u + 1}预算单位,${project},"${amount.toLocaleString("en-US", { minimumFractionDigits: 2 })}",${functional[i % 5]},${economic[i % 5]},一般公共预算,${payees[i % 5]}`,
    );
  }
  return lines.join("\r\n");
}

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const half = Math.floor(ROWS / 2);
const files = [
  { name: "GBK", bytes: encodeGbk(exportText(0, half)) },
  { name: "UTF-8", bytes: new TextEncoder().encode(exportText(half, ROWS - half)) },
];
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
console.log(`${ROWS.toLocaleString()} payments in two files: ${files.map((f) => `${f.name} ${mb(f.bytes.length)} MB`).join(", ")}`);

const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-treasury-"));
const store = await openLowStore(dir);
for (let u = 0; u < UNITS; u++) await store.putUnit({ code: `001${String(u).padStart(3, "0")}`, name: `第${u + 1}预算单位`, confidential: false });
const budgets = [];
for (let u = 0; u < UNITS; u++) for (let p = 0; p < PROJECTS; p++) budgets.push({ year: 2025, unit: `001${String(u).padStart(3, "0")}`, project: `XM001${String(u).padStart(3, "0")}-${p}`, approved: 500 });
await store.treasury.putBudgets(budgets);

/** Both files imported once: the time and the counts added up. */
async function importBoth(): Promise<{ ms: number; imported: number; unknown: number; duplicates: number }> {
  const t0 = performance.now();
  const sum = { imported: 0, unknown: 0, duplicates: 0 };
  for (const f of files) {
    const r = await importPayments(store, f.bytes, defaultPolicy, "bench", new Date().toISOString());
    sum.imported += r.imported;
    sum.unknown += r.unknown;
    sum.duplicates += r.duplicates;
  }
  return { ms: performance.now() - t0, ...sum };
}

peak = process.memoryUsage().rss;
const first = await importBoth();
const second = await importBoth();
clearInterval(sample);
// the floor last, so its garbage is not counted in the import's peak: decode and parse the same bytes, store nothing
const t = performance.now();
let parsed = 0;
for (const f of files) parsed += readPayments(csvRows(decodeCsv(f.bytes).text), defaultPolicy.treasury).payments.length;
const floorMs = performance.now() - t;

await store.close();
await rm(dir, { recursive: true, force: true });

const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
console.log(`floor (decode + parse, nothing stored): ${floorMs.toFixed(0)} ms, ${rate(floorMs).toLocaleString()} rows/s (${parsed.toLocaleString()} rows)`);
console.log(`import:                                 ${first.ms.toFixed(0)} ms, ${rate(first.ms).toLocaleString()} rows/s   target ≥ 50,000 rows/s; ${(first.ms / floorMs).toFixed(2)}× the floor`);
console.log(`  imported ${first.imported.toLocaleString()}, under unknown projects ${first.unknown.toLocaleString()} (listed, imported)`);
console.log(`second import of both files:            ${second.ms.toFixed(0)} ms, imported ${second.imported} (target 0), duplicates ${second.duplicates.toLocaleString()}`);
console.log(`peak RSS: ${mb(peak)} MB   target ≤ 500 MB`);
