import { Hono } from "hono";
import type { RouteContext } from "./context.ts";

export function healthRoutes({ version }: Pick<RouteContext, "version">) {
  return new Hono().get("/", (c) => c.json({ ok: true, version }));
}
