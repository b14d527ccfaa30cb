// Bearer tokens (SPEC §10): stored as sha256, never in clear; a token has a role and, for a
// unit, the unit's code. `requireAuth` puts who is asking on the context as `auth`.
import { createHash, randomBytes } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { ApiError, errors } from "./errors.ts";
import type { Role, Store, TokenRecord } from "./store/store.ts";

export interface Auth {
  role: Role;
  unit?: string;
  tokenId: string;
  /** How the audit log names this caller: `unit:U01#ab12cd34`. */
  actor: string;
}

export type AppEnv = { Variables: { auth: Auth } };

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Creates a token and stores its hash; returns the token itself, which is never stored. */
export async function createToken(store: Store, role: Role, unit?: string, label?: string): Promise<{ token: string; record: TokenRecord }> {
  if (role === "unit" && !unit) throw new Error("a unit token needs a unit code");
  if (role !== "unit" && unit) throw new Error("only a unit token names a unit");
  if (unit && !(await store.getUnit(unit))) throw new Error(`no unit ${unit}: add it first (jixiao units add)`);
  const token = `jx_${randomBytes(32).toString("base64url")}`;
  const record: TokenRecord = {
    id: randomBytes(4).toString("hex"),
    hash: hashToken(token),
    role,
    createdAt: new Date().toISOString(),
  };
  if (unit) record.unit = unit;
  if (label) record.label = label;
  await store.addToken(record);
  return { token, record };
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

export function requireAuth(store: Store, options: { queryToken?: boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let token = bearer(c.req.header("authorization"));
    // EventSource cannot send headers: /api/events also takes ?access_token=.
    if (!token && options.queryToken) token = c.req.query("access_token") || undefined;
    if (!token || token.length > 200) throw unauthorized();
    const rec = await store.findToken(hashToken(token));
    if (!rec) throw unauthorized();
    const auth: Auth = { role: rec.role, tokenId: rec.id, actor: `${rec.role}${rec.unit ? `:${rec.unit}` : ""}#${rec.id}` };
    if (rec.unit) auth.unit = rec.unit;
    c.set("auth", auth);
    await next();
  });
}

function unauthorized(): ApiError {
  return errors.unauthorized();
}

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get("auth").role)) throw errors.forbidden();
    await next();
  });
}

/** Whether this caller may see or touch the forms of `unit`. */
export function canSeeUnit(auth: Auth, unit: string): boolean {
  return auth.role !== "unit" || auth.unit === unit;
}
