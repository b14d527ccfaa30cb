// The server's CLI verbs, run in-process: units add, token create, library export/import.
import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashToken } from "../../server/auth.ts";
import { main } from "../../server/cli/main.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";

let dir: string;
let out: string;
let err: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-cli-"));
  out = "";
  err = "";
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

describe("jixiao units / token", () => {
  it("adds units and creates tokens whose hash alone is stored", async () => {
    expect(await jixiao("units", "add", "--data", dir, "--code", "U01", "--name", "区林业局", "--field", "forestry")).toBe(0);
    expect(await jixiao("units", "add", "--data", dir, "--code", "U02", "--name", "区保密局", "--confidential")).toBe(0);
    expect(await jixiao("units", "list", "--data", dir)).toBe(0);
    expect(out).toContain("U02\t区保密局\t\tconfidential");
    expect(await jixiao("token", "create", "--data", dir, "--role", "unit", "--unit", "U01")).toBe(0);
    const token = out.trim();
    expect(token).toMatch(/^jx_[A-Za-z0-9_-]{40,}$/);
    expect(out).toBe(`${token}\n`);
    const store = await openLowStore(dir);
    expect((await store.findToken(hashToken(token)))?.unit).toBe("U01");
    expect(JSON.stringify(await store.listTokens())).not.toContain(token);
    expect((await store.getUnit("U02"))?.confidential).toBe(true);
    await store.close();
  });

  it("refuses bad input with exit 2 and the usage", async () => {
    expect(await jixiao("units", "add", "--data", dir, "--code", "../x", "--name", "n")).toBe(2);
    expect(err).toMatch(/usage: jixiao units add/);
    expect(await jixiao("token", "create", "--data", dir, "--role", "unit", "--unit", "NOPE")).toBe(2);
    expect(err).toMatch(/no unit NOPE/);
    expect(await jixiao("token", "create", "--data", dir, "--role", "boss")).toBe(2);
    expect(await jixiao("token", "create", "--data", dir, "--role", "finance", "--unit", "U01")).toBe(2);
    expect(await jixiao("token", "create", "--data", dir, "--role", "admin")).toBe(0);
  });

  it("refuses while another process holds the data folder", async () => {
    const store = await openLowStore(dir);
    expect(await jixiao("units", "add", "--data", dir, "--code", "U01", "--name", "n")).toBe(2);
    expect(err).toMatch(/in use by another jixiao process/);
    await store.close();
  });
});

describe("jixiao library import / export", () => {
  it("imports a JSON library as a new version and exports the current one", async () => {
    const lib = starterLibrary();
    const file = join(dir, "lib.json");
    await writeFile(file, JSON.stringify(lib));
    const data = join(dir, "data");
    expect(await jixiao("library", "import", file, "--data", data, "--note", "首版")).toBe(0);
    expect(err).toMatch(/published library version 1/);
    await writeFile(file, JSON.stringify({ indicators: lib.indicators.slice(1) }));
    expect(await jixiao("library", "import", file, "--data", data)).toBe(0);
    expect(err).toMatch(/version 2: 0 added, 0 changed, 0 deprecated, 1 removed/);
    expect(await jixiao("library", "export", "--data", data)).toBe(0);
    const exported = JSON.parse(out);
    expect(exported.version).toBe(2);
    expect(exported.indicators).toHaveLength(lib.indicators.length - 1);
    const outFile = join(dir, "out.json");
    expect(await jixiao("library", "export", "--data", data, "--out", outFile)).toBe(0);
    expect(JSON.parse(await readFile(outFile, "utf8")).version).toBe(2);
  });

  it("exports the library as the 指标库维护 sheet and publishes the sheet as edited in Excel", async () => {
    const data = join(dir, "d");
    const json = join(dir, "lib.json");
    await writeFile(json, JSON.stringify(starterLibrary()));
    expect(await jixiao("library", "import", json, "--data", data)).toBe(0);
    const sheet = join(dir, "library.xlsx");
    expect(await jixiao("library", "export", "--data", data, "--out", sheet)).toBe(0);
    expect(err).toMatch(/指标库维护/);

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

    expect(await jixiao("library", "import", sheet, "--data", data)).toBe(0);
    expect(err).toMatch(/published library version 2: 0 added, \d+ changed, 1 deprecated/);
    const store = await openLowStore(data);
    const v2 = (await store.currentLibrary())!;
    await store.close();
    expect(v2.changes.changed).toContain("FOR-QN001");
    expect(v2.changes.deprecated).toEqual([{ code: "FOR-QL001", replacedBy: "FOR-QL002" }]);

    // a sheet with an error publishes nothing and says where
    rowOf("FOR-QN002").getCell(col("指标编码")).value = "FOR-QN001";
    await wb.xlsx.writeFile(sheet);
    expect(await jixiao("library", "import", sheet, "--data", data)).toBe(1);
    expect(err).toMatch(/指标库维护!A\d+/);
    expect(err).toMatch(/nothing was published/);
  });

  it("reports an invalid library with the field paths (exit 1) and unreadable files (exit 2)", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ indicators: [{ code: "X", name: "x", level1: "output", level2: "quantity", valueType: "quantitative", operators: [">="] }] }));
    expect(await jixiao("library", "import", file, "--data", join(dir, "d"))).toBe(1);
    expect(err).toMatch(/indicators\[0\]\.unit/);
    expect(await jixiao("library", "import", join(dir, "missing.json"), "--data", join(dir, "d"))).toBe(2);
    expect(await jixiao("library", "export", "--data", join(dir, "empty"))).toBe(2);
    expect(err).toMatch(/no library published/);
  });
});
