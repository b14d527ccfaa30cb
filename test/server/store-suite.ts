// The Store contract, written against the interface only, so every adapter (lowdb now, a
// database later) runs the same suite: `storeSuite("name", makeStore)`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import type { Library } from "../../shared/library.ts";
import { diffLibraries } from "../../server/library-changes.ts";
import type { NewRevision, Notice, Rectification, Store, SubmissionKey } from "../../server/store/store.ts";

export interface StoreHandle {
  store: Store;
  /** Closes the store and opens it again on the same data (a restart). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

function notice(id: string, year: number, deadline: string): Notice {
  return { id, year, kind: "target", units: "all", deadline, title: "通知", text: "请按时报送", issuedBy: "finance#f", issuedAt: "2025-03-01T00:00:00.000Z" };
}

function rect(id: string, unit: string, openedAt: string): Rectification {
  const at = openedAt;
  return {
    id,
    year: 2025,
    unit,
    project: "P1",
    kind: "target",
    requirement: "补充依据",
    deadline: "2025-04-30T15:59:59.999Z",
    state: "open",
    version: 1,
    openedBy: "finance#f",
    openedAt: at,
    updatedAt: at,
    answers: [],
    history: [{ action: "open", from: null, to: "open", by: "finance#f", at }],
  };
}

const key: SubmissionKey = { year: 2025, unit: "U1", project: "P1", kind: "target" };

function rev(n = 0): NewRevision {
  return {
    form: { kind: "target", year: 2025, unit: { code: "U1", name: "单位" }, project: { code: "P1", name: `项目${n}` } },
    by: "unit:U1#t",
    at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
    libraryVersion: 1,
    issues: n % 2 ? [{ rule: "H103", severity: "warning", path: "goals.annual", message: { zh: "短", en: "short" } }] : [],
  };
}

export function storeSuite(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHandle;
    let store: Store;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("publishes library versions in order only, with their changelog", async () => {
      expect(await store.currentLibrary()).toBeUndefined();
      const lib1: Library = { ...starterLibrary(), version: 1 };
      expect(await store.publishLibrary({ library: lib1, changes: diffLibraries(undefined, lib1), by: "t" })).toBe(true);
      const lib3: Library = { ...lib1, version: 3 };
      expect(await store.publishLibrary({ library: lib3, changes: diffLibraries(lib1, lib3), by: "t" })).toBe(false);
      const lib2: Library = { ...lib1, version: 2, indicators: lib1.indicators.slice(1) };
      expect(await store.publishLibrary({ library: lib2, changes: diffLibraries(lib1, lib2), by: "t" })).toBe(true);
      expect((await store.currentLibrary())?.library.version).toBe(2);
      expect((await store.libraryVersion(1))?.library.indicators).toHaveLength(lib1.indicators.length);
      expect((await store.currentLibrary())?.changes.removed).toEqual([lib1.indicators[0]?.code]);
    });

    it("keeps units and finds tokens by hash", async () => {
      await store.putUnit({ code: "U1", name: "一", confidential: false });
      await store.putUnit({ code: "U1", name: "一（改）", field: "water", confidential: true });
      expect(await store.listUnits()).toEqual([{ code: "U1", name: "一（改）", field: "water", confidential: true }]);
      await store.addToken({ id: "t1", hash: "ab", role: "unit", unit: "U1", createdAt: "2025-01-01T00:00:00Z" });
      expect((await store.findToken("ab"))?.unit).toBe("U1");
      expect(await store.findToken("cd")).toBeUndefined();
    });

    it("records a token's last use and revokes it once, keeping the record", async () => {
      await store.addToken({ id: "t1", hash: "ab", role: "finance", label: "预算科", canPublish: true, createdAt: "2025-01-01T00:00:00Z" });
      await store.addToken({ id: "t2", hash: "cd", role: "admin", createdAt: "2025-01-01T00:00:00Z" });
      await store.touchToken("t1", "2025-01-02T08:00:00.000Z");
      expect(await store.findToken("ab")).toMatchObject({ lastUsedAt: "2025-01-02T08:00:00.000Z", canPublish: true, label: "预算科" });
      expect(await store.revokeToken("t1", "2025-01-03T00:00:00.000Z")).toBe(true);
      expect(await store.revokeToken("t1", "2025-01-04T00:00:00.000Z")).toBe(false);
      expect(await store.revokeToken("nope", "2025-01-04T00:00:00.000Z")).toBe(false);
      expect((await store.findToken("ab"))?.revokedAt).toBe("2025-01-03T00:00:00.000Z");
      expect((await store.findToken("cd"))?.revokedAt).toBeUndefined();
      expect((await store.listTokens()).map((t) => [t.id, t.revokedAt ?? null])).toEqual([
        ["t1", "2025-01-03T00:00:00.000Z"],
        ["t2", null],
      ]);
    });

    it("appends immutable revisions under compare-and-set", async () => {
      const first = await store.saveRevision(key, { revision: null }, rev(1), "draft");
      expect(first.ok && first.submission.revision).toBe(1);
      // a second create loses
      const again = await store.saveRevision(key, { revision: null }, rev(2), "draft");
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.current?.revision).toBe(1);
      // stale base loses
      expect((await store.saveRevision(key, { revision: 7 }, rev(2), "draft")).ok).toBe(false);
      const second = await store.saveRevision(key, { revision: 1 }, rev(2), "draft");
      expect(second.ok).toBe(true);
      const s = await store.getSubmission(key);
      expect(s?.latest.revision).toBe(2);
      expect((s?.latest.form.project as { name: string }).name).toBe("项目2");
      expect(s?.firstCounts).toEqual({ error: 0, warning: 1, info: 0 });
      const history = await store.listRevisions(key);
      expect(history.map((r) => r.revision)).toEqual([1, 2]);
      expect(history[0]?.counts).toEqual({ error: 0, warning: 1, info: 0 });
      expect((history[0]?.form?.project as { name: string }).name).toBe("项目1");
      expect(await store.listRevisions({ ...key, project: "nope" })).toEqual([]);
    });

    it("lets exactly one of two racing saves on the same base win", async () => {
      await store.saveRevision(key, { revision: null }, rev(0), "draft");
      const results = await Promise.all([1, 2, 3, 4].map((n) => store.saveRevision(key, { revision: 1 }, rev(n), "draft")));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.getSubmission(key))?.revision).toBe(2);
    });

    it("changes status only when expected, and keeps the return comment", async () => {
      await store.saveRevision(key, { revision: null }, rev(0), "draft");
      expect((await store.transition(key, { statusIn: ["submitted"] }, { to: "approved", at: "x" })).ok).toBe(false);
      expect((await store.transition(key, { revision: 1, statusIn: ["draft"] }, { to: "submitted", at: "2025-02-01T00:00:00Z" })).ok).toBe(true);
      const returned = { comment: "改", cells: [{ cell: "B3", comment: "这里" }], by: "f", at: "2025-02-02T00:00:00Z", revision: 1 };
      const r = await store.transition(key, { statusIn: ["submitted"] }, { to: "returned", at: returned.at, returned });
      expect(r.ok && r.submission.returned?.cells[0]?.cell).toBe("B3");
      expect((await store.transition({ ...key, project: "nope" }, {}, { to: "approved", at: "x" })).ok).toBe(false);
      const saved = await store.saveRevision(key, { revision: 1, statusIn: ["draft", "returned"] }, rev(3), "draft");
      expect(saved.ok && saved.submission.returned?.comment).toBe("改");
      expect(saved.ok && saved.submission.status).toBe("draft");
    });

    it("lists from its index with filters and gives the latest forms", async () => {
      for (const [unit, project, kind] of [["U1", "P1", "target"], ["U1", "P2", "target"], ["U2", "P1", "monitor"]] as const) {
        await store.saveRevision({ year: 2025, unit, project, kind }, { revision: null }, rev(0), "draft");
      }
      await store.transition({ year: 2025, unit: "U1", project: "P2", kind: "target" }, {}, { to: "submitted", at: "y" });
      expect(await store.listSubmissions({ unit: "U1" })).toHaveLength(2);
      expect(await store.listSubmissions({ status: "submitted" })).toHaveLength(1);
      expect(await store.listSubmissions({ kind: "monitor", year: 2025 })).toHaveLength(1);
      expect(await store.listSubmissions({ year: 2024 })).toHaveLength(0);
      const heads = await store.listSubmissions({ unit: "U1", kind: "target" });
      expect(heads.map((f) => f.key.project)).toEqual(["P1", "P2"]);
      expect(heads[0]).toMatchObject({ rows: 0, bytes: expect.any(Number) });
    });

    it("marks key projects and keeps an audit log", async () => {
      await store.setKeyProject({ year: 2025, unit: "U1", project: "P1", key: true, by: "f", at: "a" });
      await store.setKeyProject({ year: 2025, unit: "U1", project: "P1", key: false, by: "f", at: "b" });
      expect(await store.listKeyProjects(2025)).toEqual([{ year: 2025, unit: "U1", project: "P1", key: false, by: "f", at: "b" }]);
      await Promise.all([1, 2, 3].map((n) => store.appendAudit({ at: `t${n}`, actor: "a", action: `x${n}` })));
      expect((await store.listAudit()).map((e) => e.action).sort()).toEqual(["x1", "x2", "x3"]);
    });

    it("keeps notices, and lets one caller only mark a deadline as announced", async () => {
      expect(await store.createNotice(notice("N2025-00000002", 2025, "2025-04-30T15:59:59.999Z"))).toBe(true);
      expect(await store.createNotice(notice("N2025-00000001", 2025, "2025-03-31T15:59:59.999Z"))).toBe(true);
      expect(await store.createNotice(notice("N2024-00000001", 2024, "2024-03-31T15:59:59.999Z"))).toBe(true);
      expect(await store.createNotice(notice("N2025-00000001", 2025, "2025-05-31T15:59:59.999Z"))).toBe(false);
      expect((await store.listNotices(2025)).map((n) => n.id)).toEqual(["N2025-00000001", "N2025-00000002"]);
      expect(await store.listNotices()).toHaveLength(3);
      expect((await store.getNotice("N2025-00000001"))?.deadline).toBe("2025-03-31T15:59:59.999Z");
      expect(await store.getNotice("N2025-ffffffff")).toBeUndefined();
      const marks = await Promise.all([1, 2, 3].map((n) => store.markNoticeOverdue("N2025-00000001", `2025-04-01T00:00:0${n}.000Z`)));
      expect(marks.filter(Boolean)).toHaveLength(1);
      expect(await store.markNoticeOverdue("N2025-00000001", "later")).toBe(false);
      expect(await store.markNoticeOverdue("N2025-ffffffff", "later")).toBe(false);
      expect((await store.getNotice("N2025-00000001"))?.overdueAt).toMatch(/^2025-04-01T00:00:0[123]/);
    });

    it("keeps rectification items under compare-and-set", async () => {
      expect(await store.createRectification(rect("R2025-00000001", "U1", "2025-03-02T00:00:00.000Z"))).toBe(true);
      expect(await store.createRectification(rect("R2025-00000002", "U2", "2025-03-01T00:00:00.000Z"))).toBe(true);
      expect(await store.createRectification(rect("R2025-00000001", "U2", "2025-03-03T00:00:00.000Z"))).toBe(false);
      expect((await store.listRectifications()).map((r) => r.id)).toEqual(["R2025-00000002", "R2025-00000001"]);
      expect((await store.listRectifications({ unit: "U1" })).map((r) => r.id)).toEqual(["R2025-00000001"]);
      expect(await store.listRectifications({ year: 2024 })).toEqual([]);
      const cur = (await store.getRectification("R2025-00000001")) as Rectification;
      const answered: Rectification = {
        ...cur,
        state: "answered",
        version: 2,
        answers: [{ measures: "已补充", evidence: "附件", by: "unit:U1#u", at: "2025-03-05T00:00:00.000Z" }],
      };
      const other: Rectification = { ...cur, state: "closed", version: 2 };
      const results = await Promise.all([store.updateRectification(answered, 1), store.updateRectification(other, 1)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const lost = results.find((r) => !r.ok);
      expect(lost && !lost.ok && lost.current?.version).toBe(2);
      expect((await store.updateRectification({ ...answered, id: "R2025-ffffffff" }, 1)).ok).toBe(false);
      expect((await store.listRectifications({ state: "open" })).map((r) => r.id)).toEqual(["R2025-00000002"]);
    });

    it("finds audit events by action and target across the whole log", async () => {
      for (let n = 0; n < 5; n++) {
        await store.appendAudit({ at: `2025-01-0${n + 1}`, actor: "a", action: n % 2 ? "submission.submitted" : "submission.returned", target: `${2024 + (n % 2)}/U1/P${n}/target` });
      }
      await store.appendAudit({ at: "2025-01-09", actor: "a", action: "unit.add", target: "2025-x" });
      expect((await store.findAudit({ actions: ["submission.submitted"] })).map((e) => e.target)).toEqual(["2025/U1/P1/target", "2025/U1/P3/target"]);
      expect((await store.findAudit({ targetPrefix: "2024/" })).map((e) => e.at)).toEqual(["2025-01-01", "2025-01-03", "2025-01-05"]);
      expect(await store.findAudit({ actions: ["submission.returned"], targetPrefix: "2025/" })).toEqual([]);
      expect(await store.findAudit({})).toHaveLength(6);
    });

    it("writes a change's audit events with it, built from its result", async () => {
      const saved = await store.saveRevision(key, { revision: null }, rev(1), "draft", {
        audit: (s) => [{ at: s.at, actor: "unit:U1#t", action: "submission.save", target: "2025/U1/P1/target", details: { revision: s.revision, from: s.from } }],
      });
      expect(saved.ok).toBe(true);
      const moved = await store.transition(key, { revision: 1, statusIn: ["draft"] }, { to: "submitted", at: "2025-02-01T00:00:00Z" }, (s, from) => [
        { at: s.statusAt, actor: "a", action: `submission.${s.status}`, details: { from, revision: s.revision } },
      ]);
      expect(moved.ok).toBe(true);
      // a write that loses writes no audit event
      expect((await store.saveRevision(key, { revision: 9 }, rev(2), "draft", { audit: () => [{ at: "x", actor: "x", action: "lost" }] })).ok).toBe(false);
      // a save over a submitted form: the status it leaves is in its audit event
      const audit = (s: { revision: number; from: string | null; status: string }) => [{ at: "t", actor: "a", action: "submission.save", details: { revision: s.revision, from: s.from, to: s.status } }];
      expect((await store.saveRevision(key, { revision: 1, statusIn: ["submitted"] }, rev(2), "draft", { audit })).ok).toBe(true);
      // and one whose precondition leaves the status open
      expect((await store.saveRevision(key, { revision: 2 }, rev(3), "draft", { audit })).ok).toBe(true);
      expect((await store.listAudit()).map((e) => [e.action, e.details])).toEqual([
        ["submission.save", { revision: 1, from: null }],
        ["submission.submitted", { from: "draft", revision: 1 }],
        ["submission.save", { revision: 2, from: "submitted", to: "draft" }],
        ["submission.save", { revision: 3, from: "draft", to: "draft" }],
      ]);
    });

    it("answers a unit's usage and the forms sharing an indicator set, without listing the unit", async () => {
      const put = (year: number, unit: string, project: string, fingerprint?: string) =>
        store.saveRevision({ year, unit, project, kind: "target" }, { revision: null }, { ...rev(0), ...(fingerprint ? { fingerprint } : {}) }, "draft");
      await put(2025, "U1", "P1", "aa");
      await put(2025, "U1", "P2", "aa");
      await put(2025, "U1", "P3", "bb");
      await put(2025, "U1", "P4");
      await put(2025, "U2", "P1", "aa");
      await put(2024, "U1", "P5", "aa");
      await store.saveRevision({ year: 2025, unit: "U1", project: "P6", kind: "monitor" }, { revision: null }, { ...rev(0), fingerprint: "aa" }, "draft");
      const usage = await store.unitUsage("U1", 2025);
      expect(usage.forms).toBe(5);
      expect(usage.bytes).toBeGreaterThan(0);
      expect((await store.unitUsage("U1", 2024)).forms).toBe(1);
      expect(await store.unitUsage("U9", 2025)).toEqual({ forms: 0, bytes: 0 });
      // its documents count toward its bytes, every year's, and another unit's do not
      const forms = (await store.unitUsage("U1", 2025)).bytes;
      const doc = (year: number, unit: string, content: string) =>
        store.documents.addDocument({ year, unit, project: "P1", kind: "evalReport" }, { name: "评价报告.pdf", type: "pdf", content: new TextEncoder().encode(content), by: "b", at: "a", maxVersions: 30 });
      expect(await store.unitUsage("U1", 2025)).toEqual({ forms: 5, bytes: forms });
      await doc(2025, "U1", "%PDF-1.4\n报告");
      await doc(2024, "U1", "%PDF-1.4\n");
      await doc(2025, "U2", "%PDF-1.4\n另一个单位");
      expect(await store.unitUsage("U1", 2025)).toEqual({ forms: 5, bytes: forms + 15 + 9 });
      expect((await store.saveContext({ year: 2025, unit: "U1", project: "P1", kind: "target" })).usage).toEqual({ forms: 5, bytes: forms + 15 + 9 });
      // same set, or stored before fingerprints were kept (P4): the caller reads only those
      expect((await store.sameIndicatorSet(2025, "U1", "target", "aa")).map((m) => m.key.project).sort()).toEqual(["P1", "P2", "P4"]);
    });

    it("answers everything a save reads in one call: the form, the library, the unit, its usage, the approved target, the same set, the treasury", async () => {
      const mk = (year: number, unit: string, project: string, kind: SubmissionKey["kind"], fingerprint?: string) =>
        store.saveRevision({ year, unit, project, kind }, { revision: null }, { ...rev(0), ...(fingerprint ? { fingerprint } : {}) }, "draft");
      const monitor: SubmissionKey = { year: 2025, unit: "U1", project: "P1", kind: "monitor" };
      // nothing stored yet
      expect(await store.saveContext(monitor)).toEqual({
        existing: undefined,
        library: undefined,
        usage: { forms: 0, bytes: 0 },
        unit: undefined,
        approvedTarget: undefined,
        sameSet: undefined,
        treasury: { payments: [] },
      });
      const lib1: Library = { ...starterLibrary(), version: 1 };
      await store.publishLibrary({ library: lib1, changes: diffLibraries(undefined, lib1), by: "t" });
      await store.putUnit({ code: "U1", name: "水务局", field: "water", confidential: false });
      await mk(2025, "U1", "P1", "target", "aa");
      await mk(2025, "U1", "P1", "monitor", "mm");
      await mk(2025, "U1", "P2", "monitor", "mm");
      await mk(2025, "U1", "P3", "monitor", "nn");
      await mk(2025, "U1", "P4", "monitor");
      await mk(2025, "U2", "P5", "monitor", "mm");
      await store.treasury.addPayments([
        { voucher: "V2", date: "2025-05-02", unit: "U1", project: "P1", amountFen: 2_000_00 },
        { voucher: "V1", date: "2024-12-30", unit: "U1", project: "P1", amountFen: 1_000_00 },
        { voucher: "V3", date: "2025-05-01", unit: "U1", project: "P2", amountFen: 5_00 },
      ]);
      await store.treasury.putBudgets([
        { year: 2025, unit: "U1", project: "P1", approved: 12.5 },
        { year: 2024, unit: "U1", project: "P1", approved: 3 },
      ]);
      const unapproved = await store.saveContext(monitor);
      expect(unapproved.existing).toEqual(await store.getSubmission(monitor));
      expect(unapproved.library?.library.version).toBe(1);
      expect(unapproved.unit).toEqual({ code: "U1", name: "水务局", field: "water", confidential: false });
      expect(unapproved.usage).toEqual(await store.unitUsage("U1", 2025));
      expect(unapproved.usage.forms).toBe(5);
      // the target is not approved: none
      expect(unapproved.approvedTarget).toBeUndefined();
      // the stored form's own fingerprint, when none is given: its set, and those stored before fingerprints (P4)
      expect(unapproved.sameSet?.fingerprint).toBe("mm");
      expect(unapproved.sameSet?.forms.map((m) => m.key.project).sort()).toEqual(["P1", "P2", "P4"]);
      const p2 = (await store.listSubmissions({ unit: "U1", project: "P2" }))[0]!;
      expect(unapproved.sameSet?.forms.find((m) => m.key.project === "P2")).toMatchObject({ key: p2.key, revision: p2.revision, projectName: p2.projectName, fingerprint: "mm" });
      expect(unapproved.sameSet?.forms.find((m) => m.key.project === "P4")?.fingerprint).toBeUndefined();
      // the project's payments of every year, by date; its budget of the year
      expect(unapproved.treasury.payments?.map((p) => [p.date, p.amountFen])).toEqual([["2024-12-30", 1_000_00], ["2025-05-02", 2_000_00]]);
      expect(unapproved.treasury.budget).toMatchObject({ year: 2025, unit: "U1", project: "P1", approved: 12.5 });
      // a fingerprint asked for is the one answered
      const asked = await store.saveContext(monitor, { fingerprint: "nn" });
      expect(asked.sameSet?.fingerprint).toBe("nn");
      expect(asked.sameSet?.forms.map((m) => m.key.project).sort()).toEqual(["P3", "P4"]);
      const target: SubmissionKey = { ...monitor, kind: "target" };
      expect((await store.transition(target, { revision: 1 }, { to: "approved", at: "2025-02-01T00:00:00.000Z" })).ok).toBe(true);
      const approved = await store.saveContext(monitor);
      expect(approved.approvedTarget).toEqual(await store.getSubmission(target));
      expect(approved.approvedTarget?.latest.form).toEqual(rev(0).form);
      // a target form has no target above it; a new form of another project has no set of its own
      expect((await store.saveContext(target)).approvedTarget).toBeUndefined();
      const fresh = await store.saveContext({ ...monitor, project: "P9" });
      expect(fresh.existing).toBeUndefined();
      expect(fresh.sameSet).toBeUndefined();
      expect(fresh.treasury).toEqual({ payments: [] });
      // after a restart, read from what was stored
      store = await h.reopen();
      const again = await store.saveContext(monitor);
      expect(again.existing).toEqual(approved.existing);
      expect(again.approvedTarget).toEqual(approved.approvedTarget);
      expect(again.library?.library.version).toBe(1);
    });

    it("keeps the last revisions whole and compacts older ones (who, when and counts stay)", async () => {
      let base: number | null = null;
      for (let n = 1; n <= 7; n++) {
        const r = await store.saveRevision(key, { revision: base }, rev(n), "draft", { keepRevisions: 3 });
        expect(r.ok).toBe(true);
        base = n;
      }
      const history = await store.listRevisions(key);
      expect(history.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(history.slice(-3).every((r) => r.form !== undefined)).toBe(true);
      // compacted in batches: never more than twice the kept ones whole, never fewer than kept
      const whole = history.filter((r) => r.form !== undefined).length;
      expect(whole).toBeGreaterThanOrEqual(3);
      expect(whole).toBeLessThan(6);
      expect(history[0]).toMatchObject({ revision: 1, by: "unit:U1#t", counts: { error: 0, warning: 1, info: 0 } });
      expect(history[0]?.form).toBeUndefined();
      const s = await store.getSubmission(key);
      expect((s?.latest.form.project as { name: string }).name).toBe("项目7");
      expect(s?.firstCounts).toEqual({ error: 0, warning: 1, info: 0 });
    });

    it("keeps everything across a restart", async () => {
      const lib1: Library = { ...starterLibrary(), version: 1 };
      await store.publishLibrary({ library: lib1, changes: diffLibraries(undefined, lib1), by: "t" });
      await store.putUnit({ code: "U1", name: "一", confidential: false });
      await store.addToken({ id: "t1", hash: "ab", role: "finance", createdAt: "c" });
      await store.addToken({ id: "t2", hash: "cd", role: "finance", canPublish: true, createdAt: "c" });
      await store.revokeToken("t1", "r");
      await store.saveRevision(key, { revision: null }, rev(0), "draft");
      await store.saveRevision(key, { revision: 1 }, rev(1), "draft");
      await store.appendAudit({ at: "t", actor: "a", action: "x" });
      await store.createNotice(notice("N2025-00000001", 2025, "2025-03-31T15:59:59.999Z"));
      await store.markNoticeOverdue("N2025-00000001", "2025-04-01T00:00:00.000Z");
      await store.createRectification(rect("R2025-00000001", "U1", "2025-03-02T00:00:00.000Z"));
      await store.updateRectification({ ...rect("R2025-00000001", "U1", "2025-03-02T00:00:00.000Z"), state: "answered", version: 2 }, 1);
      store = await h.reopen();
      expect((await store.getNotice("N2025-00000001"))?.overdueAt).toBe("2025-04-01T00:00:00.000Z");
      expect(await store.getRectification("R2025-00000001")).toMatchObject({ state: "answered", version: 2 });
      expect((await store.currentLibrary())?.library.version).toBe(1);
      expect(await store.findToken("ab")).toMatchObject({ role: "finance", revokedAt: "r" });
      expect((await store.findToken("cd"))?.canPublish).toBe(true);
      expect((await store.listSubmissions())[0]?.revision).toBe(2);
      expect(await store.listRevisions(key)).toHaveLength(2);
      expect(await store.listAudit()).toHaveLength(1);
    });
  });
}
