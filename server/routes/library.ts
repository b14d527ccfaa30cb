// GET /api/library (ETag, 304), GET /api/library/changes?since=V, PUT /api/library (admin, or finance granted publishing).
import { LibraryChangesQuerySchema, PublishBodySchema, type LibraryChangesView, type PublishResult } from "../../shared/api/library.ts";
import { Hono } from "hono";
import { z } from "zod";
import { LibrarySchema, type Indicator } from "../../shared/library.ts";
import { PolicySchema } from "../../shared/policy.ts";
import { requirePublisher, type AppEnv } from "../auth.ts";
import { ApiError, zodDetails } from "../errors.ts";
import type { EventBus } from "../events.ts";
import { diffLibraries } from "../library-changes.ts";
import type { LibraryVersion, Store } from "../store/store.ts";
import { currentLibrary } from "../workflow.ts";
import { answer, jsonBody, queryOf } from "../validation.ts";
import type { RouteContext } from "./context.ts";

export function etagOf(version: number): string {
  return `"library-v${version}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const v = t.trim().replace(/^W\//, "");
    return v === etag || v === "*";
  });
}

export interface PublishInput {
  indicators: unknown[];
  policy?: unknown;
  note: string;
}

/** Validates and publishes a new version; shared by PUT /api/library and `jixiao library import`. */
export async function publishLibrary(store: Store, input: PublishInput, by: string, now: Date, bus?: EventBus): Promise<LibraryVersion> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await store.currentLibrary();
    const policy = input.policy ?? current?.library.policy ?? {};
    const policyParsed = PolicySchema.safeParse(policy);
    const candidate = LibrarySchema.safeParse({
      version: (current?.library.version ?? 0) + 1,
      publishedAt: now.toISOString(),
      note: input.note,
      policy: policyParsed.success ? policyParsed.data : policy,
      indicators: input.indicators,
    });
    if (!candidate.success) {
      throw new ApiError("invalid_library", "指标库不符合要求", "The library is not valid", zodDetails(candidate.error.issues));
    }
    const library = candidate.data;
    const codes = new Set(library.indicators.map((i: Indicator) => i.code));
    const dangling = library.indicators
      .map((ind, i) => ({ ind, i }))
      .filter(({ ind }) => ind.replacedBy !== undefined && !codes.has(ind.replacedBy));
    if (dangling.length > 0) {
      throw new ApiError("invalid_library", "指标库不符合要求：替代指标不存在", "The library is not valid: a replacement indicator does not exist", dangling.map(({ ind, i }) => ({
        path: `indicators[${i}].replacedBy`,
        message: `no indicator ${ind.replacedBy}`,
      })));
    }
    const entry: LibraryVersion = { library, changes: diffLibraries(current?.library, library), by };
    if (await store.publishLibrary(entry)) {
      await store.appendAudit({ at: library.publishedAt, actor: by, action: "library.publish", target: `library/v${library.version}`, details: { added: entry.changes.added.length, changed: entry.changes.changed.length, deprecated: entry.changes.deprecated.length, removed: entry.changes.removed.length, note: library.note } });
      bus?.publish({
        type: "library.published",
        data: {
          version: library.version,
          note: library.note,
          publishedAt: library.publishedAt,
          added: entry.changes.added.length,
          changed: entry.changes.changed.length,
          deprecated: entry.changes.deprecated.length,
          removed: entry.changes.removed.length,
        },
      });
      return entry;
    }
  }
  throw new ApiError("library_conflict", "指标库正被同时发布，请重试", "The library is being published by someone else: try again");
}

export function libraryRoutes({ store, bus, now }: Pick<RouteContext, "store" | "bus" | "now">) {
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const library = await currentLibrary(store);
      const etag = etagOf(library.version);
      c.header("ETag", etag);
      c.header("Cache-Control", "no-cache");
      if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304);
      return answer(c, LibrarySchema, library);
    })
    .get("/changes", async (c) => {
      const { since } = queryOf(c, LibraryChangesQuerySchema);
      const current = await currentLibrary(store);
      const before = since === 0 ? undefined : await store.libraryVersion(since);
      if (since > current.version || (since > 0 && !before)) {
        throw new ApiError("invalid_query", `没有版本 ${since}`, `There is no library version ${since}`, [
          { path: "since", message: `between 0 and ${current.version}` },
        ]);
      }
      const d = diffLibraries(before?.library, current);
      const byCode = new Map(current.indicators.map((i) => [i.code, i]));
      return c.json({
        since,
        version: current.version,
        added: d.added.flatMap((code) => byCode.get(code) ?? []),
        changed: d.changed.flatMap((code) => byCode.get(code) ?? []),
        deprecated: d.deprecated.map((x) => ({
          ...x,
          name: byCode.get(x.code)?.name,
          ...(x.replacedBy ? { replacement: byCode.get(x.replacedBy) } : {}),
        })),
        removed: d.removed,
      } satisfies LibraryChangesView);
    })
    .put("/", requirePublisher(), async (c) => {
      const body = await jsonBody(c, PublishBodySchema);
      const entry = await publishLibrary(store, body, c.get("auth").actor, now(), bus);
      return c.json({ version: entry.library.version, publishedAt: entry.library.publishedAt, changes: entry.changes } satisfies PublishResult, 201);
    });
}
