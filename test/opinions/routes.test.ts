// Opinions on results (征求意见) and problems handed on (问题移送) through the routes, on one store
// (lowdb here; postgres.test.ts runs this file on PostgreSQL): a results notice's draft answered,
// objected to, handled and finalised with a silent unit; a key project's conclusion changed by an
// accepted objection; who sees what; every step in the audit log; findings, items and conclusions
// handed on and shown in the results notice and the assessment.
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createToken } from "../../server/auth.ts";
import { findingRow } from "../../shared/cycle/handover.ts";
import { ConsultationInputSchema, newConsultation } from "../../shared/cycle/opinions.ts";
import { ConsultationListSchema, ConsultationViewSchema, ErrorBodySchema, HandoverListSchema, HandoverSchema } from "../../shared/api/index.ts";
import { onePagePdf } from "../documents/files.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "../server/helpers.ts";

let env: TestEnv;
let unitC: string;
// 2025-03-01 08:00 Beijing time
let clock = new Date("2025-03-01T00:00:00Z");

beforeEach(async () => {
  clock = new Date("2025-03-01T00:00:00Z");
  env = await makeEnv({ now: () => clock });
  await env.store.putUnit({ code: "U-C", name: "教育局", field: "education", confidential: false });
  unitC = (await createToken(env.store, "unit", "U-C")).token;
});
afterEach(async () => {
  await env.close();
});

const fin = (method: string, path: string, body?: unknown) => env.req(method, path, { token: env.tokens.finance, body });
const as = (token: string, method: string, path: string, body?: unknown) => env.req(method, path, { token, body });
async function okAs<T>(res: Response, status: number, schema: { parse(x: unknown): T }): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}
const ok = (res: Response, status = 200) => okAs(res, status, ConsultationViewSchema);
async function refused(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ErrorBodySchema.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  return body.error;
}

const resultsDraft = {
  year: YEAR,
  subject: { kind: "results" },
  title: "关于2025年度预算绩效管理工作考核结果的通报（征求意见稿）",
  draft: { text: "现将2025年度各单位预算绩效管理工作考核结果通报如下，请各单位核对本单位结果。" },
  units: ["U-A", "U-B", "U-C"],
  deadline: "2025-03-10",
};

describe("a results notice's draft", () => {
  it("is answered, objected to, handled and finalised; a silent unit is recorded as agreeing, and the final notice lists it all", async () => {
    const sent = await ok(await fin("POST", "/api/opinions", resultsDraft), 201);
    expect(sent).toMatchObject({ state: "open", units: ["U-A", "U-B", "U-C"], deadlineDay: "2025-03-10", waiting: ["U-A", "U-B", "U-C"], pastDeadline: false });
    // the deadline is 24:00 Beijing time on the day
    expect(sent.deadline).toBe("2025-03-10T15:59:59.999Z");

    await ok(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { stance: "agree" }));
    await refused(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { stance: "disagree", reasons: "改主意了" }), 409, "already_answered");
    const noReason = await refused(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, { stance: "disagree" }), 400, "invalid_body");
    expect(JSON.stringify(noReason.details)).toContain("reasons");
    const objection = { stance: "disagree", reasons: "本单位按时报送了绩效目标表，通报中记为逾期。", evidence: "报送回执截图，OA收文编号 2025-0117" };
    const b = await ok(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, objection));
    // a unit sees only its own answer, its own unit among those asked, and its own line of the draft
    expect(b.opinions.map((o) => o.unit)).toEqual(["U-B"]);
    expect(b.units).toEqual(["U-B"]);
    expect(b.line).toBeDefined();
    expect(JSON.stringify(b)).not.toContain("U-A");

    // before the deadline, with U-C silent: refused, naming U-C, in both languages
    const early = await refused(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}), 409, "opinions_pending");
    expect(early.message).toContain("U-C");
    expect(early.message).toMatch(/尚未反馈.*\/.*have not answered/);
    expect(early.details).toEqual({ units: ["U-C"], deadline: sent.deadline });

    // the last minute of the day in Beijing is still in time; the next is not
    clock = new Date("2025-03-10T16:00:00.000Z");
    await refused(await as(unitC, "POST", `/api/opinions/${sent.id}/answer`, { stance: "agree" }), 409, "opinion_closed");
    const pending = await refused(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}), 409, "objections_unanswered");
    expect(pending.message).toContain("U-B");

    await refused(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-A", decision: "rejected", reason: "x" }), 409, "no_objection");
    const handled = await ok(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-B", decision: "accepted", reason: "经核对报送记录，已将水利局绩效目标表改为按时报送。" }));
    expect(handled.opinions.find((o) => o.unit === "U-B")?.handling).toMatchObject({ decision: "accepted" });
    await refused(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-B", decision: "rejected", reason: "x" }), 409, "already_handled");

    const final = await ok(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}));
    expect(final.state).toBe("final");
    expect(final.opinions.map((o) => [o.unit, o.stance, o.silent ?? false])).toEqual([
      ["U-A", "agree", false],
      ["U-B", "disagree", false],
      ["U-C", "agree", true],
    ]);
    expect(final.opinions[2]!.reasons).toBe("逾期未反馈，视为无异议");
    await refused(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}), 409, "opinion_closed");

    // every step in the audit log
    const audit = (await env.store.findAudit({ targetPrefix: sent.id })).map((e) => [e.action, (e.details as { unit?: string }).unit ?? null]);
    expect(audit).toEqual([
      ["opinion.send", null],
      ["opinion.answer", "U-A"],
      ["opinion.answer", "U-B"],
      ["opinion.reply", "U-B"],
      ["opinion.finalise", null],
    ]);
    const fin_ = (await env.store.findAudit({ actions: ["opinion.finalise"] }))[0]!;
    expect(fin_.details).toMatchObject({ silent: ["U-C"], note: "逾期未反馈，视为无异议" });

    // the final notice lists the opinions received and how each was handled
    const notice = await (await fin("GET", `/api/results?year=${YEAR}`)).json();
    expect(notice.opinions).toHaveLength(1);
    expect(notice.opinions[0]).toMatchObject({ id: sent.id, state: "final" });
    expect(notice.opinions[0].lines.map((l: { unit: string; said: string; handled: string }) => [l.unit, l.said, l.handled])).toEqual([
      ["U-A", "无异议", ""],
      ["U-B", "有异议", "采纳：经核对报送记录，已将水利局绩效目标表改为按时报送。"],
      ["U-C", "逾期未反馈，视为无异议", ""],
    ]);
    const x = await fin("GET", `/api/results?year=${YEAR}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("征求意见")!;
    expect(sheet.getRow(3).values).toEqual([undefined, "U-B", "水利局", `${resultsDraft.title}（已定稿）`, "2025-03-10", "有异议", objection.reasons, objection.evidence, "采纳：经核对报送记录，已将水利局绩效目标表改为按时报送。"]);
    expect(sheet.getCell("E4").value).toBe("逾期未反馈，视为无异议");
  });

  it("may be finalised before the deadline once every unit has answered; a rejected objection keeps its reason", async () => {
    const sent = await ok(await fin("POST", "/api/opinions", { ...resultsDraft, units: ["U-A", "U-B"] }), 201);
    await ok(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { stance: "agree", reasons: "无意见" }));
    await ok(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, { stance: "disagree", reasons: "考核权重不合理" }));
    const r = await ok(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-B", decision: "rejected", reason: "考核权重按局发〔2024〕5号文件执行，不属于本次通报调整范围。" }));
    expect(r.drafts).toHaveLength(1);
    const final = await ok(await fin("POST", `/api/opinions/${sent.id}/finalise`, { note: "各单位均已反馈" }));
    expect(final).toMatchObject({ state: "final", note: "各单位均已反馈" });
    expect(final.opinions.some((o) => o.silent)).toBe(false);
    expect(final.opinions[1]!.handling).toMatchObject({ decision: "rejected", reason: "考核权重按局发〔2024〕5号文件执行，不属于本次通报调整范围。" });
  });

  it("a version of the draft made on another unit's objection does not name that unit to the others", async () => {
    const sent = await ok(await fin("POST", "/api/opinions", { ...resultsDraft, units: ["U-A", "U-B"] }), 201);
    await ok(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, { stance: "disagree", reasons: "通报表述有误" }));
    await ok(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-B", decision: "accepted", reason: "已修改表述", draft: { text: "修改后的通报" } }));
    const a = await ok(await as(env.tokens.unitA, "GET", `/api/opinions/${sent.id}`));
    expect(a.drafts.map((d) => d.text)).toEqual([resultsDraft.draft.text, "修改后的通报"]);
    expect(JSON.stringify(a)).not.toContain("U-B");
    const b = await ok(await as(env.tokens.unitB, "GET", `/api/opinions/${sent.id}`));
    expect(b.drafts[1]!.because).toBe("U-B");
  });

  it("units see only drafts sent to them; others answer as if it did not exist", async () => {
    const sent = await ok(await fin("POST", "/api/opinions", { ...resultsDraft, units: ["U-A"] }), 201);
    expect((await okAs(await as(env.tokens.unitA, "GET", `/api/opinions?year=${YEAR}`), 200, ConsultationListSchema)).opinions.map((o) => o.id)).toEqual([sent.id]);
    expect((await okAs(await as(env.tokens.unitB, "GET", `/api/opinions?year=${YEAR}`), 200, ConsultationListSchema)).opinions).toEqual([]);
    await refused(await as(env.tokens.unitB, "GET", `/api/opinions/${sent.id}`), 404, "not_found");
    await refused(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, { stance: "agree" }), 404, "not_found");
    // units do not send, reply or finalise; finance does not answer
    await refused(await as(env.tokens.unitA, "POST", "/api/opinions", resultsDraft), 403, "forbidden");
    await refused(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/finalise`, {}), 403, "forbidden");
    await refused(await fin("POST", `/api/opinions/${sent.id}/answer`, { stance: "agree" }), 403, "forbidden");
    expect((await okAs(await fin("GET", `/api/opinions?year=${YEAR}`), 200, ConsultationListSchema)).opinions).toHaveLength(1);
  });

  it("bad bodies are refused naming the field", async () => {
    const bad = async (body: unknown, path: string) => {
      const e = await refused(await fin("POST", "/api/opinions", body), 400, "invalid_body");
      expect(JSON.stringify(e.details)).toContain(path);
    };
    await bad({ ...resultsDraft, deadline: "2025-02-30" }, "deadline");
    const past = await refused(await fin("POST", "/api/opinions", { ...resultsDraft, deadline: "2025-02-28" }), 400, "invalid_body");
    expect(past.message).toContain("2025-02-28");
    await bad({ ...resultsDraft, units: [] }, "units");
    await bad({ ...resultsDraft, units: ["U-A", "U-A"] }, "units");
    await bad({ ...resultsDraft, subject: { kind: "conclusion", unit: "U-A", project: "P1" } }, "draft.grade");
    const unknown = await refused(await fin("POST", "/api/opinions", { ...resultsDraft, units: ["U-A", "U-Z"] }), 400, "unknown_units");
    expect(unknown.message).toContain("U-Z");
  });
});

describe("a key project's evaluation conclusion", () => {
  const conclusion = {
    year: YEAR,
    subject: { kind: "conclusion", unit: "U-A", project: "P1" },
    title: "P1 项目绩效评价结论（征求意见稿）",
    draft: { text: "项目总体完成年度目标，但资金执行偏慢、满意度调查样本不足，评价结论为“中”。", grade: "fair" },
    units: ["U-A"],
    deadline: "2025-03-20",
  };

  it("must be a key project's; an accepted objection changes the draft, and accepting without a change is refused", async () => {
    await refused(await fin("POST", "/api/opinions", conclusion), 409, "not_key_project");
    expect((await fin("POST", `/api/projects/${YEAR}/U-A/P1/key`, { key: true })).status).toBe(200);
    const sent = await ok(await fin("POST", "/api/opinions", conclusion), 201);
    expect(sent.drafts[0]).toMatchObject({ n: 1, grade: "fair" });
    // the evidence: text, and the unit's own uploaded document (the project needs a form first)
    expect((await env.req("PUT", subPath("selfEval", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("selfEval", "U-A", "P1") })).status).toBeLessThan(300);
    const up = await env.app.request(`/api/documents/${YEAR}/U-A/P1/selfEvalReport?name=${encodeURIComponent("满意度调查汇总表.pdf")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.tokens.unitA}`, "content-type": "application/pdf" },
      body: onePagePdf("Survey") as BodyInit,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const because = { stance: "disagree", reasons: "满意度调查样本为312份，达到方案要求的300份。", evidence: "满意度调查汇总表（附件3）" };
    const noDoc = await refused(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { ...because, document: { project: "P1", kind: "selfEvalReport", version: 2 } }), 404, "no_such_document");
    expect(noDoc.message).toContain("P1");
    const answered = await ok(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { ...because, document: { project: "P1", kind: "selfEvalReport", version: 1 } }));
    expect(answered.opinions[0]!.document).toEqual({ project: "P1", kind: "selfEvalReport", version: 1, name: "满意度调查汇总表.pdf" });
    await refused(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}), 409, "objections_unanswered");
    await refused(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-A", decision: "accepted", reason: "采纳" }), 400, "draft_unchanged");
    const changed = await ok(
      await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-A", decision: "accepted", reason: "核实样本量达标，结论调整为“良”。", draft: { text: "项目总体完成年度目标，资金执行偏慢，评价结论为“良”。", grade: "good" } }),
    );
    expect(changed.drafts.map((d) => [d.n, d.grade, d.because ?? null])).toEqual([
      [1, "fair", null],
      [2, "good", "U-A"],
    ]);
    expect(changed.opinions[0]!.handling?.draft).toBe(2);
    // every named unit answered: final before the deadline
    expect((await ok(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}))).state).toBe("final");
    const reply = (await env.store.findAudit({ actions: ["opinion.reply"] }))[0]!;
    expect(reply.details).toMatchObject({ unit: "U-A", decision: "accepted", draftVersion: 2 });
  });
});

describe("problems handed on", () => {
  async function savedForm() {
    const put = await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    const sub = await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P1", kind: "target" });
    const issues = (await env.store.listRevisions(sub!.key)).flatMap((r) => r.issues);
    return issues;
  }
  const base = { department: "区纪委监委", date: "2025-04-02", reference: "财绩移〔2025〕3号", summary: "项目资金支付与合同约定不符，涉嫌违规拨付。" };

  it("a finding (rule and row), a rectification item and a conclusion are handed on, and show in the results notice and the assessment", async () => {
    const issues = await savedForm();
    const withRow = issues.find((i) => findingRow(i) !== undefined) ?? issues[0]!;
    const row = findingRow(withRow);
    const finding = { kind: "finding", year: YEAR, unit: "U-A", project: "P1", form: "target", rule: withRow.rule, ...(row !== undefined ? { row } : {}) };
    const h1 = await okAs(await fin("POST", "/api/handovers", { ...base, subject: finding }), 201, HandoverSchema);
    expect(h1).toMatchObject({ unit: "U-A", year: YEAR, department: "区纪委监委", reference: "财绩移〔2025〕3号", subject: { kind: "finding", rule: withRow.rule } });
    expect(h1.what).toContain(withRow.rule);

    // a finding the form never had, or at another row, is refused naming the field
    const absent = await refused(await fin("POST", "/api/handovers", { ...base, subject: { ...finding, rule: "X604" } }), 400, "no_such_finding");
    expect(absent.message).toContain("X604");
    const offRow = await refused(await fin("POST", "/api/handovers", { ...base, subject: { ...finding, row: 9999 } }), 400, "no_such_finding");
    expect(offRow.message).toContain("9999");
    await refused(await fin("POST", "/api/handovers", { ...base, date: "2025-13-01", subject: finding }), 400, "invalid_body");
    await refused(await fin("POST", "/api/handovers", { ...base, subject: { ...finding, project: "NOPE" } }), 404, "no_such_form");

    clock = new Date("2025-03-01T00:01:00Z");
    const rect = await (await fin("POST", "/api/rectifications", { year: YEAR, unit: "U-A", project: "P1", kind: "target", requirement: "说明资金拨付依据", deadline: "2025-05-31" })).json();
    const h2 = await okAs(await fin("POST", "/api/handovers", { ...base, department: "区审计局", reference: "财绩移〔2025〕4号", subject: { kind: "rectification", id: rect.id } }), 201, HandoverSchema);
    expect(h2.subject).toEqual({ kind: "rectification", id: rect.id, project: "P1", form: "target" });

    expect((await fin("POST", `/api/projects/${YEAR}/U-A/P1/key`, { key: true })).status).toBe(200);
    clock = new Date("2025-03-01T00:02:00Z");
    const c = await ok(await fin("POST", "/api/opinions", { year: YEAR, subject: { kind: "conclusion", unit: "U-A", project: "P1" }, title: "评价结论", draft: { text: "差", grade: "poor" }, units: ["U-A"], deadline: "2025-03-20" }), 201);
    const h3 = await okAs(await fin("POST", "/api/handovers", { ...base, reference: "财绩移〔2025〕5号", subject: { kind: "conclusion", id: c.id } }), 201, HandoverSchema);
    expect(h3.unit).toBe("U-A");

    // units see their own only; a unit cannot hand on
    expect((await okAs(await as(env.tokens.unitA, "GET", `/api/handovers?year=${YEAR}`), 200, HandoverListSchema)).handovers.map((h) => h.id)).toEqual([h1.id, h2.id, h3.id]);
    expect((await okAs(await as(env.tokens.unitB, "GET", `/api/handovers?year=${YEAR}`), 200, HandoverListSchema)).handovers).toEqual([]);
    expect((await okAs(await as(env.tokens.unitB, "GET", `/api/handovers?unit=U-A`), 200, HandoverListSchema)).handovers).toEqual([]);
    await refused(await as(env.tokens.unitA, "POST", "/api/handovers", { ...base, subject: finding }), 403, "forbidden");

    expect((await env.store.findAudit({ actions: ["handover.record"] })).map((e) => e.target)).toEqual([h1.id, h2.id, h3.id]);

    const notice = await (await fin("GET", `/api/results?year=${YEAR}`)).json();
    const a = notice.units.find((u: { unit: string }) => u.unit === "U-A");
    expect(a.handedOn.map((h: { id: string; department: string; reference: string }) => [h.id, h.department, h.reference])).toEqual([
      [h1.id, "区纪委监委", "财绩移〔2025〕3号"],
      [h2.id, "区审计局", "财绩移〔2025〕4号"],
      [h3.id, "区纪委监委", "财绩移〔2025〕5号"],
    ]);
    expect(notice.units.find((u: { unit: string }) => u.unit === "U-B").handedOn).toEqual([]);
    const assessment = await (await fin("GET", `/api/assessment?year=${YEAR}`)).json();
    expect(assessment.units.find((u: { unit: string }) => u.unit === "U-A").handedOn).toHaveLength(3);
    const x = await fin("GET", `/api/results?year=${YEAR}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("问题移送")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "U-A", "林业局", h1.id, h1.what, "区纪委监委", "2025-04-02", "财绩移〔2025〕3号", base.summary]);
    expect(sheet.rowCount).toBe(4);
    // the public subset carries none of it
    const pub = await (await fin("GET", `/api/results?year=${YEAR}&scope=public`)).text();
    expect(pub).not.toContain("区纪委监委");
  });
});

describe("the store (the same on both adapters)", () => {
  it("writes a draft only over the version it read, and lists by year, unit and state", async () => {
    const a = newConsultation("O2025-0000000a", ConsultationInputSchema.parse(resultsDraft), "finance#f", "2025-03-01T00:00:00.000Z");
    expect(await env.store.opinions.create(a)).toBe(true);
    expect(await env.store.opinions.create(a)).toBe(false);
    const next = { ...a, version: 2, state: "final" as const };
    expect(await env.store.opinions.update(next, 1)).toEqual({ ok: true, item: next });
    expect(await env.store.opinions.update({ ...a, version: 3 }, 1)).toEqual({ ok: false, current: next });
    expect((await env.store.opinions.list({ unit: "U-C", state: "final", year: YEAR })).map((c) => c.id)).toEqual([a.id]);
    expect(await env.store.opinions.list({ unit: "U-Z" })).toEqual([]);
    expect(await env.store.opinions.list({ year: YEAR + 1 })).toEqual([]);
  });
});

describe("events", () => {
  it("the units asked hear a draft sent and their own answer, never another unit's; finance hears every step", async () => {
    const heard: Record<string, string[]> = { a: [], b: [], c: [], fin: [] };
    const who = (unit?: string) => ({ role: unit ? ("unit" as const) : ("finance" as const), tokenId: "t", actor: "x", ...(unit ? { unit } : {}) });
    env.bus.subscribe(who("U-A"), (e) => heard.a!.push(`${e.type}:${(e.data as { action?: string }).action}`));
    env.bus.subscribe(who("U-B"), (e) => heard.b!.push(`${e.type}:${(e.data as { action?: string }).action}`));
    env.bus.subscribe(who("U-C"), (e) => heard.c!.push(`${e.type}:${(e.data as { action?: string }).action}`));
    env.bus.subscribe(who(), (e) => heard.fin!.push(`${e.type}:${(e.data as { action?: string }).action}`));
    const sent = await ok(await fin("POST", "/api/opinions", { ...resultsDraft, units: ["U-A", "U-B"] }), 201);
    await ok(await as(env.tokens.unitA, "POST", `/api/opinions/${sent.id}/answer`, { stance: "agree" }));
    await ok(await as(env.tokens.unitB, "POST", `/api/opinions/${sent.id}/answer`, { stance: "disagree", reasons: "数据有误" }));
    await ok(await fin("POST", `/api/opinions/${sent.id}/reply`, { unit: "U-B", decision: "rejected", reason: "经核实无误" }));
    await ok(await fin("POST", `/api/opinions/${sent.id}/finalise`, {}));
    const only = (l: string[]) => l.filter((x) => x.startsWith("opinion.step"));
    expect(only(heard.fin!)).toEqual(["opinion.step:send", "opinion.step:answer", "opinion.step:answer", "opinion.step:reply", "opinion.step:finalise"]);
    expect(only(heard.a!)).toEqual(["opinion.step:send", "opinion.step:answer", "opinion.step:finalise"]);
    expect(only(heard.b!)).toEqual(["opinion.step:send", "opinion.step:answer", "opinion.step:reply", "opinion.step:finalise"]);
    expect(only(heard.c!)).toEqual([]);
  });
});
