import { Hono } from "hono";
import type { Me } from "../../shared/api/session.ts";
import type { AppEnv } from "../auth.ts";
import type { RouteContext } from "./context.ts";

export function meRoutes({ store }: Pick<RouteContext, "store">) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const auth = c.get("auth");
    const unit = auth.unit ? ((await store.getUnit(auth.unit)) ?? null) : null;
    return c.json({ role: auth.role, unit, tokenId: auth.tokenId, canPublish: auth.role === "admin" || auth.canPublish === true } satisfies Me);
  });
}
