import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LibrarySchema } from "../../shared/library.ts";

const run = promisify(execFile);
const bin = new URL("../../server/cli/bin.js", import.meta.url).pathname;

describe("jixiao library export", () => {
  it("prints the starter library, which the schema accepts", async () => {
    const { stdout } = await run(process.execPath, [bin, "library", "export"], { maxBuffer: 32 * 1024 * 1024 });
    const lib = LibrarySchema.parse(JSON.parse(stdout));
    expect(lib.version).toBe(1);
    expect(lib.indicators.length).toBeGreaterThanOrEqual(200);
    const byName = new Map(lib.indicators.map((i) => [i.name, i]));
    expect(byName.get("森林管护面积")).toMatchObject({ unit: "万亩", level1: "output", level2: "quantity", range: { min: 10, max: 150 } });
    expect(byName.get("膳食补助标准")).toMatchObject({ unit: "元/生·天", level2: "economicCost" });
  });

  it("writes to --out", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-"));
    const out = join(dir, "library.json");
    await run(process.execPath, [bin, "library", "export", "--out", out]);
    expect(LibrarySchema.safeParse(JSON.parse(await readFile(out, "utf8"))).success).toBe(true);
  });

  it("refuses unknown options and commands with exit 2", async () => {
    await expect(run(process.execPath, [bin, "library", "export", "--bogus"])).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [bin, "frobnicate"])).rejects.toMatchObject({ code: 2 });
  });
});
