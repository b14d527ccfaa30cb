// What changed between two library versions (SPEC §3, DESIGN data flow): indicators added,
// changed, deprecated (with their replacement) and removed, by code. Pure, so the server's
// changelog and the finance pane's preview of an edited library sheet are the same answer.
import type { Indicator, Library } from "./library.ts";

export interface LibraryChanges {
  version: number;
  since: number;
  added: string[];
  changed: string[];
  deprecated: { code: string; replacedBy?: string }[];
  removed: string[];
}

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
