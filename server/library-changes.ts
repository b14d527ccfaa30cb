// What changed between two library versions (SPEC §3, DESIGN data flow): indicators added,
// changed, deprecated (with their replacement) and removed, by code.
import type { Indicator, Library } from "../shared/library.ts";
import type { LibraryChanges } from "./store/store.ts";

function same(a: Indicator, b: Indicator): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffLibraries(before: Library | undefined, after: Library): LibraryChanges {
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
