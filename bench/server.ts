// `npx tsx bench/server.ts`: saves per second and p50/p99 latency of PUT /api/submissions over
// loopback, with 200 and with 20,000 submissions already stored. The server runs as
// `jixiao serve --http` in its own process on a temp data folder (seeded directly through the
// store); the client is a separate process. Judged by: ≥ 300 saves/s, and
// p50@20000 / p50@200 ≤ 2.
//
// `--store=lowdb` (default), `--store=postgres` (a throwaway PostgreSQL cluster of its own, fsync
// on, so a commit is as durable as lowdb's fsynced file) or `--store=both`, printed side by side:
// `npm run bench -- server --store=both`.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { starterLibrary } from "../shared/starter-library/index.ts";
import { createToken } from "../server/auth.ts";
import { demoForm } from "../server/demo.ts";
import { publishLibrary } from "../server/routes/library.ts";
import { openLowStore } from "../server/store/lowdb-store.ts";
import { openPgStore } from "../server/store/postgres/pg-store.ts";
import type { Store } from "../server/store/store.ts";
import { startCluster, type Cluster } from "../test/support/postgres.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const YEAR = 2025;
const SAVES = Number(process.env.BENCH_SAVES ?? 1500);
const CONCURRENCY = 8;
const PROJECTS = 48; // the bench unit's own projects (~30 revisions each), the same at every store size

// ---- client process: drives saves and prints its measurements as JSON

async function client(url: string, token: string): Promise<void> {
  const revs = new Map<string, number>();
  const latencies: number[] = [];
  const put = async (project: string): Promise<void> => {
    const form = demoForm("target", { year: YEAR, unit: { code: "BENCH", name: "压测单位" }, project: { code: project, name: `压测项目 ${project}` } });
    const rev = revs.get(project);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/submissions/${YEAR}/BENCH/${project}/target`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(rev ? { "if-match": `"${rev}"` } : {}) },
      body: JSON.stringify(form),
    });
    const body = (await res.json()) as { revision?: number };
    latencies.push(performance.now() - t0);
    if (!res.ok || !body.revision) throw new Error(`save ${project}: ${res.status} ${JSON.stringify(body)}`);
    revs.set(project, body.revision);
  };
  // warm-up: create the projects
  for (let i = 0; i < PROJECTS; i++) await put(`B${i}`);
  latencies.length = 0;
  const deadline = Date.now() + 60_000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      // each worker owns its projects, so If-Match never goes stale
      const mine = Array.from({ length: PROJECTS / CONCURRENCY }, (_, k) => `B${w + k * CONCURRENCY}`);
      let k = 0;
      while (done < SAVES && Date.now() < deadline) {
        done++;
        await put(mine[k++ % mine.length] as string);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  process.stdout.write(JSON.stringify({ saves: latencies.length, seconds, perSecond: latencies.length / seconds, p50: q(0.5), p99: q(0.99) }));
}

// ---- orchestrator

type Kind = "lowdb" | "postgres";
const NAMES: Record<Kind, string> = { lowdb: "lowdb", postgres: "PostgreSQL" };

async function seed(store: Store, count: number): Promise<string> {
  const lib = starterLibrary();
  await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: "bench" }, "bench", new Date());
  await store.putUnit({ code: "BENCH", name: "压测单位", confidential: false });
  const { token } = await createToken(store, "unit", "BENCH");
  const perUnit = 50;
  const kinds = ["target", "monitor", "selfEval"] as const;
  const jobs: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < count; i++) {
    const unit = `S${String(Math.floor(i / perUnit)).padStart(4, "0")}`;
    const kind = kinds[i % 3] ?? "target";
    const project = `P${i % perUnit}`;
    const form = demoForm(kind, { year: YEAR, unit: { code: unit, name: `单位 ${unit}` }, project: { code: project, name: `项目 ${project}` } });
    jobs.push(() =>
      store.saveRevision(
        { year: YEAR, unit, project, kind },
        { revision: null },
        { form: form as unknown as Record<string, unknown>, by: "seed", at: new Date().toISOString(), libraryVersion: 1, issues: [] },
        "draft",
      ),
    );
  }
  for (let i = 0; i < jobs.length; i += 500) await Promise.all(jobs.slice(i, i + 500).map((j) => j()));
  await store.close();
  return token;
}

function child(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ["--import", "tsx", ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
}

async function phase(count: number, kind: Kind, cluster?: Cluster) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-"));
  try {
    const s0 = performance.now();
    const dbUrl = kind === "postgres" ? await cluster!.createDatabase("bench") : undefined;
    const store = dbUrl ? await openPgStore(dbUrl, { poolSize: 20 }) : await openLowStore(dir, { fsync: false });
    const token = await seed(store, count);
    const seedMs = performance.now() - s0;
    const t0 = performance.now();
    const server = child(["server/cli/main.ts", "serve", "--http", "--port", "0", "--data", dir, ...(dbUrl ? ["--store", dbUrl] : [])]);
    let out = "";
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
      server.stdout.on("data", (d) => {
        out += String(d);
        const m = /listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          ok(m[1] ?? "");
        }
      });
      server.on("exit", (code) => fail(new Error(`server exited ${code}: ${out}`)));
    });
    const startMs = performance.now() - t0;
    const c = child(["bench/server.ts"], { JIXIAO_BENCH_CLIENT: JSON.stringify({ url, token }) });
    let result = "";
    let err = "";
    c.stdout.on("data", (d) => (result += String(d)));
    c.stderr.on("data", (d) => (err += String(d)));
    const code = await new Promise<number | null>((ok) => c.on("exit", ok));
    server.kill("SIGTERM");
    await new Promise((ok) => server.on("exit", ok));
    if (code !== 0) throw new Error(`client failed: ${err}`);
    return { count, seedMs, startMs, ...(JSON.parse(result) as { saves: number; seconds: number; perSecond: number; p50: number; p99: number }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Row = Awaited<ReturnType<typeof phase>>;

async function run(kind: Kind): Promise<{ rows: Row[]; ratio: number; minRate: number; pass: boolean }> {
  console.log(`-- ${NAMES[kind]}`);
  const cluster = kind === "postgres" ? await startCluster({ fsync: true }) : undefined;
  try {
    const rows: Row[] = [];
    for (const n of [200, 20_000]) {
      const r = await phase(n, kind, cluster);
      rows.push(r);
      console.log(
        `${String(n).padStart(6)} stored: ${r.saves} saves in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(0)} saves/s, ` +
          `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (seeded in ${(r.seedMs / 1000).toFixed(1)} s, server ready in ${(r.startMs / 1000).toFixed(1)} s)`,
      );
    }
    const [small, large] = rows;
    const ratio = (large?.p50 ?? NaN) / (small?.p50 ?? NaN);
    const minRate = Math.min(...rows.map((r) => r.perSecond));
    const pass = ratio <= 2 && minRate >= 300;
    console.log(`ratio p50@20000 / p50@200 = ${ratio.toFixed(2)} (target ≤ 2)`);
    console.log(`slowest rate ${minRate.toFixed(0)} saves/s (target ≥ 300)`);
    console.log(pass ? "PASS" : "FAIL");
    return { rows, ratio, minRate, pass };
  } finally {
    await cluster?.stop();
  }
}

function storeArg(): Kind[] {
  const argv = process.argv.slice(2);
  let v = "lowdb";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("--store=")) v = a.slice("--store=".length);
    else if (a === "--store") v = argv[++i] ?? "";
  }
  if (v === "both") return ["lowdb", "postgres"];
  if (v === "postgres" || v === "pg") return ["postgres"];
  if (v === "lowdb") return ["lowdb"];
  throw new Error(`--store must be lowdb, postgres or both, not '${v}'`);
}

async function orchestrate() {
  const kinds = storeArg();
  const results: ({ kind: Kind } & Awaited<ReturnType<typeof run>>)[] = [];
  for (const k of kinds) results.push({ kind: k, ...(await run(k)) });
  if (results.length > 1) {
    const cell = (s: string) => s.padStart(12);
    const line = (label: string, f: (r: (typeof results)[number]) => string) => console.log(`${label.padEnd(26)}${results.map((r) => cell(f(r))).join("")}`);
    console.log("");
    line("", (r) => NAMES[r.kind]);
    for (const [i, n] of [200, 20_000].entries()) {
      line(`${n} stored: saves/s`, (r) => r.rows[i]!.perSecond.toFixed(0));
      line(`${n} stored: p50 ms`, (r) => r.rows[i]!.p50.toFixed(2));
      line(`${n} stored: p99 ms`, (r) => r.rows[i]!.p99.toFixed(2));
      line(`${n} stored: seeded in s`, (r) => (r.rows[i]!.seedMs / 1000).toFixed(1));
      line(`${n} stored: server ready s`, (r) => (r.rows[i]!.startMs / 1000).toFixed(1));
    }
    line("p50@20000 / p50@200", (r) => r.ratio.toFixed(2));
    line("verdict", (r) => (r.pass ? "PASS" : "FAIL"));
  }
}

const clientArgs = process.env.JIXIAO_BENCH_CLIENT;
if (clientArgs) {
  const { url, token } = JSON.parse(clientArgs) as { url: string; token: string };
  await client(url, token);
} else {
  await orchestrate();
}
