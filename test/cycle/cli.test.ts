// The cycle's CLI verbs, run in-process on a data folder: notice, rectify, results, assess.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { cliEachTest } from "../support/cli.ts";

const cli = cliEachTest("jixiao-cycle-cli-");

describe("jixiao notice / rectify / results / assess", () => {
  it("issues and lists notices, opens and follows an item, writes the results and the assessment", async () => {
    expect(await cli.run("units", "add", "--data", cli.dir, "--code", "U01", "--name", "区林业局")).toBe(0);
    expect(await cli.run("notice", "issue", "--data", cli.dir, "--year", "2025", "--kind", "target", "--deadline", "2020-03-31", "--title", "通知", "--text", "请报送")).toBe(0);
    const id = cli.out.trim();
    expect(id).toMatch(/^N2025-[0-9a-f]{8}$/);
    expect(await cli.run("notice", "show", "--data", cli.dir, "--id", id)).toBe(0);
    expect(cli.out).toContain("missing 1");
    expect(cli.out).toMatch(/U01\t-\tmissing/);
    expect(await cli.run("notice", "issue", "--data", cli.dir, "--year", "2025", "--kind", "target", "--deadline", "soon", "--title", "t", "--text", "x")).toBe(2);
    expect(cli.err).toContain("--deadline");
    expect(await cli.run("notice", "issue", "--data", cli.dir, "--year", "2025", "--kind", "target", "--deadline", "2025-03-31", "--units", "U01,U99", "--title", "t", "--text", "x")).toBe(1);
    expect(cli.err).toContain("U99");

    // an item needs a saved form
    const store = await openLowStore(cli.dir);
    await store.saveRevision({ year: 2025, unit: "U01", project: "P1", kind: "target" }, { revision: null }, { form: {}, by: "u", at: "2025-03-01T00:00:00.000Z", libraryVersion: 1, issues: [] }, "draft");
    await store.close();
    expect(await cli.run("rectify", "open", "--data", cli.dir, "--year", "2025", "--unit", "U01", "--project", "P1", "--kind", "target", "--requirement", "补充依据", "--deadline", "2099-12-31")).toBe(0);
    const rid = cli.out.trim();
    expect(await cli.run("rectify", "accept", "--data", cli.dir, "--id", rid)).toBe(1);
    expect(cli.err).toContain("cannot be accepted");
    expect(await cli.run("rectify", "answer", "--data", cli.dir, "--id", rid, "--measures", "已补充", "--evidence", "附件")).toBe(0);
    expect(await cli.run("rectify", "accept", "--data", cli.dir, "--id", rid, "--comment", "同意")).toBe(0);
    expect(await cli.run("rectify", "list", "--data", cli.dir, "--state", "closed")).toBe(0);
    expect(cli.out).toContain(`${rid}\tU01\tP1\ttarget\tclosed`);

    expect(await cli.run("assess", "--data", cli.dir, "--year", "2025", "--json")).toBe(0);
    const a = JSON.parse(cli.out);
    // owed 1 form, missing → 0 of 25; errors: 1 form, 0 errors → 15; item closed on time → 15
    expect(a.units[0]).toMatchObject({ unit: "U01", rank: 1, total: 54.55 });
    const file = join(cli.dir, "results.xlsx");
    expect(await cli.run("results", "--data", cli.dir, "--year", "2025", "--out", file)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as never);
    expect(wb.getWorksheet("结果通报")?.getCell("A2").value).toBe("U01");
    expect(await cli.run("results", "--data", cli.dir, "--year", "2025")).toBe(0);
    expect(JSON.parse(cli.out).units[0].rectification.closed).toBe(1);

    const s2 = await openLowStore(cli.dir);
    expect((await s2.findAudit({ targetPrefix: rid })).map((e) => e.action)).toEqual(["rectification.open", "rectification.answer", "rectification.accept"]);
    await s2.close();
  });
});
