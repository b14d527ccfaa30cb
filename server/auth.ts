// Bearer tokens (docs/api.md): stored as sha256, never in clear; a token has a role and, for a
// unit, the unit's code. `requireAuth` puts who is asking on the context as `auth`.
import { hash as digest, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { DomainError } from "./domain-error.ts";
import { ApiError, errors } from "./errors.ts";
import { expertMayRead } from "./experts/access.ts";
import type { DocumentKind } from "../shared/documents.ts";
import type { Role, Store, TokenRecord } from "./store/store.ts";

export interface Auth {
  role: Role;
  unit?: string;
  tokenId: string;
  /** A finance token the admin allowed to publish the library. */
  canPublish?: boolean;
  /** A finance token scoped to a street office: the office and every unit under it (docs/offices.md). */
  office?: string;
  scope?: ReadonlySet<string>;
  /** An expert token: the expert it speaks for; it reads only what is assigned (docs/experts.md). */
  expert?: string;
  /** How the audit log names this caller: `unit:U01#ab12cd34`. */
  actor: string;
}

export type AppEnv = { Variables: { auth: Auth } };

export function hashToken(token: string): string {
  // the one-shot hash: no Hash object per request
  return digest("sha256", token, "hex");
}

/** Creates a token and stores its hash; returns the token itself, which is never stored. */
export async function createToken(
  store: Store,
  role: Role,
  unit?: string,
  label?: string,
  options: { canPublish?: boolean; now?: Date; office?: string; expert?: string } = {},
): Promise<{ token: string; record: TokenRecord }> {
  if (role === "unit" && !unit) throw new Error("a unit token needs a unit code");
  if (role !== "unit" && unit) throw new Error("only a unit token names a unit");
  if (options.canPublish && role !== "finance") throw new Error("only a finance token is granted publishing");
  if (options.office && role !== "finance") throw new Error("only a finance token is scoped to an office");
  if (options.office && !(await store.getUnit(options.office))) throw new Error(`no unit ${options.office}: add the office first (jixiao units add)`);
  if (unit && !(await store.getUnit(unit))) throw new Error(`no unit ${unit}: add it first (jixiao units add)`);
  if ((role === "expert") !== (options.expert !== undefined)) throw new Error("an expert token, and only an expert token, names its expert");
  if (options.expert && !(await store.experts.getExpert(options.expert))) throw new Error(`no expert ${options.expert}: add the expert first`);
  const token = `jx_${randomBytes(32).toString("base64url")}`;
  const record: TokenRecord = {
    id: randomBytes(4).toString("hex"),
    hash: hashToken(token),
    role,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  if (unit) record.unit = unit;
  if (label) record.label = label;
  if (options.canPublish) record.canPublish = true;
  if (options.office) record.office = options.office;
  if (options.expert) record.expert = options.expert;
  await store.addToken(record);
  return { token, record };
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/**
 * Unit tokens by hash, as last read: a request whose route checks its token again in its own first
 * read (`checkedLater`) takes its token from here, so a save on a database is one round trip fewer.
 * A revoked token is still refused from the next request on: that check is the route's (a save's
 * one read, Store.saveContext in server/store/store.ts), made before it changes anything.
 */
const remembered = new WeakMap<Store, Map<string, TokenRecord>>();
const REMEMBERED_MAX = 10_000;

async function rememberedToken(store: Store, hash: string): Promise<TokenRecord | undefined> {
  let known = remembered.get(store);
  if (!known) remembered.set(store, (known = new Map()));
  const hit = known.get(hash);
  if (hit) return hit;
  const rec = await store.findToken(hash);
  if (rec?.role === "unit" && !rec.revokedAt) {
    if (known.size >= REMEMBERED_MAX) known.clear();
    known.set(hash, rec);
  }
  return rec;
}

export interface AuthOptions {
  /** /api/events: EventSource cannot send headers, so the token may come as ?access_token=. */
  queryToken?: boolean;
  /**
   * Requests whose route checks the token is still live before it changes or answers anything (a
   * save: workflow.ts, saveDraft); they may take a unit's token from memory.
   */
  checkedLater?: (c: Context<AppEnv>) => boolean;
}

export function requireAuth(store: Store, options: AuthOptions = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let token = bearer(c.req.header("authorization"));
    if (!token && options.queryToken) token = c.req.query("access_token") || undefined;
    if (!token || token.length > 200) throw unauthorized();
    const hash = hashToken(token);
    const fromMemory = options.checkedLater?.(c) ?? false;
    const rec = fromMemory ? await rememberedToken(store, hash) : await store.findToken(hash);
    // A revoked token is refused from the next request on: the record stays for the list and audit.
    if (!rec || rec.revokedAt) throw unauthorized();
    const auth: Auth = { role: rec.role, tokenId: rec.id, actor: `${rec.role}${rec.unit ? `:${rec.unit}` : ""}#${rec.id}` };
    if (rec.unit) auth.unit = rec.unit;
    if (rec.role === "expert") {
      auth.expert = rec.expert ?? "";
      auth.actor = `expert:${auth.expert}#${rec.id}`;
    }
    if (rec.canPublish && rec.role === "finance" && !rec.office) auth.canPublish = true;
    if (rec.office) {
      auth.office = rec.office;
      auth.scope = subtree(await store.listUnits(), rec.office);
      auth.actor = `${rec.role}@${rec.office}#${rec.id}`;
    }
    c.set("auth", auth);
    await noteUse(store, rec);
    await next();
    // A route refused the request before its own check of the token (a malformed body, a missing
    // If-Match): a token taken from memory and revoked since is answered as revoked, as on any other
    // route, not with the route's refusal. Only refusals pay for this second look.
    if (fromMemory && c.error && !(c.error instanceof DomainError && c.error.code === "unauthorized")) {
      const now = await store.findToken(hash);
      if (!now || now.revokedAt) {
        remembered.get(store)?.delete(hash);
        const e = unauthorized();
        c.res = c.json(e.body(), 401);
      }
    }
  });
}

/** "Last used" is kept to the minute: a busy pane does not rewrite the directory on every request. */
const USE_GRAIN_MS = 60_000;
const lastNoted = new WeakMap<Store, Map<string, number>>();

async function noteUse(store: Store, rec: TokenRecord): Promise<void> {
  const now = Date.now();
  let seen = lastNoted.get(store);
  if (!seen) lastNoted.set(store, (seen = new Map()));
  const last = Math.max(seen.get(rec.id) ?? 0, rec.lastUsedAt ? Date.parse(rec.lastUsedAt) : 0);
  if (now - last < USE_GRAIN_MS) return;
  seen.set(rec.id, now);
  await store.touchToken(rec.id, new Date(now).toISOString());
}

function unauthorized(): ApiError {
  return errors.unauthorized();
}

/** Publishing the library: the admin, or a finance token the admin granted it. */
export function requirePublisher() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get("auth");
    if (auth.role !== "admin" && !(auth.role === "finance" && auth.canPublish)) throw errors.forbidden();
    await next();
  });
}

export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get("auth").role)) throw errors.forbidden();
    await next();
  });
}

/** Whether this caller may see or touch the forms of `unit`: a unit its own, an office's finance its tree, the bureau all. */
export function canSeeUnit(auth: Auth, unit: string): boolean {
  if (auth.role === "unit") return auth.unit === unit;
  // an expert sees no unit's forms as such, only the items assigned (server/experts/gate.ts)
  if (auth.role === "expert") return false;
  return auth.scope === undefined || auth.scope.has(unit);
}

/** Whether this caller sees every unit (the bureau's finance, the admin): bureau-wide actions need it. */
export function seesAll(auth: Auth): boolean {
  return (auth.role === "admin" || auth.role === "finance") && auth.scope === undefined;
}

/** Bureau-wide actions (publishing the library, importing the treasury's data, …): refused to a unit and to an office's token. */
export function requireBureau() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!seesAll(c.get("auth"))) throw errors.forbidden();
    await next();
  });
}

/** `office` and every unit under it, however deep (docs/offices.md). */
export function subtree(units: readonly { code: string; parent?: string | undefined }[], office: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parent === undefined) continue;
    const list = children.get(u.parent);
    if (list) list.push(u.code);
    else children.set(u.parent, [u.code]);
  }
  const out = new Set<string>([office]);
  const stack = [office];
  while (stack.length > 0) for (const c of children.get(stack.pop()!) ?? []) if (!out.has(c)) (out.add(c), stack.push(c));
  return out;
}

/** What of a project is being read: the project itself, or one of its documents (docs/documents.md). */
export interface ProjectItem {
  year: number;
  unit: string;
  project: string;
  /** the document asked for; none: the project's list */
  document?: DocumentKind;
}

/**
 * Whether this caller may read `item` of a project: the unit its own, a street office's finance
 * the units under it, the bureau's finance and the admin every project. Every read of a project's
 * documents goes through here and nowhere else, so a role added later (an expert reading only what
 * is assigned to them) is decided in this one place; a role not named here reads nothing.
 */
export async function mayReadProject(_store: Store, auth: Auth, item: ProjectItem): Promise<boolean> {
  switch (auth.role) {
    case "unit":
    case "finance":
    case "admin":
      return canSeeUnit(auth, item.unit);
    case "expert":
      // an assigned plan or report, nothing else of the project (docs/experts.md)
      return expertMayRead(_store, auth, item);
    default:
      return false;
  }
}
