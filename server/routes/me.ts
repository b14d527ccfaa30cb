import { Hono } from "hono";
import { MeSchema, type Me } from "../../shared/api/session.ts";
import { answer } from "../validation.ts";
import type { AppEnv } from "../auth.ts";
import type { RouteContext } from "./context.ts";

export function meRoutes({ store }: Pick<RouteContext, "store">) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const auth = c.get("auth");
    const unit = auth.unit ? ((await store.getUnit(auth.unit)) ?? null) : null;
    const me: Me = { role: auth.role, unit, tokenId: auth.tokenId, canPublish: auth.role === "admin" || auth.canPublish === true };
    // an office's finance token: the office and the units it covers (docs/offices.md)
    if (auth.office) me.office = { ...((await store.getUnit(auth.office)) ?? { code: auth.office, name: auth.office, confidential: false }), units: [...(auth.scope ?? [])].sort() };
    // an expert: who they are (docs/experts.md)
    if (auth.expert) {
      const expert = await store.experts.getExpert(auth.expert);
      if (expert) me.expert = expert;
    }
    return answer(c, MeSchema, me);
  });
}
