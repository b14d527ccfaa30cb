// What changed between two library versions (docs/domain.md, docs/architecture.md): indicators added,
// changed, deprecated (with their replacement) and removed, by code. Pure, so the server's
// changelog and the finance pane's preview of an edited library sheet are the same answer.
import { z } from "zod";
import type { Indicator, Library } from "./library.ts";

/** The changes by code, as the changelog records them and PUT /api/library answers. */
export const LibraryChangesSchema = z.object({
  version: z.number().int(),
  since: z.number().int(),
  added: z.array(z.string()),
  changed: z.array(z.string()),
  deprecated: z.array(z.object({ code: z.string(), replacedBy: z.string().optional() })),
  removed: z.array(z.string()),
});
export type LibraryChanges = z.infer<typeof LibraryChangesSchema>;

function same(a: Indicator, b: Indicator): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffLibraries(before: Pick<Library, "version" | "indicators"> | undefined, after: Pick<Library, "version" | "indicators">): LibraryChanges {
  const old = new Map((before?.indicators ?? []).map((i) => [i.code, i]));
  const changes: LibraryChanges = {
    version: after.version,
    since: before?.version ?? 0,
    added: [],
    changed: [],
    deprecated: [],
    removed: [],
  };
  const seen = new Set<string>();
  for (const ind of after.indicators) {
    seen.add(ind.code);
    const was = old.get(ind.code);
    if (!was) {
      changes.added.push(ind.code);
    } else if (!same(was, ind)) {
      if (ind.status === "deprecated" && was.status !== "deprecated") {
        changes.deprecated.push(ind.replacedBy ? { code: ind.code, replacedBy: ind.replacedBy } : { code: ind.code });
      } else {
        changes.changed.push(ind.code);
      }
    }
  }
  for (const code of old.keys()) if (!seen.has(code)) changes.removed.push(code);
  return changes;
}
