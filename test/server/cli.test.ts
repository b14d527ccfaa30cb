// The server's CLI verbs, run in-process: units add, token create, library export/import.
import { writeFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../server/auth.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { cliEachTest } from "../support/cli.ts";

const cli = cliEachTest("jixiao-cli-");

describe("jixiao units / token", () => {
  it("adds units and creates tokens whose hash alone is stored", async () => {
    expect(await cli.run("units", "add", "--data", cli.dir, "--code", "U01", "--name", "区林业局", "--field", "forestry")).toBe(0);
    expect(await cli.run("units", "add", "--data", cli.dir, "--code", "U02", "--name", "区保密局", "--confidential")).toBe(0);
    expect(await cli.run("units", "list", "--data", cli.dir)).toBe(0);
    expect(cli.out).toContain("U02\t区保密局\t\tconfidential");
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "unit", "--unit", "U01")).toBe(0);
    const token = cli.out.trim();
    expect(token).toMatch(/^jx_[A-Za-z0-9_-]{40,}$/);
    expect(cli.out).toBe(`${token}\n`);
    const store = await openLowStore(cli.dir);
    expect((await store.findToken(hashToken(token)))?.unit).toBe("U01");
    expect(JSON.stringify(await store.listTokens())).not.toContain(token);
    expect((await store.getUnit("U02"))?.confidential).toBe(true);
    await store.close();
  });

  it("refuses bad input with exit 2 and the usage", async () => {
    expect(await cli.run("units", "add", "--data", cli.dir, "--code", "../x", "--name", "n")).toBe(2);
    expect(cli.err).toMatch(/usage: jixiao units add/);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "unit", "--unit", "NOPE")).toBe(2);
    expect(cli.err).toMatch(/no unit NOPE/);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "boss")).toBe(2);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "finance", "--unit", "U01")).toBe(2);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "admin")).toBe(0);
  });

  it("refuses while another process holds the data folder", async () => {
    const store = await openLowStore(cli.dir);
    expect(await cli.run("units", "add", "--data", cli.dir, "--code", "U01", "--name", "n")).toBe(2);
    expect(cli.err).toMatch(/in use by another jixiao process/);
    await store.close();
  });
});

describe("jixiao library import / export", () => {
  it("imports a JSON library as a new version and exports the current one", async () => {
    const lib = starterLibrary();
    const file = join(cli.dir, "lib.json");
    await writeFile(file, JSON.stringify(lib));
    const data = join(cli.dir, "data");
    expect(await cli.run("library", "import", file, "--data", data, "--note", "首版")).toBe(0);
    expect(cli.err).toMatch(/published library version 1/);
    await writeFile(file, JSON.stringify({ indicators: lib.indicators.slice(1) }));
    expect(await cli.run("library", "import", file, "--data", data)).toBe(0);
    expect(cli.err).toMatch(/version 2: 0 added, 0 changed, 0 deprecated, 1 removed/);
    expect(await cli.run("library", "export", "--data", data)).toBe(0);
    const exported = JSON.parse(cli.out);
    expect(exported.version).toBe(2);
    expect(exported.indicators).toHaveLength(lib.indicators.length - 1);
    const outFile = join(cli.dir, "out.json");
    expect(await cli.run("library", "export", "--data", data, "--out", outFile)).toBe(0);
    expect(JSON.parse(await readFile(outFile, "utf8")).version).toBe(2);
  });

  it("exports the library as the 指标库维护 sheet and publishes the sheet as edited in Excel", async () => {
    const data = join(cli.dir, "d");
    const json = join(cli.dir, "lib.json");
    await writeFile(json, JSON.stringify(starterLibrary()));
    expect(await cli.run("library", "import", json, "--data", data)).toBe(0);
    const sheet = join(cli.dir, "library.xlsx");
    expect(await cli.run("library", "export", "--data", data, "--out", sheet)).toBe(0);
    expect(cli.err).toMatch(/指标库维护/);

    // finance edits it: a name changed, an indicator deprecated with its replacement
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sheet);
    const ws = wb.getWorksheet("指标库维护")!;
    const header = ws.getRow(2).values as unknown[];
    const col = (label: string) => header.indexOf(label);
    const rowOf = (code: string) => {
      for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col("指标编码")).value === code) return ws.getRow(r);
      throw new Error(`no row ${code}`);
    };
    rowOf("FOR-QN001").getCell(col("三级指标")).value = "森林资源管护面积";
    rowOf("FOR-QL001").getCell(col("状态")).value = "停用";
    rowOf("FOR-QL001").getCell(col("替代指标编码")).value = "FOR-QL002";
    await wb.xlsx.writeFile(sheet);

    expect(await cli.run("library", "import", sheet, "--data", data)).toBe(0);
    expect(cli.err).toMatch(/published library version 2: 0 added, \d+ changed, 1 deprecated/);
    const store = await openLowStore(data);
    const v2 = (await store.currentLibrary())!;
    await store.close();
    expect(v2.changes.changed).toContain("FOR-QN001");
    expect(v2.changes.deprecated).toEqual([{ code: "FOR-QL001", replacedBy: "FOR-QL002" }]);

    // a sheet with an error publishes nothing and says where
    rowOf("FOR-QN002").getCell(col("指标编码")).value = "FOR-QN001";
    await wb.xlsx.writeFile(sheet);
    expect(await cli.run("library", "import", sheet, "--data", data)).toBe(1);
    expect(cli.err).toMatch(/指标库维护!A\d+/);
    expect(cli.err).toMatch(/nothing was published/);
  });

  it("reports an invalid library with the field paths (exit 1) and unreadable files (exit 2)", async () => {
    const file = join(cli.dir, "bad.json");
    await writeFile(file, JSON.stringify({ indicators: [{ code: "X", name: "x", level1: "output", level2: "quantity", valueType: "quantitative", operators: [">="] }] }));
    expect(await cli.run("library", "import", file, "--data", join(cli.dir, "d"))).toBe(1);
    expect(cli.err).toMatch(/indicators\[0\]\.unit/);
    expect(await cli.run("library", "import", join(cli.dir, "missing.json"), "--data", join(cli.dir, "d"))).toBe(2);
    expect(await cli.run("library", "export", "--data", join(cli.dir, "empty"))).toBe(2);
    expect(cli.err).toMatch(/no library published/);
  });
});
