import { describe, expect, it } from "vitest";
import type { FormInput } from "../../shared/form.ts";
import { Api, ApiError, OfflineError, type SaveResult } from "../../addin/src/api.ts";
import { Outbox, type Send } from "../../addin/src/outbox.ts";
import { memoryStore } from "../../addin/src/storage.ts";

function form(project: string, note: string): FormInput {
  return {
    kind: "target",
    year: 2025,
    unit: { code: "U01", name: "区林业局" },
    project: { code: project, name: note, field: "forestry", attribute: "new", servesPublic: true },
    funds: { total: 100, fiscal: 100, other: 0 },
    goals: { annual: note },
    indicators: [],
  };
}

function result(f: FormInput, revision: number): SaveResult {
  return { year: f.year, unit: f.unit.code, project: f.project.code, kind: f.kind, status: "draft", revision, issues: [] };
}

/** A fake server: a revision per form, 409 when If-Match is stale, offline when told. */
function server() {
  const revisions = new Map<string, number>();
  const log: string[] = [];
  let online = true;
  const send: Send = async (f, basedOn) => {
    if (!online) throw new OfflineError();
    const key = f.project.code;
    const current = revisions.get(key);
    if (current !== undefined && basedOn !== current) throw new ApiError(409, "stale_revision", "stale", { revision: current, status: "draft", form: form(key, "theirs") });
    const next = (current ?? 0) + 1;
    revisions.set(key, next);
    log.push(`${key}:${f.goals.annual}@${basedOn ?? "-"}→${next}`);
    return result(f, next);
  };
  return { send, log, revisions, setOnline: (v: boolean) => void (online = v) };
}

describe("Outbox", () => {
  it("holds saves while offline, survives a reload, and sends them in order when back", async () => {
    const store = memoryStore();
    const srv = server();
    srv.setOnline(false);
    const box = await Outbox.open(store);
    await box.enqueue(form("P1", "first"));
    await box.enqueue(form("P2", "other project"));
    await box.enqueue(form("P1", "second"));
    const r1 = await box.flush(srv.send);
    expect(r1.offline).toBe(true);
    expect(box.list()).toHaveLength(3);

    // the pane is reloaded: a new Outbox over the same storage
    const again = await Outbox.open(store);
    expect(again.list().map((i) => i.form.goals.annual)).toEqual(["first", "other project", "second"]);
    srv.setOnline(true);
    const r2 = await again.flush(srv.send);
    expect(r2.offline).toBe(false);
    expect(r2.sent).toHaveLength(3);
    // the second save of P1 went out based on the revision the first one made
    expect(srv.log).toEqual(["P1:first@-→1", "P2:other project@-→1", "P1:second@1→2"]);
    expect(again.list()).toHaveLength(0);
    expect(JSON.parse(store.data.get("jixiao.outbox")!)).toEqual([]);
  });

  it("stops at a 409 and keeps the later saves waiting behind it", async () => {
    const store = memoryStore();
    const srv = server();
    srv.revisions.set("P1", 5); // someone else saved meanwhile
    const box = await Outbox.open(store);
    await box.enqueue(form("P1", "mine"), 4);
    await box.enqueue(form("P2", "after"));
    const r = await box.flush(srv.send);
    expect(r.conflict?.form.goals.annual).toBe("mine");
    expect(r.conflict?.conflict).toMatchObject({ revision: 5, status: "draft" });
    expect(box.list()).toHaveLength(2);
    expect(srv.log).toEqual([]);
    // the conflict is persisted too
    const reloaded = await Outbox.open(store);
    expect(reloaded.list()[0]!.conflict?.revision).toBe(5);
  });

  it("keep mine: sends again based on the server's revision", async () => {
    const srv = server();
    srv.revisions.set("P1", 5);
    const box = await Outbox.open(memoryStore());
    await box.enqueue(form("P1", "mine"), 4);
    const { conflict } = await box.flush(srv.send);
    await box.resolve(conflict!.id, "mine");
    const r = await box.flush(srv.send);
    expect(r.sent).toHaveLength(1);
    expect(srv.log).toEqual(["P1:mine@5→6"]);
  });

  it("take the server's: drops my saves of that form, the others still go", async () => {
    const srv = server();
    srv.revisions.set("P1", 5);
    const box = await Outbox.open(memoryStore());
    await box.enqueue(form("P1", "mine"), 4);
    await box.enqueue(form("P2", "other"));
    await box.enqueue(form("P1", "mine again"), 4);
    const { conflict } = await box.flush(srv.send);
    await box.resolve(conflict!.id, "theirs");
    expect(box.list().map((i) => i.form.project.code)).toEqual(["P2"]);
    await box.flush(srv.send);
    expect(srv.log).toEqual(["P2:other@-→1"]);
  });

  it("marks a save the server refuses for good, and goes on with the rest", async () => {
    const box = await Outbox.open(memoryStore());
    await box.enqueue(form("BAD", "x"));
    await box.enqueue(form("P2", "y"));
    const send: Send = async (f) => {
      if (f.project.code === "BAD") throw new ApiError(400, "identity_mismatch", "no");
      return result(f, 1);
    };
    const r = await box.flush(send);
    expect(r.sent.map((s) => s.item.form.project.code)).toEqual(["P2"]);
    expect(box.list()).toHaveLength(1);
    expect(box.list()[0]!.error).toMatchObject({ status: 400, code: "identity_mismatch" });
    expect(r.failed.map((f) => f.form.project.code)).toEqual(["BAD"]);
  });

  it("goes through the API client: If-Match, and an unreachable server is offline", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = new Api("http://127.0.0.1:9/", "tok", async (url, init) => {
      calls.push({ url: String(url), init: init! });
      if (calls.length === 1) throw new TypeError("Failed to fetch");
      if (calls.length === 2) return new Response(JSON.stringify({ error: { code: "stale_revision", message: "stale", details: { revision: 7 } } }), { status: 409 });
      return new Response(JSON.stringify(result(form("P1", "x"), 8)), { status: 200 });
    });
    const box = await Outbox.open(memoryStore());
    await box.enqueue(form("P1", "x"), 3);
    const send: Send = (f, b) => api.save(f, b);
    expect((await box.flush(send)).offline).toBe(true);
    const r = await box.flush(send);
    expect(r.conflict?.conflict?.revision).toBe(7);
    await box.resolve(r.conflict!.id, "mine");
    expect((await box.flush(send)).sent).toHaveLength(1);
    expect(calls[0]!.url).toBe("http://127.0.0.1:9/api/submissions/2025/U01/P1/target");
    expect(calls[0]!.init.method).toBe("PUT");
    expect((calls[0]!.init.headers as Record<string, string>)["If-Match"]).toBe('"3"');
    expect((calls[2]!.init.headers as Record<string, string>)["If-Match"]).toBe('"7"');
    expect((calls[2]!.init.headers as Record<string, string>).Authorization).toBe("Bearer tok");
  });
});

describe("Api.url", () => {
  it("keeps a path in the server address (behind a proxy at /jixiao)", () => {
    const noop = async () => new Response("{}");
    expect(new Api("https://perf.bureau.gov.cn/jixiao", "t", noop).url("/api/me")).toBe("https://perf.bureau.gov.cn/jixiao/api/me");
    expect(new Api("https://perf.bureau.gov.cn/jixiao/", "t", noop).url("/api/me")).toBe("https://perf.bureau.gov.cn/jixiao/api/me");
    expect(new Api("https://localhost:3443", "t", noop).url("/api/library/changes?since=2")).toBe("https://localhost:3443/api/library/changes?since=2");
  });
});

describe("Outbox and a locked form", () => {
  it("an approved form (409 approved_locked) is a failed save with its code, not an edit conflict", async () => {
    const box = await Outbox.open(memoryStore());
    await box.enqueue(form("P9", "after approval"), 3);
    const send: Send = async () => {
      throw new ApiError(409, "approved_locked", "表单已审核通过并锁定 / approved", { revision: 3, status: "approved" });
    };
    const report = await box.flush(send);
    expect(report.conflict).toBeUndefined();
    const [item] = box.list();
    expect(item!.conflict).toBeUndefined();
    expect(item!.error?.code).toBe("approved_locked");
    // reported as refused this run, with the details the pane says "approved on …" from
    expect(report.failed.map((f) => f.id)).toEqual([item!.id]);
    expect(item!.error?.details).toEqual({ revision: 3, status: "approved" });
  });
});
