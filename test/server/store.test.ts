import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DataFolderLockedError } from "../../server/store/lock.ts";
import type { ByteLru } from "../../server/store/byte-lru.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { storeSuite } from "./store-suite.ts";

storeSuite("lowdb (sharded files)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
  let store = await openLowStore(dir);
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = await openLowStore(dir);
      return store;
    },
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe("lowdb save reads", () => {
  it("gives a save the same reads from memory as from the files: the form, its approved target, the treasury, the unit's usage with its documents, the same-set forms", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    let store = await openLowStore(dir);
    const rev = (project: string, fingerprint: string) => ({ form: { project: { name: `项目 ${project}` } }, by: "b", at: "a", libraryVersion: 1, issues: [], rows: 3, fingerprint });
    const target = { year: 2025, unit: "U1", project: "P1", kind: "target" } as const;
    await store.saveRevision(target, { revision: null }, rev("P1", "f1"), "draft");
    await store.transition(target, { revision: 1 }, { to: "approved", at: "t" });
    await store.saveRevision({ ...target, kind: "monitor" }, { revision: null }, rev("P1", "m1"), "draft");
    await store.saveRevision({ ...target, project: "P2", kind: "monitor" }, { revision: null }, rev("P2", "m1"), "draft");
    await store.treasury.addPayments([{ voucher: "ZF2", date: "2025-04-01", unit: "U1", project: "P1", amountFen: 200 }, { voucher: "ZF1", date: "2025-03-01", unit: "U1", project: "P1", amountFen: 100 }]);
    await store.treasury.putBudgets([{ year: 2025, unit: "U1", project: "P1", approved: 1 }]);
    await store.documents.addDocument({ year: 2025, unit: "U1", project: "P1", kind: "evalPlan" }, { name: "评价方案.pdf", type: "pdf", content: new TextEncoder().encode("%PDF-1.4\n"), by: "b", at: "a", maxVersions: 30 });
    await store.close();
    store = await openLowStore(dir);
    const key = { ...target, kind: "monitor" } as const;
    // first from the files (nothing in memory yet), then, all of it loaded, from memory
    const read = await store.saveContext(key, { tokenId: "none" });
    expect(read.treasury.payments?.map((p) => p.date)).toEqual(["2025-03-01", "2025-04-01"]);
    expect(read.usage.bytes).toBeGreaterThan(9);
    expect(read.approvedTarget?.revision).toBe(1);
    expect(read.sameSet?.forms.map((m) => m.key.project).sort()).toEqual(["P1", "P2"]);
    await new Promise((r) => setTimeout(r, 0));
    const asked = vi.spyOn(store.treasury, "listPayments");
    expect(await store.saveContext(key, { tokenId: "none" })).toEqual(read);
    expect(asked).not.toHaveBeenCalled(); // read from memory this time
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe("lowdb revision cache", () => {
  it("keeps a form read from its file at once for a save's reads, and for other reads only when read a second time lately", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    let store = await openLowStore(dir);
    const rev = (project: string) => ({ form: { project: { name: `项目 ${project}` }, indicators: [{ name: "产出数量（１）", value: "１２" }] }, by: "b", at: "a", libraryVersion: 1, issues: [] });
    const a = { year: 2025, unit: "单位甲", project: "P1", kind: "target" } as const;
    const b = { ...a, project: "P2", kind: "monitor" } as const;
    await store.saveRevision(a, { revision: null }, rev("P1"), "draft");
    await store.saveRevision({ ...b, kind: "target" }, { revision: null }, rev("P2"), "draft");
    await store.saveRevision(b, { revision: null }, rev("P2"), "draft");
    await store.close();
    store = await openLowStore(dir);
    const cache = (store as unknown as { latestCache: ByteLru<unknown> }).latestCache;
    const id = (k: { year: number; unit: string; project: string; kind: string }) => `${k.year}/${k.unit}/${k.project}/${k.kind}`;
    const first = await store.getSubmission(a);
    expect(cache.get(id(a))).toBeUndefined(); // read once: not kept
    expect(await store.getSubmission(a)).toEqual(first);
    expect(cache.get(id(a))).toBeDefined(); // read again: kept
    expect(first?.latest.form).toEqual(rev("P1").form);
    await store.saveContext(b, {});
    expect(cache.get(id(b))).toBeDefined(); // a save's reads keep the form and its target at once
    expect(cache.get(id({ ...b, kind: "target" }))).toBeDefined();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe("lowdb store files", () => {
  it("writes one log per form, named apart on disks that ignore case, private (0600/0700), with no temp files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    const store = await openLowStore(dir);
    const rev = { form: {}, by: "b", at: "a", libraryVersion: 1, issues: [] };
    await store.saveRevision({ year: 2025, unit: "U1", project: "P-1", kind: "monitor" }, { revision: null }, rev, "draft");
    await store.saveRevision({ year: 2025, unit: "U1", project: "p-1", kind: "monitor" }, { revision: null }, rev, "draft");
    await store.saveRevision({ year: 2025, unit: "U1", project: "CON", kind: "target" }, { revision: null }, rev, "draft");
    // the treasury's files are private too
    await store.treasury.addPayments([{ voucher: "ZF1", date: "2025-03-01", unit: "U1", project: "P-1", amountFen: 100 }]);
    await store.treasury.putBudgets([{ year: 2025, unit: "U1", project: "P-1", approved: 1 }]);
    // and a project's documents (docs/documents.md)
    await store.documents.addDocument({ year: 2025, unit: "U1", project: "P-1", kind: "evalPlan" }, { name: "评价方案.pdf", type: "pdf", content: new TextEncoder().encode("%PDF-1.4\n"), by: "b", at: "a", maxVersions: 30 });
    await store.close();
    const files = (await readdir(join(dir, "submissions", "2025", "+u1"))).sort();
    // p-1 and P-1 differ in letters only in case: their names differ without it; CON is a name Windows reserves
    expect(files).toEqual(["+c+o+n-target.jsonl", "+p-1-monitor.jsonl", "p-1-monitor.jsonl"]);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(3);
    const line = JSON.parse((await readFile(join(dir, "submissions", "2025", "+u1", "+p-1-monitor.jsonl"), "utf8")).trim());
    expect(line).toMatchObject({ t: "rev", revision: 1, status: "draft" });
    const all = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(all.filter((e) => e.name.endsWith(".tmp"))).toEqual([]);
    for (const e of all) {
      const mode = (await stat(join(e.parentPath, e.name))).mode & 0o777;
      if (e.isFile() && e.name !== "jixiao.lock") expect([e.name, mode.toString(8)]).toEqual([e.name, "600"]);
      if (e.isDirectory()) expect([e.name, mode.toString(8)]).toEqual([e.name, "700"]);
    }
    // and it reads back after the restart, from heads.json
    const again = await openLowStore(dir);
    expect((await again.listSubmissions({ unit: "U1" })).map((m) => m.key.project).sort()).toEqual(["CON", "P-1", "p-1"]);
    const kept = await again.documents.readDocument({ year: 2025, unit: "U1", project: "P-1", kind: "evalPlan" }, 1);
    expect([kept?.meta.name, new TextDecoder().decode(kept?.content)]).toEqual(["评价方案.pdf", "%PDF-1.4\n"]);
    await again.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a second opener of the same folder, and takes over a dead owner's lock", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    const store = await openLowStore(dir);
    await expect(openLowStore(dir)).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(openLowStore(dir)).rejects.toThrow(/in use by another jixiao process/);
    await store.close();
    // a lock left by a process that no longer exists
    await writeFile(join(dir, "jixiao.lock"), "999999\n");
    const again = await openLowStore(dir);
    expect(JSON.parse(await readFile(join(dir, "jixiao.lock"), "utf8")).pid).toBe(process.pid);
    await again.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("drops temp files and ends a cut audit line on start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    await writeFile(join(dir, "directory.json.123.1.tmp"), "{half");
    await writeFile(join(dir, "audit.jsonl"), '{"at":"a","actor":"x","action":"ok"}\n{"at":"b","act');
    const store = await openLowStore(dir);
    await store.appendAudit({ at: "c", actor: "y", action: "after" });
    expect((await store.listAudit()).map((e) => e.action)).toEqual(["ok", "after"]);
    expect(await readdir(dir)).not.toContain("directory.json.123.1.tmp");
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
