// The embedded store's journal, checkpoints and first-start migration (docs/storage.md): a data
// folder caught mid-write (as a kill -9 leaves it) comes back with every journalled save and its
// audit events; heads.json missing is rebuilt from the form logs; a folder in the first layout
// (one JSON document per form with every revision) upgrades itself on first start.
import { appendFile, cp, mkdir, readdir, readFile, truncate, unlink, writeFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSegment } from "../../server/store/journal.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import type { NewRevision, SubmissionKey } from "../../server/store/store.ts";
import { tempDirs } from "../support/temp.ts";

const tempDir = tempDirs("jixiao-journal-");

const key = (project: string): SubmissionKey => ({ year: 2025, unit: "U1", project, kind: "target" });
function rev(project: string, n: number): NewRevision {
  return {
    form: { kind: "target", year: 2025, unit: { code: "U1", name: "一单位" }, project: { code: project, name: `项目 ${project} 第${n}版` }, indicators: [] },
    by: "unit:U1#t",
    at: `2025-03-01T00:00:${String(n).padStart(2, "0")}.000Z`,
    libraryVersion: 1,
    issues: [],
  };
}
const audited = (project: string) => ({
  audit: (s: { revision: number }) => [{ at: "t", actor: "unit:U1#t", action: "submission.save", target: `2025/U1/${project}/target`, details: { revision: s.revision } }],
});

describe("lowdb journal", () => {
  it("brings back every journalled save and its audit events from a folder caught mid-write", async () => {
    const live = await tempDir();
    const a = await openLowStore(live);
    for (const p of ["P1", "P2", "P3"]) {
      let base: number | null = null;
      for (let n = 1; n <= 3; n++) {
        const r = await a.saveRevision(key(p), { revision: base }, rev(p, n), "draft", audited(p));
        expect(r.ok).toBe(true);
        base = n;
      }
    }
    await a.transition(key("P1"), { revision: 3 }, { to: "submitted", at: "2025-03-02T00:00:00.000Z" }, (s) => [{ at: "t2", actor: "u", action: "submission.submitted", details: { revision: s.revision } }]);
    // the folder as a kill -9 leaves it: the journal is on disk, the form logs and the audit log
    // may be short of what was applied after it (never fsynced), and a journal line may be cut
    const crashed = await tempDir();
    await cp(live, crashed, { recursive: true });
    await a.close();
    await unlink(join(crashed, "jixiao.lock"));
    const p2 = join(crashed, "submissions", "2025", "+u1", "+p2-target.jsonl");
    const text = await readFile(p2, "utf8");
    await truncate(p2, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1), "utf8") - 5);
    const auditFile = join(crashed, "audit.jsonl");
    await truncate(auditFile, (await stat(auditFile)).size - 30);
    const [segment] = (await readdir(join(crashed, "journal"))).sort();
    await appendFile(join(crashed, "journal", segment!), '{"lsn":999,"k":"2025/U1/P9/target","r":{"lsn":999,"t":"rev","revis');

    const b = await openLowStore(crashed);
    expect((await b.listSubmissions()).map((m) => [m.key.project, m.revision, m.status])).toEqual([
      ["P1", 3, "submitted"],
      ["P2", 3, "draft"],
      ["P3", 3, "draft"],
    ]);
    expect((await b.listRevisions(key("P2"))).map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(((await b.getSubmission(key("P2")))?.latest.form.project as { name: string }).name).toBe("项目 P2 第3版");
    // every revision has its audit event, once
    const saves = (await b.findAudit({ actions: ["submission.save"] })).map((e) => `${e.target}@${(e.details as { revision: number }).revision}`);
    expect(saves.sort()).toEqual(["P1", "P2", "P3"].flatMap((p) => [1, 2, 3].map((n) => `2025/U1/${p}/target@${n}`)).sort());
    expect(await b.findAudit({ actions: ["submission.submitted"] })).toHaveLength(1);
    // and it goes on from there
    expect((await b.saveRevision(key("P2"), { revision: 3 }, rev("P2", 4), "draft")).ok).toBe(true);
    await b.close();
    const c = await openLowStore(crashed);
    expect((await c.listRevisions(key("P2"))).map((r) => r.revision)).toEqual([1, 2, 3, 4]);
    expect(await c.findAudit({ actions: ["submission.save"] })).toHaveLength(9);
    await c.close();
  });

  it("rebuilds the heads from the form logs when heads.json is missing or unreadable", async () => {
    const dir = await tempDir();
    const a = await openLowStore(dir);
    await a.saveRevision(key("P1"), { revision: null }, rev("P1", 1), "draft");
    await a.saveRevision(key("P1"), { revision: 1 }, rev("P1", 2), "draft");
    await a.saveRevision(key("P2"), { revision: null }, rev("P2", 1), "draft");
    const before = await a.listSubmissions();
    await a.close();
    for (const damage of [() => unlink(join(dir, "heads.json")), () => writeFile(join(dir, "heads.json"), '{"layout":2,"heads":[{"me')]) {
      await damage();
      const b = await openLowStore(dir);
      expect(await b.listSubmissions()).toEqual(before);
      await b.close();
    }
  });

  it("upgrades a data folder of the first layout on first start", async () => {
    const dir = await tempDir();
    const legacyDir = join(dir, "submissions", "2025", "U1");
    await mkdir(legacyDir, { recursive: true });
    const r = (n: number) => ({ revision: n, ...rev("P-1", n), counts: { error: n === 1 ? 2 : 0, warning: 0, info: 0 } });
    const legacy = {
      key: key("P-1"),
      status: "returned",
      revision: 2,
      revisions: [r(1), r(2)],
      returned: { comment: "请补充", cells: [], by: "finance#f", at: "2025-03-05T00:00:00.000Z", revision: 2 },
      updatedAt: "2025-03-05T00:00:00.000Z",
      statusAt: "2025-03-05T00:00:00.000Z",
    };
    await writeFile(join(legacyDir, "P-1-target.json"), JSON.stringify(legacy));
    await writeFile(join(dir, "audit.jsonl"), '{"at":"a","actor":"x","action":"submission.save","target":"2025/U1/P-1/target"}\n');

    const store = await openLowStore(dir);
    const [meta] = await store.listSubmissions();
    expect(meta).toMatchObject({ key: key("P-1"), status: "returned", revision: 2, statusAt: "2025-03-05T00:00:00.000Z", projectName: "项目 P-1 第2版" });
    const s = await store.getSubmission(key("P-1"));
    expect(s?.returned?.comment).toBe("请补充");
    expect(s?.firstCounts.error).toBe(2);
    expect((await store.listRevisions(key("P-1"))).map((x) => x.revision)).toEqual([1, 2]);
    expect(await readdir(legacyDir)).toEqual([]);
    expect(await readdir(join(dir, "submissions", "2025", "+u1"))).toEqual(["+p-1-target.jsonl"]);
    expect((await store.listAudit()).map((e) => e.action)).toEqual(["submission.save"]);
    expect((await store.saveRevision(key("P-1"), { revision: 2, statusIn: ["returned"] }, rev("P-1", 3), "draft")).ok).toBe(true);
    await store.close();
    const again = await openLowStore(dir);
    expect((await again.listSubmissions())[0]).toMatchObject({ revision: 3, status: "draft" });
    await again.close();
  });

  it("checkpoints as the journal grows: old segments go, heads.json follows", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir, { segmentBytes: 2000 });
    let base: number | null = null;
    for (let n = 1; n <= 12; n++) {
      expect((await store.saveRevision(key("P1"), { revision: base }, rev("P1", n), "draft", audited("P1"))).ok).toBe(true);
      base = n;
    }
    // a checkpoint runs beside the saves: wait for one to land (a fresh folder starts at segment 2)
    const checkpoint = async () => (JSON.parse(await readFile(join(dir, "heads.json"), "utf8")) as { checkpoint: number }).checkpoint;
    for (let i = 0; i < 100 && (await checkpoint()) <= 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await checkpoint()).toBeGreaterThan(2);
    expect((await readdir(join(dir, "journal"))).length).toBeLessThanOrEqual(2);
    await store.close();
    const again = await openLowStore(dir);
    expect((await again.listRevisions(key("P1"))).map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await again.findAudit({ actions: ["submission.save"] })).toHaveLength(12);
    await again.close();
  });

  it("compacts by cutting each old revision's form off its line: findings naming a `form` field, a status line between, offsets right before and after a restart", async () => {
    const dir = await tempDir();
    const store = await openLowStore(dir);
    const k = key("P1");
    // a finding whose details hold a `form` key (not first) sits before the form's own field on the line;
    // the last save compacts, so the head's offsets come from the compaction alone
    const tricky = (n: number): NewRevision => ({
      ...rev("P1", n),
      issues: [{ rule: "I212", severity: "warning", message: { zh: "提示", en: "note" }, details: { n, form: { kind: "target" } } } as unknown as NewRevision["issues"][number]],
    });
    let base: number | null = null;
    for (let n = 1; n <= 10; n++) {
      const r = await store.saveRevision(k, { revision: base }, n % 2 === 0 ? tricky(n) : rev("P1", n), "draft", { keepRevisions: 2 });
      expect(r.ok).toBe(true);
      base = n;
      if (n === 3) {
        expect((await store.transition(k, { revision: 3 }, { to: "submitted", at: "2025-03-02T00:00:00.000Z" })).ok).toBe(true);
        expect((await store.transition(k, { revision: 3 }, { to: "returned", at: "2025-03-03T00:00:00.000Z", returned: { comment: "改", cells: [], by: "finance#f", at: "t", revision: 3 } })).ok).toBe(true);
        expect((await store.saveRevision(k, { revision: 3, statusIn: ["returned"] }, rev("P1", 4), "draft", { keepRevisions: 2 })).ok).toBe(true);
        base = 4;
        n = 4;
      }
    }
    const check = async (s: typeof store) => {
      const history = await s.listRevisions(k);
      expect(history.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const whole = history.filter((r) => r.form !== undefined).map((r) => r.revision);
      expect(whole.length).toBeGreaterThanOrEqual(2);
      expect(whole.length).toBeLessThan(4);
      expect(whole).toContain(10);
      expect(history.find((r) => r.revision === 8)?.issues[0]).toMatchObject({ details: { form: { kind: "target" }, n: 8 } });
      expect(history.find((r) => r.revision === 2)?.issues[0]).toMatchObject({ details: { form: { kind: "target" }, n: 2 } });
      const latest = await s.getSubmission(k);
      expect(latest).toMatchObject({ revision: 10, status: "draft" });
      expect((latest?.latest.form.project as { name: string }).name).toBe("项目 P1 第10版");
      // the head's size is the file's
      const [meta] = await s.listSubmissions();
      expect(meta?.bytes).toBe((await stat(join(dir, "submissions", "2025", "+u1", "+p1-target.jsonl"))).size);
    };
    await check(store);
    await store.close();
    const again = await openLowStore(dir);
    await check(again);
    // heads rebuilt from the compacted log agree
    await again.close();
    await unlink(join(dir, "heads.json"));
    const rebuilt = await openLowStore(dir);
    await check(rebuilt);
    await rebuilt.close();
  });

  it("mends from the journal a compaction a crash caught half-written: the log cut inside its rewritten tail comes back whole", async () => {
    const live = await tempDir();
    const k = key("P1");
    const save = async (s: Awaited<ReturnType<typeof openLowStore>>, n: number) =>
      expect((await s.saveRevision(k, { revision: n === 1 ? null : n - 1 }, rev("P1", n), "draft", { keepRevisions: 2, ...audited("P1") })).ok).toBe(true);
    const a = await openLowStore(live);
    for (let n = 1; n <= 6; n++) await save(a, n);
    await a.close(); // a checkpoint: revisions 1–6 are in the log, fsynced, and no longer in the journal
    const b = await openLowStore(live);
    for (let n = 7; n <= 8; n++) await save(b, n);
    await b.listRevisions(k); // after the compaction the eighth save started
    // the folder as a kill -9 leaves it: the log cut a few bytes into the tail the compaction rewrote
    // (from revision 5, the first line that held a form), the journal whole
    const crashed = await tempDir();
    await cp(live, crashed, { recursive: true });
    await b.close();
    await unlink(join(crashed, "jixiao.lock"));
    const file = join(crashed, "submissions", "2025", "+u1", "+p1-target.jsonl");
    const log = await readFile(file);
    const at = log.indexOf('"revision":5,');
    expect(at).toBeGreaterThan(0);
    await truncate(file, log.lastIndexOf("\n", at) + 1 + 10);
    const c = await openLowStore(crashed);
    const history = await c.listRevisions(k);
    expect(history.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.filter((r) => r.form).map((r) => r.revision)).toEqual([7, 8]);
    expect(((await c.getSubmission(k))?.latest.form.project as { name: string }).name).toBe("项目 P1 第8版");
    expect((await c.findAudit({ actions: ["submission.save"] })).map((e) => (e.details as { revision: number }).revision).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [meta] = await c.listSubmissions();
    expect(meta?.bytes).toBe((await stat(file)).size);
    // and it goes on compacting from there
    for (let n = 9; n <= 10; n++) await save(c, n);
    expect((await c.listRevisions(k)).filter((r) => r.form).map((r) => r.revision)).toEqual([9, 10]);
    await c.close();
    const d = await openLowStore(crashed);
    expect((await d.listRevisions(k)).map((r) => [r.revision, r.form !== undefined])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n >= 9]));
    await d.close();
  });

  it("reads a compaction's tail as bytes: a line in it that is not JSON hides no journal line after it, a tail cut short ends the segment", async () => {
    const dir = await tempDir();
    const seg = (lines: string) => writeFile(join(dir, "00000001.jsonl"), `{"segment":1,"lsn":5}\n${lines}`);
    const tail = '{"lsn":5,"t":"rev","revision":1}\nnot json\n';
    const after = '{"lsn":7,"a":[{"at":"t","actor":"x","action":"submission.save"}]}\n';
    await seg(`{"lsn":6,"k":"2025/U1/P1/target","c":{"at":0,"bytes":${Buffer.byteLength(tail)}}}\n${tail}${after}`);
    const { entries } = await readSegment(dir, 1);
    expect(entries.map((e) => e.lsn)).toEqual([6, 7]);
    expect(entries[0]?.c?.tail?.toString("utf8")).toBe(tail);
    await seg(`{"lsn":6,"k":"2025/U1/P1/target","c":{"at":0,"bytes":${Buffer.byteLength(tail) + 500}}}\n${tail}${after}`);
    expect((await readSegment(dir, 1)).entries).toEqual([]);
  });

  it("opens and compacts a folder whose heads.json does not say where the forms start (written before it was kept)", async () => {
    const dir = await tempDir();
    const k = key("P1");
    const a = await openLowStore(dir);
    for (let n = 1; n <= 5; n++) expect((await a.saveRevision(k, { revision: n === 1 ? null : n - 1 }, rev("P1", n), "draft")).ok).toBe(true);
    await a.close();
    const file = join(dir, "heads.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as { heads: { fullAt?: number }[] };
    expect(doc.heads[0]?.fullAt).toBe(0);
    for (const h of doc.heads) delete h.fullAt;
    await writeFile(file, JSON.stringify(doc));
    const b = await openLowStore(dir);
    expect((await b.saveRevision(k, { revision: 5 }, rev("P1", 6), "draft", { keepRevisions: 2 })).ok).toBe(true);
    const whole = async (s: typeof b) => (await s.listRevisions(k)).map((r) => [r.revision, r.form !== undefined]);
    expect(await whole(b)).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, n >= 5]));
    expect((await b.getSubmission(k))?.latest.revision).toBe(6);
    await b.close();
    const c = await openLowStore(dir);
    expect(await whole(c)).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, n >= 5]));
    expect((await c.listSubmissions())[0]?.bytes).toBe((await stat(join(dir, "submissions", "2025", "+u1", "+p1-target.jsonl"))).size);
    await c.close();
  });

  it("reads from their files the heads of forms a checkpoint caught mid-compaction (heads.json lists them)", async () => {
    const dir = await tempDir();
    const a = await openLowStore(dir);
    for (let n = 1; n <= 3; n++) expect((await a.saveRevision(key("P1"), { revision: n === 1 ? null : n - 1 }, rev("P1", n), "draft")).ok).toBe(true);
    expect((await a.saveRevision(key("P2"), { revision: null }, rev("P2", 1), "draft")).ok).toBe(true);
    await a.close();
    // as a checkpoint taken while P1 was being compacted leaves it: P1's head as of the old file
    const file = join(dir, "heads.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as { heads: { meta: { key: { project: string } }; latestAt: number }[]; refold?: string[] };
    for (const h of doc.heads) if (h.meta.key.project === "P1") h.latestAt += 7;
    doc.refold = ["2025/U1/P1/target"];
    await writeFile(file, JSON.stringify(doc));
    const b = await openLowStore(dir);
    expect((await b.getSubmission(key("P1")))?.latest.form.project).toMatchObject({ name: "项目 P1 第3版" });
    expect((await b.getSubmission(key("P2")))?.revision).toBe(1);
    await b.close();
  });
});
