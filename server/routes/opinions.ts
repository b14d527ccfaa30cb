// Opinions on results (征求意见, docs/opinions.md):
//   POST /api/opinions                 finance: { year, subject, title, draft, units, deadline } (a results notice: the bureau's only)
//   GET  /api/opinions?year=&state=    unit (drafts sent to it, its own answer only), finance (an office: drafts to its units), admin
//   GET  /api/opinions/:id             the same
//   POST /api/opinions/:id/answer      a named unit: { stance, reasons, evidence? }, by the deadline
//   POST /api/opinions/:id/reply       finance: { unit, decision, reason, draft? }, one objection
//   POST /api/opinions/:id/finalise    finance: { note? }
import { Hono } from "hono";
import { z } from "zod";
import { AnswerSchema, ConsultationInputSchema, FinaliseSchema, ReplySchema, deadlineDay, viewFor, type Consultation } from "../../shared/cycle/opinions.ts";
import { ConsultationListSchema, ConsultationViewSchema, OpinionListQuerySchema, type ConsultationView } from "../../shared/api/opinions.ts";
import { canSeeUnit, requireRole, seesAll, type AppEnv, type Auth } from "../auth.ts";
import type { CycleContext } from "../cycle/facts.ts";
import { sendDraft, stepDraft } from "../cycle/opinions.ts";
import { yearResults } from "../cycle/results.ts";
import { errors } from "../errors.ts";
import { answer, jsonBody, paramsOf, queryOf } from "../validation.ts";

const IdParams = z.object({ id: z.string().regex(/^O\d{4}-[0-9a-f]{8}$/, "a draft id such as O2025-0a1b2c3d") });

/** Whether `auth` may read the draft: a unit when it was asked; finance when it names one of its units. */
function reads(auth: Auth, c: Consultation): boolean {
  if (auth.role === "unit") return auth.unit !== undefined && c.units.includes(auth.unit);
  return c.units.some((u) => canSeeUnit(auth, u)) || (c.subject.kind === "conclusion" && canSeeUnit(auth, c.subject.unit));
}

/** Whether finance may act on the whole draft (finalise it): every unit it names is its own. */
function owns(auth: Auth, c: Consultation): boolean {
  if (c.subject.kind === "results" && !seesAll(auth)) return false;
  return c.units.every((u) => canSeeUnit(auth, u)) && (c.subject.kind !== "conclusion" || canSeeUnit(auth, c.subject.unit));
}

export function opinionRoutes(ctx: CycleContext) {
  /** `lines`: the year's results once per request, however many of its drafts are listed. */
  const view = async (c: Consultation, auth: Auth, lines = new Map<number, ReturnType<typeof yearResults>>()): Promise<ConsultationView> => {
    const seen = viewFor(c, (u) => canSeeUnit(auth, u));
    const out: ConsultationView = {
      ...seen,
      deadlineDay: deadlineDay(c.deadline),
      waiting: seen.units.filter((u) => !seen.opinions.some((o) => o.unit === u)),
      pastDeadline: ctx.now().toISOString() > c.deadline,
    };
    if (auth.role === "unit" && c.subject.kind === "results") {
      if (!lines.has(c.year)) lines.set(c.year, yearResults(ctx, c.year));
      const mine = (await lines.get(c.year)!).results.units.find((u) => u.unit === auth.unit);
      if (mine) out.line = { averageScore: mine.averageScore, grades: mine.grades, notices: { ...mine.notices }, assessment: { total: mine.assessment.total, rank: mine.assessment.rank } };
    }
    return out;
  };
  const visible = async (auth: Auth, id: string): Promise<Consultation> => {
    const c = await ctx.store.opinions.get(id);
    // another's draft answers as if it did not exist
    if (!c || !reads(auth, c)) throw errors.notFound();
    return c;
  };
  return new Hono<AppEnv>()
    .post("/", requireRole("finance"), async (c) => {
      const input = await jsonBody(c, ConsultationInputSchema);
      const auth = c.get("auth");
      // The results notice is the bureau's (docs/offices.md); an office asks its own units only.
      if (input.subject.kind === "results" && !seesAll(auth)) throw errors.forbidden();
      if (!input.units.every((u) => canSeeUnit(auth, u)) || (input.subject.kind === "conclusion" && !canSeeUnit(auth, input.subject.unit))) throw errors.forbidden();
      return answer(c, ConsultationViewSchema, await view(await sendDraft(ctx, auth.actor, input), auth), 201);
    })
    .get("/", requireRole("unit", "finance", "admin"), async (c) => {
      const q = queryOf(c, OpinionListQuerySchema);
      const auth = c.get("auth");
      const list = await ctx.store.opinions.list({ ...q, ...(auth.role === "unit" ? { unit: auth.unit } : {}) });
      const lines = new Map<number, ReturnType<typeof yearResults>>();
      return answer(c, ConsultationListSchema, { opinions: await Promise.all(list.filter((x) => reads(auth, x)).map((x) => view(x, auth, lines))) });
    })
    .get("/:id", requireRole("unit", "finance", "admin"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const auth = c.get("auth");
      return answer(c, ConsultationViewSchema, await view(await visible(auth, id), auth));
    })
    .post("/:id/answer", requireRole("unit"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const input = await jsonBody(c, AnswerSchema);
      const auth = c.get("auth");
      const next = await stepDraft(ctx, auth.actor, id, { action: "answer", unit: auth.unit!, input }, (x) => reads(auth, x));
      return answer(c, ConsultationViewSchema, await view(next, auth));
    })
    .post("/:id/reply", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const input = await jsonBody(c, ReplySchema);
      const auth = c.get("auth");
      // an office answers its own units' objections; a results notice's are the bureau's
      const next = await stepDraft(ctx, auth.actor, id, { action: "reply", input }, (x) => reads(auth, x) && canSeeUnit(auth, input.unit) && (x.subject.kind !== "results" || seesAll(auth)));
      return answer(c, ConsultationViewSchema, await view(next, auth));
    })
    .post("/:id/finalise", requireRole("finance"), async (c) => {
      const { id } = paramsOf(c, IdParams);
      const input = await jsonBody(c, FinaliseSchema);
      const auth = c.get("auth");
      const next = await stepDraft(ctx, auth.actor, id, { action: "finalise", note: input.note }, (x) => reads(auth, x) && owns(auth, x));
      return answer(c, ConsultationViewSchema, await view(next, auth));
    });
}
