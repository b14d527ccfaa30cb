// The Store contract on PostgreSQL (the same suite as lowdb's), and what only a database adapter
// has: migrations under an advisory lock, compare-and-set across two pools (two servers), NUL.
import { DomainError } from "../../server/domain-error.ts";
import { statusOf } from "../../server/errors.ts";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { migrations } from "../../server/store/postgres/migrate.ts";
import { payloadOf } from "../../server/store/postgres/notify.ts";
import { openPgStore, type PgStore } from "../../server/store/postgres/pg-store.ts";
import { keyString as keyOf, type NewRevision, type SubmissionKey, type WriteResult } from "../../server/store/store.ts";
import type { Issue } from "../../shared/issue.ts";
import { onCluster } from "../support/postgres.ts";
import { storeSuite } from "./store-suite.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { createApp } from "../../server/app.ts";
import { createToken } from "../../server/auth.ts";
import { demoForm } from "../../server/demo-form.ts";
import { publishLibrary } from "../../server/routes/library.ts";

/** Records the text of every statement `pool` is asked to run from now on (the pool's query wrapped). */
function statementsOf(pool: pg.Pool): string[] {
  const texts: string[] = [];
  const query = pool.query.bind(pool);
  pool.query = ((config: string | { text: string }, ...rest: unknown[]) => {
    texts.push(typeof config === "string" ? config : config.text);
    return (query as (...x: unknown[]) => unknown)(config, ...rest);
  }) as typeof pool.query;
  return texts;
}

describe("NOTIFY payloads", () => {
  it("stay under PostgreSQL's 8000 bytes: a long library note is shortened, other events go as they are", () => {
    const note = "说明".repeat(2000);
    const e = { type: "library.published" as const, data: { version: 2, note, publishedAt: "p", added: 1, changed: 0, deprecated: 0, removed: 0 } };
    const text = payloadOf("origin", e);
    expect(Buffer.byteLength(text)).toBeLessThan(8000);
    const back = JSON.parse(text) as { o: string; e: typeof e };
    expect(back.e.data.note.endsWith("…")).toBe(true);
    expect(back.e.data.version).toBe(2);
    const status = { type: "submission.status" as const, data: { year: 2025, unit: "U", project: "P", kind: "target" as const, status: "draft" as const, revision: 1, at: "a" } };
    expect(JSON.parse(payloadOf("o", status))).toEqual({ o: "o", e: status });
  });
});
onCluster("PostgreSQL store", (cluster) => {
  storeSuite("PostgreSQL", async () => {
    const url = await cluster.createSchema("store");
    let store = await openPgStore(url, { poolSize: 4 });
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = await openPgStore(url, { poolSize: 4 });
        return store;
      },
      async dispose() {
        await store.close();
      },
    };
  });

  const key: SubmissionKey = { year: 2025, unit: "U1", project: "P1", kind: "target" };
  const rev = (n: number): NewRevision => ({ form: { n }, by: "t", at: `2025-01-01T00:00:0${n % 10}Z`, libraryVersion: 1, issues: [] });

  /** Two stores on one new database, as two servers hold it: `walk` runs on them, both closed after. */
  async function onTwoServers(name: string, poolSize: number, walk: (a: PgStore, b: PgStore) => Promise<void>): Promise<void> {
    const url = await cluster.createDatabase(name);
    const a = await openPgStore(url, { poolSize });
    const b = await openPgStore(url, { poolSize });
    try {
      await walk(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  }

  describe("PostgreSQL store, beyond the contract", () => {
    it("migrates once when several servers start together on an empty database", async () => {
      const url = await cluster.createDatabase("migrate");
      const stores = await Promise.all([1, 2, 3, 4].map(() => openPgStore(url, { poolSize: 2 })));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual((await migrations()).map((m) => m.version));
      // A database migrated by a newer jixiao is refused, not written to.
      await c.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future')");
      await c.end();
      await expect(openPgStore(url)).rejects.toThrow(/newer than this jixiao/);
      await Promise.all(stores.map((s) => s.close()));
    });

    it("finds a form's row in one index step, in a lookup and in the saves' read and write, before the table is analyzed (many forms arriving at once) and after", async () => {
      const url = await cluster.createDatabase("plan");
      const store = await openPgStore(url, { poolSize: 2 });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        // 3,000 drafts of one year in three units, as a bulk arrival leaves them: no statistics yet
        await c.query(`INSERT INTO submissions (year, unit, project, kind, status, revision, updated_at, status_at, counts, library_version, first_counts)
          SELECT 2025, 'U' || (i / 1000), 'P' || i, 'target', 'draft', 1, 't', 't', '{}', 1, '{}' FROM generate_series(1, 3000) i`);
        const { rows } = await c.query<{ "QUERY PLAN": string }>("EXPLAIN SELECT revision FROM submissions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4", [2025, "U1", "P1500", "target"]);
        const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        // the index condition holds the whole key: one row read, not the unit's forms or the year's drafts
        expect(plan).toMatch(/Index (Only )?Scan using/);
        expect(plan).toMatch(/Index Cond: .*project = /);
        expect(plan).not.toMatch(/Filter: .*project = /);
        // the saves' read (several forms in one statement): each form's row one index step, not a join over the table
        const texts = statementsOf(store.pool);
        await store.saveContext({ year: 2025, unit: "U1", project: "P1500", kind: "monitor" });
        const read = texts.find((t) => t.trimStart().startsWith("WITH k AS"))!;
        const keys = [1500, 1501, 1502].map((i, n) => ({ n, year: 2025, unit: "U1", project: `P${i}`, kind: "monitor", fp: null, token: null, latest: true, target_latest: true }));
        const { rows: readPlan } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN ${read}`, [JSON.stringify(keys)]);
        const lines = readPlan.map((r) => r["QUERY PLAN"]).join("\n");
        expect(lines).not.toMatch(/Seq Scan on submissions|Hash .*Join/);
        expect(lines.match(/Index Cond: .*project = /g)?.length).toBeGreaterThanOrEqual(2);
        // the saves' write (several forms in one statement), before and after the table is analyzed: each form's row one index step
        texts.length = 0;
        expect((await store.saveRevision({ year: 2025, unit: "U1", project: "P1500", kind: "target" }, { revision: 1, statusIn: ["draft"] }, rev(2), "draft")).ok).toBe(true);
        const write = texts.find((t) => t.trimStart().startsWith("WITH i AS"))!;
        const saves = [1501, 1502, 1503].map((i, n) => ({ n, year: 2025, unit: "U1", project: `P${i}`, kind: "target", revision: 2, status: "draft", from_status: "draft", at: "t", counts: {}, library_version: 1, rows: 0, bytes: 2, form: {}, by_actor: "t", issues: [], events: [] }));
        for (const analyzed of [false, true]) {
          if (analyzed) await c.query("ANALYZE submissions");
          const { rows: writePlan } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN ${write}`, [JSON.stringify(saves)]);
          const text = writePlan.map((r) => r["QUERY PLAN"]).join("\n");
          expect(text).not.toMatch(/Seq Scan on submissions/);
          expect(text).toMatch(/Index Cond: .*project = /);
        }
      } finally {
        await c.end();
        await store.close();
      }
    });

    it("lets exactly one save win per base revision across two pools (two servers)", () =>
      onTwoServers("race", 5, async (a, b) => {
        // creating: one of twenty wins
        const created = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).saveRevision(key, { revision: null }, rev(i), "draft")));
        expect(created.filter((r) => r.ok)).toHaveLength(1);
        for (const r of created) if (!r.ok) expect(r.current?.revision).toBe(1);
        for (let base = 1; base <= 3; base++) {
          const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).saveRevision(key, { revision: base }, rev(i), "draft")));
          expect(results.filter((r) => r.ok)).toHaveLength(1);
        }
        // both see the same four revisions, whichever cached what
        for (const s of [a, b]) expect((await s.listRevisions(key)).map((r) => r.revision)).toEqual([1, 2, 3, 4]);
        // a transition made on one is seen by the other's conditional write
        expect((await a.transition(key, { revision: 4, statusIn: ["draft"] }, { to: "submitted", at: "t" })).ok).toBe(true);
        expect((await b.transition(key, { revision: 4, statusIn: ["draft"] }, { to: "submitted", at: "t" })).ok).toBe(false);
        expect((await b.getSubmission(key))?.status).toBe("submitted");
      }));

    it("reads a form another server saved since: the save's one read leaves out the latest revision it holds, and fetches the newer one", () =>
      onTwoServers("stale", 2, async (a, b) => {
        const target: SubmissionKey = { ...key, kind: "target" };
        const monitor: SubmissionKey = { ...key, kind: "monitor" };
        for (const [k, n] of [[key, 1], [key, 2], [monitor, 1]] as const) {
          expect((await a.saveRevision(k, { revision: n === 1 ? null : n - 1 }, { ...rev(n), form: { n, k: k.kind } }, "draft")).ok).toBe(true);
        }
        expect((await a.saveContext(key)).existing?.latest.form).toEqual({ n: 2, k: "target" });
        // the other server saves revision 3 and approves the target
        expect((await b.saveRevision(key, { revision: 2 }, { ...rev(3), form: { n: 3, k: "target" } }, "draft")).ok).toBe(true);
        expect((await b.transition(target, { revision: 3, statusIn: ["draft"] }, { to: "approved", at: "t" })).ok).toBe(true);
        const seen = await a.saveContext(key);
        expect(seen.existing).toMatchObject({ revision: 3, status: "approved", latest: { revision: 3, form: { n: 3, k: "target" } } });
        expect(seen.approvedTarget).toBeUndefined();
        const fromMonitor = await a.saveContext(monitor);
        expect(fromMonitor.existing?.latest.form).toEqual({ n: 1, k: "monitor" });
        expect(fromMonitor.approvedTarget).toMatchObject({ revision: 3, latest: { form: { n: 3, k: "target" } } });
      }));

    it("writes saves arriving together in one statement: each with its own precondition, revision and audit events; one of a form's saves on one base wins; a bad one fails alone", () =>
      onTwoServers("together", 4, async (a, b) => {
        const keys = Array.from({ length: 12 }, (_, i): SubmissionKey => ({ year: 2025, unit: i % 2 ? "U1" : "U2", project: `P${i}`, kind: "target" }));
        const audit = (tag: string) => (s: { key: SubmissionKey; revision: number }) => [{ at: "t", actor: tag, action: "submission.save", target: `${s.key.unit}/${s.key.project}`, details: { revision: s.revision } }];
        for (const k of keys) expect((await a.saveRevision(k, { revision: null }, { ...rev(1), form: { p: k.project, n: 1 } }, "draft")).ok).toBe(true);
        const texts = statementsOf(a.pool);
        // twelve forms at once, each on its own base, on both servers; then four saves of P0 on one base and a bad one
        const saves = keys.map((k, i) =>
          (i < 6 ? a : b).saveRevision(k, { revision: 1, statusIn: ["draft"] }, { ...rev(2), form: { p: k.project, n: 2 } }, "draft", { audit: audit(`w${i}`) }),
        );
        const results = await Promise.all(saves);
        expect(results.every((r) => r.ok && r.submission.revision === 2)).toBe(true);
        // the six saves on one server went in fewer statements than six: the first alone, the others together
        const together = texts.filter((t) => t.trimStart().startsWith("WITH i AS")).length;
        expect(together).toBeGreaterThanOrEqual(1);
        expect(together).toBeLessThan(6);
        const p0 = keys[0]!;
        const racing = await Promise.all([
          ...[1, 2, 3, 4].map((n) => a.saveRevision(p0, { revision: 2, statusIn: ["draft"] }, { ...rev(3), form: { p: "P0", n: 30 + n } }, "draft", { audit: audit(`r${n}`) })),
          a.saveRevision(keys[2]!, { revision: 2, statusIn: ["draft"] }, { ...rev(3), form: { p: "P2", n: 3 } }, "bogus" as never),
          a.saveRevision(keys[4]!, { revision: 2, statusIn: ["draft"] }, { ...rev(3), form: { p: "P4", n: 3 } }, "draft", { audit: audit("p4") }),
        ].map((p) => p.then((r) => r, (err: unknown) => err)));
        const won = racing.slice(0, 4).filter((r) => (r as { ok?: boolean }).ok === true);
        expect(won).toHaveLength(1);
        for (const r of racing.slice(0, 4)) if ((r as { ok?: boolean }).ok === false) expect((r as { current?: { revision: number } }).current?.revision).toBe(3);
        expect(racing[4]).toBeInstanceOf(Error);
        expect(racing[5]).toMatchObject({ ok: true, submission: { revision: 3 } });
        // every revision as saved, the winner's form on P0, and one audit event per save written
        for (const [i, k] of keys.entries()) {
          const history = await b.listRevisions(k);
          const last = i === 0 || i === 4 ? 3 : 2;
          expect(history.map((r) => r.revision)).toEqual(Array.from({ length: last }, (_, n) => n + 1));
        }
        const winner = (won[0] as { submission: { latest: { form: { n: number } } } }).submission.latest.form.n;
        expect((await b.getSubmission(p0))?.latest.form).toEqual({ p: "P0", n: winner });
        const events = await a.listAudit(Infinity);
        expect(events.filter((e) => /^w\d+$/.test(e.actor)).map((e) => e.actor).sort()).toEqual(keys.map((_, i) => `w${i}`).sort());
        expect(events.filter((e) => /^r\d$/.test(e.actor))).toEqual([expect.objectContaining({ actor: `r${winner - 30}`, details: { revision: 3 } })]);
        expect(events.filter((e) => e.actor === "p4")).toHaveLength(1);
        expect((await a.getSubmission(keys[2]!))?.revision).toBe(2);
      }));

    it("writes the same rows whether a save goes alone or with others, with compaction's parts in its statement or not", async () => {
      // The same saves on two databases: on `alone` each is made by a store opened for it, so its
      // statement is a batch of one that holds compaction's parts (the form's mark is not known yet);
      // on `together` each round's saves go at once (new forms with saves of others, compaction's
      // parts only when one is due). Every row both leave must be the same.
      const forms = Array.from({ length: 4 }, (_, i): SubmissionKey => ({ year: 2025, unit: "U-同", project: `项目${i}`, kind: i === 3 ? "monitor" : "target" }));
      const audit = (s: { key: SubmissionKey; revision: number; from: string | null; status: string }) => [
        { at: "t", actor: `unit:${s.key.project}`, action: "submission.save", target: `${s.key.unit}/${s.key.project}/${s.key.kind}`, details: { revision: s.revision, from: s.from, to: s.status } },
      ];
      const form = (i: number, n: number) => ({ 项目: `项目${i}`, n, 指标: Array.from({ length: n % 4 }, (_, r) => ({ 名称: `指标${r}`, 值: "１２３" })) });
      /** Round `round`'s saves, each on the store it is given (form i starts at round i; form 2 saves without a status precondition; form 1 is returned at round 6). */
      const saves = (round: number) =>
        forms.flatMap((k, i) => {
          const n = round - i;
          if (n < 1) return [];
          const expect = n === 1 ? { revision: null } : i === 2 ? { revision: n - 1 } : { revision: n - 1, statusIn: [i === 1 && n === 6 ? "returned" : "draft"] as const };
          const issues: Issue[] = n % 3 ? [] : [{ rule: "I201", severity: "warning", path: "indicators[0]", message: { zh: "第 1 行：三级指标名称为空", en: "Row 1: the level-3 indicator has no name" } }];
          const revision: NewRevision = { ...rev(n), by: `unit:${k.project}`, form: form(i, n), rows: n % 4, fingerprint: n % 2 ? "fp-a" : "fp-b", issues };
          // `together` writes the findings from the text the save made of them (issuesJson), `alone` serialises them
          return [(store: PgStore, text = false) => store.saveRevision(k, expect, text ? { ...revision, issuesJson: JSON.stringify(issues) } : revision, "draft", { keepRevisions: 2, audit })];
        });
      const returnForm1 = (store: PgStore) =>
        store.transition(forms[1]!, { revision: 5, statusIn: ["draft"] }, { to: "returned", at: "2025-02-01T00:00:00Z", returned: { by: "finance", at: "2025-02-01T00:00:00Z", comment: "请补充", cells: [], revision: 5 } });
      const alone = await cluster.createDatabase("alone");
      const together = await cluster.createDatabase("together");
      const results: Record<"alone" | "together", WriteResult[]> = { alone: [], together: [] };
      /** `fn` on a store of its own, closed after. */
      const onItsOwn = async <T,>(fn: (store: PgStore) => Promise<T>): Promise<T> => {
        const store = await openPgStore(alone, { poolSize: 1 });
        try {
          return await fn(store);
        } finally {
          await store.close();
        }
      };
      for (let round = 1; round <= 12; round++) {
        for (const save of saves(round)) results.alone.push(await onItsOwn(save));
        if (round === 6) await onItsOwn(returnForm1);
      }
      const store = await openPgStore(together, { poolSize: 3 });
      const texts = statementsOf(store.pool);
      try {
        for (let round = 1; round <= 12; round++) {
          results.together.push(...(await Promise.all(saves(round).map((save) => save(store, true)))));
          if (round === 6) await returnForm1(store);
        }
      } finally {
        await store.close();
      }
      // the saves went in fewer statements than saves, some with compaction's parts and some without
      const written = texts.filter((t) => t.trimStart().startsWith("WITH i AS"));
      expect(written.length).toBeLessThan(results.together.length);
      expect(written.some((t) => t.includes("UPDATE revisions r SET form = NULL"))).toBe(true);
      expect(written.some((t) => !t.includes("UPDATE revisions r SET form = NULL"))).toBe(true);
      const dump = async (url: string) => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          const table = async (sql: string) => (await c.query(sql)).rows;
          return {
            submissions: await table("SELECT * FROM submissions ORDER BY year, unit, project, kind"),
            revisions: await table("SELECT * FROM revisions ORDER BY year, unit, project, kind, revision"),
            audit: await table("SELECT at, actor, action, target, details FROM audit ORDER BY target, (details->>'revision')::int"),
          };
        } finally {
          await c.end();
        }
      };
      const [a, b] = [await dump(alone), await dump(together)];
      expect(a.revisions.filter((r: { form: unknown }) => r.form === null).length).toBeGreaterThan(0);
      expect(a.audit.length).toBe(results.alone.length);
      expect(b).toEqual(a);
      expect(results.together.map((r) => r.ok)).toEqual(results.alone.map((r) => r.ok));
    });

    it("reads what saves arriving together decide on in one statement, each as it reads alone (saveContext)", () =>
      onTwoServers("reads", 3, async (alone, together) => {
        // forms in two units, saved by a third server so that neither has their latest revision in memory
        const url = new URL(alone.url).toString();
        const writer = await openPgStore(url, { poolSize: 2 });
        const forms = (unit: string, project: string, kind: SubmissionKey["kind"]): SubmissionKey => ({ year: 2025, unit, project, kind });
        try {
          await writer.putUnit({ code: "U-林", name: "林业局", confidential: false });
          await writer.putUnit({ code: "U-水", name: "水务局", field: "水利", confidential: true });
          for (const [k, fp] of [
            [forms("U-林", "P1", "target"), "fp-1"],
            [forms("U-林", "P2", "target"), "fp-1"],
            [forms("U-林", "P3", "target"), "fp-2"],
            [forms("U-林", "P1", "monitor"), "fp-3"],
            [forms("U-水", "P1", "target"), "fp-1"],
          ] as const) {
            expect((await writer.saveRevision(k, { revision: null }, { ...rev(1), form: { k: keyOf(k), 名称: "项目１" }, rows: 3, fingerprint: fp }, "draft")).ok).toBe(true);
          }
          expect((await writer.transition(forms("U-林", "P1", "target"), { revision: 1, statusIn: ["draft"] }, { to: "approved", at: "t" })).ok).toBe(true);
          await writer.treasury.addPayments([{ voucher: "V1", date: "2025-03-01", unit: "U-林", project: "P1", amountFen: 120_000 }]);
          await writer.treasury.putBudgets([{ year: 2025, unit: "U-林", project: "P1", approved: 12 }]);
          await writer.addToken({ id: "live", hash: "h1", role: "unit", unit: "U-林", createdAt: "t" });
          await writer.addToken({ id: "revoked", hash: "h2", role: "unit", unit: "U-林", createdAt: "t", revokedAt: "t" });
        } finally {
          await writer.close();
        }
        const asks: [SubmissionKey, { fingerprint?: string; tokenId?: string }][] = [
          [forms("U-林", "P1", "target"), { tokenId: "live" }],
          [forms("U-林", "P1", "monitor"), { tokenId: "revoked" }],
          [forms("U-林", "P2", "target"), { fingerprint: "fp-2" }],
          [forms("U-林", "P9", "selfEval"), { fingerprint: "fp-1", tokenId: "gone" }],
          [forms("U-水", "P1", "target"), {}],
          [forms("U-无", "P1", "target"), { fingerprint: "fp-1" }],
        ];
        const one = [];
        for (const [k, o] of asks) one.push(await alone.saveContext(k, o));
        const texts = statementsOf(together.pool);
        const all = await Promise.all(asks.map(([k, o]) => together.saveContext(k, o)));
        expect(all).toEqual(one);
        expect(texts.filter((t) => t.trimStart().startsWith("WITH k AS")).length).toBeLessThan(asks.length);
        // and what they read is what each form holds
        expect(one[0]).toMatchObject({ existing: { status: "approved", latest: { form: { k: keyOf(forms("U-林", "P1", "target")) } } }, tokenLive: true, treasury: { payments: [{ date: "2025-03-01", amountFen: 120_000 }], budget: { approved: 12 } } });
        expect(one[0]!.sameSet?.forms.map((f) => f.key.project).sort()).toEqual(["P1", "P2"]);
        expect(one[1]).toMatchObject({ approvedTarget: { revision: 1, latest: { form: { k: keyOf(forms("U-林", "P1", "target")) } } }, tokenLive: false });
        expect(one[2]!.sameSet?.forms.map((f) => f.key.project)).toEqual(["P3"]);
        expect(one[3]).toMatchObject({ existing: undefined, approvedTarget: undefined, tokenLive: false, usage: { forms: 4 } });
        expect(one[4]).toMatchObject({ unit: { code: "U-水", field: "水利", confidential: true }, usage: { forms: 1 } });
        expect(one[5]).toMatchObject({ existing: undefined, unit: undefined, usage: { forms: 0, bytes: 0 }, sameSet: { fingerprint: "fp-1", forms: [] } });
      }));

    it("publishes each library version once across two pools", () =>
      onTwoServers("lib", 3, async (a, b) => {
        const entry = (by: string) => ({
          library: { version: 1, publishedAt: "p", note: by, policy: {}, indicators: [] } as never,
          changes: { version: 1, since: 0, added: [], changed: [], deprecated: [], removed: [] },
          by,
        });
        const won = await Promise.all([a.publishLibrary(entry("a")), b.publishLibrary(entry("b"))]);
        expect(won.filter(Boolean)).toHaveLength(1);
        expect((await b.currentLibrary())?.by).toBe((await a.currentLibrary())?.by);
      }));

    it("saves a form in two statements through the route: one read of everything the save decides on (saveContext), one write", async () => {
      const store: PgStore = await openPgStore(await cluster.createDatabase("trips"), { poolSize: 3 });
      try {
        const lib = starterLibrary();
        await publishLibrary(store, { indicators: lib.indicators, policy: lib.policy, note: "v1" }, "t", new Date());
        await store.putUnit({ code: "U-A", name: "林业局", confidential: false });
        const { token } = await createToken(store, "unit", "U-A");
        const app = createApp(store, { overdueCheckMs: 0 });
        const path = "/api/submissions/2025/U-A/P1/monitor";
        const put = (n: number, base?: number) =>
          app.request(path, {
            method: "PUT",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(base ? { "if-match": `"${base}"` } : {}) },
            body: JSON.stringify(demoForm("monitor", { year: 2025, unit: { code: "U-A", name: "林业局" }, project: { code: "P1", name: `项目 ${n}` } })),
          });
        expect((await put(1)).status).toBe(201);
        const texts = statementsOf(store.pool);
        for (let base = 1; base <= 3; base++) {
          texts.length = 0;
          const res = await put(base + 1, base);
          expect(res.status).toBe(200);
          // the token from memory, the form, library, unit, usage, target, same set and treasury in one read; the save in one
          // statement (with the saves that arrive meanwhile, when no compaction is due)
          expect(texts.map((t) => t.trim().split(/\s+/).slice(0, 3).join(" "))).toEqual(["WITH k AS", "WITH i AS"]);
        }
      } finally {
        await store.close();
      }
    });

    it("compacts in batches from the head's mark: the head's bytes stay the forms kept whole, and a database compacted revision by revision catches up", async () => {
      const url = await cluster.createDatabase("compact");
      const store: PgStore = await openPgStore(url, { poolSize: 2 });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const form = (n: number) => ({ n, 名称: "项目".repeat(n) });
      const state = async () => {
        const { rows } = await c.query<{ whole: number[]; measured: string; bytes: string; compacted: number }>(
          `SELECT array(SELECT revision FROM revisions r WHERE r.unit = s.unit AND r.form IS NOT NULL ORDER BY revision) AS whole,
                  (SELECT coalesce(sum(coalesce(r.bytes, octet_length(r.form::text))), 0) FROM revisions r WHERE r.unit = s.unit AND r.form IS NOT NULL) AS measured, s.bytes, s.compacted
             FROM submissions s WHERE s.unit = $1`,
          [key.unit],
        );
        return rows[0]!;
      };
      try {
        let base: number | null = null;
        for (let n = 1; n <= 12; n++) {
          expect((await store.saveRevision(key, { revision: base }, { ...rev(n), form: form(n) }, "draft", { keepRevisions: 3 })).ok).toBe(true);
          base = n;
          const s = await state();
          // at least the kept ones whole, never twice as many; the head counts exactly the whole forms' bytes
          // (each as it was counted when saved; one saved before migration 017 as PostgreSQL prints it)
          expect(s.whole.length).toBeGreaterThanOrEqual(Math.min(n, 3));
          expect(s.whole.length).toBeLessThan(6);
          expect(s.whole.at(-1)).toBe(n);
          expect(s.whole[0]).toBe(s.compacted + 1);
          expect(Number(s.bytes)).toBe(Number(s.measured));
        }
        // as the code before migration 017 left a form: no mark, no sizes, and older forms whole (here: all of them)
        await c.query("UPDATE revisions SET form = jsonb_build_object('n', revision), bytes = NULL");
        await c.query("UPDATE submissions SET compacted = 0, bytes = (SELECT sum(octet_length(form::text)) FROM revisions)");
        // the server that meets such a database has just started (the migration runs at start)
        const upgraded: PgStore = await openPgStore(url, { poolSize: 2 });
        try {
          expect((await upgraded.saveRevision(key, { revision: 12 }, { ...rev(13), form: form(13) }, "draft", { keepRevisions: 3 })).ok).toBe(true);
        } finally {
          await upgraded.close();
        }
        const s = await state();
        expect(s.whole).toEqual([11, 12, 13]);
        expect(s.compacted).toBe(10);
        expect(Number(s.bytes)).toBe(Number(s.measured));
        // the compacted revisions keep who, when and their counts
        const history = await store.listRevisions(key);
        expect(history.map((r) => r.revision)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
        expect(history[0]).toMatchObject({ revision: 1, by: "t" });
        expect(history[0]?.form).toBeUndefined();
      } finally {
        await c.end();
        await store.close();
      }
    });

    it("refuses NUL, which PostgreSQL cannot store, with invalid_text (a 400 at the edge) and not a crash", async () => {
      const store: PgStore = await openPgStore(await cluster.createDatabase("nul"), { poolSize: 2 });
      // the store throws a DomainError; the HTTP layer answers its code with 400 (shared/api errorStatus)
      const refused = await store.saveRevision(key, { revision: null }, { ...rev(1), form: { x: "a\u0000b" } }, "draft").then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe("invalid_text");
      expect(statusOf(refused as DomainError)).toBe(400);
      // the same for a finding's words, also when the save hands their text made already (issuesJson)
      const issues: Issue[] = [{ rule: "I201", severity: "warning", path: "indicators[0]", message: { zh: "名称a\u0000b", en: "name" } }];
      for (const given of [{ issues }, { issues, issuesJson: JSON.stringify(issues) }]) {
        const err = await store.saveRevision(key, { revision: null }, { ...rev(1), ...given }, "draft").then(
          () => undefined,
          (e: unknown) => e,
        );
        expect((err as DomainError).code).toBe("invalid_text");
      }
      // a backslash-u typed as text is fine
      expect((await store.saveRevision(key, { revision: null }, { ...rev(1), form: { x: "\\u0000" } }, "draft")).ok).toBe(true);
      expect((await store.getSubmission(key))?.latest.form).toEqual({ x: "\\u0000" });
      await store.close();
    });
  });
});
