// Every endpoint of the contract (shared/api/endpoints.ts), called on a year's walk through the
// app (a unit's forms, finance's review, the cycle, the treasury's files, disclosure, people), each
// answer parsed by the schema the table gives it (a body that is not JSON: its status and type).
// Two checks keep the table whole: every route the app serves is in it, and every endpoint in it
// is called here. A route added without its schemas, or a schema a route drifts from, fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import * as api from "../../shared/api/index.ts";
import type { z } from "zod";
import {
  DisclosedProjectSchema,
  endpoints,
  ErrorBodySchema,
  FindingLineSchema,
  FormRowSchema,
  IndicatorLineSchema,
  KeyProjectListSchema,
  MissingLineSchema,
  NoticeItemSchema,
  NoticeSchema,
  PublicUnitResultSchema,
  RectificationSchema,
  ResultsNoticeSchema,
  SummaryRowSchema,
  TreasuryLineSchema,
  UnitAssessmentSchema,
  WorkReportSchema,
  type Endpoint,
} from "../../shared/api/index.ts";
import type { FindingLine, FormRow, IndicatorLine, MissingLine, SummaryRow, TreasuryLine } from "../../shared/consolidate/index.ts";
import type { UnitAssessment } from "../../shared/cycle/assessment.ts";
import type { Notice, NoticeItem } from "../../shared/cycle/notice.ts";
import type { Rectification } from "../../shared/cycle/rectification.ts";
import type { PublicUnitResult, ResultsNotice, UnitResult } from "../../shared/cycle/results.ts";
import type { DisclosedProject } from "../../shared/disclosure/public.ts";
import type { WorkReport } from "../../shared/report/work-report.ts";
import type { KeyProject } from "../../server/store/store.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { YEAR, formOf, makeEnv, subPath, type TestEnv } from "./helpers.ts";

let env: TestEnv;
const called = new Set<string>();
const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

beforeAll(async () => {
  env = await makeEnv({ overdueCheckMs: 0, caCertificate: () => CA });
});
afterAll(async () => env.close());

const name = (e: Pick<Endpoint, "method" | "path">) => `${e.method} ${e.path}`;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? testFiles(path.join(dir, d.name)) : /\.test\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));

function endpointOf(method: Endpoint["method"], path: string): Endpoint {
  const e = endpoints.find((x) => x.method === method && x.path === path);
  if (!e) throw new Error(`${method} ${path} is not in shared/api/endpoints.ts`);
  return e;
}

/**
 * Calls `path` (an instance of the endpoint `template`) and parses the answer with the endpoint's
 * schema; the status is the table's unless `status` says otherwise (a new form's save is a 201).
 */
async function hit(
  method: Endpoint["method"],
  template: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: BodyInit; type?: string; headers?: Record<string, string>; status?: number } = {},
): Promise<any> {
  const e = endpointOf(method, template);
  let res: Response;
  if (opts.raw !== undefined) {
    const headers: Record<string, string> = { "content-type": opts.type ?? "application/octet-stream", ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    res = await env.app.request(path, { method, headers, body: opts.raw });
  } else {
    res = await env.req(method, path, { token: opts.token, body: opts.body, ...(opts.headers ? { headers: opts.headers } : {}) });
  }
  const type = res.headers.get("content-type") ?? "";
  if (typeof e.response === "string") {
    expect(res.status, `${name(e)}: ${type.includes("json") ? await res.clone().text() : ""}`).toBe(opts.status ?? e.status);
    expect(type, name(e)).not.toMatch(/json/);
    called.add(name(e));
    return res;
  }
  const text = await res.text();
  expect(res.status, `${name(e)} ${path}: ${text.slice(0, 300)}`).toBe(opts.status ?? e.status);
  expect(type, name(e)).toMatch(/^application\/json/);
  const parsed = e.response.safeParse(JSON.parse(text));
  expect(parsed.success ? [] : parsed.error.issues, `${name(e)} ${path}: ${text.slice(0, 300)}`).toEqual([]);
  called.add(name(e));
  return parsed.data;
}

describe("every endpoint answers by its schema", () => {
  it("walks a year: a unit's forms, review, key projects, templates and import", async () => {
    const { unitA, finance, admin } = env.tokens;
    const form = "/api/submissions/:year/:unit/:project/:kind";
    await hit("GET", "/api/health", "/api/health");
    await hit("GET", "/api/me", "/api/me", { token: unitA });
    await hit("GET", "/api/library", "/api/library", { token: unitA });
    await hit("GET", "/api/library/changes", "/api/library/changes?since=0", { token: unitA });
    const lib = starterLibrary();
    await hit("PUT", "/api/library", "/api/library", { token: admin, body: { indicators: lib.indicators, policy: lib.policy, note: "第二版" } });
    await hit("POST", "/api/validate", "/api/validate", { token: unitA, body: formOf("target") });

    // P1: saved, submitted, recalled, submitted, returned, saved, submitted, approved, its approval withdrawn, approved again
    const p1 = subPath("target", "U-A", "P1");
    const saved = await hit("PUT", form, p1, { token: unitA, body: formOf("target"), status: 201 });
    await hit("GET", "/api/submissions", `/api/submissions?year=${YEAR}`, { token: finance });
    await hit("GET", form, p1, { token: unitA });
    await hit("GET", `${form}/revisions`, `${p1}/revisions`, { token: unitA });
    await hit("GET", `${form}/revisions/:n`, `${p1}/revisions/1`, { token: unitA });
    await hit("GET", `${form}/xlsx`, `${p1}/xlsx`, { token: unitA });
    await hit("POST", `${form}/submit`, `${p1}/submit`, { token: unitA, headers: { "If-Match": `"${saved.revision}"` } });
    await hit("POST", `${form}/recall`, `${p1}/recall`, { token: unitA });
    await hit("POST", `${form}/submit`, `${p1}/submit`, { token: unitA });
    await hit("POST", `${form}/return`, `${p1}/return`, { token: finance, body: { comment: "请补充测算依据", cells: [{ cell: "B11", comment: "总体目标过于笼统" }] } });
    const again = await hit("PUT", form, p1, { token: unitA, body: formOf("target"), headers: { "If-Match": '"1"' } });
    await hit("POST", `${form}/submit`, `${p1}/submit`, { token: unitA, headers: { "If-Match": `"${again.revision}"` } });
    await hit("POST", `${form}/approve`, `${p1}/approve`, { token: finance });
    const withdrawn = await hit("POST", `${form}/withdraw`, `${p1}/withdraw`, { token: finance, body: { reason: "测算依据需再核" } });
    expect(withdrawn.status).toBe("submitted");
    await hit("POST", `${form}/approve`, `${p1}/approve`, { token: finance });
    // its self-evaluation, approved too: the key project's results go public
    const s1 = subPath("selfEval", "U-A", "P1");
    await hit("PUT", form, s1, { token: unitA, body: formOf("selfEval"), status: 201 });
    await hit("POST", `${form}/submit`, `${s1}/submit`, { token: unitA });
    await hit("POST", `${form}/approve`, `${s1}/approve`, { token: finance });

    await hit("POST", "/api/projects/:year/:unit/:project/key", `/api/projects/${YEAR}/U-A/P1/key`, { token: finance, body: { key: true } });
    const keys = await hit("GET", "/api/projects/key", `/api/projects/key?year=${YEAR}`, { token: finance });
    expect(keys.projects.map((k: { project: string }) => k.project)).toEqual(["P1"]);

    const template = await hit("GET", "/api/templates/:kind", "/api/templates/target?format=xlsx", { token: unitA });
    const checked = await hit("POST", "/api/import", "/api/import", { token: unitA, raw: new Uint8Array(await template.arrayBuffer()), type: XLSX });
    expect(checked.forms.length).toBeGreaterThan(0);
  });

  it("walks the cycle: a notice, a rectification item, the results notice and the assessment", async () => {
    const { unitA, finance } = env.tokens;
    const notice = await hit("POST", "/api/notices", "/api/notices", {
      token: finance,
      body: { year: YEAR, kind: "target", units: "all", deadline: "2025-03-31", title: "关于报送2025年度项目绩效目标的通知", text: "请各单位于3月31日前报送。" },
    });
    const list = await hit("GET", "/api/notices", `/api/notices?year=${YEAR}`, { token: unitA });
    expect(list.notices.map((n: { id: string }) => n.id)).toEqual([notice.id]);
    await hit("GET", "/api/notices/:id", `/api/notices/${notice.id}`, { token: finance });

    const item = await hit("POST", "/api/rectifications", "/api/rectifications", {
      token: finance,
      body: { year: YEAR, unit: "U-A", project: "P1", kind: "target", finding: { text: "绩效指标未量化" }, requirement: "补充可量化的产出指标", deadline: "2025-06-30" },
    });
    await hit("GET", "/api/rectifications", `/api/rectifications?year=${YEAR}`, { token: unitA });
    await hit("GET", "/api/rectifications/:id", `/api/rectifications/${item.id}`, { token: unitA });
    await hit("POST", "/api/rectifications/:id/answer", `/api/rectifications/${item.id}/answer`, { token: unitA, body: { measures: "已补充森林管护面积等指标", evidence: "林发〔2025〕12号" } });
    await hit("POST", "/api/rectifications/:id/reopen", `/api/rectifications/${item.id}/reopen`, { token: finance, body: { comment: "证明材料不全", deadline: "2025-07-31" } });
    await hit("POST", "/api/rectifications/:id/answer", `/api/rectifications/${item.id}/answer`, { token: unitA, body: { measures: "已补齐", evidence: "林发〔2025〕15号" } });
    const closed = await hit("POST", "/api/rectifications/:id/accept", `/api/rectifications/${item.id}/accept`, { token: finance, body: { comment: "同意销号" } });
    expect(closed.state).toBe("closed");

    const before = await hit("GET", "/api/results/mine", `/api/results/mine?year=${YEAR}`, { token: unitA });
    expect(before.issued).toBe(false);
    const full = await hit("GET", "/api/results", `/api/results?year=${YEAR}`, { token: finance });
    expect("weights" in full).toBe(true);
    const pub = await hit("GET", "/api/results", `/api/results?year=${YEAR}&scope=public`, { token: finance });
    expect(pub.units.map((u: { unit: string }) => u.unit)).toEqual(["U-A"]); // U-B is confidential
    const mine = await hit("GET", "/api/results/mine", `/api/results/mine?year=${YEAR}`, { token: unitA });
    expect(mine.issued && mine.result?.unit).toBe("U-A");
    await hit("GET", "/api/assessment", `/api/assessment?year=${YEAR}`, { token: finance });
  });

  it("walks finance's views, the treasury's files, the work report and disclosure", async () => {
    const { unitA, finance, admin } = env.tokens;
    const payments = ["支付凭证号,支付日期,预算单位编码,项目编码,支付金额,经济分类,收款人", "ZF2025-0001,2025-02-10,U-A,P1,1000000.00,30201,某公司", "ZF2025-0002,2025-05-20,U-A,P1,1200000.00,30201,某公司"].join("\n");
    await hit("POST", "/api/treasury/payments", "/api/treasury/payments", { token: finance, raw: payments, type: "text/csv" });
    await hit("POST", "/api/budgets", `/api/budgets?year=${YEAR}`, { token: finance, raw: "预算单位编码,项目编码,批复金额\nU-A,P1,500", type: "text/csv" });
    await hit("GET", "/api/budgets", `/api/budgets?year=${YEAR}`, { token: unitA });
    await hit("GET", "/api/treasury/execution", `/api/treasury/execution?year=${YEAR}`, { token: finance });

    await hit("GET", "/api/overview", `/api/overview?year=${YEAR}`, { token: finance });
    const all = await hit("GET", "/api/consolidated", `/api/consolidated?year=${YEAR}`, { token: admin });
    expect(all.forms.length).toBeGreaterThan(0);
    expect(all.treasury?.length).toBeGreaterThan(0);
    await hit("GET", "/api/report", `/api/report?year=${YEAR}&format=json`, { token: finance });

    const preview = await hit("GET", "/api/disclosure/preview", `/api/disclosure/preview?year=${YEAR}`, { token: finance });
    expect(preview.projects.map((p: { project: { code: string } }) => p.project.code)).toEqual(["P1"]);
    await hit("POST", "/api/disclosure/confirm", "/api/disclosure/confirm", { token: finance, body: { year: YEAR, hash: preview.hash } });
    const open = await hit("GET", "/api/disclosure", `/api/disclosure?year=${YEAR}&format=json`);
    expect(open.projects[0].selfEval).not.toBeNull();
  });

  it("walks people, the event stream and what an IT contact downloads", async () => {
    const { admin, finance } = env.tokens;
    await hit("GET", "/api/units", "/api/units", { token: admin });
    await hit("POST", "/api/experts", "/api/experts", { token: admin, body: { code: "E01", name: "王评审", field: "performance" } });
    await hit("GET", "/api/experts", "/api/experts", { token: finance });
    await hit("POST", "/api/units", "/api/units", { token: admin, body: { code: "U-C", name: "区教育局", field: "education" } });
    await hit("PATCH", "/api/units/:code", "/api/units/U-C", { token: admin, body: { name: "区教育和体育局" } });
    const token = await hit("POST", "/api/tokens", "/api/tokens", { token: admin, body: { role: "unit", unit: "U-C" } });
    await hit("GET", "/api/tokens", "/api/tokens", { token: admin });
    await hit("DELETE", "/api/tokens/:id", `/api/tokens/${token.id}`, { token: admin });

    const events = await hit("GET", "/api/events", "/api/events", { token: admin });
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await events.body?.cancel();
    const manifest = await hit("GET", "/manifest.xml", "https://jixiao.czj.example.gov.cn/manifest.xml");
    expect(await manifest.text()).toContain('<SourceLocation DefaultValue="https://jixiao.czj.example.gov.cn/taskpane.html" />');
    const ca = await hit("GET", "/ca.crt", "/ca.crt");
    expect(await ca.text()).toBe(CA);
  });

  it("answers an error in the one shape wherever it is raised", async () => {
    for (const [method, path, token] of [
      ["GET", `/api/results/mine?year=${YEAR}`, env.tokens.finance],
      ["GET", "/api/notices/N2025-00000000", env.tokens.finance],
      ["POST", "/api/disclosure/confirm", env.tokens.unitA],
      ["GET", `/api/overview?year=20x5`, env.tokens.finance],
    ] as const) {
      const res = await env.req(method, path, { token, ...(method === "POST" ? { body: { year: YEAR } } : {}) });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(ErrorBodySchema.safeParse(await res.json()).success, path).toBe(true);
    }
  });

  it("called every endpoint of the table, or another test parses its answer by its schema", () => {
    // The expert reviews, opinions, problems handed on and documents have walks of their own
    // (test/experts, test/opinions, test/documents) that parse each answer by its schema: an
    // endpoint not called here must have its answer's schema (or, for a file, its path) named in
    // some test file besides this one.
    const tests = testFiles(path.join(repoRoot, "test")).filter((f) => f !== fileURLToPath(import.meta.url)).map((f) => readFileSync(f, "utf8"));
    const schemaName = (schema: unknown) => Object.entries(api).find(([k, v]) => v === schema && k.endsWith("Schema"))?.[0];
    const missed = endpoints
      .filter((e) => !called.has(name(e)))
      .filter((e) => {
        const needle = typeof e.response === "string" ? e.path.split("/:")[0]! : schemaName(e.response);
        return !needle || !tests.some((t) => t.includes(needle));
      })
      .map(name);
    // an endpoint added to shared/api/endpoints.ts: call it in this file's walk (or your own) and parse its answer with its schema
    expect(missed).toEqual([]);
  });

  it("lists in the table every route the app serves (the pane's files aside)", () => {
    const table = new Set(endpoints.map(name));
    const served = [...new Set(env.app.routes.filter((r) => r.method !== "ALL" && !r.path.endsWith("*")).map((r) => `${r.method} ${r.path.replace(/(.)\/$/, "$1")}`))];
    // a route added to the app: give its bodies schemas in shared/api and an entry in endpoints.ts
    expect(served.filter((r) => !table.has(r))).toEqual([]);
    // and nothing in it the app does not serve
    expect([...table].filter((r) => !served.includes(r))).toEqual([]);
  });
});

// The domain's own types and the contract's schemas describe the same bodies: a field added to one
// and not the other fails `tsc` here (the routes build their answers from the domain's values).
describe("the domain's types are the contract's", () => {
  it("for the cycle, the consolidation, disclosure and the work report", () => {
    expectTypeOf<Notice>().toEqualTypeOf<z.output<typeof NoticeSchema>>();
    expectTypeOf<NoticeItem>().toEqualTypeOf<z.output<typeof NoticeItemSchema>>();
    expectTypeOf<Rectification>().toEqualTypeOf<z.output<typeof RectificationSchema>>();
    expectTypeOf<UnitAssessment>().toEqualTypeOf<z.output<typeof UnitAssessmentSchema>>();
    // (a unit's rectification counts are an intersection there, compared flattened: the matcher tells `A & B` from its members written out)
    type Results = z.output<typeof ResultsNoticeSchema>;
    type Line = Results["units"][number];
    type Rect = UnitResult["rectification"];
    expectTypeOf<Omit<ResultsNotice, "units">>().toEqualTypeOf<Omit<Results, "units">>();
    expectTypeOf<Omit<UnitResult, "rectification">>().toEqualTypeOf<Omit<Line, "rectification">>();
    expectTypeOf<{ [K in keyof Rect]: Rect[K] }>().toEqualTypeOf<Line["rectification"]>();
    expectTypeOf<PublicUnitResult>().toEqualTypeOf<z.output<typeof PublicUnitResultSchema>>();
    expectTypeOf<SummaryRow>().toEqualTypeOf<z.output<typeof SummaryRowSchema>>();
    expectTypeOf<FormRow>().toEqualTypeOf<z.output<typeof FormRowSchema>>();
    expectTypeOf<IndicatorLine>().toEqualTypeOf<z.output<typeof IndicatorLineSchema>>();
    expectTypeOf<MissingLine>().toEqualTypeOf<z.output<typeof MissingLineSchema>>();
    expectTypeOf<FindingLine>().toEqualTypeOf<z.output<typeof FindingLineSchema>>();
    expectTypeOf<TreasuryLine>().toEqualTypeOf<z.output<typeof TreasuryLineSchema>>();
    expectTypeOf<DisclosedProject>().toEqualTypeOf<z.output<typeof DisclosedProjectSchema>>();
    expectTypeOf<WorkReport>().toEqualTypeOf<z.output<typeof WorkReportSchema>>();
    expectTypeOf<KeyProject>().toEqualTypeOf<z.output<typeof KeyProjectListSchema>["projects"][number]>();
  });
});
