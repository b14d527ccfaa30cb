// `npx tsx bench/server.ts`: saves per second and p50/p99 latency of PUT /api/submissions over
// loopback, with 200 and with 20,000 submissions already stored, each figure printed beside its
// ceiling measured in the same run (docs/storage.md):
//   - saves/s beside a bare Hono route with the same middleware (security headers, CORS, the
//     body-size gate, the server's token hash) and one fsync'd append per request, driven by the
//     same client and measured right before each store run (the load of a shared machine moves);
//     with the server's CPU per request of each (Linux), which the load moves less, and how long
//     its main thread waited in the run queue for a CPU per request, which says how much of the
//     rate the load took (on two shared cores the rates follow CPU shares). Both are timed
//     warm: the client first makes BENCH_WARM_SAVES untimed saves the same way (a server runs for
//     days; its first thousand requests also pay for compiling its code), and the CPU is counted
//     over the timed saves only;
//   - the CPU a save of the client and, on PostgreSQL, of the database's processes (by role), and
//     the sum of all with what the machine's cores allow for it: on two shared cores the rate
//     cannot pass cores × 1000 / that sum, whichever process spends it (BENCH_PG_STATS=1 adds
//     pg_stat_statements' time of each statement and the WAL a save writes);
//   - informational, beside them: "the store's write", a route with the ceiling's middleware that
//     reads the body as the save route does (JSON, the save's body schema, the form's schema) and
//     writes it as one revision through the server's own Store, durably (its group commit, the
//     policy's compaction, the save's audit event), with no rules, no workflow checks and no
//     findings, answered as the save is (storeWriteServer says what it leaves out). Its own server
//     process, the same client, run right after the save on the same store (its own unit's forms),
//     so the ceiling and the save stay side by side as before. Its saves/s beside the ceiling's,
//     the save's beside its, and its server CPU a save: how much of the gap is the store's durable
//     write and how much the checks and the rest;
//   - p50 at 20,000 stored beside p50 at 200 (≤ 1.2×);
//   - save CPU at revision 50 of an 84-row form beside revision 1 (≤ 1.2×), in-process, and on
//     PostgreSQL its database's backends' CPU beside it: the main thread's CPU of each save, a save
//     at revisions 1–5 timed right beside one at 46–50 so both ran under the same load (fairer than
//     the process's CPU around one save, which caught other threads' garbage collection of earlier
//     saves, and than comparing a run's first saves with its last; revisionCost says why), with the
//     process's mean CPU a save, every thread, printed beside;
//   - a save in a unit at the limits (1,000 forms of 84 rows) beside one in a unit of 4 forms;
//   - start-up at 100,000 stored forms (the store's open, and the server's ready time beside an
//     empty folder's) (≤ 2 s);
//   - with --rss: server RSS after 20,000 forms × 20 revisions of 84 rows (≤ 300 MB), forms read
//     and saved across the set (writes ~7 GB to a temp folder, removed after).
// The server runs as `jixiao serve --http` in its own process; the client is a separate process.
// `--store=lowdb` (default), `--store=postgres` (a throwaway PostgreSQL cluster of its own, fsync
// on, so a commit is as durable as lowdb's fsynced journal) or `--store=both`, side by side.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import pg from "pg";
import { Hono } from "hono";
import { starterLibrary } from "../shared/starter-library/index.ts";
import { FormSchema } from "../shared/form.ts";
import { createToken, hashToken } from "../server/auth.ts";
import { bodySizeGate, JSON_LIMIT, readText } from "../server/body.ts";
import { demoForm } from "../server/demo-form.ts";
import { EventBus } from "../server/events.ts";
import { apiCors, securityHeaders } from "../server/http-headers.ts";
import { publishLibrary } from "../server/routes/library.ts";
import { openLowStore } from "../server/store/lowdb-store.ts";
import { openPgStore } from "../server/store/postgres/pg-store.ts";
import type { Store } from "../server/store/store.ts";
import { openDatabase, openDataFolder } from "../server/cli/store.ts";
import { ifMatchRevision, summary as submissionSummary } from "../server/routes/submissions.ts";
import { withIssuesJson } from "../server/issues-json.ts";
import { jsonBody, paramsOf, SubmissionParams } from "../server/validation.ts";
import { SaveBodySchema } from "../shared/api/submissions.ts";
import { describeForm, saveDraft, saveEvent } from "../server/workflow.ts";
import { startCluster, type Cluster } from "../test/support/postgres.ts";
import { formOfRows, seedLogs } from "./_seed.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const YEAR = 2025;
const SAVES = Number(process.env.BENCH_SAVES ?? 1500);
/** Saves each run makes before the timed ones (the same for the ceiling and the store). */
const WARM_SAVES = Number(process.env.BENCH_WARM_SAVES ?? 1500);
const CONCURRENCY = 8;
/** Forms stored before each run: the small store and the large one (BENCH_LARGE), in that order. */
const STORED = [200, Number(process.env.BENCH_LARGE ?? 20_000)] as const;
const PROJECTS = 48; // the bench unit's own projects (~30 revisions each), the same at every store size

// ---- client process: drives saves and prints its measurements as JSON

interface ClientArgs {
  url: string;
  token: string;
  /** GET this many stored forms of the seeded set first (fills the server's caches). */
  reads?: number;
  readToken?: string;
  /** The unit saved to (default BENCH): the store's write, run after the save on the same store, saves its own unit's forms. */
  unit?: string;
}

async function client({ url, token, reads = 0, readToken, unit = "BENCH" }: ClientArgs): Promise<void> {
  const revs = new Map<string, number>();
  const latencies: number[] = [];
  for (let i = 0; i < reads; i++) {
    const n = Math.floor(Math.random() * 20_000);
    const unit = `S${String(Math.floor(n / 50)).padStart(5, "0")}`;
    const res = await fetch(`${url}/api/submissions/${YEAR}/${unit}/P${n % 50}/target`, { headers: { authorization: `Bearer ${readToken}` } });
    await res.arrayBuffer();
  }
  const put = async (project: string): Promise<void> => {
    const form = demoForm("target", { year: YEAR, unit: { code: unit, name: "压测单位" }, project: { code: project, name: `压测项目 ${project}` } });
    const rev = revs.get(project);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/submissions/${YEAR}/${unit}/${project}/target`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(rev ? { "if-match": `"${rev}"` } : {}) },
      body: JSON.stringify(form),
    });
    const body = (await res.json()) as { revision?: number };
    latencies.push(performance.now() - t0);
    if (!res.ok || !body.revision) throw new Error(`save ${project}: ${res.status} ${JSON.stringify(body)}`);
    revs.set(project, body.revision);
  };
  const run = async (saves: number): Promise<number> => {
    const deadline = Date.now() + 60_000;
    let done = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        // each worker owns its projects, so If-Match never goes stale
        const mine = Array.from({ length: PROJECTS / CONCURRENCY }, (_, k) => `B${w + k * CONCURRENCY}`);
        let k = 0;
        while (done < saves && Date.now() < deadline) {
          done++;
          await put(mine[k++ % mine.length] as string);
        }
      }),
    );
    return (performance.now() - t0) / 1000;
  };
  // warm-up, not timed: create the projects, then save them as the timed run does, so the server
  // (and the ceiling's) code is compiled before the count starts: a server runs for days
  for (let i = 0; i < PROJECTS; i++) await put(`B${i}`);
  await run(WARM_SAVES);
  latencies.length = 0;
  // the orchestrator reads the server's CPU between the two runs: told "warm", it answers "go"
  process.stdout.write("warm\n");
  await new Promise<void>((go) => process.stdin.once("data", () => go()));
  const cpu0 = process.cpuUsage();
  const seconds = await run(SAVES);
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  process.stdout.write(`${JSON.stringify({ saves: latencies.length, seconds, perSecond: latencies.length / seconds, p50: q(0.5), p99: q(0.99), clientCpuMs: (cpu.user + cpu.system) / 1000 / latencies.length })}\n`);
  process.stdin.destroy();
}

// ---- the ceiling: a bare Hono route with the server's middleware and one fsync'd append a request

/** The ceiling's middleware (and the store's write's): security headers, CORS, the body-size gate, the token's hash. */
function withMiddleware(token: string): Hono {
  const hash = hashToken(token);
  const app = new Hono();
  app.use("*", securityHeaders({ frameAncestors: ["'self'"] }));
  app.use("/api/*", apiCors({ origins: () => [], allowMethods: ["GET", "PUT"], allowHeaders: ["Authorization", "Content-Type"], exposeHeaders: ["ETag"], maxAge: 600 }));
  app.use("/api/*", bodySizeGate(() => JSON_LIMIT));
  app.use("/api/*", async (c, next) => {
    const t = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (hashToken(t) !== hash) return c.json({ error: { code: "unauthorized" } }, 401);
    await next();
  });
  return app;
}

async function bareServer(file: string, token: string): Promise<void> {
  const fh = await open(file, "a", 0o600);
  let revision = 0;
  const app = withMiddleware(token);
  app.put("/api/submissions/:year/:unit/:project/:kind", async (c) => {
    const text = await readText(c, JSON_LIMIT);
    JSON.parse(text);
    await fh.appendFile(`${text}\n`, "utf8");
    await fh.datasync();
    revision++;
    c.header("ETag", `"${revision}"`);
    return c.json({ revision }, 200);
  });
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`));
  process.on("SIGTERM", () => s.close(() => process.exit(0)));
}

// ---- the store's write: the save's durable write alone, through the server's own Store

/**
 * A floor between the ceiling and the save: the ceiling's middleware, then what the save route reads
 * and the store writes, and nothing of the checks. The route reads the key from the path and the
 * revision from If-Match as the save route does, reads the body and parses it as JSON and with the
 * save's body schema (jsonBody, the route's own), then with the form's schema (FormSchema, as the
 * checks first do), and writes it as one new revision of a draft through `saveRevision` of the Store
 * the server opens (openDataFolder / openDatabase, as `jixiao serve` does): durably, with the save's
 * group commit, the policy's revisionsKept (so compaction runs as in a save) and the save's one audit
 * event (`submission.save`, written with the revision as a save writes it). It answers as the save
 * route does: the form's summary and no findings (`"issues":[]`), ETag, 201 for a new form and 200
 * after. Left out, which is the save's beyond its write: the token looked up in the store, the save's
 * read (saveContext: the head, the library, the unit's usage, its same-set forms, the treasury; on
 * PostgreSQL one statement a save), the workflow's checks (status, If-Match against the head, limits),
 * the rules and the findings, the status event on a new form.
 */
async function storeWriteServer(o: { data: string; store?: string; token: string }): Promise<void> {
  const store = o.store ? await openDatabase(o.store) : await openDataFolder(o.data);
  const library = (await store.currentLibrary())?.library;
  if (!library) throw new Error("the store's write: no library in the store");
  const keepRevisions = library.policy.limits.revisionsKept;
  const app = withMiddleware(o.token);
  app.put("/api/submissions/:year/:unit/:project/:kind", async (c) => {
    const key = paramsOf(c, SubmissionParams);
    const basedOn = ifMatchRevision(c);
    const body = await jsonBody(c, SaveBodySchema);
    const form = FormSchema.safeParse(body);
    const at = new Date().toISOString();
    const actor = `unit:${key.unit}#bench`;
    const result = await store.saveRevision(
      key,
      { revision: basedOn ?? null, statusIn: ["draft"] },
      { form: body as Record<string, unknown>, by: actor, at, libraryVersion: library.version, issues: [], issuesJson: "[]", ...describeForm(form.data, body) },
      "draft",
      {
        keepRevisions,
        audit: (s) => [saveEvent(at, actor, key, s, library.version)],
      },
    );
    if (!result.ok) return c.json({ error: { code: "stale_revision", message: "the store's write: stale" } }, 409);
    c.header("ETag", `"${result.submission.revision}"`);
    return c.body(withIssuesJson(submissionSummary(result.submission), "[]", {}), basedOn === undefined ? 201 : 200, { "Content-Type": "application/json" });
  });
  app.onError((err, c) => c.json({ error: { code: "bench", message: String(err) } }, 500));
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`));
  process.on("SIGTERM", () => s.close(() => void store.close().then(() => process.exit(0))));
}

// ---- orchestrator

type Kind = "lowdb" | "postgres";
const NAMES: Record<Kind, string> = { lowdb: "lowdb", postgres: "PostgreSQL" };

async function setUp(store: Store): Promise<string> {
  const lib = starterLibrary();
  await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: "bench" }, "bench", new Date());
  await store.putUnit({ code: "BENCH", name: "压测单位", confidential: false });
  const { token } = await createToken(store, "unit", "BENCH");
  return token;
}

async function seed(store: Store, count: number): Promise<string> {
  const token = await setUp(store);
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
        { form: form as unknown as Record<string, unknown>, by: "seed", at: new Date().toISOString(), libraryVersion: 1, issues: [], ...describeForm(FormSchema.safeParse(form).data, form) },
        "draft",
      ),
    );
  }
  for (let i = 0; i < jobs.length; i += 500) await Promise.all(jobs.slice(i, i + 500).map((j) => j()));
  await store.close();
  return token;
}

function child(args: string[], env: Record<string, string> = {}) {
  // BENCH_NODE_FLAGS: flags for the servers' node (e.g. --cpu-prof, or --perf-basic-prof for perf)
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  return spawn(process.execPath, [...flags, "--import", "tsx", ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
}

async function listening(server: ChildProcess): Promise<string> {
  let out = "";
  return new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 120_000);
    server.stdout!.on("data", (d) => {
      out += String(d);
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1] ?? "");
      }
    });
    server.stderr!.on("data", (d) => (out += String(d)));
    server.on("exit", (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
}

type ClientResult = { saves: number; seconds: number; perSecond: number; p50: number; p99: number; clientCpuMs: number };

/** Runs the client; `onWarm` runs once its warm-up is done, before its timed run starts. */
async function runClient(args: ClientArgs, onWarm: () => Promise<void> = async () => {}): Promise<ClientResult> {
  const c = spawn(process.execPath, ["--import", "tsx", "bench/server.ts"], { cwd: repo, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, JIXIAO_BENCH_CLIENT: JSON.stringify(args) } });
  let out = "";
  let err = "";
  c.stdout.on("data", (d) => {
    out += String(d);
    if (out.startsWith("warm\n")) {
      out = out.slice("warm\n".length);
      void onWarm().then(() => c.stdin.end("go\n"));
    }
  });
  c.stderr.on("data", (d) => (err += String(d)));
  const code = await new Promise<number | null>((ok) => c.on("exit", ok));
  if (code !== 0) throw new Error(`client failed: ${err}`);
  return JSON.parse(out) as ClientResult;
}

async function stop(server: ChildProcess): Promise<void> {
  server.kill("SIGTERM");
  await new Promise((ok) => server.on("exit", ok));
}

/** Kilobytes of the process's resident set now and at its peak (Linux). */
async function rssOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** CPU seconds (user + system, every thread) the process has used so far (Linux; NaN elsewhere). */
async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Nanoseconds the process's main thread has run, and waited in the run queue for a CPU (Linux; NaN elsewhere). */
async function schedOf(pid: number): Promise<{ ran: number; waited: number }> {
  const f = (await readFile(`/proc/${pid}/task/${pid}/schedstat`, "utf8").catch(() => "")).trim().split(" ");
  return { ran: Number(f[0] ?? NaN), waited: Number(f[1] ?? NaN) };
}

/**
 * The client's timed run against a server process, with the server's CPU per request during it and
 * how long its main thread waited for a CPU per request: on a shared machine the rates follow that
 * wait (the other engineers' load), so the ratio of the rates is read beside it.
 */
async function drive(server: ChildProcess, args: ClientArgs, db?: { cluster: Cluster; url: string }) {
  let c0 = NaN;
  let s0 = { ran: NaN, waited: NaN };
  let p0 = new Map<number, { cpu: number; role: string }>();
  const r = await runClient(args, async () => {
    c0 = await cpuOf(server.pid!);
    s0 = await schedOf(server.pid!);
    if (db) {
      if (PG_STATS) await pgStats(db.url, "reset");
      p0 = await pgCpus(db.cluster);
    }
  });
  const c1 = await cpuOf(server.pid!);
  const s1 = await schedOf(server.pid!);
  // a backend born during the run counts whole; one that ended during it is lost (the pool keeps its connections)
  const pgRoles = new Map<string, number>();
  if (db) {
    for (const [pid, { cpu, role }] of await pgCpus(db.cluster)) pgRoles.set(role, (pgRoles.get(role) ?? 0) + ((cpu - (p0.get(pid)?.cpu ?? 0)) * 1000) / r.saves);
    if (PG_STATS) console.log(await pgStats(db.url, "report", r.saves));
  }
  const pgCpuMs = db ? [...pgRoles.values()].reduce((a, b) => a + b, 0) : NaN;
  return { ...r, cpuMs: ((c1 - c0) * 1000) / r.saves, waitMs: (s1.waited - s0.waited) / 1e6 / r.saves, pgCpuMs, pgRoles };
}

/** A PostgreSQL process's title ("postgres: <user> <database> <host> <state>" for a backend), "" once it has ended. */
async function titleOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replace(/\0/g, " ").trim();
}

/** CPU seconds of each of the cluster's processes, with its role: a backend, or the background process's name (walwriter, checkpointer, …). */
async function pgCpus(cluster: Cluster): Promise<Map<number, { cpu: number; role: string }>> {
  return new Map(
    await Promise.all(
      (await cluster.pids()).map(async (pid) => {
        const title = await titleOf(pid);
        // a backend's title is "postgres: <user> <database> <host> <state>"; the postmaster's is its command line
        const m = /^postgres: (\S+)/.exec(title);
        const role = !m ? "postmaster" : /^postgres: postgres \S+ 127\.0\.0\.1/.test(title) ? "backends" : (m[1] ?? "other");
        return [pid, { cpu: await cpuOf(pid), role }] as const;
      }),
    ),
  );
}

/** With BENCH_PG_STATS=1: the cluster runs pg_stat_statements, and each run prints its statements' time and the WAL it wrote, per save. */
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const PG_STATS_SETTINGS = ["shared_preload_libraries=pg_stat_statements", "track_io_timing=on", "track_wal_io_timing=on", "pg_stat_statements.track=all"];

async function pgStats(url: string, what: "reset" | "report", saves = 1): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    if (what === "reset") {
      await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      await c.query("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')");
      return "";
    }
    const { rows } = await c.query<{ calls: string; ms: number; rows: string; wal: string; query: string }>(
      `SELECT calls, total_exec_time AS ms, rows, wal_bytes AS wal, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 8`,
    );
    const { rows: w } = await c.query<{ wal_records: string; wal_fpi: string; wal_bytes: string; wal_write: string; wal_sync: string; wal_write_time: number; wal_sync_time: number }>("SELECT * FROM pg_stat_wal");
    const wal = w[0]!;
    const per = (x: string | number) => (Number(x) / saves).toFixed(2);
    return [
      `  PostgreSQL a save: WAL ${per(wal.wal_bytes)} bytes in ${per(wal.wal_records)} records (${per(wal.wal_fpi)} full pages), ${per(wal.wal_write)} writes, ${per(wal.wal_sync)} syncs, write ${per(wal.wal_write_time)} ms, sync ${per(wal.wal_sync_time)} ms`,
      ...rows.map((r) => `  ${per(r.calls).padStart(6)} calls ${per(r.ms).padStart(6)} ms ${per(r.wal).padStart(8)} WAL bytes a save: ${r.query}`),
    ].join("\n");
  } finally {
    await c.end();
  }
}

async function ceiling() {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-bare-"));
  try {
    const token = "jx_bench_bare";
    const server = child(["bench/server.ts"], { JIXIAO_BENCH_BARE: JSON.stringify({ file: join(dir, "append.jsonl"), token }) });
    const url = await listening(server);
    const r = await drive(server, { url, token });
    await stop(server);
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The store's write (storeWriteServer) on the store the server just used, driven by the same client as the ceiling and the save. */
async function storeWrite(dir: string, dbUrl: string | undefined, token: string, db?: { cluster: Cluster; url: string }) {
  const server = child(["bench/server.ts"], { JIXIAO_BENCH_STORE_WRITE: JSON.stringify({ data: dir, ...(dbUrl ? { store: dbUrl } : {}), token }) });
  const url = await listening(server);
  const r = await drive(server, { url, token, unit: "FLOOR" }, db);
  await stop(server);
  return r;
}

async function phase(count: number, kind: Kind, cluster?: Cluster) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-"));
  try {
    const s0 = performance.now();
    const dbUrl = kind === "postgres" ? await cluster!.createDatabase(`bench${count}`) : undefined;
    const store = dbUrl ? await openPgStore(dbUrl, { poolSize: 20 }) : await openLowStore(dir, { fsync: false });
    const token = await seed(store, count);
    const seedMs = performance.now() - s0;
    // The ceiling is measured right before the store's run (after the seeding): on a shared machine
    // the load moves, and a ratio is only fair between two runs close together.
    const bare = await ceiling();
    const t0 = performance.now();
    const server = child(["server/cli/main.ts", "serve", "--http", "--port", "0", "--data", dir, ...(dbUrl ? ["--store", dbUrl] : [])]);
    const url = await listening(server);
    const startMs = performance.now() - t0;
    const db = dbUrl && cluster ? { cluster, url: dbUrl } : undefined;
    const r = await drive(server, { url, token }, db);
    const mem = await rssOf(server.pid!);
    await stop(server);
    // After the save's run (the ceiling and the save stay side by side, as before), on the same store
    // with its saves in it, its own unit's forms: the same client, a server process of its own.
    const write = await storeWrite(dir, dbUrl, token, db);
    return { count, seedMs, startMs, ...r, rssMB: mem.rss, bare, write };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Row = Awaited<ReturnType<typeof phase>>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A full garbage collection of this process now (node's gc, exposed for this). */
function fullGc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Milliseconds this process's main thread has run so far (Linux schedstat, in nanoseconds; NaN elsewhere). */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * CPU ms of one save through the workflow (checks, X602, limits, the store), in this process: its
 * main thread's (the save's own work, run on it from the call to the answer), and the whole
 * process's (every thread, so also other threads' garbage collection started by earlier saves).
 */
async function cpuOfSave(store: Store, unit: string, project: string, form: Record<string, unknown>, base: number | undefined): Promise<{ ms: number; processMs: number; revision: number }> {
  const ctx = { store, bus: new EventBus(), now: () => new Date() };
  const c0 = process.cpuUsage();
  const m0 = mainThreadMs();
  const r = await saveDraft(ctx, { actor: `unit:${unit}#bench` }, { year: YEAR, unit, project, kind: "target" }, form, base);
  const ms = mainThreadMs() - m0;
  const c = process.cpuUsage(c0);
  return { ms, processMs: (c.user + c.system) / 1000, revision: r.submission.revision };
}

async function openFor(kind: Kind, dir: string, cluster: Cluster | undefined, name: string): Promise<Store> {
  return kind === "postgres" ? openPgStore(await cluster!.createDatabase(name), { poolSize: 10 }) : openLowStore(dir);
}

/** The database a PostgreSQL store works on. */
function databaseOf(store: Store): string | undefined {
  return "url" in store && typeof store.url === "string" ? new URL(store.url).pathname.slice(1) : undefined;
}

/**
 * Nanoseconds the backends serving `database` have run so far (each is one thread; Linux schedstat,
 * finer than /proc's ticks). Only that database's backends: autovacuum working on the earlier
 * phases' databases runs at the same time and is not the save's cost.
 */
async function backendsRanNs(cluster: Cluster, database: string): Promise<number> {
  let ns = 0;
  for (const pid of await cluster.pids()) {
    if (!(await titleOf(pid)).startsWith(`postgres: postgres ${database} `)) continue;
    ns += Number((await readFile(`/proc/${pid}/schedstat`, "utf8").catch(() => "0")).split(" ")[0]);
  }
  return ns;
}

/**
 * Save CPU at revisions 1–5 and 46–50 of an 84-row form: the server's, and on PostgreSQL the
 * database's beside it (its cost may grow where the server's does not). Eight forms are taken to
 * revision 45 first; then each save of a new form at revisions 1–5 is timed right beside a save of
 * an old one at revisions 46–50, in turn, so each figure is the median of 40 saves and each pair
 * ran under the same load: taking every form from 1 to 50 and comparing the first saves with the
 * last compared two moments of a shared machine, whose CPU per save drifted by up to 1.7× within one
 * run. The figure is the main thread's CPU (the save's own work, from the call to the answer): the
 * whole process's CPU around one save also caught other threads' garbage collection started by
 * earlier saves, 5–10 ms landing on a 2 ms save at random. That work is not dropped: the process's
 * mean CPU a save over all the timed saves (every thread) is printed beside.
 */
async function revisionCost(kind: Kind, cluster?: Cluster) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-cpu-"));
  const store = await openFor(kind, dir, cluster, "benchcpu");
  const FORMS = 8;
  const OLD = 45;
  try {
    await setUp(store);
    // warm the code paths on another form first, so revision 1 is not the first save the process compiles
    let warm: number | undefined;
    for (let n = 0; n < 50; n++) warm = (await cpuOfSave(store, "BENCH", "W1", formOfRows(84, YEAR, "BENCH", "W1"), warm)).revision;
    const database = databaseOf(store);
    const timed = async (project: string, form: Record<string, unknown>, base: number | undefined) => {
      const p0 = cluster && database ? await backendsRanNs(cluster, database) : 0;
      const r = await cpuOfSave(store, "BENCH", project, form, base);
      return { ...r, db: cluster && database ? ((await backendsRanNs(cluster, database)) - p0) / 1e6 : NaN };
    };
    const olds = Array.from({ length: FORMS }, (_, i) => ({ project: `O${i + 1}`, form: formOfRows(84, YEAR, "BENCH", `O${i + 1}`), base: undefined as number | undefined }));
    for (let n = 1; n <= OLD; n++) for (const o of olds) o.base = (await cpuOfSave(store, "BENCH", o.project, o.form, o.base)).revision;
    const news = Array.from({ length: FORMS }, (_, i) => ({ project: `N${i + 1}`, form: formOfRows(84, YEAR, "BENCH", `N${i + 1}`), base: undefined as number | undefined }));
    // the earlier phases' garbage (20,000 forms seeded in this process) is collected before the
    // timed saves, so the process's figure is the saves' own collection, not theirs
    fullGc();
    const first: Awaited<ReturnType<typeof timed>>[] = [];
    const last: Awaited<ReturnType<typeof timed>>[] = [];
    const rev1: number[] = [];
    for (let n = 1; n <= 5; n++) {
      for (let f = 0; f < FORMS; f++) {
        const a = await timed(news[f]!.project, news[f]!.form, news[f]!.base);
        const b = await timed(olds[f]!.project, olds[f]!.form, olds[f]!.base);
        news[f]!.base = a.revision;
        olds[f]!.base = b.revision;
        first.push(a);
        last.push(b);
        if (n === 1) rev1.push(a.ms);
      }
    }
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    return {
      first: median(first.map((x) => x.ms)),
      last: median(last.map((x) => x.ms)),
      rev1: median(rev1),
      processFirst: mean(first.map((x) => x.processMs)),
      processLast: mean(last.map((x) => x.processMs)),
      dbFirst: median(first.map((x) => x.db)),
      dbLast: median(last.map((x) => x.db)),
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A save in a unit of 4 forms beside one in a unit at the limits (1,000 forms of 84 rows; revisions kept as the policy says). */
async function limitsCost(kind: Kind, cluster?: Cluster) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-limits-"));
  const store = await openFor(kind, dir, cluster, "benchlimits");
  try {
    await setUp(store);
    const fill = async (unit: string, forms: number) => {
      for (let i = 0; i < forms; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, forms - i) }, (_, k) => {
            const project = `F${i + k}`;
            // each project its own indicator set (a unit at the limits, not one copying a set 1,000 times)
            const form = formOfRows(84, YEAR, unit, project);
            (form.indicators as { name: string }[])[0]!.name = `本项目 ${project} 的指标`;
            return store.saveRevision({ year: YEAR, unit, project, kind: "target" }, { revision: null }, { form, by: "seed", at: new Date().toISOString(), libraryVersion: 1, issues: [], ...describeForm(FormSchema.safeParse(form).data, form) }, "draft");
          }),
        );
      }
    };
    await fill("SMALL", 4);
    await fill("LARGE", 1000);
    const timed = async (unit: string) => {
      const form = formOfRows(84, YEAR, unit, "X1");
      const ms: number[] = [];
      let base: number | undefined;
      for (let n = 0; n < 15; n++) {
        const t0 = performance.now();
        const r = await cpuOfSave(store, unit, "X1", form, base);
        ms.push(performance.now() - t0);
        base = r.revision;
      }
      return median(ms.slice(3));
    };
    return { small: await timed("SMALL"), large: await timed("LARGE") };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Start-up at `count` stored forms: the store's open in this process, and the server's ready time beside an empty folder's. */
async function startup(count: number) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-start-"));
  const empty = await mkdtemp(join(tmpdir(), "jixiao-bench-empty-"));
  try {
    const s0 = performance.now();
    const store = await openLowStore(dir, { fsync: false });
    await seed(store, count);
    const seedMs = performance.now() - s0;
    const o0 = performance.now();
    const again = await openLowStore(dir);
    const openMs = performance.now() - o0;
    await again.close();
    const ready = async (d: string) => {
      const t0 = performance.now();
      const server = child(["server/cli/main.ts", "serve", "--http", "--port", "0", "--data", d]);
      await listening(server);
      const ms = performance.now() - t0;
      await stop(server);
      return ms;
    };
    const seeded = await mkdtemp(join(tmpdir(), "jixiao-bench-empty-seed-"));
    await seed(await openLowStore(seeded, { fsync: false }), 0);
    const emptyMs = await ready(seeded);
    await rm(seeded, { recursive: true, force: true });
    return { count, seedMs, openMs, readyMs: await ready(dir), emptyMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  }
}

/** Server RSS after 20,000 forms × 20 revisions of 84 rows, 5,000 of them read and the client's saves run. */
async function rss(forms: number, revisions: number) {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-bench-rss-"));
  try {
    const s0 = performance.now();
    const store = await openLowStore(dir, { fsync: false });
    const token = await setUp(store);
    const { token: financeToken } = await createToken(store, "finance");
    await store.close();
    await seedLogs(dir, YEAR, forms, revisions, 84);
    const seedMs = performance.now() - s0;
    const t0 = performance.now();
    const server = child(["server/cli/main.ts", "serve", "--http", "--port", "0", "--data", dir]);
    const url = await listening(server);
    const startMs = performance.now() - t0;
    const r = await runClient({ url, token, reads: 5000, readToken: financeToken });
    const mem = await rssOf(server.pid!);
    await stop(server);
    return { forms, revisions, seedMs, startMs, ...r, ...mem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const f0 = (x: number) => x.toFixed(0);
const f2 = (x: number) => x.toFixed(2);

async function run(kind: Kind) {
  console.log(`-- ${NAMES[kind]}`);
  const cluster = kind === "postgres" ? await startCluster({ fsync: true, ...(PG_STATS ? { settings: PG_STATS_SETTINGS } : {}) }) : undefined;
  try {
    const rows: Row[] = [];
    for (const n of STORED) {
      const r = await phase(n, kind, cluster);
      rows.push(r);
      const bare = r.bare;
      console.log(
        `${String(n).padStart(6)} stored: ceiling (bare Hono route, same middleware, one fsync'd append a request) ${f0(bare.perSecond)} saves/s, p50 ${f2(bare.p50)} ms, server CPU ${f2(bare.cpuMs)} ms a request (waited ${f2(bare.waitMs)} ms for a CPU), client CPU ${f2(bare.clientCpuMs)} ms\n` +
          `${" ".repeat(14)}${r.saves} saves in ${r.seconds.toFixed(2)} s = ${f0(r.perSecond)} saves/s (${f2(r.perSecond / bare.perSecond)}× the ceiling, target ≥ 0.8), ` +
          `p50 ${f2(r.p50)} ms, p99 ${f2(r.p99)} ms, server CPU ${f2(r.cpuMs)} ms a save (waited ${f2(r.waitMs)} ms for a CPU), client CPU ${f2(r.clientCpuMs)} ms${cluster ? `, PostgreSQL's processes' CPU ${f2(r.pgCpuMs)} ms a save (${[...r.pgRoles].filter(([, ms]) => ms >= 0.005).map(([role, ms]) => `${role} ${f2(ms)}`).join(", ")})` : ""}, server RSS ${f0(r.rssMB)} MB (seeded in ${(r.seedMs / 1000).toFixed(1)} s, server ready in ${(r.startMs / 1000).toFixed(1)} s)`,
      );
      // The machine's CPU bounds both rates: every process of a save (client, server, database)
      // shares the same cores, so a save costing T ms of CPU in all runs at most cores × 1000 / T a second.
      const cores = availableParallelism();
      const total = r.cpuMs + r.clientCpuMs + (cluster ? r.pgCpuMs : 0);
      const bareTotal = bare.cpuMs + bare.clientCpuMs;
      console.log(
        `${" ".repeat(14)}CPU a save in all processes ${f2(total)} ms (ceiling ${f2(bareTotal)} ms): on ${cores} cores at most ${f0((cores * 1000) / total)} saves/s (ceiling ${f0((cores * 1000) / bareTotal)}); ` +
          `0.8× the ceiling's ${f0(bare.perSecond)} saves/s needs ≤ ${f2((cores * 1000) / (0.8 * bare.perSecond))} ms in all`,
      );
      // Informational: the store's durable write alone (storeWriteServer), so the gap between the
      // ceiling and the save reads as the store's write (ceiling → write) and the rest (write → save).
      const w = r.write;
      const wTotal = w.cpuMs + w.clientCpuMs + (cluster ? w.pgCpuMs : 0);
      console.log(
        `${" ".repeat(14)}the store's write (ceiling's middleware, the body parsed as the save's and with the form's schema, one revision through the server's Store, durably; no rules, checks or findings; run after the save): ` +
          `${f0(w.perSecond)} saves/s (${f2(w.perSecond / bare.perSecond)}× the ceiling; the save ${f2(r.perSecond / w.perSecond)}× it), p50 ${f2(w.p50)} ms, ` +
          `server CPU ${f2(w.cpuMs)} ms a save (waited ${f2(w.waitMs)} ms; the save's ${f2(r.cpuMs)} is ${f2(r.cpuMs - w.cpuMs)} more, the ceiling's ${f2(bare.cpuMs)} ${f2(w.cpuMs - bare.cpuMs)} less), client CPU ${f2(w.clientCpuMs)} ms` +
          `${cluster ? `, PostgreSQL's processes' CPU ${f2(w.pgCpuMs)} ms a save (the save's ${f2(r.pgCpuMs)})` : ""}; CPU in all ${f2(wTotal)} ms: on ${cores} cores at most ${f0((cores * 1000) / wTotal)} saves/s`,
      );
    }
    const [small, large] = rows as [Row, Row];
    const ratio = large.p50 / small.p50;
    console.log(`p50@${large.count} / p50@200 = ${f2(ratio)} (target ≤ 1.2)`);
    const cpu = await revisionCost(kind, cluster);
    console.log(
      `save CPU of an 84-row form (main thread, median): revisions 1–5 ${f2(cpu.first)} ms (revision 1 ${f2(cpu.rev1)}), revisions 46–50 ${f2(cpu.last)} ms: ${f2(cpu.last / cpu.first)}× (target ≤ 1.2); ` +
        `the process's, every thread, mean: ${f2(cpu.processFirst)} ms, ${f2(cpu.processLast)} ms: ${f2(cpu.processLast / cpu.processFirst)}×` +
        (cluster ? `; its database's backends beside it: ${f2(cpu.dbFirst)} ms, ${f2(cpu.dbLast)} ms: ${f2(cpu.dbLast / cpu.dbFirst)}×` : ""),
    );
    const lim = await limitsCost(kind, cluster);
    console.log(`a save in a unit of 4 forms ${f2(lim.small)} ms, in a unit of 1,000 forms of 84 rows ${f2(lim.large)} ms: ${f2(lim.large / lim.small)}×`);
    return { kind, rows, ratio, cpu, lim };
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
  // --limits-only / --revisions-only / --startup-only / --rss-only: one phase alone (each is long; run once or twice on a shared machine)
  if (process.argv.includes("--limits-only") || process.argv.includes("--revisions-only")) {
    for (const kind of storeArg()) {
      const cluster = kind === "postgres" ? await startCluster({ fsync: true, ...(PG_STATS ? { settings: PG_STATS_SETTINGS } : {}) }) : undefined;
      try {
        if (process.argv.includes("--revisions-only")) {
          const cpu = await revisionCost(kind, cluster);
          console.log(`${NAMES[kind]}: save CPU (main thread) revisions 1–5 ${f2(cpu.first)} ms, 46–50 ${f2(cpu.last)} ms: ${f2(cpu.last / cpu.first)}×; the process's mean ${f2(cpu.processFirst)}, ${f2(cpu.processLast)} ms: ${f2(cpu.processLast / cpu.processFirst)}×${cluster ? `; database ${f2(cpu.dbFirst)}, ${f2(cpu.dbLast)} ms` : ""}`);
          continue;
        }
        const lim = await limitsCost(kind, cluster);
        console.log(`${NAMES[kind]}: a save in a unit of 4 forms ${f2(lim.small)} ms, in a unit of 1,000 forms of 84 rows ${f2(lim.large)} ms: ${f2(lim.large / lim.small)}×`);
      } finally {
        await cluster?.stop();
      }
    }
    return;
  }
  if (process.argv.includes("--startup-only") || process.argv.includes("--rss-only")) {
    if (process.argv.includes("--startup-only")) {
      const st = await startup(Number(process.env.BENCH_STARTUP_FORMS ?? 100_000));
      console.log(`start-up at ${st.count} stored forms (lowdb): store open ${f0(st.openMs)} ms, server ready ${f0(st.readyMs)} ms beside ${f0(st.emptyMs)} ms for an empty folder (target ≤ 2000 ms; seeded in ${(st.seedMs / 1000).toFixed(1)} s)`);
    } else {
      const r = await rss(Number(process.env.BENCH_RSS_FORMS ?? 20_000), 20);
      console.log(`RSS after ${r.forms} forms × ${r.revisions} revisions of 84 rows (lowdb; 5,000 read, ${r.saves} saved): ${f0(r.rss)} MB now, ${f0(r.peak)} MB peak (target ≤ 300 MB); server ready in ${(r.startMs / 1000).toFixed(1)} s (seeded in ${(r.seedMs / 1000).toFixed(1)} s)`);
    }
    return;
  }
  const kinds = storeArg();
  const results: Awaited<ReturnType<typeof run>>[] = [];
  for (const k of kinds) results.push(await run(k));
  if (kinds.includes("lowdb") && !process.argv.includes("--no-startup")) {
    const st = await startup(Number(process.env.BENCH_STARTUP_FORMS ?? 100_000));
    console.log(
      `start-up at ${st.count} stored forms (lowdb): store open ${f0(st.openMs)} ms, server ready ${f0(st.readyMs)} ms beside ${f0(st.emptyMs)} ms for an empty folder (target ≤ 2000 ms; seeded in ${(st.seedMs / 1000).toFixed(1)} s)`,
    );
  }
  if (process.argv.includes("--rss")) {
    const r = await rss(Number(process.env.BENCH_RSS_FORMS ?? 20_000), 20);
    console.log(
      `RSS after ${r.forms} forms × ${r.revisions} revisions of 84 rows (lowdb; 5,000 read, ${r.saves} saved): ${f0(r.rss)} MB now, ${f0(r.peak)} MB peak (target ≤ 300 MB); ` +
        `server ready in ${(r.startMs / 1000).toFixed(1)} s, ${f0(r.perSecond)} saves/s (seeded in ${(r.seedMs / 1000).toFixed(1)} s)`,
    );
  }
  if (results.length > 1) {
    const cell = (x: string) => x.padStart(12);
    const line = (label: string, f: (r: (typeof results)[number]) => string) => console.log(`${label.padEnd(30)}${results.map((r) => cell(f(r))).join("")}`);
    console.log("");
    line("", (r) => NAMES[r.kind]);
    for (const [i, n] of STORED.entries()) {
      line(`${n} stored: ceiling saves/s`, (r) => f0(r.rows[i]!.bare.perSecond));
      line(`${n} stored: saves/s`, (r) => f0(r.rows[i]!.perSecond));
      line(`${n} stored: × ceiling`, (r) => f2(r.rows[i]!.perSecond / r.rows[i]!.bare.perSecond));
      line(`${n} stored: CPU ms (ceiling)`, (r) => `${f2(r.rows[i]!.cpuMs)} (${f2(r.rows[i]!.bare.cpuMs)})`);
      line(`${n} stored: store's write/s`, (r) => f0(r.rows[i]!.write.perSecond));
      line(`${n} stored: write × ceiling`, (r) => f2(r.rows[i]!.write.perSecond / r.rows[i]!.bare.perSecond));
      line(`${n} stored: save × write`, (r) => f2(r.rows[i]!.perSecond / r.rows[i]!.write.perSecond));
      line(`${n} stored: write CPU ms`, (r) => f2(r.rows[i]!.write.cpuMs));
      line(`${n} stored: p50 ms`, (r) => f2(r.rows[i]!.p50));
      line(`${n} stored: p99 ms`, (r) => f2(r.rows[i]!.p99));
      line(`${n} stored: server RSS MB`, (r) => f0(r.rows[i]!.rssMB));
      line(`${n} stored: server ready s`, (r) => (r.rows[i]!.startMs / 1000).toFixed(1));
    }
    line(`p50@${STORED[1]} / p50@${STORED[0]}`, (r) => f2(r.ratio));
    line("save CPU rev 1–5 ms", (r) => f2(r.cpu.first));
    line("save CPU rev 46–50 ms", (r) => f2(r.cpu.last));
    line("rev 50 / rev 1", (r) => f2(r.cpu.last / r.cpu.first));
    line("save, unit of 4 forms ms", (r) => f2(r.lim.small));
    line("save, unit of 1,000 forms ms", (r) => f2(r.lim.large));
  }
}

const clientArgs = process.env.JIXIAO_BENCH_CLIENT;
const bareArgs = process.env.JIXIAO_BENCH_BARE;
const storeWriteArgs = process.env.JIXIAO_BENCH_STORE_WRITE;
if (clientArgs) {
  await client(JSON.parse(clientArgs) as ClientArgs);
} else if (bareArgs) {
  const { file, token } = JSON.parse(bareArgs) as { file: string; token: string };
  await bareServer(file, token);
} else if (storeWriteArgs) {
  await storeWriteServer(JSON.parse(storeWriteArgs) as { data: string; store?: string; token: string });
} else {
  await orchestrate();
}
