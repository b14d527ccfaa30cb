// Rectification items (整改):
//   POST /api/rectifications              finance: { year, unit, project, kind, finding?, requirement, deadline }
//   GET  /api/rectifications?year=&unit=&state=   token (a unit: its own only)
//   GET  /api/rectifications/:id          finance, owner
//   POST /api/rectifications/:id/answer   owner: { measures, evidence }
//   POST /api/rectifications/:id/accept   finance: { comment? }
//   POST /api/rectifications/:id/reopen   finance: { comment, deadline? }
import { Hono } from "hono";
import { RectAcceptSchema, RectAnswerSchema, RectIdParamsSchema, RectListQuerySchema, RectListSchema, RectOpenSchema, RectReopenSchema, RectViewSchema, type RectView } from "../../shared/api/cycle.ts";
import { isOverdue, type Rectification } from "../../shared/cycle/rectification.ts";
import { canSeeUnit, requireRole, type AppEnv, type Auth } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { openRectification, stepRectification } from "../cycle/rectifications.ts";
import { errors } from "../errors.ts";
import { answer, jsonBody, paramsOf, queryOf } from "../validation.ts";

export function rectificationRoutes(ctx: CycleContext) {
  const view = (r: Rectification): RectView => ({ ...r, overdue: isOverdue(r, ctx.now().toISOString()) });
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
      return answer(c, RectViewSchema, view(await openRectification(ctx, c.get("auth").actor, input)), 201);
    })
    .get("/", async (c) => {
      const q = queryOf(c, RectListQuerySchema);
      const auth = c.get("auth");
      if (auth.role === "unit") {
        if (q.unit !== undefined && q.unit !== auth.unit) return answer(c, RectListSchema, { rectifications: [] });
        q.unit = auth.unit;
      }
      return answer(c, RectListSchema, { rectifications: (await ctx.store.listRectifications(q)).filter((r) => canSeeUnit(auth, r.unit)).map(view) });
    })
    .get("/:id", async (c) => {
      const { id } = paramsOf(c, RectIdParamsSchema);
      const auth = c.get("auth");
      const r = await ctx.store.getRectification(id);
      if (!r || !canSeeUnit(auth, r.unit)) throw errors.notFound();
      return answer(c, RectViewSchema, view(r));
    })
    .post("/:id/answer", requireRole("unit"), async (c) => {
      const { id } = paramsOf(c, RectIdParamsSchema);
      const body = await jsonBody(c, RectAnswerSchema);
      const auth = c.get("auth");
      return answer(c, RectViewSchema, view(await stepRectification(ctx, auth.actor, id, { action: "answer", ...body }, viewer(auth))));
    })
    .post("/:id/accept", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, RectIdParamsSchema);
      const body = await jsonBody(c, RectAcceptSchema);
      const auth = c.get("auth");
      await guard(auth, id);
      return answer(c, RectViewSchema, view(await stepRectification(ctx, auth.actor, id, { action: "accept", comment: body.comment }, viewer(auth))));
    })
    .post("/:id/reopen", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, RectIdParamsSchema);
      const body = await jsonBody(c, RectReopenSchema);
      const auth = c.get("auth");
      await guard(auth, id);
      return answer(c, RectViewSchema, view(await stepRectification(ctx, auth.actor, id, { action: "reopen", comment: body.comment, deadline: body.deadline }, viewer(auth))));
    });
}
