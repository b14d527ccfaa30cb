// `npm run bench -- growth`: the cost of each path at 1×, 10× and 100× its work, so that a cost
// growing faster than the work shows: checking a form (rows, and library size), the nearest-name
// search (library size), reading a sheet into a form (rows), consolidation (rows, through the real workbook
// writer, each size in its own process), and saving through the store API (forms already stored;
// revisions of one form). Each line gives the cost per unit of work and its ratio to the 1× cost
// per unit: about 1 is linear, well above 1 is superlinear (flagged). Times are medians; the checks
// and the search in CPU time (this process's), the rest in wall time.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Library } from "../shared/library.ts";
import { libraryIndex, nearestNames } from "../shared/rules/nearest-names.ts";
import { validate } from "../shared/rules/validate.ts";
import { layoutForm } from "../shared/sheet/layout.ts";
import { parseForm, type Grid } from "../shared/sheet/parse.ts";
import { demoForm } from "../server/demo-form.ts";
import { openLowStore } from "../server/store/lowdb-store.ts";
import type { SubmissionKey } from "../server/store/store.ts";
import { bigForm, library as starter } from "./_forms.ts";
import { makeForm, makeLibrary, unknownName } from "./_generated.ts";

const SCALES = [1, 10, 100] as const;
/** Per-unit cost above this many times the 1× cost is flagged. */
const FLAG = 1.5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Median ms of `runs` calls (after one untimed), by `clock`. */
function timed(fn: () => unknown, runs: number, clock: () => number = cpu, before: () => void = () => {}): number {
  before();
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t0 = clock();
    fn();
    ms.push(clock() - t0);
  }
  return median(ms);
}

interface Point {
  work: number;
  ms: number;
}
/** Prints one path: its cost at each scale, per unit of work, and the per-unit ratio to 1×. */
function report(path: string, unit: string, points: Point[], per = 1000, perLabel = "µs"): void {
  const base = points[0]!.ms / points[0]!.work;
  const cells = points.map((p) => {
    const ratio = p.ms / p.work / base;
    return `${p.work.toLocaleString("en")} ${unit}: ${p.ms.toFixed(p.ms < 10 ? 2 : 0)} ms, ${((p.ms / p.work) * per).toFixed(2)} ${perLabel}/${unit.replace(/s$/, "")} (${ratio.toFixed(2)}×${ratio > FLAG ? " SUPERLINEAR" : ""})`;
  });
  console.log(`${path.padEnd(26)} ${cells.join(" | ")}`);
}

// ---- validate: rows
const library5k = makeLibrary();
const fullForm = makeForm(library5k);
const forget = (lib: Library) => () => libraryIndex(lib).answers.clear();
{
  const points: Point[] = [];
  for (const s of SCALES) {
    const rows = 100 * s;
    const form = { ...fullForm, indicators: fullForm.indicators.slice(0, rows) };
    points.push({ work: rows, ms: timed(() => validate(form, library5k), s === 100 ? 9 : 21, cpu, forget(library5k)) });
  }
  report("validate (rows)", "rows", points);
}

// ---- nearest names and validate: library size
{
  const l500 = makeLibrary(500);
  const l5k = makeLibrary(5_000, l500.indicators);
  const l50k = makeLibrary(50_000, l5k.indicators);
  const libs = [l500, l5k, l50k];
  const queries = Array.from({ length: 300 }, unknownName);
  const points: Point[] = [];
  for (const lib of libs) {
    const index = libraryIndex(lib);
    const ms = timed(
      () => {
        for (const q of queries) {
          index.answers.clear();
          nearestNames(index, q);
        }
      },
      7,
    );
    points.push({ work: lib.indicators.length, ms });
  }
  // The search's cost per query, against the library's size.
  const perQuery = points.map((p) => `${p.work.toLocaleString("en")} indicators: ${((p.ms / queries.length) * 1000).toFixed(1)} µs/query`);
  const base = points[0]!.ms;
  console.log(`${"nearest name (library)".padEnd(26)} ${perQuery.join(" | ")}; per query at 10×, 100× the library: ${(points[1]!.ms / base).toFixed(2)}×, ${(points[2]!.ms / base).toFixed(2)}× (linear would be 10×, 100×)`);

  // One 1,000-row form (10% unknown names) checked against each library: the cost of a check
  // should hardly depend on the library's size (each library's index built before, untimed).
  const form = makeForm(l500, 1_000);
  const checks = libs.map((lib) => ({ work: lib.indicators.length, ms: timed(() => validate(form, lib), 21, cpu, forget(lib)) }));
  const first = checks[0]!.ms;
  console.log(`${"validate (library)".padEnd(26)} ${checks.map((p) => `${p.work.toLocaleString("en")} indicators: ${p.ms.toFixed(2)} ms`).join(" | ")}; at 10×, 100× the library: ${(checks[1]!.ms / first).toFixed(2)}×, ${(checks[2]!.ms / first).toFixed(2)}× (flat is 1×)`);
}

// ---- parse: rows of a sheet
{
  const points: Point[] = [];
  for (const s of SCALES) {
    const rows = 100 * s;
    const plan = layoutForm("selfEval", bigForm(rows), starter);
    const sheet = plan.sheets[0]!;
    points.push({ work: rows, ms: timed(() => parseForm(sheet.values as Grid, sheet.name), s === 100 ? 5 : 15) });
  }
  report("parse a sheet (rows)", "rows", points);
}

// ---- consolidation: rows, through the workbook writer, each in its own process
{
  const points: Point[] = [];
  const peaks: string[] = [];
  for (const s of SCALES) {
    const units = 10 * s;
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./consolidate.ts", import.meta.url)), `--units=${units}`, "--stage=workbook"], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`bench/consolidate --units=${units} failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as { seconds: number; rows: number; peakMB: number };
    points.push({ work: r.rows, ms: r.seconds * 1000 });
    peaks.push(`${Math.round(r.peakMB)} MB`);
  }
  report("consolidate (rows)", "rows", points);
  console.log(`${"".padEnd(26)} peak RSS ${peaks.join(" | ")}`);
}

// ---- saves through the store API (lowdb): forms stored, and revisions of one form
const YEAR = 2025;
const formFor = (unit: string, project: string) =>
  demoForm("selfEval", { year: YEAR, unit: { code: unit, name: `单位 ${unit}` }, project: { code: project, name: `项目 ${project}` } }) as unknown as Record<string, unknown>;
const revision = (form: Record<string, unknown>) => ({ form, by: "bench", at: new Date().toISOString(), libraryVersion: 1, issues: [] });
const wall = (): number => performance.now();

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openLowStore>>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-growth-"));
  const store = await openLowStore(dir);
  try {
    return await fn(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median ms of `n` saves, one after another, each a new revision of one of `keys`: wall time, and this process's CPU. */
async function savesTimed(store: Awaited<ReturnType<typeof openLowStore>>, keys: SubmissionKey[], n: number): Promise<{ ms: number; cpuMs: number }> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = keys[i % keys.length]!;
    const c0 = cpu();
    const t0 = wall();
    const res = await store.saveRevision(key, {}, revision(formFor(key.unit, key.project)), "draft");
    ms.push(wall() - t0);
    cpuMs.push(cpu() - c0);
    void res;
  }
  return { ms: median(ms), cpuMs: median(cpuMs) };
}

/** Median wall ms of `n` saves (savesTimed). */
async function saves(store: Awaited<ReturnType<typeof openLowStore>>, keys: SubmissionKey[], n: number): Promise<number> {
  return (await savesTimed(store, keys, n)).ms;
}

{
  const points: Point[] = [];
  for (const s of SCALES) {
    const stored = 10 * s;
    const ms = await withStore(async (store) => {
      const keys: SubmissionKey[] = [];
      for (let i = 0; i < stored; i += 100) {
        const batch: Promise<unknown>[] = [];
        for (let j = i; j < Math.min(stored, i + 100); j++) {
          const key = { year: YEAR, unit: `U${String(Math.floor(j / 20)).padStart(4, "0")}`, project: `P${j % 20}`, kind: "selfEval" as const };
          keys.push(key);
          batch.push(store.saveRevision(key, { revision: null }, revision(formFor(key.unit, key.project)), "draft"));
        }
        await Promise.all(batch);
      }
      return saves(store, keys.filter((_, k) => k % Math.max(1, Math.floor(stored / 10)) === 0), 21);
    });
    points.push({ work: stored, ms });
  }
  // Cost per save should not depend on how many forms are stored: the ratio printed is per save.
  console.log(`${"save (forms stored)".padEnd(26)} ${points.map((p) => `${p.work.toLocaleString("en")} stored: ${p.ms.toFixed(2)} ms/save`).join(" | ")}; at 10×, 100×: ${(points[1]!.ms / points[0]!.ms).toFixed(2)}×, ${(points[2]!.ms / points[0]!.ms).toFixed(2)}× (flat is 1×)`);
}

{
  const key = { year: YEAR, unit: "U0001", project: "P1", kind: "selfEval" as const };
  // 21 saves a point, as for forms stored: each waits for its own fsync, and with 5 a point the
  // disk's moments (the writeback of the sections before) moved the ratio from 0.97× to 1.6× while
  // the CPU a save stayed flat; the CPU is printed beside
  const at: { revisions: number; ms: number; cpuMs: number }[] = [];
  await withStore(async (store) => {
    let done = 0;
    for (const s of SCALES) {
      const target = 2 * s;
      for (; done < target; done++) await store.saveRevision(key, done === 0 ? { revision: null } : {}, revision(formFor(key.unit, key.project)), "draft");
      at.push({ revisions: target, ...(await savesTimed(store, [key], 21)) });
      done += 21;
    }
  });
  console.log(
    `${"save (revisions of a form)".padEnd(26)} ${at.map((p) => `after ${p.revisions}: ${p.ms.toFixed(2)} ms/save (CPU ${p.cpuMs.toFixed(2)})`).join(" | ")}; ` +
      `at 10×, 100×: ${(at[1]!.ms / at[0]!.ms).toFixed(2)}×, ${(at[2]!.ms / at[0]!.ms).toFixed(2)}× (CPU ${(at[1]!.cpuMs / at[0]!.cpuMs).toFixed(2)}×, ${(at[2]!.cpuMs / at[0]!.cpuMs).toFixed(2)}×) (flat is 1×)`,
  );
}
