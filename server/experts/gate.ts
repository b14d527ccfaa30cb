// What an expert's token may reach (docs/experts.md): who they are, the review routes, which hand
// out only the items assigned to them, an assigned plan's or report's file, and the indicator
// library (the same for everyone). Every other route answers 403 before it runs, so a
// route that treats "not a unit" as "the bureau" can never show an expert a unit's forms.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../auth.ts";
import { errors } from "../errors.ts";

const OPEN_TO_EXPERTS: readonly RegExp[] = [/^\/api\/me\/?$/, /^\/api\/reviews(?:\/.*)?$/];
/** The indicator library, the same for everyone: the pane lays a form out in a sheet with it. */
const LIBRARY = /^\/api\/library\/?$/;
/** A plan's or report's file: mayReadProject (auth.ts) then lets through only an assigned one. */
const DOCUMENT_FILE = /^\/api\/documents\/\d{4}\/[^/]+\/[^/]+\/(?:evalPlan|evalReport)\/\d+$/;

export function expertGate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get("auth").role === "expert") {
      const path = c.req.path;
      const open = OPEN_TO_EXPERTS.some((re) => re.test(path)) || (c.req.method === "GET" && (DOCUMENT_FILE.test(path) || LIBRARY.test(path)));
      if (!open) throw errors.forbidden();
    }
    await next();
  });
}
