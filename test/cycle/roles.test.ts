// Who may do what in the cycle, bodies refused with the one error shape, and the overdue event
// announced once, on an injected clock, when a deadline passes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOverdue } from "../../server/cycle/overdue.ts";
import { EventBus, type ServerEvent } from "../../server/events.ts";
import type { Auth } from "../../server/auth.ts";
import { YEAR, formOf, makeEnv, subPath, type TestEnv } from "../server/helpers.ts";

let env: TestEnv;
let clock = new Date("2025-03-01T00:00:00Z");

const noticeBody = { year: YEAR, kind: "target", units: ["U-A", "U-B"], deadline: "2025-03-31", title: "目标申报通知", text: "请按时报送。" };

describe("cycle: roles and bodies", () => {
  beforeEach(async () => {
    clock = new Date("2025-03-01T00:00:00Z");
    env = await makeEnv({ now: () => clock, overdueCheckMs: 0 });
  });
  afterEach(async () => {
    await env.close();
  });

  it("a unit cannot issue notices, open, accept or reopen rectification; finance cannot answer", async () => {
    expect((await env.req("POST", "/api/notices", { token: env.tokens.unitA, body: noticeBody })).status).toBe(403);
    await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
    const open = { year: YEAR, unit: "U-A", project: "P1", kind: "target", requirement: "补充依据", deadline: "2025-04-30" };
    expect((await env.req("POST", "/api/rectifications", { token: env.tokens.unitA, body: open })).status).toBe(403);
    const item = await (await env.req("POST", "/api/rectifications", { token: env.tokens.finance, body: open })).json();
    expect(item.state).toBe("open");
    expect((await env.req("POST", `/api/rectifications/${item.id}/answer`, { token: env.tokens.finance, body: { measures: "m", evidence: "e" } })).status).toBe(403);
    expect((await env.req("POST", `/api/rectifications/${item.id}/answer`, { token: env.tokens.unitA, body: { measures: "m", evidence: "e" } })).status).toBe(200);
    const accept = await env.req("POST", `/api/rectifications/${item.id}/accept`, { token: env.tokens.unitA, body: {} });
    expect(accept.status).toBe(403);
    expect((await accept.json()).error.code).toBe("forbidden");
    expect((await env.req("POST", `/api/rectifications/${item.id}/reopen`, { token: env.tokens.unitA, body: { comment: "x" } })).status).toBe(403);
    expect((await env.req("GET", `/api/results?year=${YEAR}`, { token: env.tokens.unitA })).status).toBe(403);
    expect((await env.req("GET", `/api/assessment?year=${YEAR}`, { token: env.tokens.unitA })).status).toBe(403);
    expect((await env.req("GET", `/api/notices`)).status).toBe(401);
  });

  it("a unit sees only its own items and the notices addressed to it", async () => {
    await env.req("POST", "/api/notices", { token: env.tokens.finance, body: { ...noticeBody, units: ["U-A"] } });
    const all = await (await env.req("POST", "/api/notices", { token: env.tokens.finance, body: { ...noticeBody, units: "all" } })).json();
    for (const u of ["U-A", "U-B"]) {
      const t = u === "U-A" ? env.tokens.unitA : env.tokens.unitB;
      await env.req("PUT", subPath("target", u, "P1"), { token: t, body: formOf("target", u, "P1") });
    }
    const base = { year: YEAR, project: "P1", kind: "target", requirement: "补充依据", deadline: "2025-04-30" };
    const a = await (await env.req("POST", "/api/rectifications", { token: env.tokens.finance, body: { ...base, unit: "U-A" } })).json();
    const b = await (await env.req("POST", "/api/rectifications", { token: env.tokens.finance, body: { ...base, unit: "U-B" } })).json();

    const mine = await (await env.req("GET", `/api/rectifications?year=${YEAR}`, { token: env.tokens.unitA })).json();
    expect(mine.rectifications.map((r: any) => r.id)).toEqual([a.id]);
    expect((await (await env.req("GET", `/api/rectifications?unit=U-B`, { token: env.tokens.unitA })).json()).rectifications).toEqual([]);
    expect((await env.req("GET", `/api/rectifications/${b.id}`, { token: env.tokens.unitA })).status).toBe(404);
    expect((await env.req("POST", `/api/rectifications/${b.id}/answer`, { token: env.tokens.unitA, body: { measures: "m", evidence: "e" } })).status).toBe(404);
    expect((await (await env.req("GET", `/api/rectifications`, { token: env.tokens.finance })).json()).rectifications).toHaveLength(2);

    const nb = await (await env.req("GET", `/api/notices?year=${YEAR}`, { token: env.tokens.unitB })).json();
    expect(nb.notices.map((n: any) => n.id)).toEqual([all.id]);
    expect(nb.notices[0].items.map((i: any) => i.unit)).toEqual(["U-B"]);
    const nf = await (await env.req("GET", `/api/notices/${all.id}`, { token: env.tokens.finance })).json();
    expect(nf.items.map((i: any) => i.unit)).toEqual(["U-A", "U-B"]);
  });

  it("refuses bad bodies and queries with the one error shape", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", "/api/notices", { ...noticeBody, deadline: "2025-02-30" }, "deadline"],
      ["POST", "/api/notices", { ...noticeBody, deadline: "next Friday" }, "deadline"],
      ["POST", "/api/notices", { ...noticeBody, kind: "budget" }, "kind"],
      ["POST", "/api/notices", { ...noticeBody, units: [] }, "units"],
      ["POST", "/api/notices", { ...noticeBody, text: "  " }, "text"],
      ["POST", "/api/rectifications", { year: YEAR, unit: "U-A", project: "P1", kind: "target", deadline: "2025-04-30" }, "requirement"],
      ["POST", "/api/rectifications", { year: YEAR, unit: "../x", project: "P1", kind: "target", requirement: "r", deadline: "2025-04-30" }, "unit"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await env.req(method, path, { token: env.tokens.finance, body });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      const e = (await res.json()).error;
      expect(e.code).toBe("invalid_body");
      expect(e.details.map((d: any) => d.path)).toContain(field);
    }
    expect((await env.req("POST", "/api/notices", { token: env.tokens.finance, body: "{not json" })).status).toBe(400);
    const unknown = await env.req("POST", "/api/notices", { token: env.tokens.finance, body: { ...noticeBody, units: ["U-A", "U-Z"] } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: "unknown_units", details: { units: ["U-Z"] } });
    // no such form; no such finding in it
    const noForm = await env.req("POST", "/api/rectifications", {
      token: env.tokens.finance,
      body: { year: YEAR, unit: "U-A", project: "P9", kind: "target", requirement: "r", deadline: "2025-04-30" },
    });
    expect(noForm.status).toBe(404);
    await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
    const noFinding = await env.req("POST", "/api/rectifications", {
      token: env.tokens.finance,
      body: { year: YEAR, unit: "U-A", project: "P1", kind: "target", finding: { rule: "R101" }, requirement: "r", deadline: "2025-04-30" },
    });
    expect((await noFinding.json()).error.code).toBe("no_such_finding");
    expect((await env.req("GET", `/api/results?year=abc`, { token: env.tokens.finance })).status).toBe(400);
    expect((await env.req("GET", `/api/results?year=${YEAR}&format=pdf`, { token: env.tokens.finance })).status).toBe(400);
    expect((await env.req("GET", `/api/assessment`, { token: env.tokens.finance })).status).toBe(400);
    expect((await env.req("GET", `/api/notices/../../etc`, { token: env.tokens.finance })).status).toBe(404);
    expect((await env.req("GET", `/api/rectifications/R2025-zzzz`, { token: env.tokens.finance })).status).toBe(400);
    // answering a closed item, reopening an open one: 409 with the state
    const item = await (
      await env.req("POST", "/api/rectifications", { token: env.tokens.finance, body: { year: YEAR, unit: "U-A", project: "P1", kind: "target", requirement: "r", deadline: "2025-04-30" } })
    ).json();
    const reopen = await env.req("POST", `/api/rectifications/${item.id}/reopen`, { token: env.tokens.finance, body: { comment: "x" } });
    expect(reopen.status).toBe(409);
    expect((await reopen.json()).error).toMatchObject({ code: "invalid_transition", details: { state: "open" } });
  });
});

describe("cycle: the overdue event", () => {
  it("is announced once, by the timer, when the injected clock passes the deadline", async () => {
    clock = new Date("2025-03-31T15:00:00Z");
    const bus = new EventBus();
    env = await makeEnv({ now: () => clock, bus, overdueCheckMs: 5 });
    try {
      const heard: { who: string; e: ServerEvent }[] = [];
      const listen = (who: string, auth: Auth) => bus.subscribe(auth, (e) => heard.push({ who, e }));
      listen("finance", { role: "finance", tokenId: "f", actor: "finance#f" });
      listen("U-A", { role: "unit", unit: "U-A", tokenId: "a", actor: "unit:U-A#a" });
      listen("U-B", { role: "unit", unit: "U-B", tokenId: "b", actor: "unit:U-B#b" });
      const n = await (await env.req("POST", "/api/notices", { token: env.tokens.finance, body: noticeBody })).json();
      expect(heard.map((h) => `${h.who}:${h.e.type}`)).toEqual(["finance:notice.issued", "U-A:notice.issued", "U-B:notice.issued"]);
      heard.length = 0;
      await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
      await env.req("POST", `${subPath("target", "U-A", "P1")}/submit`, { token: env.tokens.unitA });
      heard.length = 0;

      // before the deadline (15:59:59.999Z): several ticks, nothing
      await new Promise((r) => setTimeout(r, 40));
      expect(heard).toEqual([]);

      clock = new Date("2025-03-31T16:00:00Z");
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 30)); // more ticks: still announced once
      expect(heard.map((h) => `${h.who}:${h.e.type}`)).toEqual(["finance:notice.overdue", "U-B:notice.overdue"]);
      const f = heard[0]?.e;
      expect(f?.type === "notice.overdue" && f.data).toMatchObject({ id: n.id, counts: { onTime: 1, late: 0, due: 0, missing: 1 }, missing: [{ unit: "U-B", project: null }] });
      expect((await env.store.getNotice(n.id))?.overdueAt).toBe("2025-03-31T16:00:00.000Z");
      expect(await checkOverdue({ store: env.store, bus, now: () => clock })).toEqual([]);
      expect((await env.store.findAudit({ actions: ["notice.overdue"] })).map((e) => e.target)).toEqual([n.id]);
    } finally {
      await env.close();
    }
  });
});
