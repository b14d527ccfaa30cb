// scratch (not committed): save cost by revisions of one form, wall and main-thread CPU
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLowStore } from "./server/store/lowdb-store.ts";
import { demoForm } from "./server/demo-form.ts";
const fsync = process.env.FSYNC !== "0";
const N = Number(process.env.N ?? 400);
const dir = await mkdtemp(join(tmpdir(), "h18-growrev-"));
const store = await openLowStore(dir, { fsync });
const key = { year: 2025, unit: "U0001", project: "P1", kind: "selfEval" as const };
const form = () => demoForm("selfEval", { year: 2025, unit: { code: "U0001", name: "单位" }, project: { code: "P1", name: "项目" } }) as unknown as Record<string, unknown>;
const wall: number[] = [], cpu: number[] = [];
for (let i = 0; i < N; i++) {
  const f = form();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  await store.saveRevision(key, i === 0 ? { revision: null } : {}, { form: f, by: "bench", at: new Date().toISOString(), libraryVersion: 1, issues: [] }, "draft");
  wall.push(performance.now() - t0); const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const buckets = [[2, 12], [20, 40], [100, 120], [200, 220], [380, 400]].filter(([, b]) => b! <= N);
console.log(`fsync=${fsync} ` + buckets.map(([a, b]) => `${a}-${b}: wall ${med(wall.slice(a, b)).toFixed(3)} cpu ${med(cpu.slice(a, b)).toFixed(3)}`).join(" | "));
await store.close();
await rm(dir, { recursive: true, force: true });
