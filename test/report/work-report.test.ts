// The performance work report (docs/work-report.md): its figures against the data behind them, and
// the .docx as LibreOffice reads it (converted to PDF, its text checked for the same figures, its
// pages numbered).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationView } from "../../shared/api/opinions.ts";
import type { WorkReport } from "../../shared/report/work-report.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "../server/helpers.ts";
import { missingPhrases, pdfTextOfDocx, writerPresent } from "../support/word.ts";

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
    expect(report.sections.map((s) => s.heading.replace(/、.*/, "、"))).toEqual(["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、"]);
    // nothing asked of the units and nothing handed on: the sections say so
    expect(report.sections[8]!.paragraphs).toEqual(["本期未就评价结果征求被评价单位意见。"]);
    expect(report.sections[9]!.paragraphs).toEqual(["本期未向纪检监察、审计等部门移送问题。"]);
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

/** The report route's .docx as LibreOffice reads it (test/support/word.ts). */
async function pdfText(res: Response, keep: string): Promise<string> {
  return pdfTextOfDocx(new Uint8Array(await res.arrayBuffer()), keep);
}

describe.skipIf(!writerPresent())("the .docx as LibreOffice reads it", () => {
  it("converts to PDF with the title, the figures and numbered pages", async () => {
    const res = await env.req("GET", `/api/report?year=${YEAR}&bureau=某区财政局`, { token: env.tokens.finance });
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const text = await pdfText(res, "work-report.pdf");
    expect(
      missingPhrases(text, [
        `某区财政局关于${YEAR}年度预算绩效管理工作情况的报告`,
        "1000.00万元",
        "表1绩效管理覆盖情况",
        "图1自评等级分布",
        "—1—",
        // the sections on opinions and problems handed on are in the document too
        "本期未就评价结果征求被评价单位意见。",
        "本期未向纪检监察、审计等部门移送问题。",
      ]),
    ).toEqual([]);
  }, 240_000);
});

describe("opinions received and problems handed on in the report", () => {
  // the year's drafts and records made in October 2025; the report asked for in 2026 stands at 31 December
  let clock = new Date("2025-10-01T02:00:00Z");
  let env2: TestEnv;
  let full: WorkReport;
  let firstHalf: WorkReport;
  beforeAll(async () => {
    env2 = await makeEnv({ now: () => clock });
    await env2.store.putUnit({ code: "U-C", name: "教育局", field: "education", confidential: false });
    const { unitA, unitB, finance } = env2.tokens;
    const fin = (path: string, body: unknown, status = 200) => ok(env2.req("POST", path, { token: finance, body }), status);
    const as = (token: string, path: string, body: unknown) => ok(env2.req("POST", path, { token, body }));
    // U-A's target form, with its findings
    await ok(env2.req("PUT", subPath("target", "U-A", "P1"), { token: unitA, body: formOf("target", "U-A", "P1") }), 201);
    await fin(`/api/projects/${YEAR}/U-A/P1/key`, { key: true });
    // the results notice's draft to three units: U-A agrees, U-B objects (not accepted), U-C is silent
    const notice = (await fin("/api/opinions", { year: YEAR, subject: { kind: "results" }, title: "考核结果通报（征求意见稿）", draft: { text: "通报" }, units: ["U-A", "U-B", "U-C"], deadline: `${YEAR}-10-15` }, 201)) as { id: string };
    await as(unitA, `/api/opinions/${notice.id}/answer`, { stance: "agree" });
    await as(unitB, `/api/opinions/${notice.id}/answer`, { stance: "disagree", reasons: "考核权重不合理" });
    // a key project's conclusion: U-A objects, accepted with a new grade
    const conclusion = (await fin("/api/opinions", { year: YEAR, subject: { kind: "conclusion", unit: "U-A", project: "P1" }, title: "评价结论（征求意见稿）", draft: { text: "中", grade: "fair" }, units: ["U-A"], deadline: `${YEAR}-10-20` }, 201)) as { id: string };
    await as(unitA, `/api/opinions/${conclusion.id}/answer`, { stance: "disagree", reasons: "样本量达标", evidence: "调查汇总表" });
    clock = new Date("2025-10-16T02:00:00Z");
    await fin(`/api/opinions/${notice.id}/reply`, { unit: "U-B", decision: "rejected", reason: "权重按考核办法执行" });
    await fin(`/api/opinions/${notice.id}/finalise`, {});
    await fin(`/api/opinions/${conclusion.id}/reply`, { unit: "U-A", decision: "accepted", reason: "结论调整为良", draft: { text: "良", grade: "good" } });
    await fin(`/api/opinions/${conclusion.id}/finalise`, {});
    // two problems of U-A handed on: the conclusion to the discipline commission, a finding to the audit bureau
    await fin("/api/handovers", { subject: { kind: "conclusion", id: conclusion.id }, department: "区纪委监委", date: `${YEAR}-10-20`, reference: "财绩移〔2025〕3号", summary: "评价中发现违规拨付资金" }, 201);
    await fin("/api/handovers", { subject: { kind: "finding", year: YEAR, unit: "U-A", project: "P1", form: "target", rule: "I212", row: 1 }, department: "区审计局", date: `${YEAR}-10-21`, reference: "财绩移〔2025〕4号", summary: "绩效目标明显低于上年实际" }, 201);
    clock = new Date("2026-02-01T02:00:00Z");
    full = (await ok(env2.req("GET", `/api/report?year=${YEAR}&format=json`, { token: finance }))) as WorkReport;
    firstHalf = (await ok(env2.req("GET", `/api/report?year=${YEAR}&half=1&format=json`, { token: finance }))) as WorkReport;
  });
  afterAll(async () => {
    await env2?.close();
  });

  it("count what the server holds", async () => {
    const drafts = ((await ok(env2.req("GET", `/api/opinions?year=${YEAR}`, { token: env2.tokens.finance }))) as { opinions: ConsultationView[] }).opinions;
    const answers = drafts.flatMap((d) => d.opinions);
    const f = full.figures;
    expect(f.opinions).toEqual({
      consultations: drafts.length,
      bySubject: { results: drafts.filter((d) => d.subject.kind === "results").length, conclusion: drafts.filter((d) => d.subject.kind === "conclusion").length },
      final: drafts.filter((d) => d.state === "final").length,
      asked: drafts.reduce((n, d) => n + d.units.length, 0),
      answered: answers.filter((o) => !o.silent).length,
      agreed: answers.filter((o) => o.stance === "agree" && !o.silent).length,
      objected: answers.filter((o) => o.stance === "disagree").length,
      silent: answers.filter((o) => o.silent).length,
      accepted: answers.filter((o) => o.handling?.decision === "accepted").length,
      rejected: answers.filter((o) => o.handling?.decision === "rejected").length,
      pending: 0,
    });
    // and the same as numbers, so a count that drifts with the data cannot pass unnoticed
    expect(f.opinions).toMatchObject({ consultations: 2, final: 2, asked: 4, answered: 3, agreed: 1, objected: 2, silent: 1, accepted: 1, rejected: 1 });
    const handed = ((await ok(env2.req("GET", `/api/handovers?year=${YEAR}`, { token: env2.tokens.finance }))) as { handovers: { unit: string; department: string }[] }).handovers;
    expect(f.handovers).toEqual({
      total: handed.length,
      units: new Set(handed.map((h) => h.unit)).size,
      byKind: { finding: 1, rectification: 0, conclusion: 1 },
      byDepartment: { 区纪委监委: 1, 区审计局: 1 },
    });
  });

  it("say it in the report's words, with a table each", () => {
    const op = full.sections.find((s) => s.heading.endsWith("征求意见"))!;
    expect(op.paragraphs[0]).toContain("本期共发出征求意见稿2份（结果通报1份、评价结论1份），征求意见4家次，收到书面反馈3家次，其中无异议1家次、提出异议2家次；逾期未反馈，视为无异议1家次。");
    expect(op.paragraphs[1]).toBe("对单位提出的异议逐条核实答复：采纳1条，并据此修改了通报或结论；不予采纳1条，均书面说明理由。已定稿2份。");
    expect(op.table?.rows).toContainEqual(["逾期未反馈视为无异议（家次）", 1]);
    const ho = full.sections.find((s) => s.heading.endsWith("问题移送"))!;
    expect(ho.paragraphs[0]).toContain("本期共移送问题2个，涉及1个单位，其中移送区纪委监委1个、移送区审计局1个；按来源分，审核中发现的问题1个、评价结论1个。");
    // equal counts in the order of the names' sounds (纪 ji before 审 shen)
    expect(ho.table?.rows).toEqual([
      ["区纪委监委", 1],
      ["区审计局", 1],
    ]);
    expect(ho.table?.caption).toMatch(/^表\d+ 问题移送情况$/);
  });

  it.skipIf(!writerPresent())("are in the .docx as LibreOffice reads it", async () => {
    clock = new Date("2026-02-01T02:00:00Z");
    const text = await pdfText(await env2.req("GET", `/api/report?year=${YEAR}`, { token: env2.tokens.finance }), "work-report-opinions.pdf");
    expect(missingPhrases(text, ["本期共发出征求意见稿2份（结果通报1份、评价结论1份）", "逾期未反馈，视为无异议1家次", "本期共移送问题2个，涉及1个单位"])).toEqual([]);
    expect(text).toMatch(/表\d+征求意见情况/);
    expect(text).toMatch(/表\d+问题移送情况/);
  }, 240_000);

  it("stand at the report's day: nothing of October is in the first half", () => {
    expect(firstHalf.figures.opinions.consultations).toBe(0);
    expect(firstHalf.figures.handovers.total).toBe(0);
  });
});
