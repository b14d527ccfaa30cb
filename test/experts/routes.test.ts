// Expert review through the API, on one store (lowdb here; postgres.test.ts runs this file on
// PostgreSQL): experts and their tokens, assignments, sheets, the panel, the conclusion, two
// rounds, the audit; and the route × role test: an expert's token against every route of the app
// reads exactly what is assigned and nothing else, and no other expert's scores before submitting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentDetailSchema, AssignmentListSchema, AssignmentViewSchema, ReviewItemSchema, ReviewViewSchema } from "../../shared/api/index.ts";
import { defaultTargetSheet } from "../../shared/expert/policy.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "../server/helpers.ts";
import { onePagePdf, planDocx } from "../documents/files.ts";

let env: TestEnv;
const tok: Record<string, string> = {};
let assigned = ""; // U-A's target form, to E1, E2 and E3
let other = ""; // U-B's target form, to E4 only
let plan = ""; // U-A's plan, to E1 and E2

const fin = (method: string, path: string, body?: unknown) => env.req(method, path, { token: env.tokens.finance, body });
const as = (who: string, method: string, path: string, body?: unknown) => env.req(method, path, { token: tok[who], body });
const full = (scores: number[]) => Object.fromEntries(defaultTargetSheet.criteria.map((c, i) => [c.id, scores[i]!]));

async function saved(unit: string, kind: "target" | "selfEval" | "monitor", project = "P1") {
  const token = unit === "U-A" ? env.tokens.unitA : env.tokens.unitB;
  const put = await env.req("PUT", subPath(kind, unit, project), { token, body: formOf(kind, unit, project) });
  expect(put.status, await put.clone().text()).toBeLessThan(300);
}

async function uploaded(unit: string, kind: "evalPlan" | "evalReport" | "selfEvalReport", bytes: Uint8Array, name: string) {
  const token = unit === "U-A" ? env.tokens.unitA : env.tokens.unitB;
  const res = await env.app.request(`/api/documents/${YEAR}/${unit}/P1/${kind}?name=${encodeURIComponent(name)}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" }, body: bytes as BodyInit });
  expect(res.status, await res.clone().text()).toBe(201);
}

beforeAll(async () => {
  env = await makeEnv();
  const admin = (method: string, path: string, body?: unknown) => env.req(method, path, { token: env.tokens.admin, body });
  for (const [code, name, field] of [
    ["E1", "张明", "performance"],
    ["E2", "李华", "industry"],
    ["E3", "王芳", "performance"],
    ["E4", "赵强", "industry"],
  ] as const) {
    expect((await admin("POST", "/api/experts", { code, name, field })).status).toBe(201);
    const t = await admin("POST", "/api/tokens", { role: "expert", expert: code, label: name });
    expect(t.status).toBe(201);
    tok[code] = (await t.json()).token;
  }
  await saved("U-A", "target");
  await saved("U-A", "selfEval");
  await saved("U-A", "monitor");
  await saved("U-B", "target");
  await uploaded("U-A", "evalPlan", await planDocx("林业局某项目绩效评价方案"), "某项目绩效评价方案.docx");
  await uploaded("U-A", "selfEvalReport", onePagePdf("Self-evaluation report"), "自评报告.pdf");
  await uploaded("U-B", "evalPlan", await planDocx("水利局某项目绩效评价方案"), "水利局评价方案.docx");
  const a = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E2", "E1", "E3"], due: `${YEAR}-04-30` });
  expect(a.status, await a.clone().text()).toBe(201);
  assigned = AssignmentViewSchema.parse(await a.json()).id;
  other = (await (await fin("POST", "/api/reviews", { year: YEAR, unit: "U-B", project: "P1", kind: "target", experts: ["E4"], due: `${YEAR}-04-30` })).json()).id;
  const p = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "plan", experts: ["E1", "E2"], due: `${YEAR}-05-31` });
  expect(p.status, await p.clone().text()).toBe(201);
  plan = (await p.json()).id;
  expect((await fin("POST", "/api/reviews", { year: YEAR, unit: "U-B", project: "P1", kind: "plan", experts: ["E4"], due: `${YEAR}-05-31` })).status).toBe(201);
});
afterAll(async () => {
  await env?.close();
});

describe("experts and their tokens", () => {
  it("the admin adds experts (绩效专家, 行业专家) and issues their tokens; finance lists them", async () => {
    const list = (await (await fin("GET", "/api/experts")).json()).experts;
    expect(list.map((e: { code: string }) => e.code)).toEqual(["E1", "E2", "E3", "E4"]);
    expect(list[0]).toEqual({ code: "E1", name: "张明", field: "performance" });
    const me = await (await as("E1", "GET", "/api/me")).json();
    expect(me).toMatchObject({ role: "expert", unit: null, expert: { code: "E1", name: "张明", field: "performance" } });
    const tokens = (await (await env.req("GET", "/api/tokens", { token: env.tokens.admin })).json()).tokens;
    expect(tokens.find((t: { expert?: string }) => t.expert === "E2")).toMatchObject({ role: "expert", label: "李华" });
  });

  it("refuses a duplicate expert, an expert token without its expert or with an unknown one, and experts added by finance", async () => {
    const admin = (path: string, body: unknown) => env.req("POST", path, { token: env.tokens.admin, body });
    expect((await admin("/api/experts", { code: "E1", name: "重复", field: "industry" })).status).toBe(409);
    const bad = await admin("/api/experts", { code: "E9", name: "某", field: "财务" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("field");
    const noExpert = await admin("/api/tokens", { role: "expert" });
    expect(noExpert.status).toBe(400);
    expect((await noExpert.json()).error.details[0]).toMatchObject({ path: "expert", message: expect.stringContaining("专家令牌须指定专家") });
    const unknown = await admin("/api/tokens", { role: "expert", expert: "E99" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe("no_such_expert");
    expect((await admin("/api/tokens", { role: "finance", expert: "E1" })).status).toBe(400);
    expect((await fin("POST", "/api/experts", { code: "E8", name: "某", field: "industry" })).status).toBe(403);
  });
});

describe("assignments", () => {
  it("finance assigns an item with a due date; the sheet is the policy's, copied in", async () => {
    const d = AssignmentDetailSchema.parse(await (await fin("GET", `/api/reviews/${assigned}`)).json());
    expect(d.assignment).toMatchObject({ unit: "U-A", unitName: "林业局", project: "P1", kind: "target", round: 1, experts: ["E1", "E2", "E3"], due: `${YEAR}-04-30T15:59:59.999Z`, submitted: 0 });
    expect(d.assignment.sheet.criteria.map((c) => c.name)).toEqual(["目标完整性", "指标明确性", "目标与指标相关性", "指标可衡量性", "预算合理性"]);
    expect(d.experts.map((e) => e.name)).toEqual(["张明", "李华", "王芳"]);
  });

  it("refuses unknown experts (naming them), a form that does not exist, a bad due date", async () => {
    const r = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1", "E77"], due: `${YEAR}-04-30` });
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toContain("E77");
    const none = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P9", kind: "selfEval", experts: ["E1"], due: `${YEAR}-04-30` });
    expect(none.status).toBe(404);
    expect((await none.json()).error.code).toBe("no_such_form");
    const due = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1"], due: `${YEAR}-02-30` });
    expect(due.status).toBe(400);
    expect((await due.json()).error.details[0].path).toBe("due");
    expect((await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1", "E1"], due: `${YEAR}-04-30` })).status).toBe(400);
  });

  it("a unit, an office's finance and an expert cannot assign", async () => {
    const body = { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1"], due: `${YEAR}-04-30` };
    expect((await env.req("POST", "/api/reviews", { token: env.tokens.unitA, body })).status).toBe(403);
    expect((await as("E1", "POST", "/api/reviews", body)).status).toBe(403);
  });
});

describe("an expert reads exactly what is assigned", () => {
  it("the list holds their assignments only, with their own state", async () => {
    const mine = AssignmentListSchema.parse(await (await as("E1", "GET", "/api/reviews")).json()).assignments;
    expect(mine.map((a) => a.id).sort()).toEqual([assigned, plan].sort());
    expect(mine.every((a) => a.mine === "none")).toBe(true);
    expect(AssignmentListSchema.parse(await (await as("E4", "GET", "/api/reviews")).json()).assignments.map((a) => a.kind)).toEqual(["target", "plan"]);
    // asking for another unit's by filter gives nothing more
    expect((await (await as("E1", "GET", "/api/reviews?unit=U-B")).json()).assignments).toEqual([]);
  });

  it("opens an assigned form read-only, and not an unassigned one nor the unit's other forms", async () => {
    const item = ReviewItemSchema.parse(await (await as("E1", "GET", `/api/reviews/${assigned}/item`)).json());
    expect(item).toMatchObject({ kind: "target", unit: "U-A", project: "P1", revision: 1 });
    expect((item.form as { project: { code: string } }).project.code).toBe("P1");
    expect((await as("E1", "GET", `/api/reviews/${other}/item`)).status).toBe(404);
    expect((await as("E1", "GET", `/api/reviews/${other}`)).status).toBe(404);
    for (const kind of ["target", "selfEval", "monitor"]) {
      expect((await as("E1", "GET", subPath(kind, "U-A"))).status).toBe(403);
      expect((await as("E1", "GET", `${subPath(kind, "U-A")}/xlsx`)).status).toBe(403);
    }
    expect((await as("E1", "GET", `/api/submissions?unit=U-A`)).status).toBe(403);
  });

  it("downloads an assigned plan, and not the project's other documents nor another project's plan", async () => {
    const item = ReviewItemSchema.parse(await (await as("E1", "GET", `/api/reviews/${plan}/item`)).json());
    expect(item.form).toBeUndefined();
    expect(item.documents?.map((d) => [d.kind, d.version, d.name])).toEqual([["evalPlan", 1, "某项目绩效评价方案.docx"]]);
    const file = await as("E1", "GET", item.documents![0]!.href);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("wordprocessingml");
    expect((await file.arrayBuffer()).byteLength).toBe(item.documents![0]!.bytes);
    // the project's self-evaluation report, its list, a version that does not exist, U-B's plan
    expect((await as("E1", "GET", `/api/documents/${YEAR}/U-A/P1/selfEvalReport/1`)).status).toBe(403);
    expect((await as("E1", "GET", `/api/documents/${YEAR}/U-A/P1`)).status).toBe(403);
    expect((await as("E1", "GET", `/api/documents/${YEAR}/U-A/P1/evalReport/1`)).status).toBe(403);
    expect((await as("E1", "GET", `/api/documents/${YEAR}/U-B/P1/evalPlan/1`)).status).toBe(403);
    expect((await as("E4", "GET", `/api/documents/${YEAR}/U-B/P1/evalPlan/1`)).status).toBe(200);
    expect((await as("E3", "GET", item.documents![0]!.href)).status).toBe(403);
    // uploading is never an expert's
    expect((await env.app.request(`/api/documents/${YEAR}/U-A/P1/evalPlan?name=x.pdf`, { method: "POST", headers: { authorization: `Bearer ${tok.E1}` }, body: onePagePdf() as BodyInit })).status).toBe(403);
  });

  it("a plan or report not uploaded cannot be assigned", async () => {
    const r = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-B", project: "P1", kind: "report", experts: ["E4"], due: `${YEAR}-11-30` });
    expect(r.status).toBe(404);
    expect((await r.json()).error).toMatchObject({ code: "no_such_document", message: expect.stringContaining("评价报告") });
  });

  it("a unit's token and an unknown id get not found", async () => {
    expect((await env.req("GET", `/api/reviews/${assigned}`, { token: env.tokens.unitA })).status).toBe(404);
    expect((await env.req("GET", "/api/reviews", { token: env.tokens.unitA })).status).toBe(403);
    expect((await as("E1", "GET", "/api/reviews/A2025-00000000")).status).toBe(404);
    expect((await as("E1", "GET", "/api/reviews/not-an-id")).status).toBe(400);
  });
});

describe("the review sheet", () => {
  it("saves a draft with comments per criterion and per cell; refuses a score above a weight, naming the criterion", async () => {
    const draft = { scores: { completeness: 18 }, comments: { completeness: "目标表填写完整" }, cells: [{ cell: "goals.annual", comment: "年度目标未量化" }] };
    const r = await as("E1", "PUT", `/api/reviews/${assigned}/sheet`, draft);
    expect(r.status, await r.clone().text()).toBe(200);
    expect(ReviewViewSchema.parse(await r.json())).toMatchObject({ expert: "E1", total: 18, cells: [{ cell: "goals.annual", comment: "年度目标未量化" }] });
    const over = await as("E1", "PUT", `/api/reviews/${assigned}/sheet`, { scores: { completeness: 25 } });
    expect(over.status).toBe(400);
    const body = await over.json();
    expect(body.error.message).toContain("目标完整性");
    expect(body.error.details[0].path).toBe("scores.completeness");
    expect((await as("E1", "PUT", `/api/reviews/${assigned}/sheet`, { scores: { nonsense: 1 } })).status).toBe(400);
    expect((await as("E1", "PUT", `/api/reviews/${assigned}/sheet`, { cells: [{ cell: "../etc", comment: "x" }] })).status).toBe(400);
    // a plan is a document: no cells
    const planCells = await as("E1", "PUT", `/api/reviews/${plan}/sheet`, { cells: [{ cell: "goals.annual", comment: "x" }] });
    expect(planCells.status).toBe(400);
    expect((await planCells.json()).error.details[0].path).toBe("cells");
  });

  it("an expert not on the assignment cannot save on it; finance cannot fill a sheet", async () => {
    expect((await as("E4", "PUT", `/api/reviews/${assigned}/sheet`, { scores: {} })).status).toBe(404);
    expect((await fin("PUT", `/api/reviews/${assigned}/sheet`, { scores: {} })).status).toBe(403);
  });

  it("no expert sees another's scores before submitting their own; after, the panel", async () => {
    // E2 submits first, with a comment E1 must not see
    const s2 = await as("E2", "POST", `/api/reviews/${assigned}/submit`, { scores: full([16, 15, 17, 14, 15]), comments: { budget: "测算依据只列了总数" }, comment: "李华的意见" });
    expect(s2.status, await s2.clone().text()).toBe(200);
    const before = await (await as("E1", "GET", `/api/reviews/${assigned}`)).text();
    const parsed = AssignmentDetailSchema.parse(JSON.parse(before));
    expect(parsed.reviews).toBeUndefined();
    expect(parsed.panel).toBeUndefined();
    expect(parsed.mine?.scores).toEqual({ completeness: 18 });
    expect(before).not.toContain("李华的意见");
    expect(before).not.toContain("测算依据只列了总数");
    expect(parsed.assignment.submitted).toBe(1);
    // the list says nothing of others' scores either
    expect(await (await as("E1", "GET", "/api/reviews")).text()).not.toContain("李华的意见");

    // incomplete: refused, naming what is missing
    const incomplete = await as("E1", "POST", `/api/reviews/${assigned}/submit`, { scores: { completeness: 18 } });
    expect(incomplete.status).toBe(422);
    const inc = await incomplete.json();
    expect(inc.error.code).toBe("review_incomplete");
    expect(inc.error.message).toContain("指标明确性");
    expect(inc.error.details.map((d: { path: string }) => d.path)).toEqual(["scores.clarity", "scores.relevance", "scores.measurability", "scores.budget"]);

    const s1 = await as("E1", "POST", `/api/reviews/${assigned}/submit`, { scores: full([18, 16, 17, 15, 16]), comments: { completeness: "目标表填写完整" }, cells: [{ cell: "indicators[0].target", comment: "指标值偏低" }] });
    expect(s1.status).toBe(200);
    const after = AssignmentDetailSchema.parse(await (await as("E1", "GET", `/api/reviews/${assigned}`)).json());
    expect(after.reviews?.map((r) => r.expert)).toEqual(["E1", "E2"]);
    expect(after.panel?.experts.map((e) => e.total)).toEqual([82, 77]);
    // E3 has not submitted: still sees nobody's
    const e3 = AssignmentDetailSchema.parse(await (await as("E3", "GET", `/api/reviews/${assigned}`)).json());
    expect(e3.reviews).toBeUndefined();
    expect(e3.mine).toBeUndefined();
  });

  it("a submitted sheet never changes", async () => {
    const again = await as("E1", "PUT", `/api/reviews/${assigned}/sheet`, { scores: full([20, 20, 20, 20, 20]) });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("review_submitted");
    expect((await as("E1", "POST", `/api/reviews/${assigned}/submit`, { scores: full([20, 20, 20, 20, 20]) })).status).toBe(409);
    expect((await env.store.experts.getReview(assigned, "E1"))?.scores.completeness).toBe(18);
  });
});

describe("the panel and its conclusion", () => {
  it("finance sees every sheet side by side: per criterion and total, mean, spread, the outlier marked", async () => {
    // E3 scores far below the two others
    expect((await as("E3", "POST", `/api/reviews/${assigned}/submit`, { scores: full([8, 9, 10, 8, 10]), comment: "目标普遍不可衡量" })).status).toBe(200);
    const d = AssignmentDetailSchema.parse(await (await fin("GET", `/api/reviews/${assigned}`)).json());
    expect(d.reviews?.map((r) => [r.expert, r.expertName, r.total])).toEqual([
      ["E1", "张明", 82],
      ["E2", "李华", 77],
      ["E3", "王芳", 45],
    ]);
    expect(d.panel?.total).toMatchObject({ mean: 68, median: 77, min: 45, max: 82, spread: 37 });
    expect(d.panel?.experts).toEqual([
      { expert: "E1", total: 82, outlier: false },
      { expert: "E2", total: 77, outlier: false },
      { expert: "E3", total: 45, outlier: true },
    ]);
    const completeness = d.panel!.criteria.find((c) => c.id === "completeness")!;
    expect(completeness).toMatchObject({ scores: [18, 16, 8], outliers: ["E3"], spread: 10 });
  });

  it("records the conclusion once, audited with the panel's figures", async () => {
    expect((await fin("POST", `/api/reviews/${plan}/conclusion`, { verdict: "pass", text: "x" })).status).toBe(409);
    expect((await fin("POST", `/api/reviews/${assigned}/conclusion`, { verdict: "maybe", text: "x" })).status).toBe(400);
    const c = await fin("POST", `/api/reviews/${assigned}/conclusion`, { verdict: "revise", text: "修改后通过：量化年度目标，补充预算测算依据。" });
    expect(c.status, await c.clone().text()).toBe(200);
    expect(AssignmentViewSchema.parse(await c.json()).conclusion).toMatchObject({ verdict: "revise", text: "修改后通过：量化年度目标，补充预算测算依据。" });
    expect((await fin("POST", `/api/reviews/${assigned}/conclusion`, { verdict: "pass", text: "again" })).status).toBe(409);
    expect((await as("E1", "POST", `/api/reviews/${assigned}/conclusion`, { verdict: "pass", text: "x" })).status).toBe(403);
    const audit = await env.store.findAudit({ actions: ["review.assigned", "review.submitted", "review.concluded"] });
    const mine = audit.filter((e) => e.target === assigned);
    expect(mine.map((e) => e.action)).toEqual(["review.assigned", "review.submitted", "review.submitted", "review.submitted", "review.concluded"]);
    expect(mine.at(-1)?.details).toMatchObject({ verdict: "revise", mean: 68, spread: 37, experts: expect.arrayContaining([{ expert: "E3", total: 45, outlier: true }]) });
    expect(mine.find((e) => e.action === "review.submitted")?.actor).toMatch(/^expert:E2#/);
  });

  it("two rounds: the report (round 2) only after the plan's panel concluded, each with its own conclusion", async () => {
    await uploaded("U-A", "evalReport", onePagePdf("Evaluation report"), "某项目绩效评价报告.pdf");
    const early = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "report", experts: ["E1", "E2"], due: `${YEAR}-11-30` });
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe("plan_not_concluded");
    const sheet = AssignmentDetailSchema.parse(await (await as("E1", "GET", `/api/reviews/${plan}`)).json()).assignment.sheet;
    const all = Object.fromEntries(sheet.criteria.map((c) => [c.id, c.weight - 2]));
    expect((await as("E1", "POST", `/api/reviews/${plan}/submit`, { scores: all, comments: { indicators: "指标体系完整" } })).status).toBe(200);
    expect((await fin("POST", `/api/reviews/${plan}/conclusion`, { verdict: "pass", text: "方案通过" })).status).toBe(200);
    const report = await fin("POST", "/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "report", experts: ["E1", "E2"], due: `${YEAR}-11-30` });
    expect(report.status).toBe(201);
    const r = AssignmentViewSchema.parse(await report.json());
    expect(r).toMatchObject({ kind: "report", round: 2 });
    expect(r.conclusion).toBeUndefined();
    expect(r.sheet.title).toBe("绩效评价报告评审表");
    // the report is now E1's to read, and still not E3's (on the target's panel, not the report's)
    expect((await as("E1", "GET", `/api/documents/${YEAR}/U-A/P1/evalReport/1`)).status).toBe(200);
    expect((await as("E3", "GET", `/api/documents/${YEAR}/U-A/P1/evalReport/1`)).status).toBe(403);
    const rounds = AssignmentListSchema.parse(await (await fin("GET", `/api/reviews?year=${YEAR}&unit=U-A&project=P1`)).json()).assignments;
    expect(rounds.filter((a) => a.kind === "plan" || a.kind === "report").map((a) => [a.round, a.conclusion?.verdict])).toEqual([
      [1, "pass"],
      [2, undefined],
    ]);
  });
});

// Every API route, tried with an expert's token. The path's parameters are filled with things
// that exist: the unit and project the expert reviews (so a route that checked only "not a unit"
// would answer U-A's forms), and for :id the expert's own assignment or another's.
describe("route × role: an expert's token against every route", () => {
  const allowed: Record<string, (id: string) => number[]> = {
    "GET /api/me": () => [200],
    // the indicator library, the same for everyone: the pane lays the assigned form out with it
    "GET /api/library": () => [200],
    // public, no token needed (docs/api.md)
    "GET /api/health": () => [200],
    "GET /api/disclosure": () => [200, 400, 404],
    "GET /api/reviews": () => [200],
    "GET /api/reviews/:id": (id) => (id === assigned ? [200] : [404]),
    "GET /api/reviews/:id/item": (id) => (id === assigned ? [200] : [404]),
    // E1's sheet is submitted: a second write is refused either way
    "PUT /api/reviews/:id/sheet": (id) => (id === assigned ? [409] : [404]),
    "POST /api/reviews/:id/submit": (id) => (id === assigned ? [409] : [404]),
    "POST /api/reviews/:id/conclusion": () => [403],
    "POST /api/reviews": () => [403],
  };

  it("reads exactly what is assigned; every other route is refused", async () => {
    const routes = [...new Set(env.app.routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*")).map((r) => `${r.method} ${r.path.replace(/\/$/, "")}`))];
    expect(routes.length).toBeGreaterThan(40);
    const seen: string[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(" ") as [string, string];
      for (const id of [assigned, other]) {
        const path = pattern
          .replace(":year/:unit/:project/:kind/:version", `${YEAR}/U-A/P1/selfEvalReport/1`)
          .replace(":year", String(YEAR))
          .replace(":unit", "U-A")
          .replace(":project", "P1")
          .replace(":kind", "target")
          .replace(":n", "1")
          .replace(":code", "U-A")
          .replace(":id", id);
        const res = await as("E1", method, path, method === "GET" || method === "DELETE" ? undefined : {});
        const text = await res.text();
        const expected = allowed[route]?.(id) ?? [403];
        expect(expected, `${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`).toContain(res.status);
        // nothing of U-B, nor of U-A's forms other than the one assigned
        expect(text, `${method} ${path}`).not.toContain("水利局");
        if (res.status === 200 && path !== `/api/reviews/${assigned}/item`) expect(text, `${method} ${path}`).not.toContain('"goals"');
        seen.push(route);
        if (!pattern.includes(":id")) break;
      }
    }
    expect(new Set(seen).size).toBe(routes.length);
  });

  it("the expert's list and detail never carry another assignment or unit", async () => {
    const text = await (await as("E1", "GET", "/api/reviews")).text();
    expect(text).not.toContain(other);
    expect(text).not.toContain("U-B");
  });
});
