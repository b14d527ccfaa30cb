// GET /api/consolidated as JSON: who may ask, and every figure of a small year worked out by hand
// (seed.ts says what was saved).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEnv, YEAR, type TestEnv } from "../server/helpers.ts";
import { HOSTILE, seedYear } from "./seed.ts";

let env: TestEnv;
beforeAll(async () => {
  env = await makeEnv();
  await seedYear(env);
});
afterAll(async () => {
  await env.close();
});

const get = (query: string, token?: string) => env.req("GET", `/api/consolidated?${query}`, { token });

describe("who may consolidate", () => {
  it("finance and admin may; a unit token is refused 403, no token 401", async () => {
    expect((await get(`year=${YEAR}`, env.tokens.finance)).status).toBe(200);
    expect((await get(`year=${YEAR}&format=xlsx`, env.tokens.admin)).status).toBe(200);
    for (const t of [env.tokens.unitA, env.tokens.unitB]) {
      const res = await get(`year=${YEAR}`, t);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect((await get(`year=${YEAR}`)).status).toBe(401);
    expect((await get(`year=${YEAR}`, "jx_not-a-token")).status).toBe(401);
  });

  it("refuses a bad query with the API's error shape", async () => {
    for (const q of ["", "year=20", `year=${YEAR}&kind=audit`, `year=${YEAR}&format=pdf`]) {
      const res = await get(q, env.tokens.finance);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_query");
    }
  });

  it("is never cached", async () => {
    const res = await get(`year=${YEAR}`, env.tokens.finance);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the figures", () => {
  let all: any;
  let selfEval: any;
  beforeAll(async () => {
    all = await (await get(`year=${YEAR}`, env.tokens.finance)).json();
    selfEval = await (await get(`year=${YEAR}&kind=selfEval`, env.tokens.finance)).json();
  });

  const line = (data: any, unit: string, kind: string) => data.summary.find((s: any) => s.unitCode === unit && s.kind === kind);

  it("lists every saved form, any status", () => {
    const keys = all.forms.map((f: any) => `${f.unitCode}/${f.projectCode}/${f.kind}/${f.status}`).sort();
    expect(keys).toEqual(["U-A/P1/monitor/draft", "U-A/P1/selfEval/submitted", "U-A/P1/target/approved", "U-A/P2/selfEval/draft", "U-B/P9/target/draft"]);
    expect(all.counts).toMatchObject({ forms: 5, rows: 35, summary: 9 });
    expect(all.rows).toHaveLength(35);
    expect(all.kinds).toEqual(["target", "monitor", "selfEval"]);
  });

  it("scores self-evaluations with the policy's rules, by hand", () => {
    const p1 = all.forms.find((f: any) => f.projectCode === "P1" && f.kind === "selfEval");
    const p2 = all.forms.find((f: any) => f.projectCode === "P2" && f.kind === "selfEval");
    // P1: every row at full weight (90) + budget 480/500 × 10 = 9.6
    expect(p1).toMatchObject({ score: 99.6, grade: "excellent", executionRate: 0.96, fundsTotal: 500 });
    // P2: 8 + 12 + 15 + 10 + 10 + 12 + 15 + 5 = 87
    expect(p2).toMatchObject({ score: 87, grade: "good", executionRate: 0.8 });
    const rowsP2 = all.rows.filter((r: any) => r.projectCode === "P2").map((r: any) => [r.name, r.score]);
    expect(rowsP2).toEqual([
      ["森林管护面积", 12],
      ["当年造林成活率", 15],
      ["护林防火巡查及时率", 10],
      ["生态护林员人均补助标准", 10],
      ["森林火灾受害率", 12],
      ["森林覆盖率", 15],
      ["林农满意度", 5],
    ]);
    const s = line(selfEval, "U-A", "selfEval");
    expect(s).toMatchObject({ expected: 2, received: 1, draft: 1, submitted: 1, pending: 1, averageScore: 93.3, lowestScore: 87, excellent: 1, good: 1, fair: 0, poor: 0 });
    // (480 + 400) ÷ (500 + 500)
    expect(s.executionRate).toBe(0.88);
    expect(s.fundsTotal).toBe(1000);
  });

  it("lights monitoring rows with the policy's thresholds", () => {
    const lights = all.rows.filter((r: any) => r.kind === "monitor").map((r: any) => r.light);
    expect(lights).toEqual(["red", "yellow", "green", "green", null, "green", "green"]);
    const form = all.forms.find((f: any) => f.kind === "monitor");
    // budget 260/500 ÷ 6/12 = 1.04
    expect(form).toMatchObject({ budgetLight: "green", red: 1, yellow: 1, executionRate: 0.52 });
    expect(line(all, "U-A", "monitor")).toMatchObject({ red: 1, yellow: 1, received: 0, draft: 1, pending: 2 });
  });

  it("expects a form per project the unit has any form for, and at least one", () => {
    expect(line(all, "U-A", "target")).toMatchObject({ expected: 2, received: 1, approved: 1, pending: 1, projectsMissing: ["P2"] });
    expect(line(all, "U-B", "target")).toMatchObject({ expected: 1, received: 0, draft: 1, pending: 1, confidential: true });
    expect(line(all, "U-C", "selfEval")).toMatchObject({ expected: 1, received: 0, pending: 1, averageScore: null, executionRate: null });
  });

  it("lists the units that sent nothing, per kind (drafts are not sent)", () => {
    const missing = all.missing.map((m: any) => `${m.unitCode}/${m.kind}/${m.drafts}`);
    expect(missing).toEqual(["U-A/monitor/1", "U-B/target/1", "U-B/monitor/0", "U-B/selfEval/0", "U-C/target/0", "U-C/monitor/0", "U-C/selfEval/0"]);
    expect(selfEval.missing.map((m: any) => m.unitCode)).toEqual(["U-B", "U-C"]);
    expect(selfEval.summary.map((s: any) => s.unitCode)).toEqual(["U-A", "U-B", "U-C"]);
  });

  it("gives each row its stored findings, and the findings list matches the stored issues", async () => {
    const p2 = await (await env.req("GET", `/api/submissions/${YEAR}/U-A/P2/selfEval`, { token: env.tokens.finance })).json();
    const mine = all.findings.filter((f: any) => f.projectCode === "P2" && f.kind === "selfEval");
    expect(mine.map((f: any) => `${f.rule}@${f.path}`).sort()).toEqual(p2.issues.map((i: any) => `${i.rule}@${i.path}`).sort());
    expect(mine.every((f: any) => f.zh && f.en && f.severity)).toBe(true);
    expect(line(all, "U-A", "selfEval").errors).toBe(p2.counts.error);
    const row0 = all.rows.find((r: any) => r.projectCode === "P2" && r.row === 1);
    const onRow0 = p2.issues.filter((i: any) => i.path.startsWith("indicators[0]"));
    expect(onRow0.length).toBeGreaterThan(0);
    for (const i of onRow0) expect(row0.findings).toContain(`${i.rule} ${i.message.zh}`);
  });

  it("keeps typed text as typed", () => {
    const b = all.forms.find((f: any) => f.unitCode === "U-B");
    expect(b.projectName).toBe(HOSTILE.projectName);
    expect(all.rows.find((r: any) => r.unitCode === "U-B" && r.row === 1).name).toBe(HOSTILE.indicator);
  });
});
