// GET /api/disclosure?year=&format=json|csv|xlsx (anyone, no token; docs/domain.md): the approved target
// forms and approved self-evaluation results of the projects finance marked key, confidential units
// never, personal data redacted (shared/disclosure/public.ts). CSV cells are defused (csvField);
// the .xlsx writes every text as text. Public and cacheable: an ETag over the data, 304 on
// If-None-Match, and a short max-age, since a newly approved form should show within minutes.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { toCsv } from "../../shared/disclosure/defuse.ts";
import { disclose, disclosureHeader, disclosurePlan, disclosureRows, type KeyProjectForms } from "../../shared/disclosure/public.ts";
import { publicResults } from "../../shared/cycle/results.ts";
import { FormSchema, type Form } from "../../shared/form.ts";
import { yearResults } from "../cycle/results.ts";
import type { Store } from "../store/store.ts";
import { queryOf, YearSchema } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { attachment, XLSX_TYPE } from "./consolidated.ts";
import type { RouteContext } from "./context.ts";

const Query = z.object({ year: YearSchema, format: z.enum(["json", "csv", "xlsx"]).default("json") });

async function approvedForm(store: Store, year: number, unit: string, project: string, kind: "target" | "selfEval"): Promise<Form | undefined> {
  const s = await store.getSubmission({ year, unit, project, kind });
  if (!s || s.status !== "approved") return undefined;
  const parsed = FormSchema.safeParse(s.latest.form);
  return parsed.success ? parsed.data : undefined;
}

/** The key projects of a year with their approved forms; confidential units are not even read. */
export async function keyProjectForms(store: Store, year: number): Promise<KeyProjectForms[]> {
  const units = new Map((await store.listUnits()).map((u) => [u.code, u]));
  const out: KeyProjectForms[] = [];
  for (const mark of await store.listKeyProjects(year)) {
    if (!mark.key) continue;
    const unit = units.get(mark.unit);
    if (!unit || unit.confidential) continue;
    const entry: KeyProjectForms = { unit: { code: unit.code, name: unit.name, confidential: false }, project: mark.project };
    const target = await approvedForm(store, year, mark.unit, mark.project, "target");
    const selfEval = await approvedForm(store, year, mark.unit, mark.project, "selfEval");
    if (target) entry.target = target;
    if (selfEval) entry.selfEval = selfEval;
    out.push(entry);
  }
  return out;
}

export function disclosureRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono().get("/", async (c) => {
    const q = queryOf(c, Query);
    const library = await currentLibrary(store);
    const data = disclose(q.year, await keyProjectForms(store, q.year), library.policy);
    // The results notice's public subset (issue 9): each unit's grades, deadlines, rectification
    // counts and assessment, confidential units left out. Its time stamp stays out of the ETag.
    const { results } = await yearResults({ store, now }, q.year);
    const { generatedAt, ...resultsBody } = publicResults(results, (await store.listKeyProjects(q.year)).filter((k) => k.key));
    const json = JSON.stringify({ ...data, results: resultsBody });
    const etag = `"${createHash("sha256").update(`${q.format}\u0000${json}`).digest("base64url").slice(0, 27)}"`;
    c.header("Cache-Control", "public, max-age=300");
    c.header("ETag", etag);
    c.header("Vary", "Accept-Encoding");
    const inm = c.req.header("if-none-match");
    if (inm && inm.split(",").some((t) => t.trim() === etag)) return c.body(null, 304);
    const name = `jixiao-disclosure-${q.year}`;
    if (q.format === "csv") {
      c.header("Content-Type", "text/csv; charset=UTF-8");
      c.header("Content-Disposition", attachment(`${name}.csv`));
      return c.body(toCsv([[...disclosureHeader], ...disclosureRows(data)]));
    }
    if (q.format === "xlsx") {
      const bytes = await renderWorkbook({ sheets: [disclosurePlan(data)] });
      c.header("Content-Type", XLSX_TYPE);
      c.header("Content-Disposition", attachment(`${name}.xlsx`));
      return c.body(new Uint8Array(bytes));
    }
    c.header("Content-Type", "application/json; charset=UTF-8");
    return c.body(JSON.stringify({ ...data, results: { ...resultsBody, generatedAt } }));
  });
}
