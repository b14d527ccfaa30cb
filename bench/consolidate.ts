// `npx tsx bench/consolidate.ts [--units N] [--projects N] [--kind selfEval|monitor|target]`:
// builds the consolidated workbook for 1,000 units × 20 projects × 10 indicators (200,000
// indicator rows) to a temp file and prints the time, rows/s, file size and peak memory (RSS
// sampled every 20 ms). The forms are made up in memory, afresh on each of the model's passes (as a
// store reads them from disk), so what is measured is consolidation and the streamed writer, not
// a store. Judged by: ≤ 20 s and ≤ 1 GB.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { consolidate, type FormKey, type StoredForm, type UnitInfo } from "../shared/consolidate/index.ts";
import type { FormKind } from "../shared/glossary.ts";
import type { Issue } from "../shared/issue.ts";
import { defaultPolicy } from "../shared/policy.ts";
import { writeConsolidatedXlsx } from "../server/xlsx/consolidated.ts";

const { values } = parseArgs({
  options: { units: { type: "string" }, projects: { type: "string" }, kind: { type: "string" } },
});
const UNITS = Number(values.units ?? 1000);
const PROJECTS = Number(values.projects ?? 20);
const KIND = (values.kind ?? "selfEval") as FormKind;
const YEAR = 2025;

const rowsTemplate = [
  { level1: "output", level2: "quantity", code: "FOR-QN001", name: "森林管护面积", operator: ">=", target: 50, unit: "万亩", actual: 52, weight: 10 },
  { level1: "output", level2: "quantity", code: "FOR-QN002", name: "生态护林员选聘人数", operator: ">=", target: 300, unit: "人", actual: 280, weight: 10 },
  { level1: "output", level2: "quality", code: "FOR-QL001", name: "当年造林成活率", operator: ">=", target: "≥90%", unit: "%", actual: "92%", weight: 10 },
  { level1: "output", level2: "timeliness", code: "FOR-TM001", name: "护林防火巡查及时率", operator: ">=", target: 98, unit: "%", actual: 99, weight: 10 },
  { level1: "cost", level2: "economicCost", code: "FOR-EC002", name: "生态护林员人均补助标准", operator: "=", target: 8000, unit: "元/人·年", actual: 8000, weight: 10 },
  { level1: "benefit", level2: "ecological", code: "FOR-GB001", name: "森林火灾受害率", operator: "<=", target: 0.5, unit: "‰", actual: 0.6, weight: 10 },
  { level1: "benefit", level2: "ecological", code: "FOR-GB002", name: "林业有害生物成灾率", operator: "<=", target: 3, unit: "‰", actual: 2, weight: 5 },
  { level1: "benefit", level2: "sustainability", code: "FOR-SU001", name: "森林覆盖率", operator: ">=", target: 70, unit: "%", actual: 71, weight: 10 },
  { level1: "benefit", level2: "social", code: "", name: "=HYPERLINK(\"http://example.com\",\"林区道路\")", operator: "qualitative", target: "achieved", unit: "", actual: "partial", weight: 5 },
  { level1: "satisfaction", level2: "serviceSatisfaction", code: "FOR-SA002", name: "林农满意度", operator: ">=", target: 90, unit: "%", actual: 93, weight: 10 },
];

/** UNITS units that send one form per project, and 2% more that send nothing. */
const SILENT = Math.ceil(UNITS / 50);
const units: UnitInfo[] = Array.from({ length: UNITS + SILENT }, (_, u) => ({ code: `U${String(u).padStart(4, "0")}`, name: `第${u + 1}预算单位`, confidential: u % 97 === 0 }));
const sends = (u: number): boolean => u < UNITS;

const warning = (row: number): Issue => ({
  rule: "I211",
  severity: "warning",
  path: `indicators[${row}].target`,
  cell: `F${8 + row}`,
  message: { zh: "目标值超出指标库的合理区间", en: "Target outside the library's plausible range" },
});

function makeForm(u: number, p: number): StoredForm {
  const unit = units[u]!;
  const project = `P${String(p).padStart(2, "0")}`;
  const indicators = rowsTemplate.map((r, i) => {
    const row: Record<string, unknown> = { level1: r.level1, level2: r.level2, name: r.name, operator: r.operator, target: r.target, unit: r.unit || null, custom: r.code === "" };
    if (r.code) row.code = r.code;
    if (KIND === "selfEval") Object.assign(row, { actual: typeof r.actual === "number" ? r.actual * (1 - ((u + p + i) % 7) / 40) : r.actual, weight: r.weight });
    if (KIND === "monitor") Object.assign(row, { toDate: typeof r.actual === "number" ? r.actual * (0.3 + ((u + p + i) % 5) / 10) : r.actual });
    return row;
  });
  const form: Record<string, unknown> = {
    kind: KIND,
    year: YEAR,
    unit: { code: unit.code, name: unit.name },
    project: { code: project, name: `${unit.name}项目${p + 1}`, field: "forestry", attribute: "continuing", servesPublic: true },
    funds: { total: 100 + p, fiscal: 90 + p, other: 10 },
    goals: { annual: "完成森林管护面积50万亩，当年造林成活率达到90%以上。" },
    indicators,
  };
  if (KIND === "selfEval") form.budget = { initial: 100 + p, adjusted: 100 + p, executed: 90 + ((u * 7 + p) % 11) };
  if (KIND === "monitor") Object.assign(form, { month: 6, budget: { annual: 100 + p, executedToDate: 30 + ((u + p) % 30) } });
  const statuses = ["draft", "submitted", "returned", "approved"] as const;
  return {
    key: { year: YEAR, unit: unit.code, project, kind: KIND },
    status: statuses[(u + p) % 4]!,
    revision: 1 + ((u + p) % 3),
    form,
    issues: (u + p) % 3 === 0 ? [warning(1), warning(5)] : [],
    updatedAt: "2026-02-01T08:00:00.000Z",
  };
}

function* forms(): Generator<StoredForm> {
  for (let u = 0; u < units.length; u++) {
    if (!sends(u)) continue;
    for (let p = 0; p < PROJECTS; p++) yield makeForm(u, p);
  }
}

function* keys(): Generator<FormKey> {
  for (let u = 0; u < units.length; u++) {
    if (!sends(u)) continue;
    for (let p = 0; p < PROJECTS; p++) yield { year: YEAR, unit: units[u]!.code, project: `P${String(p).padStart(2, "0")}`, kind: KIND };
  }
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-consolidate-"));
const file = join(dir, "consolidated.xlsx");
try {
  const t0 = performance.now();
  const c = await consolidate({ year: YEAR, kind: KIND, policy: defaultPolicy, units, keys: keys(), forms });
  const t1 = performance.now();
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  const written = await writeConsolidatedXlsx(c, out);
  await done;
  const t2 = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (t2 - t0) / 1000;
  const rows = written.rows ?? 0;
  const size = (await stat(file)).size;
  console.log(`units ${UNITS} (+${SILENT} silent) × projects ${PROJECTS} (${KIND}): ${c.counts.forms} forms, ${rows} indicator rows, ${written.findings} findings, ${c.missing.length} missing`);
  console.log(`first pass (summary) ${((t1 - t0) / 1000).toFixed(2)} s; workbook ${((t2 - t1) / 1000).toFixed(2)} s; total ${seconds.toFixed(2)} s`);
  console.log(`rows/s ${Math.round(rows / seconds)}; file ${(size / 1024 / 1024).toFixed(1)} MB; peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
  const ok = seconds <= 20 && peak <= 1024 * 1024 * 1024;
  console.log(`targets: ≤ 20 s ${seconds <= 20 ? "met" : "MISSED"}, ≤ 1 GB ${peak <= 1024 ** 3 ? "met" : "MISSED"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}
