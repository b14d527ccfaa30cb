// People while the server runs: units and tokens through the API, each change audited, a new
// token working at once and a revoked one refused at once, and a finance token granted publishing.
import { describe, expect, it } from "vitest";
import { envEachTest } from "./helpers.ts";

const env = envEachTest();

const admin = () => ({ token: env.tokens.admin });

describe("units", () => {
  it("adds a unit, refuses its code twice, edits it; each change audited", async () => {
    const add = await env.req("POST", "/api/units", { ...admin(), body: { code: "JT-01", name: "区交通运输局", field: "roads", confidential: true } });
    expect(add.status).toBe(201);
    expect(await add.json()).toEqual({ code: "JT-01", name: "区交通运输局", field: "roads", confidential: true });

    const again = await env.req("POST", "/api/units", { ...admin(), body: { code: "JT-01", name: "重复" } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("unit_exists");

    const patch = await env.req("PATCH", "/api/units/JT-01", { ...admin(), body: { name: "区交通局", field: null, confidential: false } });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toEqual({ code: "JT-01", name: "区交通局", confidential: false });

    const list = (await (await env.req("GET", "/api/units", admin())).json()).units as { code: string }[];
    expect(list.map((u) => u.code)).toEqual(["JT-01", "U-A", "U-B"]);
    const audit = (await env.store.listAudit()).filter((e) => e.target === "JT-01");
    expect(audit.map((e) => e.action)).toEqual(["unit.add", "unit.update"]);
    expect(audit[0]!.actor).toMatch(/^admin#/);
  });

  it("refuses a bad body naming the field, an unknown unit, an empty patch and unknown keys", async () => {
    const bad = await env.req("POST", "/api/units", { ...admin(), body: { code: "U 1", name: "" } });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["code", "name"]));
    expect((await env.req("PATCH", "/api/units/NOPE", { ...admin(), body: { name: "x" } })).status).toBe(404);
    expect((await env.req("PATCH", "/api/units/U-A", { ...admin(), body: {} })).status).toBe(400);
    const extra = await env.req("PATCH", "/api/units/U-A", { ...admin(), body: { code: "U-Z" } });
    expect(extra.status).toBe(400);
    expect((await extra.json()).error.details[0].message).toMatch(/code/);
    // nothing changed
    expect((await env.store.getUnit("U-A"))?.name).toBe("林业局");
  });
});

describe("tokens", () => {
  it("issues a unit token that works at once, lists it without its hash, revokes it and refuses it at once", async () => {
    await env.req("POST", "/api/units", { ...admin(), body: { code: "JT-01", name: "区交通运输局" } });
    const res = await env.req("POST", "/api/tokens", { ...admin(), body: { role: "unit", unit: "JT-01", label: "交通局 王会计" } });
    expect(res.status).toBe(201);
    const { id, token } = (await res.json()) as { id: string; token: string };
    expect(token).toMatch(/^jx_/);

    const me = await env.req("GET", "/api/me", { token });
    expect(me.status).toBe(200);
    expect((await me.json()).unit.code).toBe("JT-01");

    const listed = (await (await env.req("GET", "/api/tokens", admin())).json()).tokens as Record<string, unknown>[];
    const mine = listed.find((t) => t.id === id)!;
    expect(mine).toMatchObject({ role: "unit", unit: "JT-01", label: "交通局 王会计" });
    expect(typeof mine.createdAt).toBe("string");
    expect(typeof mine.lastUsedAt).toBe("string");
    expect(JSON.stringify(listed)).not.toMatch(/"hash"/);
    expect(JSON.stringify(listed)).not.toContain(token);

    const del = await env.req("DELETE", `/api/tokens/${id}`, admin());
    expect(del.status).toBe(200);
    expect((await del.json()).id).toBe(id);
    const refused = await env.req("GET", "/api/me", { token });
    expect(refused.status).toBe(401);
    expect((await env.req("DELETE", `/api/tokens/${id}`, admin())).status).toBe(409);
    expect((await env.req("DELETE", "/api/tokens/00000000", admin())).status).toBe(404);

    const actions = (await env.store.listAudit()).filter((e) => e.target === id).map((e) => e.action);
    expect(actions).toEqual(["token.create", "token.revoke"]);
  });

  it("ends the event stream of a revoked token", async () => {
    const { id, token } = await (await env.req("POST", "/api/tokens", { ...admin(), body: { role: "unit", unit: "U-A" } })).json();
    const stream = await env.req("GET", `/api/events?access_token=${token}`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    text += decoder.decode((await reader.read()).value);
    expect(text).toContain("event: ready");
    await env.req("DELETE", `/api/tokens/${id}`, admin());
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toContain("event: token.revoked");
  });

  it("refuses the admin revoking the token in use, a unit token without its unit, and publishing granted to a unit", async () => {
    const meId = (await (await env.req("GET", "/api/me", admin())).json()).tokenId;
    const own = await env.req("DELETE", `/api/tokens/${meId}`, admin());
    expect(own.status).toBe(409);
    const cases: [unknown, string][] = [
      [{ role: "unit" }, "unit"],
      [{ role: "finance", unit: "U-A" }, "unit"],
      [{ role: "unit", unit: "U-A", canPublish: true }, "canPublish"],
      [{ role: "root" }, "role"],
    ];
    for (const [body, path] of cases) {
      const res = await env.req("POST", "/api/tokens", { ...admin(), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const ghost = await env.req("POST", "/api/tokens", { ...admin(), body: { role: "unit", unit: "GHOST" } });
    expect(ghost.status).toBe(400);
    expect((await ghost.json()).error.message).toContain("GHOST");
  });

  it("a finance token granted publishing publishes the library; one without is refused", async () => {
    const lib = await (await env.req("GET", "/api/library", admin())).json();
    const body = { indicators: lib.indicators, note: "财政发布" };
    expect((await env.req("PUT", "/api/library", { token: env.tokens.finance, body })).status).toBe(403);
    const { token } = await (await env.req("POST", "/api/tokens", { ...admin(), body: { role: "finance", label: "预算科", canPublish: true } })).json();
    expect((await (await env.req("GET", "/api/me", { token })).json()).canPublish).toBe(true);
    expect((await (await env.req("GET", "/api/me", { token: env.tokens.finance })).json()).canPublish).toBe(false);
    const put = await env.req("PUT", "/api/library", { token, body });
    expect(put.status).toBe(201);
    const audit = (await env.store.listAudit()).find((e) => e.action === "library.publish" && e.details?.note === "财政发布");
    expect(audit?.actor).toMatch(/^finance#/);
  });
});
