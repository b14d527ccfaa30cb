// `jixiao treasury import` and `jixiao budget import` as a finance clerk runs them on a data folder.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { runJixiao } from "../server/process.ts";
import { encodeGbk } from "../support/gbk.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-treasury-cli-"));
  const store = await openLowStore(join(dir, "data"));
  await store.putUnit({ code: "001001", name: "区林业局", field: "forestry", confidential: false });
  await store.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("jixiao treasury import", () => {
  it("prints what happened to every row; a second run imports 0; a rejected row is exit 1", async () => {
    const file = join(dir, "支付明细.csv");
    const csv = ["支付凭证号,支付日期,预算单位编码,项目编码,支付金额", "ZF01,2025-03-01,001001,LY01,1000", "ZF02,2025-03-02,001001,LY01,2000", "ZF03,2025-02-30,001001,LY01,3000"].join("\r\n");
    await writeFile(file, encodeGbk(csv));
    const first = await runJixiao(["treasury", "import", file, "--data", join(dir, "data")]);
    expect(first.err).toBe("");
    expect(first.code).toBe(1);
    expect(first.out).toContain("(gb18030)");
    expect(first.out).toMatch(/imported 导入\s+2/);
    expect(first.out).toContain("row 4 第4行 [支付日期]");
    expect(first.out).toContain("project 001001/LY01 has no form or budget");
    const second = await runJixiao(["treasury", "import", file, "--data", join(dir, "data")]);
    expect(second.out).toMatch(/imported 导入\s+0/);
    expect(second.out).toMatch(/duplicates skipped 重复跳过 2/);
  });

  it("a missing file is exit 2 with its name; a wrong subcommand shows the usage", async () => {
    const r = await runJixiao(["treasury", "import", join(dir, "none.csv"), "--data", join(dir, "data")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("none.csv");
    const u = await runJixiao(["treasury", "export"]);
    expect(u.code).toBe(2);
    expect(u.err).toContain("usage: jixiao treasury import");
  });
});

describe("jixiao budget import", () => {
  it("stores a year's budgets and says how many were added and replaced", async () => {
    const file = join(dir, "预算批复.csv");
    await writeFile(file, "预算单位编码,项目编码,项目名称,批复金额（万元）\n001001,LY01,森林资源管护,500\n");
    const r = await runJixiao(["budget", "import", file, "--year", "2025", "--data", join(dir, "data")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/added 新增\s+1/);
    expect((await runJixiao(["budget", "import", file, "--data", join(dir, "data")])).code).toBe(2);
  });
});
