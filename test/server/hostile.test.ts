// The API as a careless or hostile client meets it: bodies that are not what they say, bodies
// built to break the server, races between a save and a status change, flags a unit may not set.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "./helpers.ts";

let env: TestEnv;
let logged: unknown[];
beforeEach(async () => {
  logged = [];
  env = await makeEnv({ log: (err) => void logged.push(err) });
});
afterEach(async () => {
  await env.close();
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function expectErrorShape(body: any, code: string) {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules|Error:|\/work\//);
}

describe("bodies", () => {
  it("refuses a body nested deeper than any form with a 400 naming where, not a 500, and stores nothing", async () => {
    const deep = '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000);
    const body = `{"kind":"target","year":${YEAR},"unit":{"code":"U-A"},"project":{"code":"P1"},"x":${deep}}`;
    const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body });
    expect(res.status).toBe(400);
    const err = await res.json();
    expectErrorShape(err, "invalid_body");
    expect(err.error.details[0].path).toMatch(/^x(\.a)+$/);
    expect(logged).toEqual([]);
    expect(await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P1", kind: "target" })).toBeUndefined();
    // The same on every route that takes JSON.
    const arrays = "[".repeat(50_000) + "]".repeat(50_000);
    for (const [method, path, token] of [
      ["POST", "/api/validate", env.tokens.unitA],
      ["PUT", "/api/library", env.tokens.admin],
      ["POST", "/api/notices", env.tokens.finance],
    ] as const) {
      const r = await env.req(method, path, { token, body: `{"indicators":${arrays}}` });
      expect(r.status, path).toBe(400);
      expectErrorShape(await r.json(), "invalid_body");
    }
    // A real form is far from the limit.
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") })).status).toBe(201);
  });

  it("refuses a body that is not declared JSON with a 415, before reading it, and under the JSON size limit", async () => {
    const form = JSON.stringify(formOf("target"));
    for (const type of [XLSX, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
      const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: form, headers: { "content-type": type } });
      expect(res.status, type).toBe(415);
      expectErrorShape(await res.json(), "unsupported_media_type");
    }
    const none = await env.app.request(subPath(), { method: "PUT", headers: { authorization: `Bearer ${env.tokens.unitA}` }, body: form });
    expect(none.status).toBe(415);
    // Declared as .xlsx, a JSON body does not get the .xlsx size limit (that is the import route's
    // alone): 5 MB is refused as too large for JSON, unread, and nothing is saved.
    const big = JSON.stringify({ ...formOf("target"), pad: "x".repeat(5 * 1024 * 1024) });
    const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: big, headers: { "content-type": XLSX, "content-length": String(Buffer.byteLength(big)) } });
    expect(res.status).toBe(413);
    expect(await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P1", kind: "target" })).toBeUndefined();
    // JSON with a charset, or a +json type, is JSON.
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"]) {
      const r = await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: form, headers: { "content-type": type } });
      expect(r.status, type).toBe(200);
    }
  });
});

describe("saves", () => {
  it("never lets a save change a form submitted between the save's read and its write; the unit recalls it (撤回) first, audited", async () => {
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") })).status).toBe(201);
    const heard: string[] = [];
    env.bus.subscribe({ role: "finance", tokenId: "t", actor: "finance#t" }, (e) => {
      if (e.type === "submission.status") heard.push(e.data.status);
    });
    // The save reads the form as a draft; the unit's other window submits it before the save writes.
    const saveRevision = env.store.saveRevision.bind(env.store);
    let raced = false;
    env.store.saveRevision = async (...args) => {
      if (!raced) {
        raced = true;
        expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA })).status).toBe(200);
      }
      return saveRevision(...args);
    };
    const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target"), headers: { "if-match": '"1"' } });
    expect(res.status).toBe(409);
    const err = await res.json();
    expect(err.error.code).toBe("already_submitted");
    expect(err.error.message).toMatch(/撤回.*recall it first/);
    const form = await (await env.req("GET", subPath(), { token: env.tokens.finance })).json();
    expect([form.status, form.revision]).toEqual(["submitted", 1]);
    // Nor does a plain save after it: only an explicit recall, and only by the unit.
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target"), headers: { "if-match": '"1"' } })).status).toBe(409);
    expect((await env.req("POST", `${subPath()}/recall`, { token: env.tokens.finance })).status).toBe(403);
    expect((await env.req("POST", `${subPath()}/recall`, { token: env.tokens.unitA, headers: { "if-match": '"1"' } })).status).toBe(200);
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target"), headers: { "if-match": '"1"' } })).status).toBe(200);
    const actions = (await env.store.listAudit()).filter((e) => e.target === `${YEAR}/U-A/P1/target`).map((e) => `${e.action}${e.details?.from ? `<${String(e.details.from)}` : ""}${e.details?.recalled ? " recalled" : ""}`);
    expect(actions).toEqual(["submission.save", "submission.draft", "submission.submitted<draft", "submission.draft<submitted recalled", "submission.save"]);
    expect(heard).toEqual(["submitted", "draft"]);
    // Once finance has acted (returned here), there is nothing to recall.
    expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA })).status).toBe(200);
    expect((await env.req("POST", `${subPath()}/return`, { token: env.tokens.finance, body: { comment: "请补充指标" } })).status).toBe(200);
    const late = await env.req("POST", `${subPath()}/recall`, { token: env.tokens.unitA });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("not_submitted");
  });

  it("never stores project.key from a unit: it is finance's mark", async () => {
    const form = formOf("target");
    const res = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: { ...form, project: { ...form.project, key: true } } });
    expect(res.status).toBe(201);
    const got = await (await env.req("GET", subPath(), { token: env.tokens.finance })).json();
    expect(got.keyProject).toBe(false);
    expect(got.form.project).not.toHaveProperty("key");
    expect(got.form.project.name).toBe(form.project.name);
    // Nor in a draft kept as sent because it does not fit the schema.
    const broken = { kind: "target", year: YEAR, unit: { code: "U-A" }, project: { code: "P2", key: true } };
    expect((await env.req("PUT", subPath("target", "U-A", "P2"), { token: env.tokens.unitA, body: broken })).status).toBe(201);
    const kept = await (await env.req("GET", subPath("target", "U-A", "P2"), { token: env.tokens.finance })).json();
    expect(kept.form.project).not.toHaveProperty("key");
    expect(kept.form.project.code).toBe("P2");
  });
});

describe("methods", () => {
  it("answers a known address asked with the wrong method with a 405 and Allow, an unknown one with a 404", async () => {
    await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") });
    for (const [method, path, allow] of [
      ["DELETE", subPath(), "GET, PUT"],
      ["PATCH", subPath(), "GET, PUT"],
      ["GET", `${subPath()}/submit`, "POST"],
      ["PUT", `${subPath()}/approve`, "POST"],
      ["DELETE", "/api/library", "GET, PUT"],
      ["POST", "/api/submissions", "GET"],
      ["GET", "/api/validate", "POST"],
      ["DELETE", "/api/rectifications/R2025-0a1b2c3d", "GET"],
    ] as const) {
      const res = await env.req(method, path, { token: env.tokens.unitA });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expectErrorShape(await res.json(), "method_not_allowed");
    }
    // Without a token the token is what is missing; an unknown address stays a 404.
    expect((await env.req("DELETE", subPath())).status).toBe(401);
    const nope = await env.req("DELETE", "/api/nope", { token: env.tokens.unitA });
    expect(nope.status).toBe(404);
    expectErrorShape(await nope.json(), "not_found");
    expect((await env.req("GET", "/api/submissions/2025/U-A/P1/target/extra", { token: env.tokens.unitA })).status).toBe(404);
    // The form is still there.
    expect((await env.req("GET", subPath(), { token: env.tokens.unitA })).status).toBe(200);
  });
});

describe("query numbers", () => {
  it("takes a year or a version as digits only", async () => {
    for (const q of ["year=0x7E9", "year=2.025e3", "year=", "year=%202025", "year=20250"]) {
      const res = await env.req("GET", `/api/consolidated?${q}`, { token: env.tokens.finance });
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.details[0].path).toBe("year");
    }
    expect((await env.req("GET", "/api/consolidated?year=2025", { token: env.tokens.finance })).status).toBe(200);
    for (const q of ["since=", "since=-1", "since=1e0"]) expect((await env.req("GET", `/api/library/changes?${q}`, { token: env.tokens.unitA })).status, q).toBe(400);
    expect((await env.req("GET", "/api/library/changes?since=0", { token: env.tokens.unitA })).status).toBe(200);
  });
});
