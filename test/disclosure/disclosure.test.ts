// GET /api/disclosure (docs/domain.md), no token: key projects' approved targets and results only. Planted
// personal data (a phone number, an ID number, a name after 联系人, an e-mail), a confidential unit
// with an approved key project, a return comment and unit-typed formulas: none of them comes out as
// it went in, in JSON, CSV or .xlsx.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formOf, makeEnv, YEAR, type TestEnv } from "../server/helpers.ts";
import { openpyxl } from "../support/system.ts";
import { post, put } from "../consolidate/seed.ts";
import { readWithOpenpyxl } from "../consolidate/xlsx.ts";

const PLANTED = {
  phone: "13812345678",
  spacedPhone: "139 1234 5678",
  id: "370102199001011234",
  name: "张三",
  otherName: "李四",
  email: "zhangsan@example.cn",
  secretProject: "涉密工程甲",
  secretUnit: "U-B",
  comment: "内部意见仅供审核",
};
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
const PLUS = "+1 年度目标：完成森林管护面积50万亩";
const AT = "@SUM(A1:A3)";

let env: TestEnv;
let tmp: string;

async function approveForm(kind: "target" | "selfEval", unit: string, project: string, form: unknown, token: string, returnFirst = false) {
  await put(env, token, kind, unit, project, form);
  await post(env, token, kind, unit, project, "submit");
  if (returnFirst) {
    const res = await env.req("POST", `/api/submissions/${YEAR}/${unit}/${project}/${kind}/return`, {
      token: env.tokens.finance,
      body: { comment: PLANTED.comment, cells: [{ cell: "C8", comment: `${PLANTED.comment}：请联系${PLANTED.name}` }] },
    });
    expect(res.status).toBe(200);
    await post(env, token, kind, unit, project, "submit");
  }
  await post(env, env.tokens.finance, kind, unit, project, "approve");
}

async function markKey(unit: string, project: string, key = true) {
  const res = await env.req("POST", `/api/projects/${YEAR}/${unit}/${project}/key`, { token: env.tokens.finance, body: { key } });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  env = await makeEnv();
  tmp = await mkdtemp(join(tmpdir(), "jixiao-disclosure-"));
  const { unitA, unitB } = env.tokens;

  // U-A P1: key, target and self-evaluation approved, personal data and formulas in free text.
  const target: any = formOf("target", "U-A", "P1");
  target.project.name = FORMULA;
  target.goals.annual = PLUS;
  target.goals.overall = `联系人：${PLANTED.name}，电话${PLANTED.phone}，身份证号${PLANTED.id}，邮箱 ${PLANTED.email}`;
  target.indicators[1].name = AT;
  target.indicators[1].code = null;
  target.indicators[1].custom = true;
  await approveForm("target", "U-A", "P1", target, unitA, true);
  const self: any = formOf("selfEval", "U-A", "P1");
  self.project.name = FORMULA;
  self.goals.annual = PLUS;
  self.goals.actual = `全年完成森林管护面积52万亩。项目负责人 ${PLANTED.otherName} 手机 ${PLANTED.spacedPhone}`;
  self.indicators[1].name = AT;
  self.indicators[1].code = null;
  self.indicators[1].custom = true;
  await approveForm("selfEval", "U-A", "P1", self, unitA);
  await markKey("U-A", "P1");

  // U-A P2: approved but not key; U-A P3: key but only submitted; U-A P4: marked then unmarked.
  await approveForm("target", "U-A", "P2", formOf("target", "U-A", "P2"), unitA);
  await put(env, unitA, "target", "U-A", "P3", formOf("target", "U-A", "P3"));
  await post(env, unitA, "target", "U-A", "P3", "submit");
  await markKey("U-A", "P3");
  await approveForm("target", "U-A", "P4", formOf("target", "U-A", "P4"), unitA);
  await markKey("U-A", "P4");
  await markKey("U-A", "P4", false);

  // U-B (confidential): key, approved.
  const secret: any = formOf("target", "U-B", "P9");
  secret.project.name = PLANTED.secretProject;
  await approveForm("target", "U-B", "P9", secret, unitB);
  await markKey("U-B", "P9");
});
afterAll(async () => {
  await env?.close();
  await rm(tmp, { recursive: true, force: true });
});

const get = (format: string, headers?: Record<string, string>) => env.req("GET", `/api/disclosure?year=${YEAR}&format=${format}`, headers ? { headers } : {});

function expectNothingPlanted(text: string): void {
  for (const [what, planted] of Object.entries(PLANTED)) expect(text, what).not.toContain(planted);
  expect(text).not.toContain("1234 5678");
  for (const token of Object.values(env.tokens)) expect(text).not.toContain(token);
  expect(text).not.toMatch(/revision|"by"|finance#|unit:U-A#/);
}

describe("GET /api/disclosure", () => {
  it("needs no token, and a bad one does not matter", async () => {
    expect((await get("json")).status).toBe(200);
    expect((await env.req("GET", `/api/disclosure?year=${YEAR}`, { token: "jx_not-a-token" })).status).toBe(200);
    expect((await env.req("GET", "/api/disclosure?year=x")).status).toBe(400);
  });

  it("JSON: the key project's approved target and results, and nothing else", async () => {
    const res = await get("json");
    const text = await res.text();
    expectNothingPlanted(text);
    const data = JSON.parse(text);
    expect(data.year).toBe(YEAR);
    expect(data.projects.map((p: any) => `${p.unit.code}/${p.project.code}`)).toEqual(["U-A/P1"]);
    const p = data.projects[0];
    expect(Object.keys(p).sort()).toEqual(["project", "selfEval", "target", "unit"]);
    expect(p.selfEval).toMatchObject({ score: 99.6, grade: "excellent", executionRate: 0.96 });
    expect(p.selfEval.indicators[0]).toMatchObject({ name: "森林管护面积", target: 50, actual: 52, unit: "万亩", score: 15 });
    expect(p.target.indicators).toHaveLength(7);
    expect(p.target.goals.overall).toMatch(/联系人：\[已隐去\]/);
    expect(p.target.goals.overall).toMatch(/身份证号已隐去/);
    expect(p.selfEval.goals.actual).toMatch(/^全年完成森林管护面积52万亩。/);
    // JSON carries the text as typed: it is data, not a spreadsheet.
    expect(p.project.name).toBe(FORMULA);
 
    // the results notice's public subset: the confidential unit is not in it, ranks count without it
    expect(data.results.units.map((u: any) => [u.unit, u.assessment.rank])).toEqual([["U-A", 1]]);
    expect(data.results.units[0].keyProjects.map((k: any) => k.project)).toEqual(["P1"]);
    expect(data.results.units[0]).not.toHaveProperty("rectification.openItems");
  });

  it("CSV: the same lines, with formula-looking text defused", async () => {
    const res = await get("csv");
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    // The BOM is kept (Excel opens the Chinese right); Response.text() would drop it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expectNothingPlanted(text);
    expect(text.startsWith("\uFEFF单位代码,")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 7 + 7);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain(`'${AT}`);
    expect(text).toContain(`'${PLUS}`);
    // no field starts with a formula character unless defused
    for (const line of lines) for (const field of line.split(",")) expect(field.replace(/^"/, "")).not.toMatch(/^[=+@]/);
  });

  it.skipIf(!openpyxl())("xlsx: the same lines, every typed text a text cell", async () => {
    const res = await get("xlsx");
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const file = join(tmp, "disclosure.xlsx");
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const [sheet] = readWithOpenpyxl(file);
    const cells = sheet!.rows.flat();
    expectNothingPlanted(JSON.stringify(cells.map((c) => c[0])));
    expect(sheet!.rows).toHaveLength(1 + 7 + 7);
    for (const [, type] of cells) expect(type).not.toBe("f");
    for (const text of [FORMULA, AT, PLUS]) {
      const found = cells.filter(([v]) => v === text);
      expect(found.length, text).toBeGreaterThan(0);
      for (const [, type] of found) expect(type).toBe("s");
    }
    expect(sheet!.tables).toHaveLength(1);
    expect(sheet!.freeze).toBe("A2");
  });

  it("is cacheable: an ETag, 304 when unchanged, a new one when finance marks another project", async () => {
    const first = await get("json");
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get("json", { "if-none-match": etag })).status).toBe(304);
    expect((await get("csv")).headers.get("etag")).not.toBe(etag);
    await markKey("U-A", "P2");
    const again = await get("json", { "if-none-match": etag });
    expect(again.status).toBe(200);
    expect((await again.json()).projects.map((p: any) => p.project.code)).toEqual(["P1", "P2"]);
    await markKey("U-A", "P2", false);
  });
});
