// Expert review (docs/experts.md):
//   GET  /api/experts                      the bureau's finance, admin: the experts
//   POST /api/experts                      admin: { code, name, field }
//   POST /api/reviews                      the bureau's finance: { year, unit, project, kind, experts, due }
//   GET  /api/reviews?year=&unit=&project= the bureau's finance, admin: all; an expert: those assigned to them
//   GET  /api/reviews/:id                  the assignment; finance: every sheet and the panel; an expert: their own (the panel once theirs is submitted)
//   GET  /api/reviews/:id/item             the item under review, read-only (a form: its latest revision; a plan or report: its versions)
//   PUT  /api/reviews/:id/sheet            the expert: saves their sheet as a draft
//   POST /api/reviews/:id/submit           the expert: submits their sheet (final)
//   POST /api/reviews/:id/conclusion       the bureau's finance: { verdict, text }, once
import { Hono } from "hono";
import { z } from "zod";
import { AssignmentInputSchema, ConclusionInputSchema, ExpertSchema, SheetInputSchema } from "../../shared/expert/review.ts";
import { AssignmentIdSchema } from "../../shared/expert/review.ts";
import { AssignmentDetailSchema, AssignmentListSchema, AssignmentViewSchema, ExpertListSchema, ReviewItemSchema, ReviewListQuerySchema, ReviewViewSchema } from "../../shared/api/experts.ts";
import { requireBureau, requireRole, type AppEnv } from "../auth.ts";
import { errors } from "../errors.ts";
import { addExpert, assign, assignmentDetail, assignmentView, conclude, reviewItem, saveSheet, type ReviewContext } from "../experts/reviews.ts";
import { answer, jsonBody, paramsOf, queryOf } from "../validation.ts";

const IdParams = z.object({ id: AssignmentIdSchema });

export function expertRoutes(ctx: ReviewContext) {
  return new Hono<AppEnv>()
    .get("/", requireRole("finance", "admin"), requireBureau(), async (c) => answer(c, ExpertListSchema, { experts: await ctx.store.experts.listExperts() }))
    .post("/", requireRole("admin"), async (c) => {
      const input = await jsonBody(c, ExpertSchema);
      return answer(c, ExpertSchema, await addExpert(ctx, c.get("auth").actor, input), 201);
    });
}

export function reviewRoutes(ctx: ReviewContext) {
  return new Hono<AppEnv>()
    .post("/", requireRole("finance"), requireBureau(), async (c) => {
      const input = await jsonBody(c, AssignmentInputSchema);
      const auth = c.get("auth");
      return answer(c, AssignmentViewSchema, await assignmentView(ctx, await assign(ctx, auth.actor, input), auth), 201);
    })
    .get("/", requireRole("finance", "admin", "expert"), async (c) => {
      const q = queryOf(c, ReviewListQuerySchema);
      const auth = c.get("auth");
      if (auth.role !== "expert" && auth.scope !== undefined) throw errors.forbidden();
      const list = await ctx.store.experts.listAssignments(auth.role === "expert" ? { ...q, expert: auth.expert ?? "" } : q);
      return answer(c, AssignmentListSchema, { assignments: await Promise.all(list.map((a) => assignmentView(ctx, a, auth))) });
    })
    .get("/:id", async (c) => {
      const { id } = paramsOf(c, IdParams);
      return answer(c, AssignmentDetailSchema, await assignmentDetail(ctx, c.get("auth"), id));
    })
    .get("/:id/item", async (c) => {
      const { id } = paramsOf(c, IdParams);
      return answer(c, ReviewItemSchema, await reviewItem(ctx, c.get("auth"), id));
    })
    .put("/:id/sheet", requireRole("expert"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, SheetInputSchema);
      return answer(c, ReviewViewSchema, await saveSheet(ctx, c.get("auth"), id, body, false));
    })
    .post("/:id/submit", requireRole("expert"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, SheetInputSchema);
      return answer(c, ReviewViewSchema, await saveSheet(ctx, c.get("auth"), id, body, true));
    })
    .post("/:id/conclusion", requireRole("finance"), requireBureau(), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const body = await jsonBody(c, ConclusionInputSchema);
      const auth = c.get("auth");
      return answer(c, AssignmentViewSchema, await assignmentView(ctx, await conclude(ctx, auth, id, body), auth));
    });
}
