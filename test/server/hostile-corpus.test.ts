// Issue 17's "done when", against a real `jixiao serve` process: the hostile corpus (more than a
// hundred workbooks built to break a reader, test/support/hostile-workbooks.ts) posted to
// /api/import, four at a time, then 10,000 JSON bodies fuzzed with fast-check on every route that
// takes JSON. Throughout, /api/health is asked every 100 ms. Asserted: the process never dies, no
// answer is a 5xx, every refusal has the one error shape, every health check answers 200, and the
// server's peak memory (VmHWM) stays under `memoryCapMb`. Latency is the benchmark's business
// (bench/hostile.ts), never asserted here.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { demoForm } from "../../server/demo-form.ts";
import { hostileWorkbooks, plainWorkbook } from "../support/hostile-workbooks.ts";
import { spawnServe, type Served } from "./process.ts";

/** The server's own peak resident memory; each workbook reader is a separate process with a 256 MB heap. */
export const memoryCapMb = 512;

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const dirs: string[] = [];
let served: Served | undefined;
afterAll(async () => {
  served?.child.kill("SIGKILL");
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Runs `jobs` with at most `n` at once. */
async function pool<T>(items: T[], n: number, job: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await job(items[i]!, i);
      }
    }),
  );
}

function isErrorShape(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return Object.keys(body).length === 1 && typeof body.error?.code === "string" && typeof body.error.message === "string" && !/node_modules|\.ts:\d+/.test(text);
  } catch {
    return false;
  }
}

/** Strings as a careless or hostile client sends them: lone surrogates, U+FFFE, C0 controls, full-width digits. */
const nasty = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("\uFFFE", "\uFFFF", "\uD800", "\uDC00x", "\u0000", "\u0008\u000B", "１２３", "=HYPERLINK(\"x\")", "联系人李雷13700137000", "a".repeat(5000)),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(nasty, tie("v"), { maxKeys: 5 }),
  ),
})).v;

describe("the hostile corpus and 10,000 fuzzed bodies against jixiao serve", { timeout: 240_000 }, () => {
  it("answers every one with a 2xx, 4xx or 413, never a 5xx or a crash, health answering throughout, memory under the cap", async () => {
    const corpus = hostileWorkbooks();
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const data = await mkdtemp(join(tmpdir(), "jixiao-hostile-"));
    dirs.push(data);
    served = await spawnServe(["--data", data, "--http", "--demo"]);
    const s = served;
    const token = (who: RegExp) => who.exec(s.out())?.[1] ?? "";
    const admin = token(/^\s+(jx_\S+)$/m);
    const finance = token(/^\s+finance: (jx_\S+)$/m);
    const unit = token(/^\s+unit (\S+): jx_/m);
    const unitToken = token(/^\s+unit \S+: (jx_\S+)$/m);
    expect([admin, finance, unit, unitToken].every((t) => t.length > 0)).toBe(true);

    const health: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try {
          health.push((await fetch(`${s.url}/api/health`)).status);
        } catch {
          health.push(0);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const bad: string[] = [];
    const seen = new Map<number, number>();
    const note = (what: string, status: number, text: string) => {
      seen.set(status, (seen.get(status) ?? 0) + 1);
      if (status >= 500 || (status >= 400 && !isErrorShape(text))) bad.push(`${what}: ${status} ${text.slice(0, 200)}`);
    };

    const t0 = Date.now();
    // The corpus, four uploads at a time (two are read at once, the others wait their turn).
    await pool(corpus, 4, async (h) => {
      const res = await fetch(`${s.url}/api/import`, { method: "POST", headers: { authorization: `Bearer ${unitToken}`, "content-type": XLSX }, body: new Uint8Array(h.bytes) });
      note(`${h.family}: ${h.name}`, res.status, await res.text());
    });
    expect(s.child.exitCode).toBeNull();
    // A real workbook still reads after all that.
    const plain = await fetch(`${s.url}/api/import`, { method: "POST", headers: { authorization: `Bearer ${unitToken}`, "content-type": XLSX }, body: new Uint8Array(plainWorkbook()) });
    expect(plain.status).toBe(200);

    const t1 = Date.now();
    // 10,000 fuzzed bodies: raw text, any JSON, and real forms with fields replaced by anything.
    const year = new Date().getFullYear();
    const form = demoForm("target", { year, unit: { code: unit, name: "演示单位" }, project: { code: "FZ", name: "模糊测试项目" } }) as Record<string, unknown>;
    const paths = ["kind", "year", "unit", "unit.code", "project", "project.code", "project.name", "funds", "funds.total", "goals.overall", "indicators", "indicators.0", "indicators.0.target", "indicators.0.name", "indicators.0.operator"];
    const mutated = fc.tuple(fc.constantFrom(...paths), jsonish).map(([path, value]) => {
      const copy = structuredClone(form) as Record<string, unknown>;
      const keys = path.split(".");
      let at: Record<string, unknown> = copy;
      for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[keys[keys.length - 1]!] = value;
      return JSON.stringify(copy);
    });
    const bodies = fc.sample(fc.oneof(fc.string({ unit: "binary" }), jsonish.map((v) => JSON.stringify(v) ?? "null"), mutated), { numRuns: 10_000, seed: 17 });
    expect(bodies).toHaveLength(10_000);
    const routes: [string, (i: number) => string, string][] = [
      ["POST", () => "/api/validate", unitToken],
      ["PUT", (i) => `/api/submissions/${year}/${unit}/FZ${i}/target`, unitToken],
      ["POST", () => "/api/notices", finance],
      ["POST", () => "/api/rectifications", finance],
      ["PUT", () => "/api/library", admin],
      ["POST", () => "/api/disclosure/confirm", finance],
    ];
    await pool(bodies, 8, async (body, i) => {
      // Mostly checks (no write); one in five a save, the rest spread over the other routes.
      const [method, path, tok] = i % 5 === 1 ? routes[1]! : i % 5 === 0 ? routes[0]! : routes[2 + (i % 4)]!;
      const p = path(i);
      const res = await fetch(`${s.url}${p}`, { method, headers: { authorization: `Bearer ${tok}`, "content-type": "application/json" }, body });
      note(`${method} ${p} ${body.slice(0, 80)}`, res.status, await res.text());
    });

    const t2 = Date.now();
    polling = false;
    await poller;
    const peak = peakMb(s.child.pid!);
    // eslint-disable-next-line no-console
    console.log(`hostile corpus: ${corpus.length} workbooks, ${bodies.length} bodies; statuses ${JSON.stringify(Object.fromEntries(seen))}; ${health.length} health checks; corpus ${t1 - t0} ms, bodies ${t2 - t1} ms; server peak ${Math.round(peak)} MB (cap ${memoryCapMb} MB)`);
    expect(bad).toEqual([]);
    expect(s.child.exitCode).toBeNull();
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((h) => h !== 200)).toEqual([]);
    expect(peak).toBeLessThan(memoryCapMb);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });
});
