import { Hono } from "hono";
import { HealthSchema } from "../../shared/api/session.ts";
import { answer } from "../validation.ts";
import type { RouteContext } from "./context.ts";

export function healthRoutes({ version }: Pick<RouteContext, "version">) {
  return new Hono().get("/", (c) => answer(c, HealthSchema, { ok: true, version }));
}
