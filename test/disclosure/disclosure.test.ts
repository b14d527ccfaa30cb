// GET /api/disclosure (docs/domain.md), no token: key projects' approved targets and results only, as
// finance last confirmed them (preview, then confirm: issue 17). Planted personal data (a phone
// number, an ID number, a name after 联系人, an e-mail), a confidential unit with an approved key
// project, a return comment and unit-typed formulas: none of them comes out as it went in, in
// JSON, CSV or .xlsx; the preview shows finance each thing redaction took out.
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

async function markKeyProject(unit: string, project: string, key = true) {
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
  await markKeyProject("U-A", "P1");

  // U-A P2: approved but not key; U-A P3: key but only submitted; U-A P4: marked then unmarked.
  await approveForm("target", "U-A", "P2", formOf("target", "U-A", "P2"), unitA);
  await put(env, unitA, "target", "U-A", "P3", formOf("target", "U-A", "P3"));
  await post(env, unitA, "target", "U-A", "P3", "submit");
  await markKeyProject("U-A", "P3");
  await approveForm("target", "U-A", "P4", formOf("target", "U-A", "P4"), unitA);
  await markKeyProject("U-A", "P4");
  await markKeyProject("U-A", "P4", false);

  // U-B (confidential): key, approved.
  const secret: any = formOf("target", "U-B", "P9");
  secret.project.name = PLANTED.secretProject;
  await approveForm("target", "U-B", "P9", secret, unitB);
  await markKeyProject("U-B", "P9");

  // Nothing is public until finance confirms the year.
  expect((await env.req("GET", `/api/disclosure?year=${YEAR}`)).status).toBe(404);
  expect((await confirm()).status).toBe(200);
});

const confirm = (body: Record<string, unknown> = {}, token = env.tokens.finance) => env.req("POST", "/api/disclosure/confirm", { token, body: { year: YEAR, ...body } });
const preview = async () => (await env.req("GET", `/api/disclosure/preview?year=${YEAR}`, { token: env.tokens.finance })).json();
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

  it("is cacheable: an ETag, 304 when unchanged; a project marked key waits for finance's next confirmation", async () => {
    const first = await get("json");
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get("json", { "if-none-match": etag })).status).toBe(304);
    expect((await get("csv")).headers.get("etag")).not.toBe(etag);
    await markKeyProject("U-A", "P2");
    // still what was confirmed
    expect((await get("json", { "if-none-match": etag })).status).toBe(304);
    expect((await (await get("json")).json()).projects.map((p: any) => p.project.code)).toEqual(["P1"]);
    const p = await preview();
    expect(p.changed).toBe(true);
    expect(p.projects.map((x: any) => x.project.code)).toEqual(["P1", "P2"]);
    // a confirmation of an older preview is refused; of the current one, taken
    expect((await confirm({ hash: "not-the-preview" })).status).toBe(409);
    expect((await confirm({ hash: p.hash })).status).toBe(200);
    expect((await preview()).changed).toBe(false);
    const again = await get("json", { "if-none-match": etag });
    expect(again.status).toBe(200);
    expect((await again.json()).projects.map((x: any) => x.project.code)).toEqual(["P1", "P2"]);
    await markKeyProject("U-A", "P2", false);
    expect((await confirm()).status).toBe(200);
  });
});

describe("preview and confirmation", () => {
  it("shows finance what would go public and each thing redaction takes out, by project and field", async () => {
    const p = await preview();
    expect(p.projects.map((x: any) => `${x.unit.code}/${x.project.code}`)).toEqual(["U-A/P1"]);
    const removed = p.removed.map((r: any) => `${r.unit}/${r.project} ${r.path} ${r.kind} ${r.text}`);
    expect(removed).toEqual(
      expect.arrayContaining([
        `U-A/P1 target.goals.overall name ${PLANTED.name}`,
        `U-A/P1 target.goals.overall phone ${PLANTED.phone}`,
        `U-A/P1 target.goals.overall id ${PLANTED.id}`,
        `U-A/P1 target.goals.overall email ${PLANTED.email}`,
        `U-A/P1 selfEval.goals.actual name ${PLANTED.otherName}`,
        `U-A/P1 selfEval.goals.actual phone ${PLANTED.spacedPhone}`,
      ]),
    );
    expect(p.confirmed).toMatchObject({ by: expect.stringMatching(/^finance#/), projects: 1 });
    expect(JSON.stringify(p)).not.toContain(PLANTED.secretProject);
  });

  it("is finance's: a unit cannot preview or confirm, an anonymous caller cannot either; each confirmation is audited", async () => {
    expect((await env.req("GET", `/api/disclosure/preview?year=${YEAR}`, { token: env.tokens.unitA })).status).toBe(403);
    expect((await confirm({}, env.tokens.unitA)).status).toBe(403);
    expect((await env.req("POST", "/api/disclosure/confirm", { body: { year: YEAR } })).status).toBe(401);
    expect((await env.req("POST", "/api/disclosure/confirm", { token: env.tokens.finance, body: { year: "2025" } })).status).toBe(400);
    const audit = (await env.store.listAudit()).filter((e) => e.action === "disclosure.confirm");
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ target: `disclosure/${YEAR}`, actor: expect.stringMatching(/^finance#/) });
  });

  it("limits anonymous requests per address: 429 with Retry-After in the error shape", async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const r = await env.req("GET", `/api/disclosure?year=${YEAR}`);
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await limited!.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/请求过于频繁.*Too many requests/);
    // finance's own routes are not the anonymous limit's business
    expect((await env.req("GET", `/api/disclosure/preview?year=${YEAR}`, { token: env.tokens.finance })).status).toBe(200);
  });
});
