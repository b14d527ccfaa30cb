// GET /api/templates/:kind?format=xlsx (any token): a blank template of the kind as .xlsx, laid
// out from the current library (its dropdowns and hidden 指标库 sheet), for units that fill
// forms in WPS, LibreOffice or an Excel without the add-in.
import { Hono } from "hono";
import { TemplateQuerySchema } from "../../shared/api/session.ts";
import { FormKindSchema } from "../../shared/form.ts";
import { kindTerms } from "../../shared/glossary.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import type { AppEnv } from "../auth.ts";
import { errors } from "../errors.ts";
import { queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { attachment, XLSX_TYPE } from "./download.ts";
import type { RouteContext } from "./context.ts";

export function templateRoutes({ store }: Pick<RouteContext, "store">) {
  return new Hono<AppEnv>().get("/:kind", async (c) => {
    const kind = FormKindSchema.safeParse(c.req.param("kind"));
    if (!kind.success) throw errors.badPath(kind.error.issues.map((i) => ({ ...i, path: ["kind"] })));
    queryOf(c, TemplateQuerySchema);
    const library = await currentLibrary(store);
    const bytes = await renderWorkbook(layoutForm(kind.data, undefined, library));
    c.header("Content-Type", XLSX_TYPE);
    c.header("Content-Disposition", attachment(`${kindTerms[kind.data].zh}-指标库${library.version}.xlsx`));
    c.header("Cache-Control", "no-cache");
    return c.body(new Uint8Array(bytes));
  });
}
