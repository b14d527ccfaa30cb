// POST /api/validate: a form → { issues, score?, lights? }, the same checks as a save. The checks
// across forms (X601, X602) run only when the caller may see the form's unit.
import { Hono } from "hono";
import { ValidateBodySchema, type ValidateResult } from "../../shared/api/session.ts";
import { checkForm } from "../../shared/check.ts";
import { canSeeUnit, type AppEnv } from "../auth.ts";
import { checkWithServerForms, currentLibrary } from "../workflow.ts";
import { jsonBody } from "../validation.ts";
import type { RouteContext } from "./context.ts";

export function validateRoutes({ store }: Pick<RouteContext, "store">) {
  return new Hono<AppEnv>().post("/", async (c) => {
    const body = await jsonBody(c, ValidateBodySchema);
    const library = await currentLibrary(store);
    const unit = (body.unit as { code?: unknown } | undefined)?.code;
    const result =
      typeof unit === "string" && canSeeUnit(c.get("auth"), unit)
        ? await checkWithServerForms(store, library, body)
        : checkForm(body, library);
    const out: ValidateResult = { issues: result.issues, libraryVersion: library.version };
    if (result.score) out.score = result.score;
    if (result.lights) out.lights = result.lights;
    return c.json(out);
  });
}
