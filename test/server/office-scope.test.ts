// Street offices (docs/offices.md): a finance token scoped to an office against every route, with
// units inside its tree (U-A under the office, U-D two levels down) and outside it (U-B): it reads
// and acts on its tree and nothing else. The table at the end holds every API route of the app to
// an entry here, so a route added later without a scope check fails this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, subtree, type Auth } from "../../server/auth.ts";
import { visibleTo, type ServerEvent } from "../../server/events.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "./helpers.ts";

let env: TestEnv;
let office: string;

const inside = ["U-A", "U-D"];
const outside = "U-B";

async function submitted(unit: string, project = "P1", kind: "target" | "monitor" = "target") {
  const token = unit === "U-A" ? env.tokens.unitA : unit === "U-B" ? env.tokens.unitB : (await createToken(env.store, "unit", unit)).token;
  const form = formOf(kind, unit, project);
  (form as { unit: { name: string } }).unit.name = unit;
  const put = await env.req("PUT", subPath(kind, unit, project), { token, body: form });
  expect(put.status, await put.clone().text()).toBeLessThan(300);
  const sub = await env.req("POST", `${subPath(kind, unit, project)}/submit`, { token, headers: { "if-match": `"${(await put.json()).revision}"` } });
  expect(sub.status, await sub.clone().text()).toBe(200);
}

beforeAll(async () => {
  env = await makeEnv();
  const s = env.store;
  await s.putUnit({ code: "OFF", name: "某街道办事处", confidential: false });
  await s.putUnit({ code: "U-A", name: "林业局", field: "forestry", confidential: false, parent: "OFF" });
  await s.putUnit({ code: "SUB", name: "某社区", confidential: false, parent: "OFF" });
  await s.putUnit({ code: "U-D", name: "某社区服务站", field: "forestry", confidential: false, parent: "SUB" });
  office = (await createToken(s, "finance", undefined, "街道财政所", { office: "OFF" })).token;
  for (const u of [...inside, outside]) await submitted(u);
  const fin = (path: string, body: unknown) => env.req("POST", path, { token: env.tokens.finance, body });
  for (const u of [...inside, outside]) {
    expect((await fin("/api/rectifications", { year: YEAR, unit: u, project: "P1", kind: "target", requirement: "补充满意度指标", deadline: `${YEAR}-12-31` })).status).toBe(201);
    expect((await fin(`/api/projects/${YEAR}/${u}/P1/key`, { key: true })).status).toBe(200);
  }
  expect((await fin("/api/notices", { year: YEAR, kind: "target", units: [outside], deadline: `${YEAR}-10-31`, title: "仅水利局", text: "请报送。" })).status).toBe(201);
  expect((await fin("/api/notices", { year: YEAR, kind: "target", units: "all", deadline: `${YEAR}-10-31`, title: "全区", text: "请报送。" })).status).toBe(201);
  const csv = ["支付凭证号,支付日期,预算单位编码,项目编码,支付金额", ...[...inside, outside].map((u, i) => `ZF${i},${YEAR}-03-01,${u},P1,100000`)].join("\n");
  expect((await env.app.request("/api/treasury/payments", { method: "POST", headers: { authorization: `Bearer ${env.tokens.finance}`, "content-type": "text/csv" }, body: csv })).status).toBe(200);
  const budgets = ["预算单位编码,项目编码,批复金额（万元）", ...[...inside, outside].map((u) => `${u},P1,400`)].join("\n");
  expect((await env.app.request(`/api/budgets?year=${YEAR}`, { method: "POST", headers: { authorization: `Bearer ${env.tokens.finance}`, "content-type": "text/csv" }, body: budgets })).status).toBe(200);
});
afterAll(async () => {
  await env?.close();
});

const get = (path: string) => env.req("GET", path, { token: office });
const post = (path: string, body: unknown) => env.req("POST", path, { token: office, body });
const unitsOf = (list: { unit: string }[]) => [...new Set(list.map((x) => x.unit))].sort();

describe("the tree", () => {
  it("an office covers itself and every unit under it, however deep", () => {
    expect([...subtree([{ code: "OFF" }, { code: "A", parent: "OFF" }, { code: "S", parent: "OFF" }, { code: "D", parent: "S" }, { code: "B" }], "OFF")].sort()).toEqual(["A", "D", "OFF", "S"]);
  });

  it("/api/me names the office and its units", async () => {
    const me = await (await get("/api/me")).json();
    expect(me.role).toBe("finance");
    expect(me.office).toMatchObject({ code: "OFF", name: "某街道办事处", units: ["OFF", "SUB", "U-A", "U-D"] });
  });

  it("the admin puts units under an office, and no unit under itself", async () => {
    const admin = (method: string, path: string, body?: unknown) => env.req(method, path, { token: env.tokens.admin, body });
    expect((await admin("POST", "/api/units", { code: "U-E", name: "某新单位", parent: "SUB" })).status).toBe(201);
    expect((await admin("POST", "/api/units", { code: "U-F", name: "某单位", parent: "NOPE" })).status).toBe(400);
    const cycle = await admin("PATCH", "/api/units/OFF", { parent: "U-D" });
    expect(cycle.status).toBe(400);
    expect((await cycle.json()).error.message).toContain("U-D");
    expect((await admin("POST", "/api/tokens", { role: "unit", unit: "U-A", office: "OFF" })).status).toBe(400);
    expect((await admin("POST", "/api/tokens", { role: "finance", office: "OFF", canPublish: true })).status).toBe(400);
    expect(((await (await get("/api/me")).json()).office.units as string[]).includes("U-E")).toBe(true);
  });
});

describe("an office's finance token reads its tree only", () => {
  it("submissions: the list, a form, its revisions", async () => {
    const list = (await (await get(`/api/submissions?year=${YEAR}`)).json()).submissions;
    expect(unitsOf(list)).toEqual(inside);
    expect((await get(`/api/submissions?unit=${outside}`)).status).toBeLessThan(300);
    expect((await (await get(`/api/submissions?unit=${outside}`)).json()).submissions).toEqual([]);
    expect((await get(subPath("target", "U-A"))).status).toBe(200);
    expect((await get(subPath("target", "U-D"))).status).toBe(200);
    expect([403, 404]).toContain((await get(subPath("target", outside))).status);
    expect([403, 404]).toContain((await get(`${subPath("target", outside)}/revisions`)).status);
    expect((await get(`${subPath("target", "U-A")}/revisions/1`)).status).toBe(200);
    expect((await get(`${subPath("target", "U-A")}/xlsx`)).status).toBe(200);
    expect([403, 404]).toContain((await get(`${subPath("target", outside)}/xlsx`)).status);
    expect([403, 404]).toContain((await get(`${subPath("target", outside)}/revisions/1`)).status);
  });

  it("consolidation and the overview hold its units' forms only", async () => {
    const overview = await (await get(`/api/overview?year=${YEAR}`)).text();
    expect(overview).toContain("U-A");
    expect(overview).not.toContain(`"${outside}"`);
    const text = await (await get(`/api/consolidated?year=${YEAR}`)).text();
    expect(text).toContain("U-A");
    expect(text).toContain("U-D");
    expect(text).not.toContain(`"${outside}"`);
    expect(text).not.toContain("水利局");
  });

  it("notices: only those addressed to its units, with its units' standing only", async () => {
    const notices = (await (await get(`/api/notices?year=${YEAR}`)).json()).notices;
    expect(notices.map((n: { title: string }) => n.title)).toEqual(["全区"]);
    expect(unitsOf(notices[0].items)).not.toContain(outside);
    expect(unitsOf(notices[0].items)).toEqual(expect.arrayContaining(inside));
  });

  it("rectifications, key projects, assessment, budgets and payments", async () => {
    expect(unitsOf((await (await get(`/api/rectifications?year=${YEAR}`)).json()).rectifications)).toEqual(inside);
    expect(unitsOf((await (await get(`/api/projects/key?year=${YEAR}`)).json()).projects)).toEqual(inside);
    const assessment = (await (await get(`/api/assessment?year=${YEAR}`)).json()).units as { unit: string }[];
    expect(assessment.some((a) => a.unit === outside)).toBe(false);
    expect(unitsOf((await (await get(`/api/budgets?year=${YEAR}`)).json()).budgets)).toEqual(inside);
    expect(unitsOf((await (await get(`/api/treasury/execution?year=${YEAR}`)).json()).projects)).toEqual(inside);
    expect((await get(`/api/treasury/execution?year=${YEAR}&unit=${outside}`)).status).toBe(403);
    expect((await get(`/api/budgets?year=${YEAR}&unit=${outside}`)).status).toBe(403);
  });

  it("a project's documents: its units' only (docs/documents.md)", async () => {
    expect((await get(`/api/documents/${YEAR}/U-D/P1`)).status).toBe(200);
    expect((await get(`/api/documents/${YEAR}/${outside}/P1`)).status).toBe(403);
    expect((await get(`/api/documents/${YEAR}/${outside}/P1/evalPlan/1`)).status).toBe(403);
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const up = (unit: string) => env.app.request(`/api/documents/${YEAR}/${unit}/P1/evalPlan`, { method: "POST", headers: { authorization: `Bearer ${office}` }, body: pdf });
    expect((await up("U-A")).status).toBe(201);
    expect((await up(outside)).status).toBe(403);
  });

  it("a check of another unit's form runs without the server's data for it", async () => {
    const own = await (await post("/api/validate", formOf("target", "U-A"))).json();
    expect(own.issues.some((i: { rule: string }) => i.rule === "X604")).toBe(true);
    const other = await (await post("/api/validate", formOf("target", outside))).json();
    expect(other.issues.some((i: { rule: string }) => i.rule === "X604")).toBe(false);
  });

  it("events: its units' changes, not another's", () => {
    const auth: Auth = { role: "finance", tokenId: "x", actor: "finance@OFF#x", office: "OFF", scope: new Set(["OFF", "U-A"]) };
    const status = (unit: string): ServerEvent => ({ type: "submission.status", data: { year: YEAR, unit, project: "P1", kind: "target", status: "approved", revision: 1, by: "f", at: "t" } } as ServerEvent);
    expect(visibleTo(auth, status("U-A"))).toBe(true);
    expect(visibleTo(auth, status(outside))).toBe(false);
    const notice = (units: string[] | "all"): ServerEvent => ({ type: "notice.issued", data: { id: "N", year: YEAR, kind: "target", units, deadline: "d", title: "t" } } as ServerEvent);
    expect(visibleTo(auth, notice([outside]))).toBe(false);
    expect(visibleTo(auth, notice(["U-A", outside]))).toBe(true);
    expect(visibleTo(auth, notice("all"))).toBe(true);
  });
});

describe("an office's finance token acts on its tree only", () => {
  it("returns, approves and withdraws approvals of its units' forms; another's is refused and unchanged", async () => {
    expect((await post(`${subPath("target", "U-A")}/return`, { comment: "请补充满意度指标" })).status).toBe(200);
    expect((await post(`${subPath("target", "U-D")}/approve`, {})).status).toBe(200);
    expect([403, 404]).toContain((await post(`${subPath("target", outside)}/return`, { comment: "越权" })).status);
    expect([403, 404]).toContain((await post(`${subPath("target", outside)}/approve`, {})).status);
    expect((await post(`${subPath("target", "U-D")}/withdraw`, { reason: "审核有误，撤销审核" })).status).toBe(200);
    await env.req("POST", `${subPath("target", outside)}/approve`, { token: env.tokens.finance, body: {} });
    expect([403, 404]).toContain((await post(`${subPath("target", outside)}/withdraw`, { reason: "越权撤销" })).status);
    const b = await env.store.getSubmission({ year: YEAR, unit: outside, project: "P1", kind: "target" });
    expect(b?.status).toBe("approved");
  });

  it("issues notices to its units: 'all' means its units, another unit is refused", async () => {
    const all = await post("/api/notices", { year: YEAR, kind: "monitor", units: "all", deadline: `${YEAR}-07-15`, title: "街道监控通知", text: "请报送监控表。" });
    expect(all.status).toBe(201);
    expect((await all.json()).units).toEqual(["OFF", "SUB", "U-A", "U-D", "U-E"]);
    expect((await post("/api/notices", { year: YEAR, kind: "monitor", units: [outside], deadline: `${YEAR}-07-15`, title: "越权", text: "x" })).status).toBe(403);
  });

  it("opens, accepts and reopens its units' rectification items only", async () => {
    expect((await post("/api/rectifications", { year: YEAR, unit: "U-A", project: "P1", kind: "target", requirement: "整改", deadline: `${YEAR}-12-31` })).status).toBe(201);
    expect((await post("/api/rectifications", { year: YEAR, unit: outside, project: "P1", kind: "target", requirement: "越权", deadline: `${YEAR}-12-31` })).status).toBe(403);
    const theirs = (await env.store.listRectifications({ unit: outside }))[0]!;
    expect((await get(`/api/rectifications/${theirs.id}`)).status).toBe(404);
    expect((await post(`/api/rectifications/${theirs.id}/accept`, {})).status).toBe(404);
    expect((await post(`/api/rectifications/${theirs.id}/reopen`, { comment: "越权" })).status).toBe(404);
    expect((await env.store.getRectification(theirs.id))?.version).toBe(theirs.version);
  });

  it("marks key projects of its units only", async () => {
    expect((await post(`/api/projects/${YEAR}/U-A/P1/key`, { key: false })).status).toBe(200);
    expect((await post(`/api/projects/${YEAR}/${outside}/P1/key`, { key: false })).status).toBe(404);
    expect((await env.store.listKeyProjects(YEAR)).find((m) => m.unit === outside)?.key).toBe(true);
  });

  it("bureau-wide actions are refused: the library, the treasury's data, the results notice, people", async () => {
    expect((await env.req("PUT", "/api/library", { token: office, body: { indicators: [], note: "x" } })).status).toBe(403);
    const csv = (body: string, path: string) => env.app.request(path, { method: "POST", headers: { authorization: `Bearer ${office}`, "content-type": "text/csv" }, body });
    expect((await csv("支付凭证号,支付日期,预算单位编码,项目编码,支付金额\nZF9,2025-03-01,U-B,P1,1", "/api/treasury/payments")).status).toBe(403);
    expect((await csv("预算单位编码,项目编码,批复金额\nU-B,P1,1", `/api/budgets?year=${YEAR}`)).status).toBe(403);
    expect((await get(`/api/results?year=${YEAR}`)).status).toBe(403);
    expect((await get(`/api/report?year=${YEAR}`)).status).toBe(403);
    expect((await get(`/api/results/mine?year=${YEAR}`)).status).toBe(403);
    expect((await get("/api/units")).status).toBe(403);
    expect((await get("/api/tokens")).status).toBe(403);
    expect((await get(`/api/disclosure/preview?year=${YEAR}`)).status).toBe(403);
    expect((await env.req("POST", "/api/disclosure/confirm", { token: office, body: { year: YEAR } })).status).toBe(403);
    expect((await env.store.treasury.listPayments({ unit: outside })).map((p) => p.voucher)).toEqual(["ZF2"]);
  });

  it("expert review is the bureau's: an office neither assigns, lists, reads nor concludes", async () => {
    await env.req("POST", "/api/experts", { token: env.tokens.admin, body: { code: "E1", name: "张明", field: "performance" } });
    const made = await env.req("POST", "/api/reviews", { token: env.tokens.finance, body: { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1"], due: `${YEAR}-04-30` } });
    expect(made.status).toBe(201);
    const id = (await made.json()).id as string;
    expect((await post("/api/reviews", { year: YEAR, unit: "U-A", project: "P1", kind: "target", experts: ["E1"], due: `${YEAR}-04-30` })).status).toBe(403);
    expect((await get("/api/reviews")).status).toBe(403);
    expect((await get("/api/experts")).status).toBe(403);
    expect((await get(`/api/reviews/${id}`)).status).toBe(404);
    expect((await get(`/api/reviews/${id}/item`)).status).toBe(404);
    expect((await post(`/api/reviews/${id}/conclusion`, { verdict: "pass", text: "越权" })).status).toBe(403);
    expect((await env.req("PUT", `/api/reviews/${id}/sheet`, { token: office, body: {} })).status).toBe(403);
  });
});

describe("opinions on results and problems handed on: an office's tree only", () => {
  it("asks its own units about a conclusion, not about the results notice; sees its units' answers only", async () => {
    const draft = { year: YEAR, title: "评价结论（征求意见稿）", draft: { text: "结论为良", grade: "good" }, deadline: `${new Date().getFullYear() + 1}-12-31` };
    expect((await post("/api/opinions", { ...draft, subject: { kind: "results" }, units: ["U-A"] })).status).toBe(403);
    expect((await post("/api/opinions", { ...draft, subject: { kind: "conclusion", unit: outside, project: "P1" }, units: [outside] })).status).toBe(403);
    expect((await post("/api/opinions", { ...draft, subject: { kind: "conclusion", unit: "U-A", project: "P1" }, units: ["U-A", outside] })).status).toBe(403);
    const own = await post("/api/opinions", { ...draft, subject: { kind: "conclusion", unit: "U-D", project: "P1" }, units: ["U-D"] });
    expect(own.status).toBe(201);
    // the bureau asks an inside and an outside unit about the results notice; the office sees only its own unit there
    const bureau = await (await env.req("POST", "/api/opinions", { token: env.tokens.finance, body: { ...draft, subject: { kind: "results" }, draft: { text: "通报" }, units: ["U-A", outside] } })).json();
    await env.req("POST", `/api/opinions/${bureau.id}/answer`, { token: env.tokens.unitA, body: { stance: "agree" } });
    await env.req("POST", `/api/opinions/${bureau.id}/answer`, { token: env.tokens.unitB, body: { stance: "disagree", reasons: "水利局的异议" } });
    const seen = await (await get(`/api/opinions/${bureau.id}`)).json();
    expect(seen.units).toEqual(["U-A"]);
    expect(seen.opinions.map((o: { unit: string }) => o.unit)).toEqual(["U-A"]);
    expect(JSON.stringify(seen)).not.toContain("水利局的异议");
    // the bureau's results notice: the office neither answers its objections nor finalises it
    expect((await post(`/api/opinions/${bureau.id}/reply`, { unit: outside, decision: "rejected", reason: "越权" })).status).toBe(404);
    expect((await post(`/api/opinions/${bureau.id}/finalise`, {})).status).toBe(404);
    // one asked of the outside unit alone does not exist for it
    const theirs = await (await env.req("POST", "/api/opinions", { token: env.tokens.finance, body: { ...draft, subject: { kind: "conclusion", unit: outside, project: "P1" }, units: [outside] } })).json();
    expect((await get(`/api/opinions/${theirs.id}`)).status).toBe(404);
    const ids = ((await (await get(`/api/opinions?year=${YEAR}`)).json()).opinions as { id: string }[]).map((o) => o.id);
    expect(ids).toContain(bureau.id);
    expect(ids).not.toContain(theirs.id);
  });

  it("hands on its units' problems only, and lists its units' only", async () => {
    const base = { department: "区审计局", date: `${YEAR}-06-01`, reference: "街财移〔2025〕1号", summary: "问题" };
    const rect = (unit: string) => env.store.listRectifications({ unit }).then((l) => l[0]!.id);
    expect((await post("/api/handovers", { ...base, subject: { kind: "rectification", id: await rect("U-A") } })).status).toBe(201);
    expect((await post("/api/handovers", { ...base, subject: { kind: "rectification", id: await rect(outside) } })).status).toBe(400);
    expect((await post("/api/handovers", { ...base, subject: { kind: "finding", year: YEAR, unit: outside, project: "P1", form: "target", rule: "I212" } })).status).toBe(403);
    await env.req("POST", "/api/handovers", { token: env.tokens.finance, body: { ...base, subject: { kind: "rectification", id: await rect(outside) } } });
    expect(unitsOf((await (await get(`/api/handovers?year=${YEAR}`)).json()).handovers)).toEqual(["U-A"]);
    expect((await env.store.handovers.list({ unit: outside })).length).toBe(1);
  });
});

// Every API route of the app, and where this file holds an office's token to its tree. A route
// added without an entry fails here: decide what an office may do there, test it, and list it.
const covered: Record<string, string> = {
  "GET /api/health": "public",
  "GET /api/me": "the tree",
  "GET /api/library": "read-only, the same for all",
  "GET /api/library/changes": "read-only, the same for all",
  "PUT /api/library": "bureau-wide",
  "POST /api/validate": "a check",
  "GET /api/submissions": "reads",
  "GET /api/submissions/:year/:unit/:project/:kind": "reads",
  "PUT /api/submissions/:year/:unit/:project/:kind": "units only",
  "GET /api/submissions/:year/:unit/:project/:kind/revisions": "reads",
  "GET /api/submissions/:year/:unit/:project/:kind/xlsx": "reads",
  "GET /api/submissions/:year/:unit/:project/:kind/revisions/:n": "reads",
  "POST /api/submissions/:year/:unit/:project/:kind/withdraw": "acts",
  "POST /api/submissions/:year/:unit/:project/:kind/submit": "units only",
  "POST /api/submissions/:year/:unit/:project/:kind/recall": "units only",
  "POST /api/submissions/:year/:unit/:project/:kind/return": "acts",
  "POST /api/submissions/:year/:unit/:project/:kind/approve": "acts",
  "GET /api/projects/key": "reads",
  "POST /api/projects/:year/:unit/:project/key": "acts",
  "GET /api/consolidated": "reads",
  "GET /api/documents/:year/:unit/:project": "reads",
  "GET /api/documents/:year/:unit/:project/:kind/:version": "reads",
  "POST /api/documents/:year/:unit/:project/:kind": "acts",
  "GET /api/overview": "reads",
  "GET /api/templates/:kind": "blank templates, the same for all",
  "POST /api/import": "a check; saving is the unit's own",
  "POST /api/notices": "acts",
  "GET /api/notices": "reads",
  "GET /api/notices/:id": "reads",
  "POST /api/rectifications": "acts",
  "GET /api/rectifications": "reads",
  "GET /api/rectifications/:id": "reads",
  "POST /api/rectifications/:id/answer": "units only",
  "POST /api/rectifications/:id/accept": "acts",
  "POST /api/rectifications/:id/reopen": "acts",
  "POST /api/opinions": "acts (a results notice: bureau-wide)",
  "GET /api/opinions": "reads",
  "GET /api/opinions/:id": "reads",
  "POST /api/opinions/:id/answer": "units only",
  "POST /api/opinions/:id/reply": "acts",
  "POST /api/opinions/:id/finalise": "acts",
  "POST /api/handovers": "acts",
  "GET /api/handovers": "reads",
  "GET /api/results": "bureau-wide",
  "GET /api/results/mine": "units only",
  "GET /api/report": "bureau-wide",
  "GET /api/assessment": "reads",
  "GET /api/events": "events",
  "GET /api/units": "admin only",
  "POST /api/units": "admin only",
  "PATCH /api/units/:code": "admin only",
  "GET /api/tokens": "admin only",
  "POST /api/tokens": "admin only",
  "DELETE /api/tokens/:id": "admin only",
  "POST /api/treasury/payments": "bureau-wide",
  "GET /api/treasury/execution": "reads",
  "POST /api/budgets": "bureau-wide",
  "GET /api/budgets": "reads",
  "GET /api/disclosure": "public",
  "GET /api/disclosure/preview": "bureau-wide",
  "POST /api/disclosure/confirm": "bureau-wide",
  // expert review (docs/experts.md): the bureau's alone; test/experts/routes.test.ts holds experts to their assignments
  "GET /api/experts": "bureau-wide",
  "POST /api/experts": "admin only",
  "POST /api/reviews": "bureau-wide",
  "GET /api/reviews": "bureau-wide",
  "GET /api/reviews/:id": "bureau-wide",
  "GET /api/reviews/:id/item": "bureau-wide",
  "PUT /api/reviews/:id/sheet": "experts only",
  "POST /api/reviews/:id/submit": "experts only",
  "POST /api/reviews/:id/conclusion": "bureau-wide",
};

describe("every route", () => {
  it("has an entry in this file's table", () => {
    const routes = new Set(
      env.app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, "")}`),
    );
    const missing = [...routes].filter((r) => !(r in covered)).sort();
    expect(missing, "routes with no office-scope entry").toEqual([]);
  });
});
