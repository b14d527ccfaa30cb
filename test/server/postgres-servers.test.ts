// Several servers on one PostgreSQL database, as real processes on loopback: they start together
// (one sets the database up), 20 clients race saves across both and exactly one wins per base
// revision, and an SSE client on one hears what is done on the other. Then `jixiao store copy`
// from a lowdb data folder, and a CLI verb on a database.
import { describe, expect, it } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { createToken } from "../../server/auth.ts";
import { demoForm } from "../../server/demo-form.ts";
import { publishLibrary } from "../../server/routes/library.ts";
import { newConsultation } from "../../shared/cycle/opinions.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { openPgStore } from "../../server/store/postgres/pg-store.ts";
import type { NewRevision, SubmissionKey } from "../../server/store/store.ts";
import { sseReader } from "../support/sse.ts";
import { onCluster } from "../support/postgres.ts";
import { tempDirs } from "../support/temp.ts";
import { burst, expectEveryRevisionAudited, saver } from "./kill-trial.ts";
import { runJixiao, spawnServe, type Served } from "./process.ts";

const jixiao = (args: string[], ms = 60_000) => runJixiao(args, ms);

/** An SSE stream read into text, until a predicate holds. */
async function stream(url: string) {
  const ctl = new AbortController();
  const res = await fetch(url, { signal: ctl.signal });
  return Object.assign(sseReader(res), { close: () => ctl.abort() });
}

const count = (text: string, s: string) => text.split(s).length - 1;

onCluster("several servers on PostgreSQL", (cluster) => {
  const tempDir = tempDirs("jixiao-pgserve-");

  describe("two jixiao serve processes on one database", { timeout: 120_000 }, () => {
    it("start together, race saves (one winner per base revision), and hear each other's events", async () => {
      const url = await cluster.createDatabase("servers");
      const data = await tempDir();
      const args = ["--http", "--store", url, "--data", data, "--ping-ms", "200"];
      let a: Served | undefined;
      let b: Served | undefined;
      try {
        [a, b] = await Promise.all([spawnServe(args), spawnServe(args)]);
        // one of them set the database up: one library version, one admin token printed
        const admin = [a, b].map((s) => /^\s+(jx_\S+)$/m.exec(s.out())?.[1]).filter((t): t is string => t !== undefined);
        expect(admin).toHaveLength(1);
        expect(a.out()).toContain("Database: postgres://postgres@127.0.0.1");

        const store = await openPgStore(url, { poolSize: 2 });
        expect((await store.currentLibrary())?.library.version).toBe(1);
        await store.putUnit({ code: "U-A", name: "林业局", confidential: false });
        const unit = (await createToken(store, "unit", "U-A")).token;
        const finance = (await createToken(store, "finance")).token;
        await store.close();

        const path = "/api/submissions/2025/U-A/P1/target";
        const form = (n: number) => demoForm("target", { year: 2025, unit: { code: "U-A", name: "林业局" }, project: { code: "P1", name: `项目 ${n}` } });
        const put = (s: Served, n: number, base?: number) =>
          fetch(s.url + path, {
            method: "PUT",
            headers: { authorization: `Bearer ${unit}`, "content-type": "application/json", ...(base ? { "if-match": `"${base}"` } : {}) },
            body: JSON.stringify(form(n)),
          });

        // 20 clients create it at once: one 201, the rest told it exists (428: If-Match needed) or lost the race (409)
        const created = await Promise.all(Array.from({ length: 20 }, (_, i) => put(i % 2 ? a! : b!, i)));
        expect(created.filter((r) => r.status === 201)).toHaveLength(1);
        expect(created.every((r) => [201, 409, 428].includes(r.status))).toBe(true);

        for (let base = 1; base <= 3; base++) {
          const results = await Promise.all(Array.from({ length: 20 }, (_, i) => put(i % 2 ? a! : b!, i, base)));
          const statuses = results.map((r) => r.status);
          expect(statuses.filter((s) => s === 200)).toHaveLength(1);
          expect(statuses.filter((s) => s === 409)).toHaveLength(19);
          const stale = (await results.find((r) => r.status === 409)!.json()) as { error: { code: string; details: { revision: number } } };
          expect(stale.error.code).toBe("stale_revision");
        }
        for (const s of [a, b]) {
          const got = (await (await fetch(s.url + path, { headers: { authorization: `Bearer ${finance}` } })).json()) as { revision: number };
          expect(got.revision).toBe(4);
        }

        // events: a stream on each server; a publish and a submit on B are heard on A, once; B hears its own once
        const onA = await stream(`${a.url}/api/events?access_token=${finance}`);
        const onB = await stream(`${b.url}/api/events?access_token=${finance}`);
        await Promise.all([onA.until((t) => t.includes("event: ready")), onB.until((t) => t.includes("event: ready"))]);
        const lib = (await (await fetch(`${b.url}/api/library`, { headers: { authorization: `Bearer ${admin[0]}` } })).json()) as { indicators: unknown[] };
        const published = await fetch(`${b.url}/api/library`, {
          method: "PUT",
          headers: { authorization: `Bearer ${admin[0]}`, "content-type": "application/json" },
          body: JSON.stringify({ indicators: lib.indicators, note: "由 B 发布" }),
        });
        expect(published.status).toBe(201);
        const submitted = await fetch(`${b.url}${path}/submit`, { method: "POST", headers: { authorization: `Bearer ${unit}` } });
        expect(submitted.status).toBe(200);
        await onA.until((t) => t.includes("event: library.published") && t.includes('"status":"submitted"'));
        await onB.until((t) => t.includes("event: library.published") && t.includes('"status":"submitted"'));
        expect(onA.text).toContain('"note":"由 B 发布"');
        // wait for a ping past both, so a duplicate would have arrived
        const pings = count(onA.text, ": ping");
        await onA.until((t) => count(t, ": ping") >= pings + 2);
        for (const s of [onA, onB]) {
          expect(count(s.text, "event: library.published")).toBe(1);
          expect(count(s.text, '"status":"submitted"')).toBe(1);
        }
        onA.close();
        onB.close();
      } finally {
        for (const s of [a, b]) s?.child.kill("SIGTERM");
        // both stop cleanly on SIGTERM
        for (const code of await Promise.all([a, b].map((s) => s?.exited))) if (code !== undefined) expect(code).toBe(0);
      }
    });
  });

  describe("jixiao store copy", { timeout: 120_000 }, () => {
    it("moves a data folder into PostgreSQL as it is, checks it, and refuses a database that is not empty", async () => {
      const dir = await tempDir();
      const low = await openLowStore(dir, { fsync: false });
      const lib = starterLibrary();
      await publishLibrary(low, { indicators: lib.indicators, policy: lib.policy, note: "v1" }, "t", new Date("2025-01-01T00:00:00Z"));
      await publishLibrary(low, { indicators: lib.indicators.map((i, n) => (n === 0 ? { ...i, name: `${i.name}（改）` } : i)), note: "v2" }, "t", new Date("2025-02-01T00:00:00Z"));
      await low.putUnit({ code: "U-A", name: "林业局", field: "forestry", confidential: false });
      await low.putUnit({ code: "U-B", name: "水利局", confidential: true });
      await createToken(low, "admin");
      await createToken(low, "unit", "U-A", "林业局 填报");
      const rev = (n: number, unit: string): NewRevision => ({
        form: demoForm("monitor", { year: 2025, unit: { code: unit, name: unit }, project: { code: `P${n}`, name: `项目${n}` } }) as unknown as Record<string, unknown>,
        by: `unit:${unit}`,
        at: `2025-03-0${1 + (n % 9)}T00:00:00.000Z`,
        libraryVersion: 2,
        issues: n % 2 ? [{ rule: "H103", severity: "warning", path: "goals", message: { zh: "短", en: "short" } }] : [],
      });
      const keys: SubmissionKey[] = [];
      for (let n = 0; n < 12; n++) {
        const key: SubmissionKey = { year: 2025, unit: n % 3 ? "U-A" : "U-B", project: `P${n}`, kind: n % 2 ? "monitor" : "target" };
        keys.push(key);
        for (let r = 0; r <= n % 4; r++) await low.saveRevision(key, { revision: r === 0 ? null : r }, rev(n + r, key.unit), "draft");
      }
      await low.transition(keys[1]!, {}, { to: "submitted", at: "2025-04-01T00:00:00Z" });
      await low.transition(keys[1]!, {}, { to: "returned", at: "2025-04-02T00:00:00Z", returned: { comment: "改", cells: [{ cell: "C5", comment: "此处" }], by: "finance", at: "2025-04-02T00:00:00Z", revision: 2 } });
      await low.transition(keys[2]!, {}, { to: "approved", at: "2025-04-03T00:00:00Z" });
      await low.setKeyProject({ year: 2025, unit: "U-A", project: "P1", key: true, by: "f", at: "a" });
      await low.setKeyProject({ year: 2025, unit: "U-B", project: "P0", key: false, by: "f", at: "b" });
      for (let i = 0; i < 5; i++) await low.appendAudit({ at: `t${i}`, actor: "a", action: `x${i}`, ...(i % 2 ? { target: "y", details: { i } } : {}) });
      await low.opinions.create(
        newConsultation("O2025-0a1b2c3d", { year: 2025, subject: { kind: "results" }, title: "通报（征求意见稿）", draft: { text: "通报" }, units: ["U-A", "U-B"], deadline: "2025-03-10T15:59:59.999Z" }, "finance#f", "2025-03-01T00:00:00.000Z"),
      );
      await low.handovers.add({ id: "H2025-0a1b2c3d", year: 2025, unit: "U-A", subject: { kind: "finding", project: "P1", form: "monitor", rule: "H103" }, department: "区审计局", date: "2025-04-02", reference: "财绩移〔2025〕3号", summary: "问题", by: "finance#f", at: "2025-04-02T01:00:00.000Z" });
      await low.close();

      const url = await cluster.createDatabase("copy");
      const r = await jixiao(["store", "copy", "--from", dir, "--to", url]);
      expect(r.err).toContain("every count and revision matches");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/revisions 版本\s+30\s+30/);
      expect(r.out).toMatch(/submissions whose revisions match 版本一致的表单\s+12\s+12/);

      // the database holds what the folder holds
      const from = await openLowStore(dir);
      const to = await openPgStore(url, { poolSize: 2 });
      expect((await to.currentLibrary())?.library.version).toBe(2);
      expect(await to.libraryVersion(1)).toEqual(await from.libraryVersion(1));
      expect(await to.listUnits()).toEqual(await from.listUnits());
      expect(await to.listTokens()).toEqual(await from.listTokens());
      expect(await to.listKeyProjects()).toEqual(await from.listKeyProjects());
      expect(await to.listAudit()).toEqual(await from.listAudit());
      expect(await to.opinions.list({ unit: "U-B" })).toEqual(await from.opinions.list());
      expect(await to.handovers.list()).toEqual(await from.handovers.list());
      // `bytes` is each store's own measure (a log file's size, the forms' JSON in the database)
      const heads = async (st: { listSubmissions(): Promise<{ bytes: number }[]> }) => (await st.listSubmissions()).map(({ bytes: _b, ...m }) => m);
      expect(await heads(to)).toEqual(await heads(from));
      for (const k of keys) expect(await to.getSubmission(k)).toEqual(await from.getSubmission(k));
      await to.close();
      await from.close();

      const again = await jixiao(["store", "copy", "--from", dir, "--to", url]);
      expect(again.code).toBe(2);
      expect(again.err).toMatch(/not empty/);

      // the other verbs take a database in --data
      const listed = await jixiao(["units", "list", "--data", url]);
      expect(listed.out).toContain("U-B\t水利局");
    });
  });

  describe("a server on PostgreSQL killed with SIGKILL", { timeout: 180_000 }, () => {
    it("loses nothing acknowledged, leaves no revision unaudited, and starts again", async () => {
      const url = await cluster.createDatabase("killed");
      const data = await tempDir();
      const args = ["--http", "--store", url, "--data", data];
      const s = await spawnServe(args);
      const setup = await openPgStore(url, { poolSize: 2 });
      await setup.putUnit({ code: "U-K", name: "区林业局", field: "forestry", confidential: false });
      const { token } = await createToken(setup, "unit", "U-K");
      await setup.close();
      const year = 2025;
      const saves = saver(s.url, token, { code: "U-K", name: "区林业局" }, year);
      // 24 new forms, then 3 more revisions of each of 6, and the kill while a last burst is in flight
      const projects = Array.from({ length: 24 }, (_, i) => `KILL-${i}`);
      await burst(saves, projects, 6);
      const inFlight = projects.slice(6, 14).map((p) => saves.put(p, saves.acked.get(p)).catch(() => undefined));
      s.child.kill("SIGKILL");
      await s.exited;
      await Promise.all(inFlight);

      // it starts again on the same database, and everything acknowledged is there, each revision audited
      const back = await spawnServe(args);
      const store = await openPgStore(url, { poolSize: 2 });
      try {
        for (const [p, rev] of saves.acked) expect((await store.getSubmission({ year, unit: "U-K", project: p, kind: "target" }))?.revision, p).toBeGreaterThanOrEqual(rev);
        expect(await expectEveryRevisionAudited(store, "U-K", year)).toBeGreaterThanOrEqual(24 + 18);
      } finally {
        await store.close();
        back.child.kill("SIGTERM");
        await back.exited;
      }
    });
  });
});
