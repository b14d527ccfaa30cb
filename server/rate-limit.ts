// Requests without a token (the public disclosure) are limited per client address: a token bucket
// of `burst` requests refilled at `perMinute`, so a script cannot make the server recompute or
// re-send a year's disclosure as fast as it can ask. Over the limit: 429 with Retry-After, in the
// one error shape. Behind a reverse proxy every client shares the proxy's address: raise the limit
// there, or limit at the proxy (README, "The server").
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ApiError } from "./errors.ts";

export interface RateLimit {
  perMinute: number;
  burst: number;
}

export const anonymousLimit: RateLimit = { perMinute: 120, burst: 60 };

/** The client's address; requests made in-process (tests) share one. */
function addressOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

export function rateLimit(limit: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let swept = now();
  return async (c, next) => {
    const t = now();
    // Forget addresses that have been quiet long enough to be full again.
    if (t - swept > 60_000) {
      for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 60_000) * limit.perMinute >= limit.burst) buckets.delete(k);
      swept = t;
    }
    const key = addressOf(c);
    const b = buckets.get(key) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 60_000) * limit.perMinute);
    b.at = t;
    if (b.tokens < 1) {
      buckets.set(key, b);
      const wait = Math.ceil(((1 - b.tokens) / limit.perMinute) * 60);
      c.header("Retry-After", String(wait));
      throw new ApiError("rate_limited", `请求过于频繁，请 ${wait} 秒后再试`, `Too many requests: try again in ${wait} s`, { retryAfter: wait });
    }
    b.tokens -= 1;
    buckets.set(key, b);
    await next();
  };
}
