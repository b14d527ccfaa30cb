// The data folder's opinions and problems handed on (data/opinions/<year>.json,
// data/handovers/<year>.json): kept across a restart, private (0600), one file per year.
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import type { Handover } from "../../shared/cycle/handover.ts";
import { ConsultationInputSchema, newConsultation } from "../../shared/cycle/opinions.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const draft = (id: string, year: number) =>
  newConsultation(id, ConsultationInputSchema.parse({ year, subject: { kind: "results" }, title: "通报", draft: { text: "通报" }, units: ["U-A", "U-B"], deadline: `${year}-03-10` }), "finance#f", `${year}-03-01T00:00:00.000Z`);
const handed = (id: string, year: number): Handover => ({ id, year, unit: "U-A", subject: { kind: "finding", project: "P1", form: "target", rule: "I212", row: 1 }, department: "区审计局", date: `${year}-04-02`, reference: "财绩移〔2025〕3号", summary: "问题", by: "finance#f", at: `${year}-04-02T01:00:00.000Z` });

describe("opinions and handovers in the data folder", () => {
  it("survive a restart, one private file per year; a stale version is refused and the stored one kept", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-opinions-"));
    dirs.push(dir);
    let store = await openLowStore(dir, { fsync: false });
    const a = draft("O2025-00000001", 2025);
    expect(await store.opinions.create(a)).toBe(true);
    expect(await store.opinions.create(a)).toBe(false);
    await store.opinions.create(draft("O2024-00000002", 2024));
    const next = { ...a, version: 2, state: "final" as const };
    expect(await store.opinions.update(next, 1)).toEqual({ ok: true, item: next });
    expect(await store.opinions.update({ ...a, version: 3, title: "改" }, 1)).toEqual({ ok: false, current: next });
    expect(await store.handovers.add(handed("H2025-00000001", 2025))).toBe(true);
    await store.close();

    store = await openLowStore(dir, { fsync: false });
    expect((await store.opinions.get("O2025-00000001"))?.state).toBe("final");
    expect((await store.opinions.list({ year: 2024 })).map((c) => c.id)).toEqual(["O2024-00000002"]);
    expect((await store.opinions.list({ unit: "U-B", state: "final" })).map((c) => c.id)).toEqual(["O2025-00000001"]);
    expect(await store.handovers.list({ unit: "U-A" })).toEqual([handed("H2025-00000001", 2025)]);
    expect(await store.handovers.list({ unit: "U-B" })).toEqual([]);
    await store.close();
    expect((await readdir(join(dir, "opinions"))).sort()).toEqual(["2024.json", "2025.json"]);
    if (process.platform !== "win32") {
      expect((await stat(join(dir, "opinions", "2025.json"))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, "handovers"))).mode & 0o777).toBe(0o700);
    }
  });
});
