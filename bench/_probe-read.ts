import { readFileSync } from "node:fs";
import pg from "pg";
import { startCluster } from "../test/support/postgres.ts";
import { openPgStore } from "../server/store/postgres/pg-store.ts";
import { starterLibrary } from "../shared/starter-library/index.ts";
import { publishLibrary } from "../server/routes/library.ts";
import { saveDraft } from "../server/workflow.ts";
import { EventBus } from "../server/events.ts";
import { demoForm } from "../server/demo-form.ts";
const cluster = await startCluster({ fsync: false });
const url = await cluster.createDatabase("x");
const store = await openPgStore(url, { poolSize: 1 });
const lib = starterLibrary();
await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: "bench" }, "bench", new Date());
await store.putUnit({ code: "BENCH", name: "压测单位", confidential: false });
const ctx = { store, bus: new EventBus(), now: () => new Date() };
for (let n = 0; n < 48; n++) {
  const p = `B${n}`;
  const form = demoForm("target", { year: 2025, unit: { code: "BENCH", name: "压测单位" }, project: { code: p, name: `压测项目 ${p}` } });
  await saveDraft(ctx, { actor: "unit:BENCH#b" } as never, { year: 2025, unit: "BENCH", project: p, kind: "target" }, form, undefined);
}
const c = await store.pool.connect();
const pid = (await c.query("SELECT pg_backend_pid() AS p")).rows[0].p;
const ns = () => Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
c.release();
const N = 2000;
async function time(label: string, per: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn(i);
  const t0 = ns(); const c0 = process.cpuUsage();
  for (let i = 0; i < N / per; i++) await fn(i);
  const c1 = process.cpuUsage(c0);
  console.log(`${label}: backend ${((ns() - t0) / N / 1000).toFixed(1)} µs a key, node ${((c1.user + c1.system) / N).toFixed(1)} µs a key`);
}
const key = (i: number) => ({ year: 2025, unit: "BENCH", project: `B${i % 48}`, kind: "target" as const });
await time("saveContext", 1, (i) => store.saveContext(key(i)));
await time("SELECT 1", 1, () => store.pool.query({ name: "one", text: "SELECT 1" }));
const BATCH = `WITH k AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, year int, unit text, project text, kind text, fp text, token text))
SELECT k.n, row_to_json(s) AS head, NULL::json AS latest, row_to_json(t) AS target, NULL::json AS target_latest,
  (SELECT max(version) FROM library_versions) AS library_version, u.forms, u.bytes,
  (SELECT row_to_json(x) FROM (SELECT code, name, field, confidential, parent FROM units WHERE code = k.unit) x) AS unit_row, f.fp, u.same,
  (SELECT json_agg(json_build_object('date', paid_on, 'amountFen', amount_fen) ORDER BY paid_on, voucher) FROM treasury_payments WHERE unit = k.unit AND project = k.project) AS payments,
  (SELECT row_to_json(b) FROM treasury_budgets b WHERE year = k.year AND unit = k.unit AND project = k.project) AS budget,
  coalesce((SELECT revoked_at IS NULL FROM tokens WHERE id = k.token), false) AS token_live
FROM k
LEFT JOIN LATERAL (SELECT year, unit, project, kind, status, revision, returned, updated_at, status_at, counts, library_version, project_name, unit_name, first_counts, rows, bytes, fingerprint, compacted FROM submissions x WHERE x.year = k.year AND x.unit = k.unit AND x.project = k.project AND x.kind = k.kind) s ON true
LEFT JOIN LATERAL (SELECT year, unit, project, kind, status, revision, returned, updated_at, status_at, counts, library_version, project_name, unit_name, first_counts, rows, bytes, fingerprint, compacted FROM submissions x WHERE k.kind <> 'target' AND x.year = k.year AND x.unit = k.unit AND x.project = k.project AND x.kind = 'target' AND x.status IS NOT DISTINCT FROM 'approved') t ON true
CROSS JOIN LATERAL (SELECT coalesce(k.fp, s.fingerprint) AS fp) f
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE year = k.year) AS forms, coalesce(sum(bytes), 0) + (SELECT coalesce(sum(bytes), 0) FROM documents WHERE unit = k.unit) AS bytes,
   json_agg(json_build_array(project, revision, project_name, fingerprint)) FILTER (WHERE f.fp IS NOT NULL AND year = k.year AND kind = k.kind AND (fingerprint = f.fp OR fingerprint IS NULL)) AS same
   FROM submissions x WHERE x.unit = k.unit) u`;
for (const per of [1, 2, 3, 4]) {
  await time(`batched ×${per}`, per, (i) => store.pool.query({ name: `b`, text: BATCH, values: [JSON.stringify(Array.from({ length: per }, (_, j) => ({ n: j, ...key(i * per + j), fp: null, token: "t" })))] }));
}
const BATCH_NOSAME = BATCH.replace(/json_agg\(json_build_array\(project, revision, project_name, fingerprint\)\) FILTER \(WHERE f.fp IS NOT NULL AND year = k.year AND kind = k.kind AND \(fingerprint = f.fp OR fingerprint IS NULL\)\)/, "count(*) FILTER (WHERE f.fp IS NOT NULL AND year = k.year AND kind = k.kind AND (fingerprint = f.fp OR fingerprint IS NULL))");
await time(`batched ×1 count only`, 1, (i) => store.pool.query({ name: `c`, text: BATCH_NOSAME, values: [JSON.stringify([{ n: 0, ...key(i), fp: null, token: "t" }])] }));
await store.close();
await cluster.stop();
