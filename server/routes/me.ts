import { Hono } from "hono";
import type { AppEnv } from "../auth.ts";
import type { RouteContext } from "./context.ts";

export function meRoutes({ store }: Pick<RouteContext, "store">) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const auth = c.get("auth");
    const unit = auth.unit ? ((await store.getUnit(auth.unit)) ?? null) : null;
    const out: Record<string, unknown> = { role: auth.role, unit, tokenId: auth.tokenId, canPublish: auth.role === "admin" || auth.canPublish === true };
    // an office's finance token: the office and the units it covers (docs/offices.md)
    if (auth.office) out.office = { ...((await store.getUnit(auth.office)) ?? { code: auth.office }), units: [...(auth.scope ?? [])].sort() };
    return c.json(out);
  });
}
