// The library as the rules look it up: by code, by name, and by the characters names share (I203
// offers the nearest names). Built once per library object and cached, so checking many forms, or a
// form with thousands of unknown rows, does not rebuild it.
import type { Indicator, Library } from "../library.ts";

export interface LibraryIndex {
  indicators: readonly Indicator[];
  byCode: Map<string, Indicator>;
  /** normalised name → indicator (the first active one when names repeat) */
  byName: Map<string, Indicator>;
  /** character → positions in `indicators` of the active names holding it */
  postings: Map<string, number[]>;
  /** character count of each normalised name */
  lengths: Uint16Array;
  /** per-indicator counter reused by each query (zeroed again after use) */
  scratch: Uint16Array;
}

const cache = new WeakMap<Library, LibraryIndex>();

/** Names compare without spaces, full-width forms folded: `森林管护面积 ` = `森林管护面积`. */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
}

export function libraryIndex(library: Library): LibraryIndex {
  const hit = cache.get(library);
  if (hit) return hit;
  const indicators = library.indicators;
  const byCode = new Map<string, Indicator>();
  const byName = new Map<string, Indicator>();
  const postings = new Map<string, number[]>();
  const lengths = new Uint16Array(indicators.length);
  indicators.forEach((ind, i) => {
    byCode.set(ind.code, ind);
    const name = normaliseName(ind.name);
    const prev = byName.get(name);
    if (!prev || (prev.status === "deprecated" && ind.status !== "deprecated")) byName.set(name, ind);
    const chars = new Set(name);
    lengths[i] = Math.min(chars.size, 65535);
    if (ind.status === "deprecated") return;
    for (const ch of chars) {
      const list = postings.get(ch);
      if (list) list.push(i);
      else postings.set(ch, [i]);
    }
  });
  const index: LibraryIndex = { indicators, byCode, byName, postings, lengths, scratch: new Uint16Array(indicators.length) };
  cache.set(library, index);
  return index;
}

/**
 * Up to `max` active library names nearest to `query` by characters shared (巡查及时 finds
 * 护林防火巡查及时率). A name must share at least two characters (one for a one- or two-character
 * query). Cost: the postings of the query's characters, not the whole library.
 */
export function nearestNames(index: LibraryIndex, query: string, max = 3): string[] {
  const chars = new Set(normaliseName(query));
  if (chars.size === 0 || max <= 0) return [];
  const { scratch, postings, lengths, indicators } = index;
  const touched: number[] = [];
  for (const ch of chars) {
    const list = postings.get(ch);
    if (!list) continue;
    for (const i of list) {
      if (scratch[i] === 0) touched.push(i);
      scratch[i]!++;
    }
  }
  const need = chars.size <= 2 ? 1 : 2;
  // Keep the best `max`: most characters shared, then the closest in size, then library order.
  const best: { i: number; shared: number; fit: number }[] = [];
  for (const i of touched) {
    const shared = scratch[i]!;
    scratch[i] = 0;
    if (shared < need) continue;
    const fit = shared / Math.max(lengths[i]!, chars.size);
    if (best.length === max) {
      const last = best[max - 1]!;
      if (shared < last.shared || (shared === last.shared && (fit < last.fit || (fit === last.fit && i > last.i)))) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0) {
      const b = best[at - 1]!;
      if (b.shared > shared || (b.shared === shared && (b.fit > fit || (b.fit === fit && b.i < i)))) break;
      at--;
    }
    best.splice(at, 0, { i, shared, fit });
  }
  return best.map((b) => indicators[b.i]!.name);
}
