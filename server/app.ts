// The HTTP API (docs/api.md) as a Hono app, built by a function so tests call app.request() with no
// socket; `jixiao serve` (cli/serve.ts) listens. Routes are sub-apps in routes/.
import { Hono } from "hono";
import { bodySizeGate, DOCUMENT_LIMIT, JSON_LIMIT, TREASURY_LIMIT, XLSX_LIMIT } from "./body.ts";
import { HTTPException } from "hono/http-exception";
import { apiCors, frameAncestor, securityHeaders } from "./http-headers.ts";
import { requireAuth, type AppEnv } from "./auth.ts";
import { watchOverdue } from "./cycle/overdue.ts";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError } from "./domain-error.ts";
import { ApiError, errors, statusOf } from "./errors.ts";
import { storageError, storageProblem } from "./storage-errors.ts";
import { EventBus } from "./events.ts";
import { consolidatedRoutes } from "./routes/consolidated.ts";
import { XLSX_TYPE } from "./routes/download.ts";
import { PublishedCache } from "./disclosure/published.ts";
import { disclosureFinanceRoutes, disclosureRoutes } from "./routes/disclosure.ts";
import { documentRoutes } from "./routes/documents.ts";
import { tokenRoutes, unitRoutes } from "./routes/directory.ts";
import { overviewRoutes } from "./routes/overview.ts";
import { importRoutes } from "./routes/import.ts";
import { templateRoutes } from "./routes/templates.ts";
import { reportRoutes } from "./routes/report.ts";
import { budgetRoutes, treasuryRoutes } from "./routes/treasury.ts";
import { expertRoutes, reviewRoutes } from "./routes/reviews.ts";
import { expertGate } from "./experts/gate.ts";
import { eventRoutes } from "./routes/events.ts";
import { healthRoutes } from "./routes/health.ts";
import { libraryRoutes } from "./routes/library.ts";
import { meRoutes } from "./routes/me.ts";
import { noticeRoutes } from "./routes/notices.ts";
import { rectificationRoutes } from "./routes/rectifications.ts";
import { opinionRoutes } from "./routes/opinions.ts";
import { handoverRoutes } from "./routes/handovers.ts";
import { assessmentRoutes, resultsRoutes } from "./routes/results.ts";
import { deployRoutes } from "./routes/deploy.ts";
import { paneRoutes } from "./routes/pane.ts";
import { projectRoutes } from "./routes/projects.ts";
import { SAVE_PATH, submissionRoutes } from "./routes/submissions.ts";
import { validateRoutes } from "./routes/validate.ts";
import type { RouteContext } from "./routes/context.ts";
import type { Store } from "./store/store.ts";

export interface AppOptions {
  /** Reported by /api/health. */
  version?: string;
  /** Origins allowed by CORS: the server's own and the add-in's, e.g. `https://localhost:3443`. */
  origins?: readonly string[];
  /** Keep-alive ping of /api/events, ms (default 15 000). */
  pingMs?: number;
  /** The built task pane (addin/dist); nothing is served when absent. */
  paneDir?: string;
  /** The folder of Office.js (@microsoft/office-js/dist), served at the root: /office.js and its siblings. */
  officeDir?: string;
  /** That copy's version: also served at /office-js/<version>/, cached for a year (routes/pane.ts). */
  officeVersion?: string;
  /**
   * Origins allowed to frame the pane besides Microsoft 365's (`officeFrameAncestors`): 21Vianet's
   * Office (`chinaFrameAncestors`, on by default) needs nothing, a bureau's Office Online Server
   * does (`jixiao serve --frame-ancestor https://oos.bureau.gov.cn`; docs/hosts.md).
   */
  frameAncestors?: readonly string[];
  bus?: EventBus;
  now?: () => Date;
  /** How often the server looks for notices whose deadline has passed, ms (default 60 000; 0: never). */
  overdueCheckMs?: number;
  /**
   * The local CA's certificate (PEM) when the server made its own: served at /ca.crt. Read per
   * request: `jixiao serve` makes the certificates after the app.
   */
  caCertificate?: () => string | undefined;
  /** Where unexpected errors are logged (default stderr); never sent to the client. */
  log?: (err: unknown) => void;
}

/** Hosts that frame the task pane in Excel on the web (Microsoft 365, worldwide). */
export const officeFrameAncestors = [
  "https://*.office.com",
  "https://office.com",
  "https://*.officeapps.live.com",
  "https://*.office365.com",
  "https://*.sharepoint.com",
  "https://*.cloud.microsoft",
];

/** Office 365 operated by 21Vianet: Excel on the web at *.partner.officewebapps.cn, files on *.sharepoint.cn. */
export const chinaFrameAncestors = ["https://*.partner.officewebapps.cn", "https://*.officewebapps.cn", "https://*.sharepoint.cn"];

export { JSON_LIMIT, XLSX_LIMIT, TREASURY_LIMIT } from "./body.ts";

export function createApp(store: Store, options: AppOptions = {}) {
  const bus = options.bus ?? new EventBus();
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((err: unknown) => process.stderr.write(`jixiao: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
  const ctx: RouteContext = { store, bus, now, log, version: options.version ?? "0.0.0", pingMs: options.pingMs ?? 15_000, caCertificate: options.caCertificate ?? (() => undefined) };
  const app = new Hono<AppEnv>();

  app.use(
    "*",
    securityHeaders({
      // Excel on the web frames the pane from Office hosts: no X-Frame-Options, a frame-ancestors list instead.
      frameAncestors: ["'self'", ...officeFrameAncestors, ...chinaFrameAncestors, ...(options.frameAncestors ?? []).map(frameAncestor)],
    }),
  );
  app.use(
    "/api/*",
    apiCors({
      // Read per request: `jixiao serve` adds its own origin once it knows its port.
      origins: () => options.origins ?? [],
      allowMethods: ["GET", "PUT", "POST", "PATCH", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match"],
      exposeHeaders: ["ETag"],
      maxAge: 600,
    }),
  );
  // The 10 MB allowance is the import route's alone, the treasury's files and a project's documents
  // (docs/documents.md) have their own; everything
  // else is held to the JSON limit. A declared length over it is refused here, before the token is
  // looked up; each route reads its body through readBody/readText with its own limit (body.ts),
  // which also cuts a body sent without a length.
  app.use(
    "/api/*",
    bodySizeGate((c) =>
      c.req.path === "/api/import" && (c.req.header("content-type") ?? "").startsWith(XLSX_TYPE)
        ? XLSX_LIMIT
        : (c.req.path === "/api/treasury/payments" || c.req.path === "/api/budgets") && c.req.method === "POST"
          ? TREASURY_LIMIT
          : c.req.path.startsWith("/api/documents/") && c.req.method === "POST"
            ? DOCUMENT_LIMIT
            : JSON_LIMIT,
    ),
  );

  // A save checks its token again in its one read (workflow.ts, saveDraft): its token may come from memory.
  const apiAuth = requireAuth(store, { checkedLater: (c) => c.req.method === "PUT" && SAVE_PATH.test(c.req.path) });
  app.route("/api/health", healthRoutes(ctx));
  // Public, no token (docs/domain.md): mounted before the token check.
  const published = new PublishedCache(store);
  app.route("/api/disclosure", disclosureRoutes(ctx, { cache: published }));
  app.use("/api/events", requireAuth(store, { queryToken: true }));
  app.use("/api/*", async (c, next) => (c.req.path === "/api/events" ? next() : apiAuth(c, next)));
  // an expert's token reaches the review routes and nothing else (docs/experts.md)
  app.use("/api/*", expertGate());
  app.route("/api/disclosure", disclosureFinanceRoutes(ctx, published));
  app.route("/api/me", meRoutes(ctx));
  app.route("/api/library", libraryRoutes(ctx));
  app.route("/api/validate", validateRoutes(ctx));
  app.route("/api/submissions", submissionRoutes(ctx));
  app.route("/api/projects", projectRoutes(ctx));
  app.route("/api/documents", documentRoutes(ctx));
  app.route("/api/consolidated", consolidatedRoutes(ctx));
  app.route("/api/templates", templateRoutes(ctx));
  app.route("/api/import", importRoutes(ctx));
  app.route("/api/treasury", treasuryRoutes(ctx));
  app.route("/api/budgets", budgetRoutes(ctx));
  app.route("/api/report", reportRoutes(ctx));
  app.route("/api/notices", noticeRoutes(ctx));
  app.route("/api/rectifications", rectificationRoutes(ctx));
  app.route("/api/opinions", opinionRoutes(ctx));
  app.route("/api/handovers", handoverRoutes(ctx));
  app.route("/api/results", resultsRoutes(ctx));
  app.route("/api/assessment", assessmentRoutes(ctx));
  app.route("/api/overview", overviewRoutes(ctx));
  app.route("/api/units", unitRoutes(ctx));
  app.route("/api/tokens", tokenRoutes(ctx));
  app.route("/api/experts", expertRoutes(ctx));
  app.route("/api/reviews", reviewRoutes(ctx));
  app.route("/api/events", eventRoutes(ctx));
  app.route("/", deployRoutes(ctx));
  app.route("/", paneRoutes({ paneDir: options.paneDir, officeDir: options.officeDir, officeVersion: options.officeVersion }));

  // Deadlines passing are announced by a timer, stopped with the bus (graceful shutdown, tests).
  const overdueMs = options.overdueCheckMs ?? 60_000;
  if (overdueMs > 0) bus.onClose(watchOverdue(ctx, { intervalMs: overdueMs, log }));

  // A known path asked with a method it does not take is a 405 naming the ones it does, not a 404
  // that would read as "no such form".
  let known: { method: string; re: RegExp }[] | undefined;
  const allowed = (path: string): string[] => {
    known ??= app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
      .map((r) => ({ method: r.method, re: new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "[^/]+")}$`) }));
    return [...new Set(known.filter((r) => r.re.test(path)).map((r) => r.method))];
  };
  app.notFound((c) => {
    const methods = allowed(c.req.path);
    if (methods.length === 0) return c.json(errors.notFound().body(), 404);
    c.header("Allow", methods.join(", "));
    return c.json(errors.methodNotAllowed(methods).body(), 405);
  });
  app.onError((err, c) => {
    if (err instanceof DomainError) return c.json(err.body(), statusOf(err));
    const storage = storageProblem(err);
    if (storage) {
      log(err); // the administrator's to fix: logged, and said plainly to the client
      const e = storageError(storage);
      return c.json(e.body(), statusOf(e));
    }
    if (err instanceof HTTPException) {
      const e = new ApiError("http_error", "请求无法处理", "The request cannot be handled");
      return c.json(e.body(), err.status as ContentfulStatusCode);
    }
    log(err);
    return c.json(errors.internal().body(), 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
