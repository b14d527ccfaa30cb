// `jixiao template KIND [--from FORM.json] [--library FILE] --out FILE.xlsx`
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { readWorkbook } from "../../server/xlsx/read.ts";
import { monitorForm, smallLibrary } from "./fixtures.ts";

const run = promisify(execFile);
const bin = new URL("../../server/cli/bin.js", import.meta.url).pathname;

describe("jixiao template", () => {
  it("writes a blank template with the starter library's names in the hidden library sheet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-tpl-"));
    const out = join(dir, "申报表.xlsx");
    await run(process.execPath, [bin, "template", "target", "--out", out]);
    const grids = await readWorkbook(out);
    expect(grids.map((g) => g.name)).toEqual(["绩效目标申报表", "指标库", "_jixiao"]);
    expect(grids[1]!.values.flat()).toContain("森林管护面积");
    const [parsed] = parseWorkbook(grids);
    expect(parsed!.issues.some((i) => i.rule === "P002")).toBe(true);
  });

  it("lays out a form from --from with --library, and reads back the same rows", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-tpl-"));
    const form = join(dir, "form.json");
    const lib = join(dir, "lib.json");
    const out = join(dir, "monitor.xlsx");
    await writeFile(form, JSON.stringify(monitorForm()));
    await writeFile(lib, JSON.stringify(smallLibrary()));
    await run(process.execPath, [bin, "template", "monitor", "--from", form, "--library", lib, "--out", out]);
    const [parsed] = parseWorkbook(await readWorkbook(out));
    expect(parsed!.issues).toEqual([]);
    expect(parsed!.form!.indicators.map((r) => r.name)).toEqual(monitorForm().indicators.map((r) => r.name));
  });

  it("accepts the Chinese name of the kind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-tpl-"));
    await run(process.execPath, [bin, "template", "绩效自评表", "--out", join(dir, "x.xlsx")]);
  });

  it("exits 2 on a bad kind, a missing --out, a form of another kind, or a file that is not JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-tpl-"));
    const form = join(dir, "form.json");
    await writeFile(form, JSON.stringify(monitorForm()));
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ not json");
    for (const args of [
      ["template", "budget", "--out", join(dir, "x.xlsx")],
      ["template", "target"],
      ["template", "target", "--from", form, "--out", join(dir, "x.xlsx")],
      ["template", "monitor", "--from", bad, "--out", join(dir, "x.xlsx")],
      ["template", "monitor", "--library", bad, "--out", join(dir, "x.xlsx")],
    ]) {
      await expect(run(process.execPath, [bin, ...args])).rejects.toMatchObject({ code: 2 });
    }
  });
});
