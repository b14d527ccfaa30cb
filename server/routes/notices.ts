// Notices (通知) with deadlines:
//   POST /api/notices                   finance: { year, kind, units: "all" | [codes], deadline, title, text, template? }
//   GET  /api/notices?year=&open=1      token: with each unit's forms on time, late, due or missing
//                                       (a unit: the notices addressed to it, its own forms only)
//   GET  /api/notices/:id               token (a unit: only a notice addressed to it)
import { Hono } from "hono";
import { NoticeIdParamsSchema, NoticeInputSchema, NoticeListQuerySchema, NoticeListSchema, NoticeSchema, NoticeViewSchema } from "../../shared/api/cycle.ts";
import { canSeeUnit, requireRole, type AppEnv, type Auth } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { issueNotice, noticeViews } from "../cycle/notices.ts";
import { errors } from "../errors.ts";
import { answer, jsonBody, paramsOf, queryOf } from "../validation.ts";

const viewerOf = (auth: Auth) => ({ unit: auth.role === "unit" ? auth.unit : undefined, scope: auth.scope });

export function noticeRoutes(ctx: CycleContext) {
  return new Hono<AppEnv>()
    .post("/", requireRole("finance"), async (c) => {
      const input = await jsonBody(c, NoticeInputSchema);
      const auth = c.get("auth");
      // an office's finance addresses its own units: "all" means all of them, and no unit outside (docs/offices.md)
      if (auth.scope) {
        if (input.units === "all") input.units = [...auth.scope].sort();
        else if (input.units.some((u) => !canSeeUnit(auth, u))) throw errors.forbidden();
      }
      const notice = await issueNotice(ctx, auth.actor, input);
      return answer(c, NoticeSchema, notice, 201);
    })
    .get("/", async (c) => {
      const q = queryOf(c, NoticeListQuerySchema);
      const auth = c.get("auth");
      let list = await noticeViews(ctx, viewerOf(auth), { year: q.year });
      if (q.open === "1" || q.open === "true") list = list.filter((n) => n.open);
      return answer(c, NoticeListSchema, { notices: list });
    })
    .get("/:id", async (c) => {
      const { id } = paramsOf(c, NoticeIdParamsSchema);
      const auth = c.get("auth");
      const [n] = await noticeViews(ctx, viewerOf(auth), { id });
      if (!n) throw errors.notFound();
      return answer(c, NoticeViewSchema, n);
    });
}
