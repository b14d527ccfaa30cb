// GET /api/results/mine: a unit sees its own line of the results notice (结果通报), and only once
// finance has issued it; never another unit's line.
import { describe, expect, it } from "vitest";
import { envEachTest, formOf, subPath, YEAR } from "../server/helpers.ts";

describe("GET /api/results/mine", () => {
  const env = envEachTest();

  it("is empty until finance issues the notice, then gives the unit its own line only", async () => {
    await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
    await env.req("PUT", subPath("target", "U-B", "P1"), { token: env.tokens.unitB, body: formOf("target", "U-B", "P1") });
    const before = await (await env.req("GET", `/api/results/mine?year=${YEAR}`, { token: env.tokens.unitA })).json();
    expect(before).toEqual({ year: YEAR, issued: false });
    expect((await env.req("GET", `/api/results?year=${YEAR}`, { token: env.tokens.finance })).status).toBe(200);
    const res = await env.req("GET", `/api/results/mine?year=${YEAR}`, { token: env.tokens.unitA });
    expect(res.status).toBe(200);
    const mine = await res.json();
    expect(mine.issued).toBe(true);
    expect(mine.result.unit).toBe("U-A");
    expect(JSON.stringify(mine)).not.toContain("U-B");
    // another year stays unissued; finance uses the full notice; the year is checked
    expect((await (await env.req("GET", `/api/results/mine?year=${YEAR - 1}`, { token: env.tokens.unitA })).json()).issued).toBe(false);
    expect((await env.req("GET", `/api/results/mine?year=${YEAR}`, { token: env.tokens.finance })).status).toBe(403);
    const bad = await env.req("GET", `/api/results/mine?year=abc`, { token: env.tokens.unitA });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("invalid_query");
  });
});
