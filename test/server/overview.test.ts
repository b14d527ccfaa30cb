// GET /api/overview: progress by unit (drafts not received; late and missing under a notice),
// execution against the year gone, lights, grades and the lowest scores, rectifications; finance
// and admin only.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOverview, yearElapsed } from "../../shared/overview.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "./helpers.ts";

let env: TestEnv;
let clock = new Date("2025-03-01T00:00:00Z");
beforeEach(async () => {
  clock = new Date("2025-03-01T00:00:00Z");
  env = await makeEnv({ now: () => clock, overdueCheckMs: 0 });
});
afterEach(async () => {
  await env.close();
});

async function put(kind: "target" | "selfEval" | "monitor", unit: "U-A" | "U-B", project: string, submit: boolean) {
  const token = unit === "U-A" ? env.tokens.unitA : env.tokens.unitB;
  const res = await env.req("PUT", subPath(kind, unit, project), { token, body: formOf(kind, unit, project) });
  expect(res.status, await res.clone().text()).toBe(201);
  if (submit) expect((await env.req("POST", `${subPath(kind, unit, project)}/submit`, { token })).status).toBe(200);
}

describe("GET /api/overview", () => {
  it("counts drafts as not received, a form sent after the deadline as late and one never sent as missing", async () => {
    const notice = await env.req("POST", "/api/notices", {
      token: env.tokens.finance,
      body: { year: YEAR, kind: "target", units: "all", deadline: "2025-03-31", title: "关于报送2025年绩效目标的通知", text: "请于3月31日前报送。" },
    });
    expect(notice.status, await notice.clone().text()).toBe(201);
    await put("target", "U-A", "P1", true); // on time
    await put("target", "U-B", "P9", false); // a draft only
    clock = new Date("2025-04-02T02:00:00Z");
    await put("target", "U-A", "P2", true); // late
    const res = await env.req("GET", `/api/overview?year=${YEAR}&kind=target`, { token: env.tokens.finance });
    expect(res.status, await res.clone().text()).toBe(200);
    const o = await res.json();
    expect(o.totals).toMatchObject({ expected: 3, received: 2, drafts: 1, onTime: 1, late: 1, missing: 1 });
    const b = o.progress.find((p: { unit: string }) => p.unit === "U-B");
    expect(b).toMatchObject({ expected: 1, received: 0, missing: 1 });
    // the unit missing most comes first
    expect(o.progress[0].unit).toBe("U-B");
    expect(o.timeElapsed).toBeCloseTo(yearElapsed(YEAR, clock), 6);
    expect((await env.req("GET", `/api/overview?year=${YEAR}`, { token: env.tokens.admin })).status).toBe(200);
    expect((await env.req("GET", `/api/overview?year=${YEAR}`, { token: env.tokens.unitA })).status).toBe(403);
    expect((await env.req("GET", "/api/overview?year=25", { token: env.tokens.finance })).status).toBe(400);
  });

  it("puts self-evaluation scores in grades and the lowest first", async () => {
    await put("selfEval", "U-A", "P1", true);
    await put("selfEval", "U-B", "P2", true);
    const o = await (await env.req("GET", `/api/overview?year=${YEAR}&kind=selfEval`, { token: env.tokens.finance })).json();
    const graded = Object.values(o.grades as Record<string, number>).reduce((s, x) => s + x, 0);
    expect(graded).toBe(2);
    expect(o.lowest).toHaveLength(2);
    expect(o.lowest[0].score).toBeLessThanOrEqual(o.lowest[1].score);
    expect(o.execution.length).toBe(2);
  });
});

describe("buildOverview", () => {
  it("measures the year gone in Beijing time", () => {
    expect(yearElapsed(2025, new Date("2024-12-31T16:00:00Z"))).toBe(0);
    expect(yearElapsed(2025, new Date("2025-12-31T16:00:00Z"))).toBe(1);
    expect(yearElapsed(2025, new Date("2025-07-02T12:00:00Z"))).toBeGreaterThan(0.49);
    expect(buildOverview({ year: 2025, kind: undefined, summary: [], forms: [], now: new Date() }).totals.expected).toBe(0);
  });
});
