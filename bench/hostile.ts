// `npm run bench -- hostile`: /api/health latency while `jixiao serve` is attacked with hostile
// workbooks (issue 17), beside the same at rest. The server runs in its own process (--http, a
// temp data folder, --demo for a unit token); four clients post the heaviest workbooks of the
// hostile corpus (test/support/hostile-workbooks.ts) to /api/import back to back, while one client
// asks /api/health in a loop. Judged by: health p99 under attack ≤ 5 × its p99 at rest + 50 ms
// (the reading happens in the reader processes, not on the event loop that answers health), and
// the server's peak memory (VmHWM) beside the 512 MB the hostile-corpus test holds it to.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hostileWorkbooks } from "../test/support/hostile-workbooks.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const REST_MS = Number(process.env.BENCH_REST_MS ?? 8_000);
const ATTACK_MS = Number(process.env.BENCH_ATTACK_MS ?? 20_000);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function healthLoop(url: string, until: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out.sort((a, b) => a - b);
}

const data = await mkdtemp(join(tmpdir(), "jixiao-bench-hostile-"));
const child = spawn(process.execPath, ["--import", "tsx", "server/cli/main.ts", "serve", "--http", "--port", "0", "--demo", "--data", data], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
let out = "";
child.stdout!.on("data", (d) => (out += String(d)));
try {
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${out}`)), 60_000);
    child.stdout!.on("data", () => {
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
  });
  const token = /^\s+unit \S+: (jx_\S+)$/m.exec(out)![1]!;
  // the heaviest of the corpus: what costs a reader the most
  const heavy = new Set([
    "one merge over the whole grid",
    "100,000 full-row merges",
    "sheet declares 12 KB, inflates to 48 MB",
    "a million short strings",
    "one string of 30 MB",
    "sheetData nested 1000000 deep",
    "200,000 rows of one value",
    "20,000 real rows under full-row merges",
  ]);
  const attack = hostileWorkbooks().filter((h) => heavy.has(h.name));

  let stop = Date.now() + REST_MS;
  const rest = await healthLoop(url, () => Date.now() > stop);

  stop = Date.now() + ATTACK_MS;
  const statuses = new Map<number, number>();
  let posted = 0;
  const attackers = Array.from({ length: 4 }, async (_, a) => {
    for (let i = a; Date.now() < stop; i++) {
      const h = attack[i % attack.length]!;
      const res = await fetch(`${url}/api/import`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": XLSX }, body: new Uint8Array(h.bytes) });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      posted++;
    }
  });
  const under = await healthLoop(url, () => Date.now() > stop);
  await Promise.all(attackers);
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

  const ceiling = percentile(rest, 99) * 5 + 50;
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`health at rest       (${rest.length} asks): p50 ${fmt(percentile(rest, 50))}  p99 ${fmt(percentile(rest, 99))}  max ${fmt(rest[rest.length - 1]!)}`);
  console.log(`health under attack  (${under.length} asks): p50 ${fmt(percentile(under, 50))}  p99 ${fmt(percentile(under, 99))}  max ${fmt(under[under.length - 1]!)}`);
  console.log(`attack: ${posted} hostile workbooks posted by 4 clients in ${ATTACK_MS / 1000} s; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`ceiling: health p99 under attack ≤ 5 × p99 at rest + 50 ms = ${fmt(ceiling)} → ${percentile(under, 99) <= ceiling ? "ok" : "OVER"}`);
  console.log(`server peak memory (VmHWM): ${peak.toFixed(0)} MB (cap 512 MB) → ${peak < 512 ? "ok" : "OVER"}`);
  if ([...statuses.keys()].some((s) => s >= 500 && s !== 503)) process.exitCode = 1;
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await rm(data, { recursive: true, force: true });
}
