// GET /api/overview?year=&kind= (finance, admin): the overview the finance pane opens on (see
// shared/overview.ts), from the consolidation's first pass only (summary and form rows: the
// indicator and finding rows are never walked), so it stays small and quick for a year of forms.
import { Hono } from "hono";
import { OverviewQuerySchema, OverviewViewSchema } from "../../shared/api/consolidated.ts";
import { consolidate } from "../../shared/consolidate/index.ts";
import { buildOverview } from "../../shared/overview.ts";
import { requireRole, type AppEnv } from "../auth.ts";
import { storeSource } from "../consolidate/source.ts";
import { answer, queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import type { RouteContext } from "./context.ts";

export function overviewRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>().get("/", requireRole("finance", "admin"), async (c) => {
    const q = queryOf(c, OverviewQuerySchema);
    const at = now();
    const library = await currentLibrary(store);
    // an office's finance token: its units only (docs/offices.md)
    const result = await consolidate(await storeSource(store, library.policy, q.year, q.kind, at, c.get("auth").scope));
    c.header("Cache-Control", "no-store");
    // early warnings from the treasury's payments: projects paying behind time, with or without a form (docs/treasury.md)
    const paymentWarnings = result.treasury.filter((l) => l.light === "red" || l.light === "yellow");
    return answer(c, OverviewViewSchema, { ...buildOverview({ year: q.year, kind: q.kind, summary: result.summary, forms: result.forms, now: at }), paymentWarnings, at: at.toISOString() });
  });
}
