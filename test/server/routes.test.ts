// The API of docs/api.md through app.request(): every route × every role, the workflow, conflicts,
// limits, bad bodies and paths, the error shape, CORS and the frame headers.
import { describe, expect, it } from "vitest";
import { createToken } from "../../server/auth.ts";
import { envEachTest, formOf, makeEnv, subPath, YEAR } from "./helpers.ts";

const env = envEachTest();

async function json(res: Response): Promise<any> {
  return res.json();
}

function expectErrorShape(body: any, code?: string) {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  if (code) expect(body.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
}

async function save(kind = "target", unit = "U-A", project = "P1", token = env.tokens.unitA, ifMatch?: number, form: unknown = formOf(kind as "target", unit, project)) {
  return env.req("PUT", subPath(kind, unit, project), { token, body: form, ...(ifMatch !== undefined ? { headers: { "if-match": `"${ifMatch}"` } } : {}) });
}

let spareTokenId = "";

describe("roles on every route", () => {
  type Who = "none" | "bad" | "admin" | "finance" | "unitA" | "unitB";
  const who: Who[] = ["none", "bad", "admin", "finance", "unitA", "unitB"];
  const tokenOf = (w: Who) => (w === "none" ? undefined : w === "bad" ? "jx_not-a-token" : env.tokens[w]);

  /** What each caller gets where the roles `allowed` get `ok`: other tokens 403, no token or a bad one 401. */
  const only = (allowed: Who[], ok = 200): Record<Who, number> => ({
    ...{ none: 401, bad: 401, admin: 403, finance: 403, unitA: 403, unitB: 403 },
    ...Object.fromEntries(allowed.map((w) => [w, ok])),
  });
  const signedIn = only(["admin", "finance", "unitA", "unitB"]);
  /** U-A's own forms: the bureau's roles and U-A, not U-B */
  const readersOfA = only(["admin", "finance", "unitA"]);
  /** U-A's target saved; then submitted; then approved */
  const saved = async () => void (await save());
  const submitted = async () => {
    await save();
    await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
  };
  const approved = async () => {
    await submitted();
    await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance });
  };

  const cases: { name: string; method: string; path: () => string; body?: () => unknown; setup?: () => Promise<void>; expect: Record<Who, number> }[] = [
    { name: "GET /api/health", method: "GET", path: () => "/api/health", expect: { none: 200, bad: 200, admin: 200, finance: 200, unitA: 200, unitB: 200 } },
    { name: "GET /api/me", method: "GET", path: () => "/api/me", expect: signedIn },
    { name: "GET /api/library", method: "GET", path: () => "/api/library", expect: signedIn },
    { name: "GET /api/library/changes", method: "GET", path: () => "/api/library/changes?since=0", expect: signedIn },
    { name: "PUT /api/library", method: "PUT", path: () => "/api/library", body: () => ({ indicators: [], note: "empty" }), expect: only(["admin"], 201) },
    { name: "POST /api/validate", method: "POST", path: () => "/api/validate", body: () => formOf("target"), expect: signedIn },
    { name: "GET /api/submissions", method: "GET", path: () => "/api/submissions", expect: signedIn },
    { name: "GET a submission (U-A's)", method: "GET", path: () => subPath(), setup: saved, expect: readersOfA },
    { name: "PUT a submission (U-A's)", method: "PUT", path: () => subPath(), body: () => formOf("target"), expect: only(["unitA"], 201) },
    { name: "GET revisions", method: "GET", path: () => `${subPath()}/revisions`, setup: saved, expect: readersOfA },
    { name: "POST submit", method: "POST", path: () => `${subPath()}/submit`, setup: saved, expect: only(["unitA"]) },
    { name: "POST return", method: "POST", path: () => `${subPath()}/return`, body: () => ({ comment: "请修改" }), setup: submitted, expect: only(["finance"]) },
    { name: "POST approve", method: "POST", path: () => `${subPath()}/approve`, setup: submitted, expect: only(["finance"]) },
    { name: "POST key project", method: "POST", path: () => `/api/projects/${YEAR}/U-A/P1/key`, body: () => ({ key: true }), expect: only(["finance"]) },
    { name: "GET key projects", method: "GET", path: () => `/api/projects/key?year=${YEAR}`, expect: only(["admin", "finance"]) },
    { name: "GET one revision", method: "GET", path: () => `${subPath()}/revisions/1`, setup: saved, expect: readersOfA },
    { name: "POST withdraw an approval", method: "POST", path: () => `${subPath()}/withdraw`, body: () => ({ reason: "需重新审核" }), setup: approved, expect: only(["finance"]) },
    // people while the server runs: the admin's alone
    { name: "GET /api/units", method: "GET", path: () => "/api/units", expect: only(["admin"]) },
    { name: "POST /api/units", method: "POST", path: () => "/api/units", body: () => ({ code: "U-C", name: "交通运输局", field: "roads" }), expect: only(["admin"], 201) },
    { name: "PATCH /api/units/:code", method: "PATCH", path: () => "/api/units/U-A", body: () => ({ name: "区林业局" }), expect: only(["admin"]) },
    { name: "GET /api/tokens", method: "GET", path: () => "/api/tokens", expect: only(["admin"]) },
    { name: "POST /api/tokens", method: "POST", path: () => "/api/tokens", body: () => ({ role: "unit", unit: "U-A", label: "林业局 张会计" }), expect: only(["admin"], 201) },
    {
      name: "DELETE /api/tokens/:id",
      method: "DELETE",
      path: () => `/api/tokens/${spareTokenId}`,
      setup: async () => {
        spareTokenId = (await createToken(env.store, "unit", "U-B", "spare")).record.id;
      },
      expect: only(["admin"]),
    },
  ];

  for (const c of cases) {
    for (const w of who) {
      it(`${c.name} as ${w} → ${c.expect[w]}`, async () => {
        await c.setup?.();
        const res = await env.req(c.method, c.path(), { token: tokenOf(w), ...(c.body ? { body: c.body() } : {}) });
        expect(res.status).toBe(c.expect[w]);
        if (res.status >= 400) expectErrorShape(await json(res));
      });
    }
  }
});

describe("health, me, library", () => {
  it("health answers without a token", async () => {
    expect(await json(await env.req("GET", "/api/health"))).toEqual({ ok: true, version: "test" });
  });

  it("me names the role and unit", async () => {
    const me = await json(await env.req("GET", "/api/me", { token: env.tokens.unitA }));
    expect(me.role).toBe("unit");
    expect(me.unit).toMatchObject({ code: "U-A", name: "林业局" });
    expect((await json(await env.req("GET", "/api/me", { token: env.tokens.finance }))).unit).toBeNull();
  });

  it("library has an ETag and answers 304 to If-None-Match", async () => {
    const res = await env.req("GET", "/api/library", { token: env.tokens.unitA });
    const etag = res.headers.get("etag");
    expect(etag).toBe('"library-v1"');
    expect((await json(res)).version).toBe(1);
    const again = await env.req("GET", "/api/library", { token: env.tokens.unitA, headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
  });

  it("publishing makes a new version with a changelog; changes?since= reports it", async () => {
    const lib = await json(await env.req("GET", "/api/library", { token: env.tokens.admin }));
    const [first, second, ...rest] = lib.indicators;
    const indicators = [
      { ...first, status: "deprecated", replacedBy: second.code },
      { ...second, explanation: "新的解释" },
      ...rest.slice(0, -1),
      { code: "NEW-001", name: "新增指标", level1: "output", level2: "quantity", valueType: "quantitative", operators: [">="], unit: "个" },
    ];
    const put = await env.req("PUT", "/api/library", { token: env.tokens.admin, body: { indicators, note: "第二版" } });
    expect(put.status).toBe(201);
    const published = await json(put);
    expect(published.version).toBe(2);
    expect(published.changes).toMatchObject({ added: ["NEW-001"], changed: [second.code], deprecated: [{ code: first.code, replacedBy: second.code }], removed: [rest[rest.length - 1].code] });
    const changes = await json(await env.req("GET", "/api/library/changes?since=1", { token: env.tokens.unitA }));
    expect(changes.since).toBe(1);
    expect(changes.version).toBe(2);
    expect(changes.added.map((i: any) => i.code)).toEqual(["NEW-001"]);
    expect(changes.deprecated[0]).toMatchObject({ code: first.code, replacedBy: second.code, replacement: { code: second.code } });
    expect((await json(await env.req("GET", "/api/library/changes?since=2", { token: env.tokens.unitA }))).added).toEqual([]);
    expect((await env.req("GET", "/api/library/changes?since=9", { token: env.tokens.unitA })).status).toBe(400);
    expect((await env.req("GET", "/api/library/changes?since=abc", { token: env.tokens.unitA })).status).toBe(400);
    // the policy is kept when not given
    expect((await json(await env.req("GET", "/api/library", { token: env.tokens.unitA }))).policy).toEqual(lib.policy);
  });

  it("refuses an invalid library with the path of the field", async () => {
    const bad = await env.req("PUT", "/api/library", {
      token: env.tokens.admin,
      body: { indicators: [{ code: "X1", name: "无单位", level1: "output", level2: "quantity", valueType: "quantitative", operators: [">="] }] },
    });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expectErrorShape(body, "invalid_library");
    expect(body.error.details[0].path).toBe("indicators[0].unit");
    const dangling = await env.req("PUT", "/api/library", {
      token: env.tokens.admin,
      body: { indicators: [{ code: "X1", name: "旧", level1: "output", level2: "quantity", valueType: "quantitative", operators: [">="], unit: "个", status: "deprecated", replacedBy: "NOPE" }] },
    });
    expect((await json(dangling)).error.details[0].path).toBe("indicators[0].replacedBy");
  });
});

describe("validate", () => {
  it("answers issues for a form, and schema findings for a broken one", async () => {
    const ok = await json(await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: formOf("target") }));
    expect(ok.issues).toEqual(expect.any(Array));
    const broken = await json(await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: { kind: "target", year: "x" } }));
    expect(broken.issues.some((i: any) => i.rule === "P003" && i.path === "year")).toBe(true);
    expect(broken.issues.some((i: any) => i.rule === "P002")).toBe(true);
  });
});

describe("submissions: saving", () => {
  it("creates with 201, answers revision and issues, ETag; GET returns the form", async () => {
    const res = await save();
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBe('"1"');
    const body = await json(res);
    expect(body).toMatchObject({ year: YEAR, unit: "U-A", project: "P1", kind: "target", revision: 1, status: "draft", libraryVersion: 1 });
    expect(body.issues).toEqual(expect.any(Array));
    const got = await env.req("GET", subPath(), { token: env.tokens.finance });
    expect(got.headers.get("etag")).toBe('"1"');
    const s = await json(got);
    expect(s.form.project.code).toBe("P1");
    expect(s.comments).toBeNull();
    expect(s.keyProject).toBe(false);
  });

  it("needs If-Match on an existing form (428) and refuses a stale one (409 with the current revision and form)", async () => {
    await save();
    const noMatch = await save();
    expect(noMatch.status).toBe(428);
    expectErrorShape(await json(noMatch), "if_match_required");
    expect((await save("target", "U-A", "P1", env.tokens.unitA, 1)).status).toBe(200);
    const stale = await save("target", "U-A", "P1", env.tokens.unitA, 1);
    expect(stale.status).toBe(409);
    const body = await json(stale);
    expectErrorShape(body, "stale_revision");
    expect(body.error.details.revision).toBe(2);
    expect(body.error.details.form.project.code).toBe("P1");
    // If-Match on a form that does not exist
    expect((await save("target", "U-A", "P9", env.tokens.unitA, 1)).status).toBe(409);
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target"), headers: { "if-match": "abc" } })).status).toBe(400);
  });

  it("stores every save as a revision: who, when, library version, counts", async () => {
    await save();
    await save("target", "U-A", "P1", env.tokens.unitA, 1);
    const r = await json(await env.req("GET", `${subPath()}/revisions`, { token: env.tokens.unitA }));
    expect(r.revisions.map((x: any) => x.revision)).toEqual([1, 2]);
    expect(r.revisions[0]).toMatchObject({ by: expect.stringMatching(/^unit:U-A#/), libraryVersion: 1, counts: { error: expect.any(Number) } });
    expect(r.revisions[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("refuses a body whose year, unit, project or kind differs from the URL, naming the field", async () => {
    const form = { ...formOf("target"), project: { ...formOf("target").project, code: "OTHER" } };
    const res = await save("target", "U-A", "P1", env.tokens.unitA, undefined, form);
    expect(res.status).toBe(400);
    const body = await json(res);
    expectErrorShape(body, "identity_mismatch");
    expect(body.error.details).toEqual([{ path: "project.code", message: expect.any(String) }]);
    // a form that leaves its identity out (a county layout has none) takes the URL's: docs/reading-forms.md
    const noKind = await save("target", "U-A", "P1", env.tokens.unitA, undefined, { year: YEAR, unit: { code: "U-A" }, project: { code: "P1" } });
    expect(noKind.status).toBe(201);
    const wrongKind = await save("target", "U-A", "P1", env.tokens.unitA, 1, { kind: "monitor", year: YEAR, unit: { code: "U-A" }, project: { code: "P1" } });
    expect((await json(wrongKind)).error.details[0].path).toBe("kind");
  });

  it("keeps a draft that does not fit the schema, with its findings", async () => {
    const res = await save("target", "U-A", "P1", env.tokens.unitA, undefined, { kind: "target", year: YEAR, unit: { code: "U-A", name: "林业局" }, project: { code: "P1" } });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.counts.error).toBeGreaterThan(0);
    expect(body.issues.some((i: any) => i.rule === "P002")).toBe(true);
    const submit = await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
    expect(submit.status).toBe(422);
    const err = await json(submit);
    expectErrorShape(err, "form_has_errors");
    expect(err.error.message).toBe("表单有错误，不能报送 / The form has errors and cannot be submitted");
    expect(err.error.details.issues.length).toBeGreaterThan(0);
  });

  it("refuses bad JSON, bad paths and oversized bodies", async () => {
    const bad = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: "{not json" });
    expect(bad.status).toBe(400);
    expectErrorShape(await json(bad), "invalid_json");
    for (const p of [
      `/api/submissions/${YEAR}/..%2F/P1/target`,
      `/api/submissions/${YEAR}/U-A/..%2F..%2Fetc/target`,
      `/api/submissions/${YEAR}/U-A/%2e%2e/target`,
      `/api/submissions/${YEAR}/U-A/P1/report`,
      `/api/submissions/25/U-A/P1/target`,
      `/api/submissions/${YEAR}/U-A/P%20X/target`,
    ]) {
      const res = await env.req("GET", p, { token: env.tokens.finance });
      expect([400, 404]).toContain(res.status);
      expectErrorShape(await json(res));
    }
    const dots = await env.req("GET", `/api/submissions/${YEAR}/..%2F/P1/target`, { token: env.tokens.finance });
    expect(dots.status).toBe(400);
    expect((await json(dots)).error.details[0].path).toBe("unit");
    const huge = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: { ...formOf("target"), pad: "x".repeat(2 * 1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
    expectErrorShape(await json(huge), "payload_too_large");
    // a declared length over the limit is refused from the header alone, before the body is read or the token looked up
    const declared = await env.app.request(subPath(), { method: "PUT", headers: { "content-type": "application/json", "content-length": String(2 * 1024 * 1024 + 1) }, body: "{}" });
    expect(declared.status).toBe(413);
    expectErrorShape(await json(declared), "payload_too_large");
    const badQuery = await env.req("GET", "/api/submissions?status=lost", { token: env.tokens.finance });
    expect(badQuery.status).toBe(400);
    expect((await json(badQuery)).error.details[0].path).toBe("status");
  });

  it("refuses a save with a token revoked after it saved, at once, whatever the request: nothing is stored, and a token revoked in the store directly too", async () => {
    const { record, token } = await createToken(env.store, "unit", "U-A", "王会计");
    const first = await save("target", "U-A", "P1", token);
    expect(first.status).toBe(201);
    // revoked through the API, after the token was used for a save
    expect((await env.req("DELETE", `/api/tokens/${record.id}`, { token: env.tokens.admin })).status).toBe(200);
    const again = await save("target", "U-A", "P1", token, 1);
    expect(again.status).toBe(401);
    expectErrorShape(await json(again), "unauthorized");
    const created = await save("target", "U-A", "P2", token);
    expect(created.status).toBe(401);
    expect((await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P1", kind: "target" }))?.revision).toBe(1);
    expect(await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P2", kind: "target" })).toBeUndefined();
    // revoked by another process (the CLI, another server on the same database): the store alone knows
    const other = await createToken(env.store, "unit", "U-A");
    expect((await save("target", "U-A", "P3", other.token)).status).toBe(201);
    expect(await env.store.revokeToken(other.record.id, new Date().toISOString())).toBe(true);
    expect((await save("target", "U-A", "P3", other.token, 1)).status).toBe(401);
    expect((await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P3", kind: "target" }))?.revision).toBe(1);
    // whatever the request is: a malformed body, a body the schema refuses or a missing If-Match is
    // answered as the revoked token it came with, not as the route's refusal
    const put = (body: string, headers: Record<string, string> = {}) =>
      env.app.request(subPath("target", "U-A", "P3"), { method: "PUT", headers: { authorization: `Bearer ${other.token}`, "content-type": "application/json", ...headers }, body });
    for (const res of [await put("{not json", { "if-match": '"1"' }), await put(JSON.stringify({ indicators: "无" }), { "if-match": '"1"' }), await put(JSON.stringify(formOf("target", "U-A", "P3")))]) {
      expect(res.status).toBe(401);
      expectErrorShape(await json(res), "unauthorized");
    }
    // the unit's own token still saves, and a live token's malformed body is still a 400
    expect((await save("target", "U-A", "P1", env.tokens.unitA, 1)).status).toBe(200);
    const live = await env.app.request(subPath("target", "U-A", "P1"), { method: "PUT", headers: { authorization: `Bearer ${env.tokens.unitA}`, "content-type": "application/json", "if-match": '"2"' }, body: "{not json" });
    expect(live.status).toBe(400);
  });
});

describe("submissions: scope", () => {
  it("a unit lists only its own; finance lists all; filters apply", async () => {
    await save();
    await save("target", "U-B", "Q1", env.tokens.unitB, undefined, formOf("target", "U-B", "Q1"));
    await save("monitor", "U-A", "P1", env.tokens.unitA, undefined, formOf("monitor"));
    const a = await json(await env.req("GET", "/api/submissions", { token: env.tokens.unitA }));
    expect(a.submissions.map((s: any) => s.unit)).toEqual(["U-A", "U-A"]);
    expect((await json(await env.req("GET", "/api/submissions?unit=U-B", { token: env.tokens.unitA }))).submissions).toEqual([]);
    const all = await json(await env.req("GET", "/api/submissions", { token: env.tokens.finance }));
    expect(all.submissions).toHaveLength(3);
    const f = await json(await env.req("GET", `/api/submissions?year=${YEAR}&unit=U-A&kind=monitor&status=draft`, { token: env.tokens.finance }));
    expect(f.submissions).toHaveLength(1);
    expect(f.submissions[0]).toMatchObject({ kind: "monitor", projectName: "项目 P1", unitName: "林业局" });
  });

  it("another unit's form answers the same whether it exists or not", async () => {
    await save();
    const existing = await env.req("GET", subPath(), { token: env.tokens.unitB });
    const missing = await env.req("GET", subPath("target", "U-A", "NOPE"), { token: env.tokens.unitB });
    expect(existing.status).toBe(missing.status);
    expect(await existing.text()).toBe(await missing.text());
    expect((await env.req("GET", subPath("target", "U-A", "NOPE"), { token: env.tokens.unitA })).status).toBe(404);
  });
});

describe("workflow", () => {
  it("draft → submitted → returned (with cell comments) → draft → submitted → approved; each in the audit log", async () => {
    await save();
    expect((await json(await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA }))).status).toBe("submitted");
    expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA })).status).toBe(409);
    const ret = await env.req("POST", `${subPath()}/return`, {
      token: env.tokens.finance,
      body: { comment: "请补充设定依据", cells: [{ sheet: "绩效目标申报表", cell: "C12", comment: "指标值偏低" }] },
    });
    expect((await json(ret)).status).toBe("returned");
    const got = await json(await env.req("GET", subPath(), { token: env.tokens.unitA }));
    expect(got.status).toBe("returned");
    expect(got.comments).toMatchObject({ comment: "请补充设定依据", cells: [{ sheet: "绩效目标申报表", cell: "C12", comment: "指标值偏低" }], revision: 1 });
    // approving a returned form is refused
    expect((await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance })).status).toBe(409);
    // saving a returned form puts it back to draft
    const saved = await json(await save("target", "U-A", "P1", env.tokens.unitA, 1));
    expect(saved).toMatchObject({ status: "draft", revision: 2 });
    await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
    expect((await json(await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance }))).status).toBe("approved");
    // an approved form cannot be changed
    const locked = await save("target", "U-A", "P1", env.tokens.unitA, 2);
    expect(locked.status).toBe(409);
    expectErrorShape(await json(locked), "approved_locked");
    expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA })).status).toBe(409);
    const actions = (await env.store.listAudit()).filter((e) => e.target === `${YEAR}/U-A/P1/target`).map((e) => e.action);
    expect(actions).toEqual([
      "submission.save",
      "submission.draft",
      "submission.submitted",
      "submission.returned",
      "submission.save",
      "submission.draft",
      "submission.submitted",
      "submission.approved",
    ]);
  });

  it("a save never changes a submitted form: the unit recalls it (撤回) first, then saves", async () => {
    await save();
    await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
    const refused = await save("target", "U-A", "P1", env.tokens.unitA, 1);
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe("already_submitted");
    expect((await json(await env.req("POST", `${subPath()}/recall`, { token: env.tokens.unitA }))).status).toBe("draft");
    expect((await json(await save("target", "U-A", "P1", env.tokens.unitA, 1))).status).toBe("draft");
  });

  it("submit and approve honour If-Match when given", async () => {
    await save();
    expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA, headers: { "if-match": '"5"' } })).status).toBe(409);
    expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA, headers: { "if-match": '"1"' } })).status).toBe(200);
    expect((await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance, headers: { "if-match": '"2"' } })).status).toBe(409);
  });

  it("return needs a comment and A1 cells", async () => {
    await save();
    await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA });
    const noComment = await env.req("POST", `${subPath()}/return`, { token: env.tokens.finance, body: { comment: "  " } });
    expect(noComment.status).toBe(400);
    expect((await json(noComment)).error.details[0].path).toBe("comment");
    const badCell = await env.req("POST", `${subPath()}/return`, { token: env.tokens.finance, body: { comment: "x", cells: [{ cell: "../A1", comment: "x" }] } });
    expect((await json(badCell)).error.details[0].path).toBe("cells[0].cell");
    expect((await env.req("POST", `${subPath("target", "U-A", "NOPE")}/return`, { token: env.tokens.finance, body: { comment: "x" } })).status).toBe(404);
  });

  it("finance marks a project key; it shows in the list and the form", async () => {
    await save();
    const res = await env.req("POST", `/api/projects/${YEAR}/U-A/P1/key`, { token: env.tokens.finance, body: { key: true } });
    expect(await json(res)).toEqual({ year: YEAR, unit: "U-A", project: "P1", key: true });
    expect((await json(await env.req("GET", subPath(), { token: env.tokens.unitA }))).keyProject).toBe(true);
    expect((await json(await env.req("GET", "/api/submissions", { token: env.tokens.finance }))).submissions[0].keyProject).toBe(true);
    expect((await json(await env.req("GET", `/api/projects/key?year=${YEAR}`, { token: env.tokens.finance }))).projects).toHaveLength(1);
    expect((await env.req("POST", `/api/projects/${YEAR}/NOPE/P1/key`, { token: env.tokens.finance, body: { key: true } })).status).toBe(404);
    expect((await env.req("POST", `/api/projects/${YEAR}/U-A/P1/key`, { token: env.tokens.finance, body: { key: "yes" } })).status).toBe(400);
  });
});

describe("hygiene", () => {
  it("unknown routes are JSON 404s; errors carry no stack", async () => {
    const res = await env.req("GET", "/api/nope", { token: env.tokens.finance });
    expect(res.status).toBe(404);
    expectErrorShape(await json(res), "not_found");
    const pane = await env.req("GET", "/taskpane.html");
    expect(pane.status).toBe(404);
    expectErrorShape(await json(pane));
  });

  it("an unexpected failure is a 500 with the error shape and no stack", async () => {
    const broken = await makeEnv({ log: () => undefined });
    broken.store.listSubmissions = async () => {
      throw new Error("disk on fire at /secret/path.ts:12");
    };
    const res = await broken.req("GET", "/api/submissions", { token: broken.tokens.finance });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/disk on fire|secret|\.ts/);
    expectErrorShape(JSON.parse(text), "internal");
    await broken.close();
  });

  it("lets Office hosts frame the pane: frame-ancestors, no X-Frame-Options", async () => {
    const res = await env.req("GET", "/api/health");
    expect(res.headers.get("x-frame-options")).toBeNull();
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const host of ["https://*.office.com", "https://*.officeapps.live.com", "https://*.office365.com", "https://*.sharepoint.com"]) {
      expect(csp).toContain(host);
    }
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("CORS answers only the configured origins", async () => {
    const ok = await env.req("OPTIONS", "/api/library", {
      headers: { origin: "https://localhost:3443", "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3443");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const evil = await env.req("OPTIONS", "/api/library", { headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const get = await env.req("GET", "/api/health", { headers: { origin: "https://evil.example" } });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves office.js and the built pane when configured", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const pane = await mkdtemp(join(tmpdir(), "jixiao-pane-"));
    await writeFile(join(pane, "taskpane.html"), "<!doctype html><title>绩效</title>");
    const office = await mkdtemp(join(tmpdir(), "jixiao-office-"));
    await writeFile(join(office, "office.js"), "/* office */");
    await writeFile(join(office, "o15apptofilemappingtable.js"), "/* map */");
    const withPane = await makeEnv({ paneDir: pane, officeDir: office });
    const page = await withPane.req("GET", "/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("x-frame-options")).toBeNull();
    expect((await withPane.req("GET", "/office.js")).status).toBe(200);
    // office.js fetches its siblings from beside itself
    expect((await withPane.req("GET", "/o15apptofilemappingtable.js")).status).toBe(200);
    expect((await withPane.req("GET", "/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await withPane.req("GET", "/missing.js")).status).toBe(404);
    await withPane.close();
  });
});
