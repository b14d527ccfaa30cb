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
  postings: Map<string, Int32Array>;
  /** distinct characters of each normalised name */
  lengths: Uint16Array;
  /** per-indicator counter and touched list reused by each query (zeroed again after use) */
  scratch: Uint16Array;
  touched: Int32Array;
  /** answers already given, by query (bounded) */
  answers: Map<string, string[]>;
  /** common characters (long postings) → which indicators hold them, built on first use */
  bitmaps: Map<string, Uint8Array>;
  /** a posting list longer than this is "common": tested per candidate instead of scanned */
  commonAbove: number;
  /** marks for the candidates touched by the rare characters (zeroed again after use) */
  seen: Uint8Array;
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
  const lists = new Map<string, number[]>();
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
      const list = lists.get(ch);
      if (list) list.push(i);
      else lists.set(ch, [i]);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [ch, list] of lists) postings.set(ch, Int32Array.from(list));
  const index: LibraryIndex = {
    indicators,
    byCode,
    byName,
    postings,
    lengths,
    scratch: new Uint16Array(indicators.length),
    touched: new Int32Array(indicators.length),
    answers: new Map(),
    bitmaps: new Map(),
    commonAbove: Math.max(32, indicators.length >> 4),
    seen: new Uint8Array(indicators.length),
  };
  cache.set(library, index);
  return index;
}

/**
 * Up to `max` active library names nearest to `query` by characters shared (巡查及时 finds
 * 护林防火巡查及时率): most characters shared first, then the closest in size, then library order.
 * A name must share at least two characters (one for a one- or two-character query). Cost: the
 * postings of the query's characters, not the whole library; repeated queries are remembered.
 */
export function nearestNames(index: LibraryIndex, query: string, max = 3): string[] {
  const q = normaliseName(query);
  const memoKey = `${max}\u0000${q}`;
  const known = index.answers.get(memoKey);
  if (known) return known.slice();
  const answer = rank(index, q, max);
  if (index.answers.size >= 20_000) index.answers.clear();
  index.answers.set(memoKey, answer);
  return answer.slice();
}

function rank(index: LibraryIndex, q: string, max: number): string[] {
  const chars = distinctChars(q);
  if (chars.length === 0 || max <= 0) return [];
  const size = chars.length;
  const need = size <= 2 ? 1 : 2;
  const rare: Int32Array[] = [];
  const common: string[] = [];
  for (const ch of chars) {
    const list = index.postings.get(ch);
    if (!list) continue;
    if (list.length > index.commonAbove) common.push(ch);
    else rare.push(list);
  }
  // Fast path: count the rare characters' postings, then test the few candidates found for the
  // common characters. Exact when no candidate left untouched (it holds only common characters, so
  // shares at most common.length) could enter the top `max`; otherwise the common postings are
  // counted too, for the candidates not yet touched.
  const { scratch, touched } = index;
  let n = 0;
  if (rare.length > 0 && common.length > 0) {
    for (const list of rare) n = countInto(list, scratch, touched, n);
    const n0 = n;
    const r = common.length;
    for (const ch of common) {
      const bits = bitmapOf(index, ch);
      for (let t = 0; t < n0; t++) {
        const i = touched[t]!;
        scratch[i]! += bits[i]!;
      }
    }
    let beyond = 0;
    for (let t = 0; t < n0; t++) {
      const c = scratch[touched[t]!]!;
      if (c > r && c >= need) beyond++;
    }
    if (beyond >= max || r < need) return pickBest(index, n0, size, need, max);
    // Untouched candidates: count them from the common postings, leaving the touched ones as they are.
    const seen = index.seen;
    for (let t = 0; t < n0; t++) seen[touched[t]!] = 1;
    for (const ch of common) {
      const list = index.postings.get(ch)!;
      for (let j = 0; j < list.length; j++) {
        const i = list[j]!;
        if (seen[i] === 1) continue;
        if (scratch[i] === 0) touched[n++] = i;
        scratch[i]!++;
      }
    }
    for (let t = 0; t < n0; t++) seen[touched[t]!] = 0;
    return pickBest(index, n, size, need, max);
  }
  for (const list of rare) n = countInto(list, scratch, touched, n);
  for (const ch of common) n = countInto(index.postings.get(ch)!, scratch, touched, n);
  return pickBest(index, n, size, need, max);
}

function countInto(list: Int32Array, scratch: Uint16Array, touched: Int32Array, n: number): number {
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (scratch[i] === 0) touched[n++] = i;
    scratch[i]!++;
  }
  return n;
}

function bitmapOf(index: LibraryIndex, ch: string): Uint8Array {
  let bits = index.bitmaps.get(ch);
  if (!bits) {
    bits = new Uint8Array(index.indicators.length);
    for (const i of index.postings.get(ch) ?? []) bits[i] = 1;
    index.bitmaps.set(ch, bits);
  }
  return bits;
}

/** The best `max` of the `n` touched candidates; zeroes their counters on the way. */
function pickBest(index: LibraryIndex, n: number, size: number, need: number, max: number): string[] {
  const { scratch, touched, lengths, indicators } = index;
  // How many share each count, to find the lowest count that can still reach the top `max`.
  const histogram = size < histogramBuffer.length ? histogramBuffer.fill(0, 0, size + 1) : new Int32Array(size + 1);
  for (let t = 0; t < n; t++) histogram[Math.min(scratch[touched[t]!]!, size)]!++;
  let floor = size;
  let above = 0;
  while (floor > need && above + histogram[floor]! < max) above += histogram[floor--]!;
  floor = Math.max(floor, need);

  const best: { i: number; shared: number; fit: number }[] = [];
  for (let t = 0; t < n; t++) {
    const i = touched[t]!;
    const shared = scratch[i]!;
    scratch[i] = 0;
    if (shared < floor) continue;
    const fit = shared / Math.max(lengths[i]!, size);
    let at = best.length;
    while (at > 0) {
      const b = best[at - 1]!;
      if (b.shared > shared || (b.shared === shared && (b.fit > fit || (b.fit === fit && b.i < i)))) break;
      at--;
    }
    if (at >= max) continue;
    best.splice(at, 0, { i, shared, fit });
    if (best.length > max) best.pop();
  }
  return best.map((b) => indicators[b.i]!.name);
}

const histogramBuffer = new Int32Array(256);

/** The distinct characters of a short string, in order (names are ≤ 100 characters). */
function distinctChars(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) if (!out.includes(ch)) out.push(ch);
  return out;
}
