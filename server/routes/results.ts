// The results notice (结果通报) and the assessment of units:
//   GET /api/results?year=&format=json|xlsx&scope=full|public   finance, admin
//   GET /api/results/mine?year=                                  a unit: its own line, once the notice is issued
//   GET /api/assessment?year=                                    finance, admin
import { Hono } from "hono";
import { AssessmentViewSchema, PublicResultsSchema, ResultsMineSchema, ResultsNoticeSchema, ResultsQuerySchema } from "../../shared/api/cycle.ts";
import { canSeeUnit, requireBureau, requireRole, type AppEnv } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { generateResults, yearResults } from "../cycle/results.ts";
import { answer, queryOf } from "../validation.ts";
import { YearOnlyQuerySchema } from "../../shared/api/params.ts";
import { attachment, XLSX_TYPE } from "./download.ts";

export function resultsRoutes(ctx: CycleContext) {
  // The results notice is the bureau's: an office's token does not issue it (docs/offices.md).
  return new Hono<AppEnv>()
    .get("/mine", requireRole("unit"), async (c) => {
      const { year } = queryOf(c, YearOnlyQuerySchema);
      // issued: finance generated the notice for the year (recorded in the audit log); until then a
      // unit sees nothing, not a standing that may still change
      const issued = (await ctx.store.findAudit({ actions: ["results.generate"], targetPrefix: String(year) })).filter((e) => e.target === String(year));
      if (issued.length === 0) return answer(c, ResultsMineSchema, { year, issued: false });
      const { results } = await yearResults(ctx, year);
      const mine = results.units.find((u) => u.unit === c.get("auth").unit);
      return answer(c, ResultsMineSchema, { year, issued: true, issuedAt: issued[issued.length - 1]!.at, units: results.units.length, ...(mine ? { result: mine } : {}) });
    })
    .get("/", requireRole("finance", "admin"), requireBureau(), async (c) => {
    const q = queryOf(c, ResultsQuerySchema);
    const out = await generateResults(ctx, c.get("auth").actor, q.year, q.format, q.scope);
    if (out.json) return "weights" in out.json ? answer(c, ResultsNoticeSchema, out.json) : answer(c, PublicResultsSchema, out.json);
    return c.body(new Uint8Array(out.xlsx!), 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": attachment(`results-${q.year}${q.scope === "public" ? "-public" : ""}.xlsx`),
    });
  });
}

export function assessmentRoutes(ctx: CycleContext) {
  return new Hono<AppEnv>().get("/", requireRole("finance", "admin"), async (c) => {
    const q = queryOf(c, YearOnlyQuerySchema);
    const { assessment, weights } = await yearResults(ctx, q.year);
    const auth = c.get("auth");
    return answer(c, AssessmentViewSchema, { year: q.year, at: ctx.now().toISOString(), weights, units: assessment.filter((a) => canSeeUnit(auth, a.unit)) });
  });
}
