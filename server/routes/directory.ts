// People while the server runs (admin only; every change audited):
//   GET    /api/units                 { units }
//   POST   /api/units                 { code, name, field?, confidential?, parent? } → 201 the unit (409 when the code is taken)
//   PATCH  /api/units/:code           { name?, field? (null clears), confidential?, parent? (null: under the bureau) } → the unit
//   GET    /api/tokens                { tokens: [{ id, role, unit?, label?, createdAt, lastUsedAt?, canPublish?, revokedAt? }] }
//   POST   /api/tokens                { role, unit?, label?, canPublish?, office? } → 201 { id, token } (the token shown this once)
//   DELETE /api/tokens/:id            → { id, revokedAt }: refused from the next request on; its open event streams end
// The same handlers serve `jixiao units` and `jixiao token` while a server holds the data folder
// (cli/control.ts), with the actor `cli`.
import { Hono } from "hono";
import { z } from "zod";
import { TokenIdSchema, TokenInputSchema, UnitInputSchema, UnitPatchSchema, CreatedTokenSchema, type TokenView } from "../../shared/directory.ts";
import { CodeSchema } from "../../shared/library.ts";
import { createToken, requireRole, type AppEnv } from "../auth.ts";
import { ApiError, errors } from "../errors.ts";
import type { EventBus } from "../events.ts";
import type { Store, TokenRecord, Unit } from "../store/store.ts";
import { answer, jsonBody, paramsOf } from "../validation.ts";
import { RevokedTokenSchema, TokenListSchema, UnitListSchema, UnitSchema } from "../../shared/api/session.ts";

const CodeParams = z.object({ code: CodeSchema });
const IdParams = z.object({ id: TokenIdSchema });

const noUnit = (code: string, path = "unit") =>
  new ApiError("invalid_body", `没有单位 ${code}，请先添加单位`, `There is no unit ${code}: add it first`, [{ path, message: `no unit ${code}` }]);

/** A unit's parent must exist and must not be the unit itself or under it (the tree has no cycles). */
async function checkParent(store: Store, code: string, parent: string): Promise<void> {
  const units = new Map((await store.listUnits()).map((u) => [u.code, u]));
  if (!units.has(parent)) throw noUnit(parent, "parent");
  for (let at: string | undefined = parent; at !== undefined; at = units.get(at)?.parent) {
    if (at === code) {
      throw new ApiError("invalid_body", `单位 ${code} 不能隶属于 ${parent}：${parent} 在 ${code} 之下`, `Unit ${code} cannot sit under ${parent}: ${parent} is under ${code}`, [
        { path: "parent", message: "a cycle" },
      ]);
    }
  }
}

export function tokenView(t: TokenRecord): TokenView {
  const { hash: _hash, ...view } = t;
  return view;
}

export interface DirectoryContext {
  store: Store;
  bus: EventBus;
  now: () => Date;
}

export function unitRoutes({ store, now }: DirectoryContext) {
  return new Hono<AppEnv>()
    .use(requireRole("admin"))
    .get("/", async (c) => answer(c, UnitListSchema, { units: await store.listUnits() }))
    .post("/", async (c) => {
      const input = await jsonBody(c, UnitInputSchema);
      if (await store.getUnit(input.code)) {
        throw new ApiError("unit_exists", `单位代码 ${input.code} 已存在，请改用修改`, `The unit code ${input.code} is taken: edit that unit instead`, [
          { path: "code", message: "taken" },
        ]);
      }
      if (input.parent !== undefined) await checkParent(store, input.code, input.parent);
      const unit: Unit = { code: input.code, name: input.name, confidential: input.confidential, ...(input.field ? { field: input.field } : {}), ...(input.parent ? { parent: input.parent } : {}) };
      await store.putUnit(unit);
      await store.appendAudit({ at: now().toISOString(), actor: c.get("auth").actor, action: "unit.add", target: unit.code, details: { ...unit } });
      return answer(c, UnitSchema, unit, 201);
    })
    .patch("/:code", async (c) => {
      const { code } = paramsOf(c, CodeParams);
      const patch = await jsonBody(c, UnitPatchSchema);
      const before = await store.getUnit(code);
      if (!before) throw errors.notFound();
      const { field: _field, parent: _parent, ...rest } = before;
      const field = patch.field === undefined ? before.field : (patch.field ?? undefined);
      const parent = patch.parent === undefined ? before.parent : (patch.parent ?? undefined);
      if (patch.parent) await checkParent(store, code, patch.parent);
      const unit: Unit = {
        ...rest,
        ...(parent !== undefined ? { parent } : {}),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.confidential !== undefined ? { confidential: patch.confidential } : {}),
        ...(field !== undefined ? { field } : {}),
      };
      await store.putUnit(unit);
      await store.appendAudit({ at: now().toISOString(), actor: c.get("auth").actor, action: "unit.update", target: code, details: { before: { ...before }, after: { ...unit } } });
      return answer(c, UnitSchema, unit);
    });
}

export function tokenRoutes({ store, bus, now }: DirectoryContext) {
  return new Hono<AppEnv>()
    .use(requireRole("admin"))
    .get("/", async (c) => answer(c, TokenListSchema, { tokens: (await store.listTokens()).map(tokenView) }))
    .post("/", async (c) => {
      const input = await jsonBody(c, TokenInputSchema);
      if (input.unit && !(await store.getUnit(input.unit))) throw noUnit(input.unit);
      if (input.office && !(await store.getUnit(input.office))) throw noUnit(input.office, "office");
      if (input.expert && !(await store.experts.getExpert(input.expert))) {
        throw new ApiError("no_such_expert", `没有编号为 ${input.expert} 的专家，请先添加专家`, `No expert with code ${input.expert}: add the expert first`, { path: "expert" });
      }
      const at = now();
      const { token, record } = await createToken(store, input.role, input.unit, input.label || undefined, {
        canPublish: input.canPublish === true,
        now: at,
        ...(input.office ? { office: input.office } : {}),
        ...(input.expert ? { expert: input.expert } : {}),
      });
      await store.appendAudit({
        at: record.createdAt,
        actor: c.get("auth").actor,
        action: "token.create",
        target: record.id,
        details: { role: record.role, unit: record.unit ?? null, label: record.label ?? null, canPublish: record.canPublish === true, office: record.office ?? null, expert: record.expert ?? null },
      });
      return answer(c, CreatedTokenSchema, { id: record.id, token }, 201);
    })
    .delete("/:id", async (c) => {
      const { id } = paramsOf(c, IdParams);
      if (id === c.get("auth").tokenId) {
        throw new ApiError("own_token", "不能撤销正在使用的令牌，请用另一个管理员令牌", "You cannot revoke the token you are using: use another admin token");
      }
      const at = now().toISOString();
      if (!(await store.revokeToken(id, at))) {
        const known = (await store.listTokens()).find((t) => t.id === id);
        if (!known) throw errors.notFound();
        throw new ApiError("token_revoked", `令牌 ${id} 已于 ${known.revokedAt} 撤销`, `The token ${id} was revoked at ${known.revokedAt}`);
      }
      await store.appendAudit({ at, actor: c.get("auth").actor, action: "token.revoke", target: id });
      bus.publish({ type: "token.revoked", data: { id, at } });
      return answer(c, RevokedTokenSchema, { id, revokedAt: at });
    });
}
