// `npx tsx bench/consolidate.ts [--units=N] [--projects=N] [--kind=selfEval|monitor|target] [--runs=N]`:
// builds the consolidated workbook for 1,000 units × 20 projects × 10 indicators (200,000
// indicator rows) to a temp file and prints the time, rows/s, file size and peak memory (RSS
// sampled every 20 ms), beside the floor measured in the same run: the same consolidation with every
// sheet's cells written as bare sheet XML through the same zip stream (no layout, no styles, no
// exceljs) — what no writer of these cells can beat. Also beside it: the big sheets' rows written
// through exceljs as before (--no-exceljs leaves that out). Each figure is the median of --runs
// (default 3) runs, each run in its own process so one's memory does not weigh on the next. The
// forms are made up in memory, afresh on each of the model's passes (as a store reads them from
// disk), so what is measured is consolidation and the writer, not a store.
// Judged by: ≤ 5 s and ≤ 200 MB, or ≤ 1.1× the floor's time and memory.
import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { PassThrough, type Readable } from "node:stream";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { consolidate, sheetsOf, type Consolidation, type FormKey, type StoredForm, type UnitInfo } from "../shared/consolidate/index.ts";
import type { FormKind } from "../shared/glossary.ts";
import type { Issue } from "../shared/issue.ts";
import { defaultPolicy } from "../shared/policy.ts";
import { writeConsolidatedXlsx } from "../server/xlsx/consolidated.ts";
import { SheetRows } from "../server/xlsx/sheet-xml.ts";

const { values } = parseArgs({
  options: {
    units: { type: "string" },
    projects: { type: "string" },
    kind: { type: "string" },
    runs: { type: "string" },
    "no-exceljs": { type: "boolean" },
    stage: { type: "string" },
  },
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

type Stage = "workbook" | "floor" | "exceljs";
interface Result {
  seconds: number;
  /** the process's CPU time (user + system, the zip's deflate threads included) */
  cpuSeconds: number;
  peakMB: number;
  sizeMB: number;
  rows: number;
  findings: number;
  forms: number;
  missing: number;
}

// The zip stream exceljs itself writes through (a dependency of exceljs, and of this bench).
interface Zip extends Readable {
  append(source: Readable | string, data: { name: string }): Zip;
  finalize(): Promise<void>;
}
const archiver = createRequire(import.meta.url)("archiver") as (format: "zip") => Zip;

/** The floor: every sheet's cells as bare sheet XML, one entry each, through the zip. */
async function writeFloor(c: Consolidation, out: NodeJS.WritableStream): Promise<Record<string, number>> {
  const zip = archiver("zip");
  zip.pipe(out);
  const counts: Record<string, number> = {};
  for (const [i, sheet] of sheetsOf(c).entries()) {
    const entry = new PassThrough({ highWaterMark: 1 << 20 });
    zip.append(entry, { name: `xl/worksheets/sheet${i + 1}.xml` });
    const xml = new SheetRows(sheet.columns.columns.map(() => 0));
    const cells = new Array<string | number | null>(sheet.columns.columns.length);
    let chunk = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    chunk += xml.row(1, sheet.columns.columns.map((col) => col.header));
    let n = 0;
    for await (const row of sheet.rows()) {
      for (let k = 0; k < cells.length; k++) cells[k] = sheet.columns.columns[k]!.value(row);
      chunk += xml.row(++n + 1, cells);
      if (chunk.length >= 1 << 16) {
        if (!entry.write(chunk)) await new Promise((resolve) => entry.once("drain", resolve));
        chunk = "";
      }
    }
    entry.end(`${chunk}</sheetData></worksheet>`);
    counts[sheet.columns.id] = n;
  }
  await zip.finalize();
  return counts;
}

async function runStage(stage: Stage): Promise<Result> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-consolidate-"));
  const file = join(dir, "consolidated.xlsx");
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const c = await consolidate({ year: YEAR, kind: KIND, policy: defaultPolicy, units, keys: keys(), forms });
    const out = createWriteStream(file);
    const done = new Promise<void>((resolve, reject) => {
      out.on("finish", resolve);
      out.on("error", reject);
    });
    const written = stage === "floor" ? await writeFloor(c, out) : await writeConsolidatedXlsx(c, out, { bigSheetRows: stage === "exceljs" ? "exceljs" : "xml" });
    await done;
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu0);
    peak = Math.max(peak, process.memoryUsage().rss);
    const size = (await stat(file)).size;
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, peakMB: peak / 1024 / 1024, sizeMB: size / 1024 / 1024, rows: written.rows ?? 0, findings: written.findings ?? 0, forms: c.counts.forms, missing: c.missing.length };
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}

if (values.stage) {
  // One run of one stage, in a process of its own: its result as one JSON line.
  console.log(JSON.stringify(await runStage(values.stage as Stage)));
} else {
  const RUNS = Math.max(1, Number(values.runs ?? 3));
  const stages: Stage[] = values["no-exceljs"] ? ["floor", "workbook"] : ["floor", "workbook", "exceljs"];
  const results = new Map<Stage, Result[]>(stages.map((s) => [s, []]));
  const passOn = process.argv.slice(2).filter((a, i, all) => a !== "--runs" && all[i - 1] !== "--runs" && !a.startsWith("--runs=") && a !== "--no-exceljs");
  for (let r = 0; r < RUNS; r++) {
    for (const stage of stages) {
      const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ...passOn, "--stage", stage], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (child.status !== 0) {
        process.stderr.write(child.stderr);
        throw new Error(`bench/consolidate: the ${stage} run failed`);
      }
      results.get(stage)!.push(JSON.parse(child.stdout.trim().split("\n").pop()!) as Result);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const med = (s: Stage, k: keyof Result): number => median(results.get(s)!.map((x) => x[k]));
  const w = results.get("workbook")![0]!;
  console.log(`units ${UNITS} (+${SILENT} silent) × projects ${PROJECTS} (${KIND}): ${w.forms} forms, ${w.rows} indicator rows, ${w.findings} findings, ${w.missing} missing; median of ${RUNS} runs each`);
  const line = (s: Stage, what: string) =>
    console.log(`${what.padEnd(34)} ${med(s, "seconds").toFixed(2).padStart(6)} s (CPU ${med(s, "cpuSeconds").toFixed(2)} s)  ${Math.round(w.rows / med(s, "seconds")).toLocaleString("en").padStart(8)} rows/s  peak RSS ${med(s, "peakMB").toFixed(0).padStart(4)} MB  file ${med(s, "sizeMB").toFixed(1)} MB  (runs: ${results.get(s)!.map((x) => x.seconds.toFixed(2)).join(", ")} s)`);
  line("floor", "floor (bare sheet XML, same zip)");
  line("workbook", "workbook (big sheets as XML rows)");
  if (stages.includes("exceljs")) line("exceljs", "workbook, every row through exceljs");
  const seconds = med("workbook", "seconds");
  const peakMB = med("workbook", "peakMB");
  const timeRatio = seconds / med("floor", "seconds");
  const memRatio = peakMB / med("floor", "peakMB");
  const absolute = seconds <= 5 && peakMB <= 200;
  const relative = timeRatio <= 1.1 && memRatio <= 1.1;
  console.log(`workbook / floor: time ${timeRatio.toFixed(2)}×, peak RSS ${memRatio.toFixed(2)}× (ceiling 1.1×) — ${relative ? "met" : "not met"}; CPU time ${(med("workbook", "cpuSeconds") / med("floor", "cpuSeconds")).toFixed(2)}× (the steadier figure on a busy machine)`);
  console.log(`workbook: ${seconds.toFixed(2)} s, ${peakMB.toFixed(0)} MB (ceiling 5 s, 200 MB) — ${absolute ? "met" : "not met"}`);
  console.log(`target (either): ${absolute || relative ? "met" : "MISSED"}`);
  process.exitCode = absolute || relative ? 0 : 1;
}
