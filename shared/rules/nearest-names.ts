// The library as the rules look it up: by code, by name, and by the characters names share (I203
// offers the nearest names). Built once per library object and cached, so checking many forms, or a
// form with thousands of unknown rows, does not rebuild it.
import type { Indicator, Library } from "../library.ts";

export interface LibraryIndex {
  indicators: readonly Indicator[];
  byCode: Map<string, Indicator>;
  /** normalised name → indicator (the first active one when names repeat) */
  byName: Map<string, Indicator>;
  /** character → positions in `indicators` of the active names holding it, ascending */
  postings: Map<string, Int32Array>;
  /** distinct characters of each normalised name */
  lengths: Uint16Array;
  /** character → which indicators hold it, one bit each (built on first use) */
  bits: Map<string, Uint32Array>;
  /** per-indicator marks and the touched list, reused by each query (cleared again after use) */
  seen: Uint8Array;
  touched: Int32Array;
  counts: Uint16Array;
  /** the three nearest names already given, by normalised query (bounded) */
  answers: Map<string, string[]>;
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
    bits: new Map(),
    seen: new Uint8Array(indicators.length),
    touched: new Int32Array(indicators.length),
    counts: new Uint16Array(indicators.length),
    answers: new Map(),
  };
  cache.set(library, index);
  return index;
}

/**
 * Up to `max` active library names nearest to `query` by characters shared (巡查及时 finds
 * 护林防火巡查及时率): most characters shared first, then the closest in size, then library order.
 * A name must share at least two characters (one for a one- or two-character query). Cost: the
 * postings of the query's rarest characters, as few as the answer needs (see `rank`), not the
 * whole library; repeated queries are remembered.
 */
export function nearestNames(index: LibraryIndex, query: string, max = 3): string[] {
  if (max !== 3) return rank(index, normaliseName(query), max);
  // Remembered by the normalised query (three names, as I203 asks); I203 asks with names already
  // normalised, which are then found without normalising again.
  const asked = index.answers.get(query);
  if (asked) return asked.slice();
  const q = normaliseName(query);
  const known = index.answers.get(q);
  if (known) return known.slice();
  const answer = rank(index, q, max);
  if (index.answers.size >= 20_000) index.answers.clear();
  index.answers.set(q, answer);
  return answer.slice();
}

/**
 * The query's characters that the library holds, their postings shortest first. A name sharing
 * `s` of these `k` characters is in at least one of any `k − s + 1` of the lists, so every name
 * sharing `s` or more is among the names of the `k − s + 1` shortest. The lists are taken one by
 * one, shortest first, each new name counted in full (one bit test per longer list); after list
 * `j` every name sharing `k − j + 1` or more is known and counted, and once `max` of them are, no
 * name not yet seen can enter the answer. So a query whose answer shares many of its characters
 * reads only its rarest characters' postings, however large the library.
 */
function rank(index: LibraryIndex, q: string, max: number): string[] {
  const chars = distinctChars(q);
  const size = chars.length;
  if (size === 0 || max <= 0) return [];
  const need = size <= 2 ? 1 : 2;
  const held: string[] = [];
  for (const ch of chars) if (index.postings.has(ch)) held.push(ch);
  const k = held.length;
  if (k < need) return [];
  held.sort((a, b) => index.postings.get(a)!.length - index.postings.get(b)!.length);
  const lists = held.map((ch) => index.postings.get(ch)!);
  const bits = held.map((ch) => bitsOf(index, ch));

  const { seen, touched, counts } = index;
  // byCount[c]: how many of the names seen share exactly c characters
  const byCount = new Int32Array(k + 1);
  let n = 0;
  let floor = need;
  for (let j = 0; j < k; j++) {
    const list = lists[j]!;
    for (let p = 0; p < list.length; p++) {
      const i = list[p]!;
      if (seen[i] === 1) continue;
      seen[i] = 1;
      touched[n++] = i;
      // Not in the shorter lists (it would have been seen): count the longer ones.
      let c = 1;
      const word = i >>> 5;
      const bit = 1 << (i & 31);
      for (let m = j + 1; m < k; m++) if ((bits[m]![word]! & bit) !== 0) c++;
      counts[i] = c;
      byCount[c]!++;
    }
    const level = k - j; // every name sharing `level` or more is now seen
    if (level <= need) break;
    let atLeast = 0;
    for (let c = k; c >= level; c--) atLeast += byCount[c]!;
    if (atLeast >= max) {
      floor = level;
      break;
    }
  }

  const best: { i: number; shared: number; fit: number }[] = [];
  for (let t = 0; t < n; t++) {
    const i = touched[t]!;
    seen[i] = 0;
    const shared = counts[i]!;
    if (shared < floor) continue;
    const fit = shared / Math.max(index.lengths[i]!, size);
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
  return best.map((b) => index.indicators[b.i]!.name);
}

function bitsOf(index: LibraryIndex, ch: string): Uint32Array {
  let b = index.bits.get(ch);
  if (!b) {
    b = new Uint32Array((index.indicators.length + 31) >>> 5);
    for (const i of index.postings.get(ch)!) b[i >>> 5]! |= 1 << (i & 31);
    index.bits.set(ch, b);
  }
  return b;
}

/** The distinct characters of a short string, in order (names are ≤ 100 characters). */
function distinctChars(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) if (!out.includes(ch)) out.push(ch);
  return out;
}
