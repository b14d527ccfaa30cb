// Key projects (重点项目), marked by finance for disclosure (docs/domain.md):
//   POST /api/projects/:year/:unit/:project/key  { key: boolean }   (finance)
//   GET  /api/projects/key?year=Y                                   (finance, admin)
import { Hono } from "hono";
import { KeyProjectBodySchema, KeyProjectListQuerySchema, KeyProjectListSchema, KeyProjectMarkSchema } from "../../shared/api/submissions.ts";
import { canSeeUnit, requireRole, type AppEnv } from "../auth.ts";
import { errors } from "../errors.ts";
import { answer, jsonBody, paramsOf, ProjectParams, queryOf } from "../validation.ts";
import type { RouteContext } from "./context.ts";

export function projectRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>()
    .get("/key", requireRole("finance", "admin"), async (c) => {
      const { year } = queryOf(c, KeyProjectListQuerySchema);
      const auth = c.get("auth");
      return answer(c, KeyProjectListSchema, { projects: (await store.listKeyProjects(year)).filter((m) => m.key && canSeeUnit(auth, m.unit)) });
    })
    .post("/:year/:unit/:project/key", requireRole("finance"), async (c) => {
      const p = paramsOf(c, ProjectParams);
      const { key } = await jsonBody(c, KeyProjectBodySchema);
      const auth = c.get("auth");
      if (!canSeeUnit(auth, p.unit) || !(await store.getUnit(p.unit))) throw errors.notFound();
      const at = now().toISOString();
      await store.setKeyProject({ ...p, key, by: auth.actor, at });
      await store.appendAudit({ at, actor: auth.actor, action: key ? "project.key" : "project.unkey", target: `${p.year}/${p.unit}/${p.project}` });
      return answer(c, KeyProjectMarkSchema, { ...p, key });
    });
}
