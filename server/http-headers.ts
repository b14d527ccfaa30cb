// Security headers and CORS for every response, set before the handler runs (`c.header`), so the
// response the handler builds carries them from the start. Setting them afterwards (as hono's
// secureHeaders and cors middleware do, through `c.res.headers`) makes the node server turn its
// light response into a full Response object a second time: ~0.5 ms a request. A handler that
// returns its own Response (the pane's files) does not take prepared headers: those get them
// afterwards, where the cost does not matter.
import type { Context, MiddlewareHandler } from "hono";

export interface HeaderOptions {
  /** CSP frame-ancestors sources, e.g. `'self'` and the Office hosts. */
  frameAncestors: readonly string[];
}

/** The headers every response carries (hono's secureHeaders defaults, with no X-Frame-Options and no COOP: Excel on the web frames the pane). */
export function securityHeaderList(options: HeaderOptions): [string, string][] {
  return [
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["Origin-Agent-Cluster", "?1"],
    ["Referrer-Policy", "no-referrer"],
    ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-DNS-Prefetch-Control", "off"],
    ["X-Download-Options", "noopen"],
    ["X-Permitted-Cross-Domain-Policies", "none"],
    ["X-XSS-Protection", "0"],
    ["Content-Security-Policy", `frame-ancestors ${options.frameAncestors.join(" ")}; object-src 'none'; base-uri 'self'`],
  ];
}

export function securityHeaders(options: HeaderOptions): MiddlewareHandler {
  const list = securityHeaderList(options);
  return async (c, next) => {
    const api = c.req.path.startsWith("/api/");
    if (api) for (const [k, v] of list) c.header(k, v);
    await next();
    if (api) return;
    // A file's own headers win (the pane's public files say Cross-Origin-Resource-Policy: cross-origin).
    const h = c.res.headers;
    for (const [k, v] of list) if (!h.has(k)) h.set(k, v);
  };
}

export interface CorsOptions {
  /** Allowed origins, read per request. */
  origins: () => readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAge: number;
}

/** CORS for /api/*: an allowed origin is echoed, a preflight answered with 204. */
export function apiCors(options: CorsOptions): MiddlewareHandler {
  const methods = options.allowMethods.join(",");
  const allowHeaders = options.allowHeaders.join(",");
  const expose = options.exposeHeaders.join(",");
  return async (c: Context, next) => {
    const origin = c.req.header("origin");
    const allowed = origin !== undefined && options.origins().includes(origin);
    c.header("Vary", "Origin");
    if (allowed) {
      c.header("Access-Control-Allow-Origin", origin);
      if (expose) c.header("Access-Control-Expose-Headers", expose);
    }
    if (c.req.method === "OPTIONS") {
      c.header("Access-Control-Max-Age", String(options.maxAge));
      c.header("Access-Control-Allow-Methods", methods);
      c.header("Access-Control-Allow-Headers", allowHeaders);
      c.header("Vary", "Access-Control-Request-Headers", { append: true });
      return c.body(null, 204);
    }
    await next();
  };
}

/**
 * A `--frame-ancestor` value as CSP takes it: an https origin, its host may start with `*.`
 * (`https://oos.bureau.gov.cn`, `https://*.bureau.gov.cn:8443`). Anything else (a path, a
 * quote, a space, which would open the policy to more than meant) is refused with the reason.
 */
export function frameAncestor(value: string): string {
  const m = /^https:\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?\/?$/i.exec(value.trim());
  if (!m) {
    throw new Error(
      `框架来源须为 https:// 开头的源（可用 *. 通配子域），不能带路径：${value} / a frame ancestor must be an https:// origin (a leading *. allowed), no path: ${value}`,
    );
  }
  return `https://${m[1] ?? ""}${m[2]!.toLowerCase()}${m[4] ?? ""}`;
}
