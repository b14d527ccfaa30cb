// The consolidated .xlsx from GET /api/consolidated?format=xlsx and from `jixiao consolidate`,
// opened by openpyxl and by LibreOffice: every saved form, the missing units and the scores worked
// out by hand are in it; text a unit typed that looks like a formula is a text cell; the sheets
// have their headers, filters, frozen rows, number formats, colours and print setup.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEnv, YEAR, type TestEnv } from "../server/helpers.ts";
import { libreOfficeResave } from "../sheets/office.ts";
import { libreOffice, openpyxl } from "../support/system.ts";
import { readWithOpenpyxl, records, type SheetView } from "./xlsx.ts";
import { HOSTILE, seedYear } from "./seed.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
let env: TestEnv;
let tmp: string;
let file: string;

beforeAll(async () => {
  env = await makeEnv();
  await seedYear(env);
  tmp = await mkdtemp(join(tmpdir(), "jixiao-consol-"));
  const res = await env.req("GET", `/api/consolidated?year=${YEAR}&format=xlsx`, { token: env.tokens.finance });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
  expect(res.headers.get("content-disposition")).toContain(`jixiao-consolidated-${YEAR}.xlsx`);
  file = join(tmp, "consolidated.xlsx");
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
});
afterAll(async () => {
  await env?.close();
  await rm(tmp, { recursive: true, force: true });
});

const sheet = (view: SheetView[], name: string): SheetView => {
  const s = view.find((v) => v.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

function checkContent(view: SheetView[]): void {
  expect(view.map((s) => s.name)).toEqual(["汇总", "表单", "指标明细", "未报送单位", "问题清单"]);
  const forms = records(sheet(view, "表单"));
  expect(forms.map((f) => `${f["单位代码"]}/${f["项目代码"]}/${f["表类"]}/${f["状态"]}`).sort()).toEqual([
    "U-A/P1/绩效目标申报表/已审核",
    "U-A/P1/绩效自评表/已报送",
    "U-A/P1/绩效运行监控表/草稿",
    "U-A/P2/绩效自评表/草稿",
    "U-B/P9/绩效目标申报表/草稿",
  ]);
  const score = (project: string) => forms.find((f) => f["项目代码"] === project && f["表类"] === "绩效自评表");
  expect(score("P1")).toMatchObject({ 得分: 99.6, 等级: "优", 预算执行率: 0.96 });
  expect(score("P2")).toMatchObject({ 得分: 87, 等级: "良", 预算执行率: 0.8 });

  const missing = records(sheet(view, "未报送单位")).map((m) => `${m["单位代码"]}/${m["表类"]}`);
  expect(missing).toEqual([
    "U-A/绩效运行监控表",
    "U-B/绩效目标申报表",
    "U-B/绩效运行监控表",
    "U-B/绩效自评表",
    "U-C/绩效目标申报表",
    "U-C/绩效运行监控表",
    "U-C/绩效自评表",
  ]);

  const summary = records(sheet(view, "汇总"));
  expect(summary).toHaveLength(9);
  expect(summary.find((s) => s["单位代码"] === "U-A" && s["表类"] === "绩效自评表")).toMatchObject({
    应报: 2, 已收: 1, 草稿: 1, 已报送: 1, 平均得分: 93.3, 最低得分: 87, 优: 1, 良: 1, 预算执行率: 0.88,
  });
  expect(summary.find((s) => s["单位代码"] === "U-B" && s["表类"] === "绩效目标申报表")).toMatchObject({ 涉密: "是", 应报: 1, 草稿: 1 });

  const rows = records(sheet(view, "指标明细"));
  expect(rows).toHaveLength(35);
  const p2 = rows.filter((r) => r["项目代码"] === "P2").map((r) => r["得分"]);
  expect(p2).toEqual([12, 15, 10, 10, 12, 15, 5]);
  expect(rows.filter((r) => r["表类"] === "绩效运行监控表").map((r) => r["预警"])).toEqual(["红灯", "黄灯", "绿灯", "绿灯", null, "绿灯", "绿灯"]);
  expect(rows.find((r) => r["项目代码"] === "P1" && r["序号"] === 1)).toMatchObject({ 一级指标: "产出指标", 二级指标: "数量指标", 三级指标: "森林管护面积", 指标值: 50, 计量单位: "万亩" });
  const findings = records(sheet(view, "问题清单"));
  expect(findings.length).toBeGreaterThan(0);
  // a position is the field as the template names it, never a path such as indicators[3].target
  for (const f of findings) if (f["位置"] !== null) expect(String(f["位置"])).not.toMatch(/^[a-z]+[.[]|\]\./);
  expect(findings.some((f) => /第\d+行指标/.test(String(f["位置"] ?? "")))).toBe(true);
  // times are Beijing time, to the minute
  for (const f of forms) expect(String(f["更新时间（北京时间）"])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
}

describe.skipIf(!openpyxl())("the workbook, read by openpyxl", () => {
  let view: SheetView[];
  beforeAll(() => {
    view = readWithOpenpyxl(file);
  });

  it("holds every saved form, the missing units and the hand-worked scores", () => {
    checkContent(view);
  });

  it("writes what a unit typed as text, never as a formula", () => {
    for (const s of view) for (const row of s.rows) for (const [, type] of row) expect(type).not.toBe("f");
    const cells = view.flatMap((s) => s.rows.flat());
    for (const text of [HOSTILE.projectName, HOSTILE.indicator]) {
      const found = cells.filter(([v]) => v === text);
      expect(found.length, text).toBeGreaterThan(0);
      for (const [, type] of found) expect(type).toBe("s");
    }
  });

  it("titles each printed page once: the year and kind, then the sheet's own title (not 汇总 · 汇总)", async () => {
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(await readFile(file));
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map(async (n) => /<oddHeader>([^<]*)<\/oddHeader>/.exec(await zip.file(n)!.async("string"))?.[1] ?? ""),
    );
    expect(headers.some((h) => h.endsWith(`${YEAR}年度绩效管理 · 单位汇总`)), JSON.stringify(headers)).toBe(true);
    for (const h of headers) expect(h).not.toMatch(/汇总 · 汇总/);
  });

  it("has Chinese headers, filters, frozen headers, number formats, colours and print setup", () => {
    for (const s of view) {
      expect(s.freeze, s.name).toBe("A2");
      expect(s.autoFilter, s.name).toMatch(/^A1:[A-Z]+\d+$/);
      expect(Number(s.autoFilter!.split(":")[1]!.replace(/[A-Z]+/, ""))).toBe(s.rows.length);
      expect(s.orientation).toBe("landscape");
      expect(s.fitToPage).toBe(true);
      // the summary prints three pages wide with its unit columns repeated; the rest one page wide
      expect(s.fitToWidth).toBe(s.name === "汇总" ? 3 : 1);
      expect(s.titleRows?.replace(/\$/g, "")).toBe("1:1");
      expect(String(s.rows[0]![0]![0])).toMatch(/[\u4e00-\u9fff]/);
    }
    const header = (s: SheetView) => s.rows[0]!.map((c) => c[0]);
    /** the number format of the column's first filled cell */
    const fmt = (s: SheetView, name: string) => s.rows.slice(1).map((r) => r[header(s).indexOf(name)]!).find((c) => c[0] !== null)![2];
    const forms = sheet(view, "表单");
    expect(fmt(forms, "得分")).toBe("0.00");
    expect(fmt(forms, "预算执行率")).toBe("0.0%");
    expect(fmt(sheet(view, "汇总"), "平均得分")).toBe("0.00");
    expect(fmt(sheet(view, "指标明细"), "得分")).toBe("0.00");
    const cf = (s: SheetView) => s.conditional.flatMap((c) => c.formulae);
    expect(cf(sheet(view, "指标明细"))).toEqual(expect.arrayContaining(['"红灯"', '"黄灯"', '"绿灯"']));
    expect(cf(forms)).toEqual(expect.arrayContaining(['"优"', '"良"', '"中"', '"差"']));
  });
});

describe.skipIf(!openpyxl() || !libreOffice())("the workbook, opened and saved by LibreOffice", () => {
  it("reads back with every form, the missing units and the scores", () => {
    const [saved] = libreOfficeResave(file);
    const view = readWithOpenpyxl(saved!, "values");
    checkContent(view);
    const cells = view.flatMap((s) => s.rows.flat());
    expect(cells.some(([v, t]) => v === HOSTILE.projectName && t === "s")).toBe(true);
  });
});

describe.skipIf(!openpyxl())("jixiao consolidate", () => {
  it("writes the same workbook from the data folder, for one kind", async () => {
    // The CLI takes the data folder's lock: close the test's store first, as a server would be stopped.
    await env.store.close();
    const out = join(tmp, "cli.xlsx");
    const stderr = execFileSync(process.execPath, ["--import", "tsx", join(repo, "server/cli/main.ts"), "consolidate", "--data", env.dir, "--year", String(YEAR), "--kind", "selfEval", "--out", out], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    void stderr;
    const view = readWithOpenpyxl(out);
    const forms = records(sheet(view, "表单"));
    expect(forms.map((f) => `${f["项目代码"]}:${f["得分"]}`).sort()).toEqual(["P1:99.6", "P2:87"]);
    expect(records(sheet(view, "未报送单位")).map((m) => m["单位代码"])).toEqual(["U-B", "U-C"]);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
  });

  it("explains its usage", () => {
    let status = 0;
    let err = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", join(repo, "server/cli/main.ts"), "consolidate", "--year", "2025"], { cwd: repo, encoding: "utf8", stdio: "pipe" });
    } catch (e: any) {
      status = e.status;
      err = String(e.stderr);
    }
    expect(status).toBe(2);
    expect(err).toMatch(/--data DIR is required[\s\S]*usage: jixiao consolidate/);
  });
});
