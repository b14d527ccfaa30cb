// One year of the bureau's cycle through the API, on an injected clock: notices → forms (one on
// time but returned twice, one late, one never sent) → rectification opened, answered, reopened,
// answered, accepted (and one left overdue) → results notice → assessment, every figure of which
// is checked against the hand computation written out below.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../server/auth.ts";
import { YEAR, formOf, makeEnv, subPath, type TestEnv } from "../server/helpers.ts";

let env: TestEnv;
let clock = new Date("2025-03-01T00:00:00Z");
let unitC: string;

const at = (iso: string) => {
  clock = new Date(iso);
};

async function json(res: Response, status = 200): Promise<any> {
  const body = await res.json();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

function selfEvalOf(unit: string, project: string, lower = false) {
  const f = formOf("selfEval", unit, project) as any;
  if (lower) {
    // 森林管护面积: 40 of 50 万亩 → 15 × 40/50 = 12 of 15 → total 96.6 instead of 99.6
    f.indicators[0].actual = 40;
    f.indicators[0].deviation = "受天气影响，部分管护任务顺延至次年，已制定补种计划。";
  }
  return f;
}

describe("one year of the cycle, end to end", () => {
  beforeAll(async () => {
    env = await makeEnv({ now: () => clock, overdueCheckMs: 0 });
    await env.store.putUnit({ code: "U-C", name: "交通局", field: "roads", confidential: false });
    unitC = (await createToken(env.store, "unit", "U-C")).token;
  });
  afterAll(async () => {
    await env.close();
  });

  let noticeTarget: any;
  let rectA: any;
  let rectB: any;

  it("finance issues the target-form notice; every unit sees it open", async () => {
    at("2025-03-01T01:00:00Z");
    noticeTarget = await json(
      await env.req("POST", "/api/notices", {
        token: env.tokens.finance,
        body: { year: YEAR, kind: "target", units: "all", deadline: "2025-03-31", title: "关于报送2025年绩效目标的通知", text: "请各单位于3月31日前报送。", template: "target" },
      }),
      201,
    );
    // the end of 31 March, Beijing time
    expect(noticeTarget.deadline).toBe("2025-03-31T15:59:59.999Z");
    expect(noticeTarget.id).toMatch(/^N2025-/);
    for (const token of [env.tokens.unitA, env.tokens.unitB, unitC]) {
      const { notices } = await json(await env.req("GET", `/api/notices?year=${YEAR}&open=1`, { token }));
      expect(notices).toHaveLength(1);
      expect(notices[0].items).toHaveLength(1);
      expect(notices[0].items[0]).toMatchObject({ project: null, state: "due" });
    }
  });

  it("U-A: P1 first saved with 2 errors, then submitted on time, returned twice, approved; P2 clean and approved", async () => {
    at("2025-03-05T02:00:00Z");
    const p2 = await json(await env.req("PUT", subPath("target", "U-A", "P2"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P2") }), 201);
    expect(p2.counts.error).toBe(0);
    await json(await env.req("POST", `${subPath("target", "U-A", "P2")}/submit`, { token: env.tokens.unitA }));
    await json(await env.req("POST", `${subPath("target", "U-A", "P2")}/approve`, { token: env.tokens.finance }));

    at("2025-03-08T02:00:00Z");
    const bad = formOf("target", "U-A", "P1") as any;
    bad.goals.annual = "";
    bad.indicators = bad.indicators.filter((r: { level2: string }) => r.level2 !== "timeliness");
    const first = await json(await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: bad }), 201);
    expect(first.counts.error).toBe(2); // H103 (no annual goal) and C302 (no timeliness indicator)
    at("2025-03-09T02:00:00Z");
    await json(await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1"), headers: { "if-match": '"1"' } }));
    const path = subPath("target", "U-A", "P1");
    at("2025-03-10T02:00:00Z");
    await json(await env.req("POST", `${path}/submit`, { token: env.tokens.unitA }));
    at("2025-03-11T02:00:00Z");
    await json(await env.req("POST", `${path}/return`, { token: env.tokens.finance, body: { comment: "成本指标依据不足" } }));
    at("2025-03-12T02:00:00Z");
    await json(await env.req("POST", `${path}/submit`, { token: env.tokens.unitA }));
    at("2025-03-13T02:00:00Z");
    await json(await env.req("POST", `${path}/return`, { token: env.tokens.finance, body: { comment: "请补充测算过程" } }));
    at("2025-04-05T02:00:00Z"); // resubmitted after the deadline: the form was first submitted on time, so it stays on time
    await json(await env.req("POST", `${path}/submit`, { token: env.tokens.unitA }));
    await json(await env.req("POST", `${path}/approve`, { token: env.tokens.finance }));
  });

  it("U-B submits after the deadline; U-C sends nothing", async () => {
    at("2025-04-02T03:00:00Z");
    await json(await env.req("PUT", subPath("target", "U-B", "P1"), { token: env.tokens.unitB, body: formOf("target", "U-B", "P1") }), 201);
    await json(await env.req("POST", `${subPath("target", "U-B", "P1")}/submit`, { token: env.tokens.unitB }));
    await json(await env.req("POST", `${subPath("target", "U-B", "P1")}/approve`, { token: env.tokens.finance }));

    const n = await json(await env.req("GET", `/api/notices/${noticeTarget.id}`, { token: env.tokens.finance }));
    const states = Object.fromEntries(n.items.map((i: any) => [`${i.unit}/${i.project}`, i.state]));
    expect(states).toEqual({ "U-A/P1": "onTime", "U-A/P2": "onTime", "U-B/P1": "late", "U-C/null": "missing" });
    expect(n.counts).toEqual({ onTime: 2, late: 1, due: 0, missing: 1 });
    // U-C's notice is still open for it; U-A's is done
    expect((await json(await env.req("GET", `/api/notices?open=1`, { token: unitC }))).notices).toHaveLength(1);
    expect((await json(await env.req("GET", `/api/notices?open=1`, { token: env.tokens.unitA }))).notices).toHaveLength(0);
  });

  it("self-evaluation after year end: a second notice, U-A and U-B on time, U-A's P2 and U-C missing", async () => {
    at("2026-01-10T01:00:00Z");
    await json(
      await env.req("POST", "/api/notices", {
        token: env.tokens.finance,
        body: { year: YEAR, kind: "selfEval", units: ["U-A", "U-B", "U-C"], deadline: "2026-03-31T18:00:00+08:00", title: "关于开展2025年度绩效自评的通知", text: "请于3月31日18时前报送自评表。" },
      }),
      201,
    );
    at("2026-02-01T02:00:00Z");
    const a = await json(await env.req("PUT", subPath("selfEval", "U-A", "P1"), { token: env.tokens.unitA, body: selfEvalOf("U-A", "P1") }), 201);
    expect(a.score.total).toBe(99.6);
    await json(await env.req("POST", `${subPath("selfEval", "U-A", "P1")}/submit`, { token: env.tokens.unitA }));
    at("2026-02-02T02:00:00Z");
    const b = await json(await env.req("PUT", subPath("selfEval", "U-B", "P1"), { token: env.tokens.unitB, body: selfEvalOf("U-B", "P1", true) }), 201);
    expect(b.score.total).toBe(96.6);
    await json(await env.req("POST", `${subPath("selfEval", "U-B", "P1")}/submit`, { token: env.tokens.unitB }));
  });

  it("rectification on U-A's form: opened, answered, reopened, answered again in time, accepted; U-B's left unanswered", async () => {
    at("2026-02-10T01:00:00Z");
    rectA = await json(
      await env.req("POST", "/api/rectifications", {
        token: env.tokens.finance,
        body: { year: YEAR, unit: "U-A", project: "P1", kind: "target", finding: { rule: "C302", text: "首次报送缺少时效指标" }, requirement: "补充时效指标并说明设定依据", deadline: "2026-02-28" },
      }),
      201,
    );
    expect(rectA).toMatchObject({ state: "open", version: 1, overdue: false, finding: { rule: "C302" } });
    rectB = await json(
      await env.req("POST", "/api/rectifications", {
        token: env.tokens.finance,
        body: { year: YEAR, unit: "U-B", project: "P1", kind: "selfEval", requirement: "说明森林管护面积未达标原因并提出整改措施", deadline: "2026-02-28" },
      }),
      201,
    );
    at("2026-02-15T01:00:00Z");
    let r = await json(await env.req("POST", `/api/rectifications/${rectA.id}/answer`, { token: env.tokens.unitA, body: { measures: "已补充时效指标", evidence: "见修订后的目标表" } }));
    expect(r.state).toBe("answered");
    at("2026-02-16T01:00:00Z");
    r = await json(await env.req("POST", `/api/rectifications/${rectA.id}/reopen`, { token: env.tokens.finance, body: { comment: "设定依据仍不充分" } }));
    expect(r.state).toBe("open");
    at("2026-02-20T01:00:00Z");
    r = await json(await env.req("POST", `/api/rectifications/${rectA.id}/answer`, { token: env.tokens.unitA, body: { measures: "按行业标准补充依据", evidence: "附行业标准条款" } }));
    at("2026-03-05T01:00:00Z"); // finance accepts after the deadline; the accepted answer came in time
    r = await json(await env.req("POST", `/api/rectifications/${rectA.id}/accept`, { token: env.tokens.finance, body: { comment: "同意办结" } }));
    expect(r).toMatchObject({ state: "closed", version: 5, closedAt: "2026-03-05T01:00:00.000Z" });
    expect(r.history.map((h: any) => `${h.action}:${h.from}->${h.to}`)).toEqual([
      "open:null->open",
      "answer:open->answered",
      "reopen:answered->open",
      "answer:open->answered",
      "accept:answered->closed",
    ]);
    // a closed item cannot be accepted again
    expect((await env.req("POST", `/api/rectifications/${rectA.id}/accept`, { token: env.tokens.finance, body: {} })).status).toBe(409);

    const audit = (await env.store.findAudit({ targetPrefix: rectA.id })).map((e) => `${e.action}:${e.details?.from}->${e.details?.to}`);
    expect(audit).toEqual(["rectification.open:null->open", "rectification.answer:open->answered", "rectification.reopen:answered->open", "rectification.answer:open->answered", "rectification.accept:answered->closed"]);
  });

  it("the results notice: JSON, .xlsx and the public subset", async () => {
    at("2026-04-15T00:00:00Z");
    const r = await json(await env.req("GET", `/api/results?year=${YEAR}`, { token: env.tokens.finance }));
    expect(r.units.map((u: any) => u.unit)).toEqual(["U-A", "U-B", "U-C"]);
    const [a, b, c] = r.units;
    expect(a.forms.map((f: any) => `${f.project}/${f.kind}/${f.deadline}/${f.returns}`)).toEqual(["P1/selfEval/onTime/0", "P1/target/onTime/2", "P2/target/onTime/0"]);
    expect(a.missing).toEqual([{ kind: "selfEval", project: "P2" }]);
    expect(a.grades).toEqual({ excellent: 1, good: 0, fair: 0, poor: 0 });
    expect(a.averageScore).toBe(99.6);
    expect(a.rectification).toMatchObject({ open: 0, overdue: 0, closed: 1, closedOnTime: 1, openItems: [] });
    expect(b.forms.find((f: any) => f.kind === "target").deadline).toBe("late");
    expect(b.rectification).toMatchObject({ open: 1, overdue: 1, closed: 0 });
    expect(b.rectification.openItems[0]).toMatchObject({ id: rectB.id, overdue: true, state: "open" });
    expect(c.missing).toEqual([
      { kind: "target", project: null },
      { kind: "selfEval", project: null },
    ]);
    expect(c.notices).toEqual({ onTime: 0, late: 0, due: 0, missing: 2 });

    const x = await env.req("GET", `/api/results?year=${YEAR}&format=xlsx`, { token: env.tokens.finance });
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["结果通报", "表单", "整改", "征求意见", "问题移送"]);
    const sum = wb.getWorksheet("结果通报")!;
    expect(sum.getRow(2).values).toEqual([undefined, "U-A", "林业局", 3, 0, 1, 2, 99.6, 1, 0, 0, 0, 0, 0, 0, 0, 1, 84.98, 1]);
    expect(sum.getCell("Q3").value).toBe(71.65);
    expect(wb.getWorksheet("整改")!.getCell("C2").value).toBe(rectB.id);

    const pub = await json(await env.req("GET", `/api/results?year=${YEAR}&scope=public`, { token: env.tokens.finance }));
    // U-B is confidential: gone, and U-C moves up to rank 2
    expect(pub.units.map((u: any) => [u.unit, u.assessment.rank])).toEqual([
      ["U-A", 1],
      ["U-C", 2],
    ]);
    expect(JSON.stringify(pub)).not.toContain("整改措施");
    expect(JSON.stringify(pub)).not.toContain("水利局");
    const audit = await env.store.findAudit({ actions: ["results.generate"] });
    expect(audit.map((e) => e.details?.format)).toEqual(["json", "xlsx", "json"]);
  });

  it("the assessment: every figure by hand", async () => {
    at("2026-04-15T00:00:00Z");
    const res = await json(await env.req("GET", `/api/assessment?year=${YEAR}`, { token: env.tokens.finance }));
    // Default weights: on time 25, first pass 20, errors 15, self-evaluation 25, rectification 15;
    // errors score nothing at 5 errors per form.
    expect(res.weights).toEqual({ onTime: 25, firstPass: 20, errors: 15, selfEval: 25, rectification: 15, errorsPerFormAtZero: 5 });
    const by = Object.fromEntries(res.units.map((u: any) => [u.unit, u]));
    const A = by["U-A"].components;
    const B = by["U-B"].components;
    const C = by["U-C"].components;

    // U-A. Owed: target P1 (on time: first submitted 10 March), target P2 (on time), selfEval P1
    // (on time), selfEval P2 (missing) → 3 of 4 on time: 25 × 3/4 = 18.75.
    expect(A.onTime.basis).toEqual({ onTime: 3, late: 0, missing: 1, owed: 4 });
    expect(A.onTime.score).toBeCloseTo(18.75, 10);
    // Submitted 3 forms, P1 target returned twice → 2 of 3 first pass: 20 × 2/3 = 13.3333…
    expect(A.firstPass.basis).toEqual({ submitted: 3, neverReturned: 2 });
    expect(A.firstPass.score).toBeCloseTo(40 / 3, 10);
    // 2 errors in P1's first revision over 3 forms → 2/3 per form: 15 × (1 − (2/3)/5) = 13.
    expect(A.errors.basis).toMatchObject({ forms: 3, errors: 2 });
    expect(A.errors.score).toBeCloseTo(13, 10);
    // One self-evaluation, 99.6 (budget 480/500 × 10 = 9.6, every row full: 90) → 25 × 0.996 = 24.9.
    expect(A.selfEval.basis).toEqual({ forms: 1, average: 99.6 });
    expect(A.selfEval.score).toBeCloseTo(24.9, 10);
    // One item, its accepted answer (20 Feb) before its deadline (28 Feb) → 15 × 1 = 15.
    expect(A.rectification.basis).toEqual({ items: 1, measured: 1, closedOnTime: 1 });
    expect(A.rectification.score).toBeCloseTo(15, 10);
    // 18.75 + 13.3333 + 13 + 24.9 + 15 = 84.98333 over weights 100 → 84.98
    expect(by["U-A"].total).toBe(84.98);

    // U-B. Target P1 late (2 April), selfEval P1 on time → 1 of 2: 12.5.
    expect(B.onTime.basis).toEqual({ onTime: 1, late: 1, missing: 0, owed: 2 });
    expect(B.onTime.score).toBeCloseTo(12.5, 10);
    expect(B.firstPass.score).toBeCloseTo(20, 10); // 2 of 2 never returned
    expect(B.errors.score).toBeCloseTo(15, 10); // no error at first save
    expect(B.selfEval.score).toBeCloseTo(24.15, 10); // 25 × 0.966
    // One item, deadline passed, never answered → 0 of 1.
    expect(B.rectification.basis).toEqual({ items: 1, measured: 1, closedOnTime: 0 });
    expect(B.rectification.score).toBe(0);
    // 12.5 + 20 + 15 + 24.15 + 0 = 71.65
    expect(by["U-B"].total).toBe(71.65);

    // U-C. Owes a target and a self-evaluation form and sent neither: 0 of 2 → 0. Nothing else
    // applies (no form submitted or saved, no self-evaluation, no item): those drop out, and the
    // total is 0 × 100 / 25 = 0.
    expect(C.onTime.basis).toEqual({ onTime: 0, late: 0, missing: 2, owed: 2 });
    expect(C.onTime.score).toBe(0);
    for (const k of ["firstPass", "errors", "selfEval", "rectification"]) expect(C[k].score).toBeNull();
    expect(by["U-C"].total).toBe(0);

    expect(res.units.map((u: any) => [u.unit, u.rank])).toEqual([
      ["U-A", 1],
      ["U-B", 2],
      ["U-C", 3],
    ]);
  });

  it("the consolidated summary carries each unit's deadlines, rectification and assessment", async () => {
    at("2026-04-15T00:00:00Z");
    const res = await json(await env.req("GET", `/api/consolidated?year=${YEAR}&kind=selfEval`, { token: env.tokens.finance }));
    const by = Object.fromEntries(res.summary.map((r: any) => [r.unitCode, r]));
    // the same figures as the assessment above, per unit
    expect(by["U-A"]).toMatchObject({ onTime: 3, late: 0, due: 0, notSent: 1, rectOpen: 0, rectOverdue: 0, rectClosed: 1, assessment: 84.98, rank: 1 });
    expect(by["U-B"]).toMatchObject({ onTime: 1, late: 1, notSent: 0, rectOpen: 1, rectOverdue: 1, rectClosed: 0, assessment: 71.65, rank: 2 });
    expect(by["U-C"]).toMatchObject({ onTime: 0, late: 0, notSent: 2, assessment: 0, rank: 3 });
  });
});
