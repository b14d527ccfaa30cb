// The treasury's data (docs/treasury.md):
//   POST /api/treasury/payments            finance, admin: a payment export (CSV, UTF-8 or GBK, or .xlsx) as the body
//   GET  /api/treasury/execution?year=&unit=&project=   token (a unit: its own): paid to date by month, budget lights
//   POST /api/budgets?year=Y               finance, admin: the approved budgets of a year (CSV or .xlsx)
//   GET  /api/budgets?year=&unit=&project=  token (a unit: its own)
import { Hono, type Context } from "hono";
import { YearOnlyQuerySchema } from "../../shared/api/params.ts";
import { BudgetImportResultSchema, BudgetListSchema, ExecutionViewSchema, PaymentImportResultSchema, TreasuryScopeQuerySchema } from "../../shared/api/treasury.ts";
import { canSeeUnit, requireBureau, requireRole, type AppEnv, type Auth } from "../auth.ts";
import { readBody, TREASURY_LIMIT } from "../body.ts";
import { ApiError, errors } from "../errors.ts";
import { executionOf } from "../treasury/facts.ts";
import { importBudgets, importPayments } from "../treasury/imports.ts";
import { answer, queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { XLSX_TYPE } from "./download.ts";
import type { RouteContext } from "./context.ts";

/** Content types a payment or budget file may be sent as; what it is is decided by its bytes. */
export const TREASURY_TYPES = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream", XLSX_TYPE];

async function fileBody(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!TREASURY_TYPES.includes(type)) {
    throw new ApiError("unsupported_media_type", "请上传 CSV（Content-Type: text/csv）或 .xlsx 文件", "Upload a CSV (Content-Type: text/csv) or an .xlsx file", [{ path: "Content-Type", message: "text/csv or .xlsx" }]);
  }
  const bytes = await readBody(c, TREASURY_LIMIT);
  if (bytes.length === 0) throw new ApiError("invalid_file", "文件为空", "The file is empty");
  return bytes;
}

/** A unit's token reads its own unit only, an office's its tree; asking for another unit is refused. */
function scoped(auth: Auth, unit: string | undefined): string | undefined {
  if (unit !== undefined && !canSeeUnit(auth, unit)) throw errors.forbidden();
  return auth.role === "unit" ? auth.unit : unit;
}

export function treasuryRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>()
    // the treasury's export covers the whole district: the bureau's to import, not an office's
    .post("/payments", requireRole("finance", "admin"), requireBureau(), async (c) => {
      const bytes = await fileBody(c);
      const library = await currentLibrary(store);
      const result = await importPayments(store, bytes, library.policy, c.get("auth").actor, now().toISOString());
      return answer(c, PaymentImportResultSchema, result);
    })
    .get("/execution", async (c) => {
      const q = queryOf(c, TreasuryScopeQuerySchema);
      const unit = scoped(c.get("auth"), q.unit);
      const library = await currentLibrary(store);
      const scope = c.get("auth").scope;
      return answer(c, ExecutionViewSchema, await executionOf(store, library.policy, q.year, now(), { unit, project: q.project, ...(scope ? { units: scope } : {}) }));
    });
}

export function budgetRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>()
    .post("/", requireRole("finance", "admin"), requireBureau(), async (c) => {
      const { year } = queryOf(c, YearOnlyQuerySchema);
      const bytes = await fileBody(c);
      const library = await currentLibrary(store);
      return answer(c, BudgetImportResultSchema, await importBudgets(store, bytes, year, library.policy, c.get("auth").actor, now().toISOString()));
    })
    .get("/", async (c) => {
      const q = queryOf(c, TreasuryScopeQuerySchema);
      const unit = scoped(c.get("auth"), q.unit);
      const auth = c.get("auth");
      return answer(c, BudgetListSchema, { budgets: (await store.treasury.listBudgets({ year: q.year, unit, project: q.project })).filter((b) => canSeeUnit(auth, b.unit)) });
    });
}
