// The performance work report (docs/work-report.md): its figures against the data behind them, and
// the .docx as LibreOffice reads it (converted to PDF, its text checked for the same figures, its
// pages numbered).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkReport } from "../../shared/report/work-report.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "../server/helpers.ts";
import { libreOfficeWriter } from "../support/system.ts";

let env: TestEnv;
let report: WorkReport;

async function ok(res: Response | Promise<Response>, status = 200): Promise<unknown> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body.slice(0, 300)).toBe(status);
  return body ? JSON.parse(body) : undefined;
}

beforeAll(async () => {
  env = await makeEnv();
  const { unitA, unitB, finance } = env.tokens;
  const save = async (token: string, kind: "target" | "selfEval", unit: string, project: string) => {
    const saved = (await ok(env.req("PUT", subPath(kind, unit, project), { token, body: formOf(kind, unit, project) }), 201)) as { revision: number };
    await ok(env.req("POST", `${subPath(kind, unit, project)}/submit`, { token, headers: { "if-match": `"${saved.revision}"` } }));
  };
  // two target forms of 500 万元 each, one returned once then approved; one self-evaluation
  await save(unitA, "target", "U-A", "P1");
  await save(unitB, "target", "U-B", "W1");
  await ok(env.req("POST", `${subPath("target", "U-A", "P1")}/return`, { token: finance, body: { comment: "请补充满意度指标" } }));
  await ok(env.req("POST", `${subPath("target", "U-A", "P1")}/submit`, { token: unitA }));
  await ok(env.req("POST", `${subPath("target", "U-A", "P1")}/approve`, { token: finance }));
  await ok(env.req("POST", `/api/projects/${YEAR}/U-A/P1/key`, { token: finance, body: { key: true } }));
  await save(unitA, "selfEval", "U-A", "P1");
  await ok(env.req("POST", "/api/rectifications", { token: finance, body: { year: YEAR, unit: "U-B", project: "W1", kind: "target", requirement: "补充可衡量的产出指标", deadline: `${YEAR}-09-30` } }), 201);
  report = (await ok(env.req("GET", `/api/report?year=${YEAR}&format=json&bureau=某区财政局`, { token: finance }))) as WorkReport;
});
afterAll(async () => {
  await env?.close();
});

describe("the work report's figures", () => {
  it("count what the server holds", async () => {
    const f = report.figures;
    expect(f).toMatchObject({ units: 2, targetForms: 2, targetFundsWan: 1000, selfEvalForms: 1, approved: 1, returns: 1, returnedForms: 1, keyProjects: 1, rectOpen: 1, rectClosed: 0 });
    const selfEval = (await ok(env.req("GET", subPath("selfEval", "U-A", "P1"), { token: env.tokens.finance }))) as { score?: { total: number; grade: string } };
    expect(f.averageScore).toBe(selfEval.score!.total);
    expect(Object.values(f.grades).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("read as an official report: title, byline, 一、二、三 headings, the figures in the words", () => {
    expect(report.title).toBe(`某区财政局关于${YEAR}年度预算绩效管理工作情况的报告`);
    expect(report.byline).toBe(`（数据截至${YEAR}-12-31）`);
    expect(report.sections.map((s) => s.heading.slice(0, 2))).toEqual(["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]);
    expect(report.sections[0]!.paragraphs[0]).toContain("绩效目标申报表2份，涉及资金1000.00万元");
    expect(report.sections[2]!.paragraphs[0]).toContain("退回修改1次");
  });

  it("the first half stands at 30 June", async () => {
    const h1 = (await ok(env.req("GET", `/api/report?year=${YEAR}&half=1&format=json`, { token: env.tokens.finance }))) as WorkReport;
    expect(h1.title).toContain(`${YEAR}年上半年`);
    expect(h1.byline).toContain(`${YEAR}-06-30`);
  });

  it("is the bureau's: a unit is refused", async () => {
    expect((await env.req("GET", `/api/report?year=${YEAR}`, { token: env.tokens.unitA })).status).toBe(403);
  });
});

describe.skipIf(!libreOfficeWriter())("the .docx as LibreOffice reads it", () => {
  it("converts to PDF with the title, the figures and numbered pages", async () => {
    const res = await env.req("GET", `/api/report?year=${YEAR}&bureau=某区财政局`, { token: env.tokens.finance });
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const dir = mkdtempSync(join(tmpdir(), "jixiao-report-"));
    const docx = join(dir, "report.docx");
    writeFileSync(docx, new Uint8Array(await res.arrayBuffer()));
    execFileSync("soffice", [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, docx], { stdio: "pipe", timeout: 180_000 });
    execFileSync("pdftotext", ["-layout", join(dir, "report.pdf"), join(dir, "report.txt")]);
    // the PDF's lines wrap where the page does: compare without any white space
    const text = readFileSync(join(dir, "report.txt"), "utf8").replace(/\s+/g, "");
    mkdirSync(join(process.cwd(), "test-output"), { recursive: true });
    writeFileSync(join(process.cwd(), "test-output", "work-report.pdf"), readFileSync(join(dir, "report.pdf")));
    expect(text).toContain(`某区财政局关于${YEAR}年度预算绩效管理工作情况的报告`);
    expect(text).toContain("1000.00万元");
    expect(text).toContain("表1绩效管理覆盖情况");
    expect(text).toContain("图1自评等级分布");
    expect(text).toContain("—1—");
  }, 240_000);
});
