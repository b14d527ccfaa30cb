// GET /api/disclosure?year=&format=json|csv|xlsx (anyone, no token; docs/domain.md): the year's disclosure
// as finance last confirmed it (server/disclosure/published.ts): the approved target forms and
// approved self-evaluation results of the projects finance marked key, confidential units never,
// personal data redacted (shared/disclosure/redact.ts). 404 until finance has confirmed the year.
// CSV cells are defused (csvField); the .xlsx writes every text as text. Served from a cache keyed
// by the confirmation: the ETag is known before any work, 304 on If-None-Match, a short max-age,
// and anonymous requests are rate-limited per address (server/rate-limit.ts).
//
// GET /api/disclosure/preview?year= (finance, admin): what would go public now, what redaction
// takes out of it (each removal with its project, field and text), and how it differs from what
// is public. POST /api/disclosure/confirm { year } (finance): makes it public, audited.
import { Hono } from "hono";
import {
  ConfirmDisclosureBodySchema,
  ConfirmedDisclosureSchema,
  DisclosurePreviewQuerySchema,
  DisclosurePreviewSchema,
  DisclosureQuerySchema,
} from "../../shared/api/disclosure.ts";
import { requireBureau, requireRole, type AppEnv } from "../auth.ts";
import { confirmYear, latestConfirmation, liveYear, PublishedCache, type PublicFormat } from "../disclosure/published.ts";
import { ApiError } from "../errors.ts";
import { anonymousLimit, rateLimit, type RateLimit } from "../rate-limit.ts";
import { answer, jsonBody, queryOf } from "../validation.ts";
import { attachment, XLSX_TYPE } from "./download.ts";
import type { RouteContext } from "./context.ts";

const types: Record<PublicFormat, string> = { json: "application/json; charset=UTF-8", csv: "text/csv; charset=UTF-8", xlsx: XLSX_TYPE };

/** The public route (mounted before the token check), sharing its cache with the finance routes. */
export function disclosureRoutes({ store }: Pick<RouteContext, "store">, options: { limit?: RateLimit; cache?: PublishedCache } = {}) {
  const cache = options.cache ?? new PublishedCache(store);
  return new Hono().get("/", rateLimit(options.limit ?? anonymousLimit), async (c) => {
    const q = queryOf(c, DisclosureQuerySchema);
    const tag = await cache.etag(q.year, q.format);
    if (!tag) {
      throw new ApiError("not_found", `${q.year} 年度的绩效信息尚未经财政部门确认公开`, `The disclosure of ${q.year} has not been confirmed by finance yet`);
    }
    c.header("Cache-Control", "public, max-age=300");
    c.header("ETag", tag.etag);
    c.header("Vary", "Accept-Encoding");
    c.header("Last-Modified", new Date(tag.confirmation.at).toUTCString());
    const inm = c.req.header("if-none-match");
    if (inm && inm.split(",").some((t) => t.trim() === tag.etag)) return c.body(null, 304);
    const body = (await cache.body(q.year, q.format))!;
    c.header("Content-Type", types[q.format]);
    if (q.format !== "json") c.header("Content-Disposition", attachment(`jixiao-disclosure-${q.year}.${q.format}`));
    return c.body(typeof body === "string" ? body : new Uint8Array(body));
  });
}

/** Preview and confirmation (mounted after the token check). */
export function disclosureFinanceRoutes({ store, now }: Pick<RouteContext, "store" | "now">, cache: PublishedCache) {
  return new Hono<AppEnv>()
    // The bureau's disclosure: an office-scoped finance token neither previews nor confirms it.
    .get("/preview", requireRole("finance", "admin"), requireBureau(), async (c) => {
      const q = queryOf(c, DisclosurePreviewQuerySchema);
      const live = await liveYear({ store, now }, q.year);
      const confirmed = await latestConfirmation(store, q.year);
      c.header("Cache-Control", "no-store");
      return answer(c, DisclosurePreviewSchema, {
        year: q.year,
        projects: live.data.projects,
        results: live.data.results,
        /** everything redaction takes out: finance checks nothing personal is kept and nothing needed is lost */
        removed: live.removed,
        hash: live.hash,
        confirmed: confirmed ? { id: confirmed.id, at: confirmed.at, by: confirmed.by, projects: confirmed.data.projects.length } : null,
        /** true when what would go public now differs from what is public */
        changed: confirmed?.hash !== live.hash,
      });
    })
    .post("/confirm", requireRole("finance"), requireBureau(), async (c) => {
      const body = await jsonBody(c, ConfirmDisclosureBodySchema);
      if (body.hash !== undefined) {
        const live = await liveYear({ store, now }, body.year);
        if (live.hash !== body.hash) {
          throw new ApiError("stale_revision", "预览之后数据已有变化，请重新预览后再确认", "The data changed after your preview: preview again, then confirm", { hash: live.hash });
        }
      }
      const confirmed = await confirmYear({ store, now }, c.get("auth").actor, body.year);
      cache.forget(body.year);
      return answer(c, ConfirmedDisclosureSchema, { id: confirmed.id, year: confirmed.year, at: confirmed.at, by: confirmed.by, projects: confirmed.data.projects.length, removed: confirmed.removed });
    });
}
