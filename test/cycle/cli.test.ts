// The cycle's CLI verbs, run in-process on a data folder: notice, rectify, results, assess.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../server/cli/main.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";

let dir: string;
let out: string;
let err: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-cycle-cli-"));
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function jixiao(...args: string[]): Promise<number> {
  out = "";
  err = "";
  return main(args);
}

describe("jixiao notice / rectify / results / assess", () => {
  it("issues and lists notices, opens and follows an item, writes the results and the assessment", async () => {
    expect(await jixiao("units", "add", "--data", dir, "--code", "U01", "--name", "区林业局")).toBe(0);
    expect(await jixiao("notice", "issue", "--data", dir, "--year", "2025", "--kind", "target", "--deadline", "2020-03-31", "--title", "通知", "--text", "请报送")).toBe(0);
    const id = out.trim();
    expect(id).toMatch(/^N2025-[0-9a-f]{8}$/);
    expect(await jixiao("notice", "show", "--data", dir, "--id", id)).toBe(0);
    expect(out).toContain("missing 1");
    expect(out).toMatch(/U01\t-\tmissing/);
    expect(await jixiao("notice", "issue", "--data", dir, "--year", "2025", "--kind", "target", "--deadline", "soon", "--title", "t", "--text", "x")).toBe(2);
    expect(err).toContain("--deadline");
    expect(await jixiao("notice", "issue", "--data", dir, "--year", "2025", "--kind", "target", "--deadline", "2025-03-31", "--units", "U01,U99", "--title", "t", "--text", "x")).toBe(1);
    expect(err).toContain("U99");

    // an item needs a saved form
    const store = await openLowStore(dir);
    await store.saveRevision({ year: 2025, unit: "U01", project: "P1", kind: "target" }, { revision: null }, { form: {}, by: "u", at: "2025-03-01T00:00:00.000Z", libraryVersion: 1, issues: [] }, "draft");
    await store.close();
    expect(await jixiao("rectify", "open", "--data", dir, "--year", "2025", "--unit", "U01", "--project", "P1", "--kind", "target", "--requirement", "补充依据", "--deadline", "2099-12-31")).toBe(0);
    const rid = out.trim();
    expect(await jixiao("rectify", "accept", "--data", dir, "--id", rid)).toBe(1);
    expect(err).toContain("cannot be accepted");
    expect(await jixiao("rectify", "answer", "--data", dir, "--id", rid, "--measures", "已补充", "--evidence", "附件")).toBe(0);
    expect(await jixiao("rectify", "accept", "--data", dir, "--id", rid, "--comment", "同意")).toBe(0);
    expect(await jixiao("rectify", "list", "--data", dir, "--state", "closed")).toBe(0);
    expect(out).toContain(`${rid}\tU01\tP1\ttarget\tclosed`);

    expect(await jixiao("assess", "--data", dir, "--year", "2025", "--json")).toBe(0);
    const a = JSON.parse(out);
    // owed 1 form, missing → 0 of 25; errors: 1 form, 0 errors → 15; item closed on time → 15
    expect(a.units[0]).toMatchObject({ unit: "U01", rank: 1, total: 54.55 });
    const file = join(dir, "results.xlsx");
    expect(await jixiao("results", "--data", dir, "--year", "2025", "--out", file)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as never);
    expect(wb.getWorksheet("结果通报")?.getCell("A2").value).toBe("U01");
    expect(await jixiao("results", "--data", dir, "--year", "2025")).toBe(0);
    expect(JSON.parse(out).units[0].rectification.closed).toBe(1);

    const s2 = await openLowStore(dir);
    expect((await s2.findAudit({ targetPrefix: rid })).map((e) => e.action)).toEqual(["rectification.open", "rectification.answer", "rectification.accept"]);
    await s2.close();
  });
});
