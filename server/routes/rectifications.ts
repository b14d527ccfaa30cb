// Rectification items (整改):
//   POST /api/rectifications              finance: { year, unit, project, kind, finding?, requirement, deadline }
//   GET  /api/rectifications?year=&unit=&state=   token (a unit: its own only)
//   GET  /api/rectifications/:id          finance, owner
//   POST /api/rectifications/:id/answer   owner: { measures, evidence }
//   POST /api/rectifications/:id/accept   finance: { comment? }
//   POST /api/rectifications/:id/reopen   finance: { comment, deadline? }
import { Hono } from "hono";
import { z } from "zod";
import { isOverdue, RectAcceptSchema, RectAnswerSchema, RectOpenSchema, RectReopenSchema, type Rectification } from "../../shared/cycle/rectification.ts";
import { CodeSchema } from "../../shared/library.ts";
import { canSeeUnit, requireRole, type AppEnv, type Auth } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { openRectification, stepRectification } from "../cycle/rectifications.ts";
import { errors } from "../errors.ts";
import { jsonBody, paramsOf, queryOf, YearSchema } from "../validation.ts";

const ListQuery = z.object({ year: YearSchema.optional(), unit: CodeSchema.optional(), state: z.enum(["open", "answered", "closed"]).optional() });
const IdParams = z.object({ id: z.string().regex(/^R\d{4}-[0-9a-f]{8}$/, "an item id such as R2025-0a1b2c3d") });

export function rectificationRoutes(ctx: CycleContext) {
  const view = (r: Rectification) => ({ ...r, overdue: isOverdue(r, ctx.now().toISOString()) });
  const viewer = (auth: { role: string; unit?: string | undefined }) => ({ unit: auth.role === "unit" ? auth.unit : undefined });
  // An office's finance acts on its own units' items only; another's answers as if it did not exist (docs/offices.md).
  const guard = async (auth: Auth, id: string) => {
    const r = await ctx.store.getRectification(id);
    if (r && !canSeeUnit(auth, r.unit)) throw errors.notFound();
  };
  return new Hono<AppEnv>()
    .post("/", requireRole("finance"), async (c) => {
      const input = await jsonBody(c, RectOpenSchema);
      if (!canSeeUnit(c.get("auth"), input.unit)) throw errors.forbidden();
      return c.json(view(await openRectification(ctx, c.get("auth").actor, input)), 201);
    })
    .get("/", async (c) => {
      const q = queryOf(c, ListQuery);
      const auth = c.get("auth");
      if (auth.role === "unit") {
        if (q.unit !== undefined && q.unit !== auth.unit) return c.json({ rectifications: [] });
        q.unit = auth.unit;
      }
      return c.json({ rectifications: (await ctx.store.listRectifications(q)).filter((r) => canSeeUnit(auth, r.unit)).map(view) });
    })
    .get("/:id", async (c) => {
      const { id } = paramsOf(c, IdParams);
      const auth = c.get("auth");
      const r = await ctx.store.getRectification(id);
      if (!r || !canSeeUnit(auth, r.unit)) throw errors.notFound();
      return c.json(view(r));
    })
    .post("/:id/answer", requireRole("unit"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, RectAnswerSchema);
      const auth = c.get("auth");
      return c.json(view(await stepRectification(ctx, auth.actor, id, { action: "answer", ...body }, viewer(auth))));
    })
    .post("/:id/accept", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, RectAcceptSchema);
      const auth = c.get("auth");
      await guard(auth, id);
      return c.json(view(await stepRectification(ctx, auth.actor, id, { action: "accept", comment: body.comment }, viewer(auth))));
    })
    .post("/:id/reopen", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, RectReopenSchema);
      const auth = c.get("auth");
      await guard(auth, id);
      return c.json(view(await stepRectification(ctx, auth.actor, id, { action: "reopen", comment: body.comment, deadline: body.deadline }, viewer(auth))));
    });
}
