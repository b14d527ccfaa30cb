// Problems handed on (问题移送, docs/opinions.md):
//   POST /api/handovers               finance: { subject, department, date, reference, summary }
//   GET  /api/handovers?year=&unit=   unit (its own), finance (an office: its units), admin
import { Hono } from "hono";
import { HandoverInputSchema, handoverWhat, type Handover } from "../../shared/cycle/handover.ts";
import { HandoverListQuerySchema, HandoverListSchema, HandoverSchema, type HandoverView } from "../../shared/api/opinions.ts";
import { canSeeUnit, requireRole, type AppEnv } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { handOn } from "../cycle/handovers.ts";
import { answer, jsonBody, queryOf } from "../validation.ts";

export function handoverView(h: Handover): HandoverView {
  return { ...h, what: handoverWhat(h) };
}

export function handoverRoutes(ctx: CycleContext) {
  return new Hono<AppEnv>()
    .post("/", requireRole("finance"), async (c) => {
      const input = await jsonBody(c, HandoverInputSchema);
      const auth = c.get("auth");
      return answer(c, HandoverSchema, handoverView(await handOn(ctx, auth.actor, input, (u) => canSeeUnit(auth, u))), 201);
    })
    .get("/", requireRole("unit", "finance", "admin"), async (c) => {
      const q = queryOf(c, HandoverListQuerySchema);
      const auth = c.get("auth");
      if (auth.role === "unit") {
        if (q.unit !== undefined && q.unit !== auth.unit) return answer(c, HandoverListSchema, { handovers: [] });
        q.unit = auth.unit;
      }
      return answer(c, HandoverListSchema, { handovers: (await ctx.store.handovers.list(q)).filter((h) => canSeeUnit(auth, h.unit)).map(handoverView) });
    });
}
