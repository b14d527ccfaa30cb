import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderLockedError } from "../../server/store/lock.ts";
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

describe("lowdb store files", () => {
  it("writes one file per submission, and no temp files remain", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-store-"));
    const store = await openLowStore(dir);
    const rev = { form: {}, by: "b", at: "a", libraryVersion: 1, issues: [] };
    await store.saveRevision({ year: 2025, unit: "U1", project: "P-1", kind: "monitor" }, { revision: null }, rev, "draft");
    await store.close();
    const files = await readdir(join(dir, "submissions", "2025", "U1"));
    expect(files).toEqual(["P-1-monitor.json"]);
    expect(JSON.parse(await readFile(join(dir, "submissions", "2025", "U1", "P-1-monitor.json"), "utf8")).revision).toBe(1);
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
