// The results notice and the assessment of a year, from the store's facts (shared/cycle does the
// computing). Generating a results notice is recorded in the audit log.
import type { UnitAssessment } from "../../shared/cycle/assessment.ts";
import { buildResults, publicResults, resultsWorkbookPlan, type ResultsNotice } from "../../shared/cycle/results.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { loadYear, type CycleContext } from "./facts.ts";

export async function yearResults(ctx: CycleContext, year: number): Promise<{ results: ResultsNotice; assessment: UnitAssessment[]; weights: ResultsNotice["weights"] }> {
  const data = await loadYear(ctx.store, year, ctx.now());
  const { results, assessment } = buildResults({ ...data, policy: data.policy });
  return { results, assessment, weights: data.policy.assessment };
}

export type ResultsScope = "full" | "public";

/** The results notice as JSON (full or public subset) or .xlsx, with its audit entry. */
export async function generateResults(ctx: CycleContext, actor: string, year: number, format: "json" | "xlsx", scope: ResultsScope = "full") {
  const { results } = await yearResults(ctx, year);
  let body: ResultsNotice | ReturnType<typeof publicResults> = results;
  if (scope === "public") body = publicResults(results, (await ctx.store.listKeyProjects(year)).filter((k) => k.key));
  await ctx.store.appendAudit({ at: results.generatedAt, actor, action: "results.generate", target: String(year), details: { format, scope, units: results.units.length } });
  if (format === "json") return { json: body };
  if (scope === "public") {
    // The public workbook is the summary sheet of the public units only, without rectification text.
    const pub = body as ReturnType<typeof publicResults>;
    const keep = new Set(pub.units.map((u) => u.unit));
    const ranks = new Map(pub.units.map((u) => [u.unit, u.assessment.rank]));
    const filtered: ResultsNotice = {
      ...results,
      units: results.units
        .filter((u) => keep.has(u.unit))
        .map((u) => ({ ...u, forms: [], missing: [], handedOn: [], rectification: { ...u.rectification, openItems: [] }, assessment: { ...u.assessment, rank: ranks.get(u.unit) ?? null } })),
    };
    const plan = resultsWorkbookPlan(filtered);
    return { xlsx: await renderWorkbook({ sheets: plan.sheets.slice(0, 1) }) };
  }
  return { xlsx: await renderWorkbook(resultsWorkbookPlan(results)) };
}
