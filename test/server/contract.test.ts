// The server answers with the contract (shared/api): a unit's save, a stale save, finance's return
// and approval, a locked save, the lists, the library and its changes, each body parsed by the
// schema the pane is typed from. A route that drifts from the contract fails here.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ApprovedLockedDetailsSchema,
  ErrorBodySchema,
  LibraryChangesViewSchema,
  MeSchema,
  RevisionListSchema,
  SaveResultSchema,
  StaleRevisionDetailsSchema,
  SubmissionDetailSchema,
  SubmissionListSchema,
  SubmissionSummarySchema,
  ValidateResultSchema,
  endpoints,
  errorCodes,
  errorDetails,
  formIdPath,
} from "../../shared/api/index.ts";
import { LibrarySchema } from "../../shared/library.ts";
import { envEachTest, formOf } from "./helpers.ts";

const env = envEachTest();

async function answer<S extends z.ZodType>(res: Response, status: number, schema: S): Promise<z.infer<S>> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, JSON.stringify(body).slice(0, 300)).toEqual([]);
  return parsed.data as z.infer<S>;
}

describe("the routes answer with the contract's schemas", () => {
  it("walks a form: save, stale save, submit, return, save, submit, approve, locked save", async () => {
    const id = { year: 2025, unit: "U-A", project: "P1", kind: "target" as const };
    const path = formIdPath(id);
    const { unitA, finance } = env.tokens;
    await answer(await env.req("GET", "/api/me", { token: unitA }), 200, MeSchema);
    const saved = await answer(await env.req("PUT", path, { token: unitA, body: formOf("target") }), 201, SaveResultSchema);
    expect(saved.revision).toBe(1);

    // a save based on an old revision: 409 stale_revision with what the pane needs to compare
    await env.req("PUT", path, { token: unitA, body: formOf("target"), headers: { "If-Match": '"1"' } });
    const stale = await answer(await env.req("PUT", path, { token: unitA, body: formOf("target"), headers: { "If-Match": '"1"' } }), 409, ErrorBodySchema);
    expect(stale.error.code).toBe("stale_revision");
    expect(StaleRevisionDetailsSchema.parse(stale.error.details).revision).toBe(2);

    await answer(await env.req("POST", `${path}/submit`, { token: unitA, headers: { "If-Match": '"2"' } }), 200, SubmissionSummarySchema);
    await answer(await env.req("POST", `${path}/return`, { token: finance, body: { comment: "请补充", cells: [{ cell: "B5", comment: "金额有误" }] } }), 200, SubmissionSummarySchema);
    const detail = await answer(await env.req("GET", path, { token: unitA }), 200, SubmissionDetailSchema);
    expect(detail.comments?.cells?.[0]?.cell).toBe("B5");
    await answer(await env.req("PUT", path, { token: unitA, body: formOf("target"), headers: { "If-Match": `"${detail.revision}"` } }), 200, SaveResultSchema);
    await answer(await env.req("POST", `${path}/submit`, { token: unitA }), 200, SubmissionSummarySchema);
    await answer(await env.req("POST", `${path}/approve`, { token: finance }), 200, SubmissionSummarySchema);

    // an approved form is final: its own 409 code, which the pane does not offer to overwrite
    const locked = await answer(await env.req("PUT", path, { token: unitA, body: formOf("target"), headers: { "If-Match": `"${detail.revision + 1}"` } }), 409, ErrorBodySchema);
    expect(locked.error.code).toBe("approved_locked");
    expect(locked.error.message).toContain("财政局");
    expect(ApprovedLockedDetailsSchema.parse(locked.error.details)).toMatchObject({ status: "approved", revision: detail.revision + 1 });

    await answer(await env.req("GET", `${path}/revisions`, { token: finance }), 200, RevisionListSchema);
    const list = await answer(await env.req("GET", "/api/submissions?year=2025", { token: finance }), 200, SubmissionListSchema);
    expect(list.submissions.map((s) => s.status)).toEqual(["approved"]);
  });

  it("answers the library, its changes and a check by their schemas", async () => {
    await answer(await env.req("GET", "/api/library", { token: env.tokens.unitA }), 200, LibrarySchema);
    await answer(await env.req("GET", "/api/library/changes?since=0", { token: env.tokens.unitA }), 200, LibraryChangesViewSchema);
    const checked = await answer(await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: formOf("selfEval") }), 200, ValidateResultSchema);
    expect(checked.score).toBeDefined();
  });

  it("answers every error with a code from the one list", async () => {
    const bad = await answer(await env.req("PUT", formIdPath({ year: 2025, unit: "U-A", project: "P1", kind: "target" }), { token: env.tokens.unitA, body: "{" }), 400, ErrorBodySchema);
    expect(errorCodes).toContain(bad.error.code);
    const other = await answer(await env.req("GET", formIdPath({ year: 2025, unit: "U-B", project: "P1", kind: "target" }), { token: env.tokens.unitA }), 403, ErrorBodySchema);
    expect(other.error.code).toBe("forbidden");
  });

  it("a refused submission's 422 carries the findings by their schema", async () => {
    const path = formIdPath({ year: 2025, unit: "U-A", project: "P9", kind: "target" });
    const form = formOf("target", "U-A", "P9") as { indicators: unknown[] };
    form.indicators = [];
    await answer(await env.req("PUT", path, { token: env.tokens.unitA, body: form }), 201, SaveResultSchema);
    const refused = await answer(await env.req("POST", `${path}/submit`, { token: env.tokens.unitA }), 422, ErrorBodySchema);
    expect(refused.error.code).toBe("form_has_errors");
    const details = errorDetails.form_has_errors.parse(refused.error.details);
    expect(details.issues.some((i) => i.severity === "error")).toBe(true);
  });

  it("lists in the endpoint table only error codes of the one list", () => {
    for (const e of endpoints) for (const code of e.errors ?? []) expect(errorCodes, `${e.method} ${e.path}`).toContain(code);
  });
});
