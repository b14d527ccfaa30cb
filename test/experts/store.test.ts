// The expert sub-store's contract, on the store makeEnv opens (lowdb here; postgres.test.ts runs
// this file on PostgreSQL): experts, assignments filtered and ordered, the conclusion's
// compare-and-set, a submitted sheet that never changes, and all of it kept across a restart
// (lowdb: read back from the file by a fresh adapter).
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultTargetSheet } from "../../shared/expert/policy.ts";
import type { Assignment, Review } from "../../shared/expert/review.ts";
import { LowExperts } from "../../server/store/lowdb-experts.ts";
import { makeEnv, type TestEnv } from "../server/helpers.ts";

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.close();
});

function assignment(id: string, due: string, experts: string[], unit = "U-A"): Assignment {
  return { id, year: 2025, unit, project: "P1", kind: "target", round: 1, experts, due, sheet: defaultTargetSheet, by: "finance#f", at: "2025-03-01T00:00:00.000Z", version: 1 };
}

function review(assignmentId: string, expert: string, submitted = false): Review {
  const r: Review = { assignment: assignmentId, expert, scores: { completeness: 18 }, comments: { completeness: "完整" }, cells: [{ cell: "goals.annual", comment: "未量化" }], savedAt: "2025-03-02T00:00:00.000Z" };
  if (submitted) r.submittedAt = "2025-03-03T00:00:00.000Z";
  return r;
}

describe("expert store", () => {
  it("adds experts once and lists them by code", async () => {
    const s = env.store.experts;
    expect(await s.addExpert({ code: "E2", name: "李华", field: "industry" })).toBe(true);
    expect(await s.addExpert({ code: "E1", name: "张明", field: "performance" })).toBe(true);
    expect(await s.addExpert({ code: "E1", name: "重名", field: "industry" })).toBe(false);
    expect(await s.getExpert("E1")).toEqual({ code: "E1", name: "张明", field: "performance" });
    expect(await s.getExpert("E9")).toBeUndefined();
    expect((await s.listExperts()).map((e) => e.code)).toEqual(["E1", "E2"]);
  });

  it("stores assignments once, filters by expert, unit and year, orders by due date then id", async () => {
    const s = env.store.experts;
    expect(await s.createAssignment(assignment("A2025-0000000b", "2025-05-01T00:00:00.000Z", ["E1", "E2"]))).toBe(true);
    expect(await s.createAssignment(assignment("A2025-0000000a", "2025-05-01T00:00:00.000Z", ["E2"], "U-B"))).toBe(true);
    expect(await s.createAssignment(assignment("A2025-0000000c", "2025-04-01T00:00:00.000Z", ["E1"]))).toBe(true);
    expect(await s.createAssignment(assignment("A2025-0000000c", "2025-04-01T00:00:00.000Z", ["E3"]))).toBe(false);
    expect((await s.listAssignments()).map((a) => a.id)).toEqual(["A2025-0000000c", "A2025-0000000a", "A2025-0000000b"]);
    expect((await s.listAssignments({ expert: "E1" })).map((a) => a.id)).toEqual(["A2025-0000000c", "A2025-0000000b"]);
    expect((await s.listAssignments({ expert: "E2", unit: "U-B" })).map((a) => a.id)).toEqual(["A2025-0000000a"]);
    expect(await s.listAssignments({ year: 2024 })).toEqual([]);
    expect(await s.getAssignment("A2025-0000000c")).toEqual(assignment("A2025-0000000c", "2025-04-01T00:00:00.000Z", ["E1"]));
  });

  it("records a conclusion only on the version it was based on", async () => {
    const s = env.store.experts;
    await s.createAssignment(assignment("A2025-0000000d", "2025-05-01T00:00:00.000Z", ["E1"]));
    const c = { verdict: "pass" as const, text: "通过", by: "finance#f", at: "2025-05-02T00:00:00.000Z" };
    const first = await s.concludeAssignment("A2025-0000000d", c, 1);
    expect(first.ok).toBe(true);
    expect(first.ok && first.assignment).toMatchObject({ version: 2, conclusion: c });
    const stale = await s.concludeAssignment("A2025-0000000d", { ...c, text: "晚到" }, 1);
    expect(stale).toMatchObject({ ok: false, current: { version: 2, conclusion: { text: "通过" } } });
    expect(await s.concludeAssignment("A2025-ffffffff", c, 1)).toEqual({ ok: false, current: undefined });
    expect((await s.getAssignment("A2025-0000000d"))?.conclusion?.text).toBe("通过");
  });

  it("a sheet is saved over until submitted, and never after", async () => {
    const s = env.store.experts;
    await s.createAssignment(assignment("A2025-0000000e", "2025-05-01T00:00:00.000Z", ["E1", "E2"]));
    expect((await s.saveReview(review("A2025-0000000e", "E2"))).ok).toBe(true);
    expect((await s.saveReview({ ...review("A2025-0000000e", "E2"), scores: { completeness: 12 } })).ok).toBe(true);
    expect((await s.saveReview(review("A2025-0000000e", "E1", true))).ok).toBe(true);
    const late = await s.saveReview({ ...review("A2025-0000000e", "E1"), scores: { completeness: 1 } });
    expect(late.ok).toBe(false);
    expect(!late.ok && late.current.submittedAt).toBe("2025-03-03T00:00:00.000Z");
    expect((await s.getReview("A2025-0000000e", "E1"))?.scores).toEqual({ completeness: 18 });
    expect((await s.getReview("A2025-0000000e", "E2"))?.scores).toEqual({ completeness: 12 });
    expect((await s.listReviews("A2025-0000000e")).map((r) => r.expert)).toEqual(["E1", "E2"]);
    expect(await s.listReviews("A2025-ffffffff")).toEqual([]);
    expect(await s.getReview("A2025-0000000e", "E3")).toBeUndefined();
  });

  it("two sheets saved at once for one assignment are both kept", async () => {
    const s = env.store.experts;
    await s.createAssignment(assignment("A2025-0000000f", "2025-05-01T00:00:00.000Z", ["E1", "E2", "E3"]));
    await Promise.all(["E1", "E2", "E3"].map((e) => s.saveReview(review("A2025-0000000f", e))));
    expect((await s.listReviews("A2025-0000000f")).map((r) => r.expert)).toEqual(["E1", "E2", "E3"]);
  });

  it("lowdb: what was written is read back by a fresh adapter on the same folder", async () => {
    if (!env.dir) return; // PostgreSQL: every read is from the database already
    const s = env.store.experts;
    await s.addExpert({ code: "E1", name: "张明", field: "performance" });
    await s.createAssignment(assignment("A2025-00000010", "2025-05-01T00:00:00.000Z", ["E1"]));
    await s.saveReview(review("A2025-00000010", "E1", true));
    // private, as every data file is (docs/storage.md)
    expect((await stat(join(env.dir, "experts.json"))).mode & 0o777).toBe(0o600);
    const fresh = new LowExperts(env.dir, { fsync: false });
    expect(await fresh.getExpert("E1")).toMatchObject({ name: "张明" });
    expect((await fresh.getReview("A2025-00000010", "E1"))?.submittedAt).toBe("2025-03-03T00:00:00.000Z");
  });
});
