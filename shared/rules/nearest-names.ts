// The library as the rules look it up: by code, by name, and by the characters and pairs of
// characters names share (I203 offers the nearest names). Built once per library object and cached,
// so checking many forms, or a form with thousands of unknown rows, does not rebuild it.
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
  /** the pairs of characters names hold together (see PairIndex) */
  pairs: PairIndex;
  /** per-indicator marks and the touched list, reused by each query (cleared again after use) */
  seen: Uint8Array;
  touched: Int32Array;
  counts: Uint16Array;
  /** the three nearest names already given, by normalised query (bounded) */
  answers: Map<string, string[]>;
}

/**
 * Names holding two characters together, by pair. A character shared by a tenth of a big library
 * (率, 面积's 积) has long postings, but two of a query's characters together are held by few
 * names: the names a search wants are found in a short list. A pair's list is made from the two
 * postings when first asked for (the shorter read against the other's bits) and kept for the
 * library's life, within a budget; the searches of a library's forms ask for few pairs.
 */
export interface PairIndex {
  /** character → its number in the pair keys */
  ids: Map<string, number>;
  /** pair key (pairKey) → the active names holding both characters, ascending */
  lists: Map<number, Int32Array>;
  /** positions held by `lists`, against PAIR_BUDGET */
  held: number;
}

/** At most this many positions are kept in pair lists (16 MB); past it they are forgotten and made again. */
const PAIR_BUDGET = 4_000_000;

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
  const ids = new Map<string, number>();
  for (const [ch, list] of lists) {
    postings.set(ch, Int32Array.from(list));
    ids.set(ch, ids.size);
  }
  const index: LibraryIndex = {
    indicators,
    byCode,
    byName,
    postings,
    lengths,
    bits: new Map(),
    pairs: { ids, lists: new Map(), held: 0 },
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
 * lists of names holding the query's rarest pairs of characters or its rarest characters, as few as
 * the answer needs (see `rank`), not the whole library; repeated queries are remembered.
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
 * The answer is found among the names sharing the most of the query's characters that the library
 * holds (`k` of them), and only those need be looked at: once `max` names sharing `level` or more
 * are counted, and every name sharing `level` or more is certain to have been seen, no name not yet
 * seen can enter the answer. Names are seen through lists, two ways:
 *
 * - by pairs (PairIndex): a name sharing `s` characters holds two of any `k − s + 2` of them, so
 *   once every pair list within a set T of the query's characters is read, every name sharing
 *   `k − |T| + 2` or more is seen. T starts as the pair with the shortest list (level k: names
 *   holding every character) and grows by the character whose pairs add the fewest names;
 * - by characters: a name sharing `s` of the `k` characters is in one of any `k − s + 1` of their
 *   postings, so after the `j + 1` shortest every name sharing `k − j` or more is seen.
 *
 * The pairs go first while their lists are shorter than the postings that reach the same level;
 * if they do not find the answer, the postings are read as if they had not (what the pairs saw is
 * kept, counted). A name is counted in full when first seen, one bit test per character. So a
 * query whose answer shares most of its characters reads a few short lists, however large the
 * library, and no query reads more than the postings and the pair lists it was cheaper than.
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
  const atLeast = (level: number): number => {
    let sum = 0;
    for (let c = k; c >= level; c--) sum += byCount[c]!;
    return sum;
  };
  /** Counts, in full, each name of `list` not yet seen. */
  const countAll = (list: Int32Array): void => {
    for (let p = 0; p < list.length; p++) {
      const i = list[p]!;
      if (seen[i] === 1) continue;
      seen[i] = 1;
      touched[n++] = i;
      let c = 0;
      const word = i >>> 5;
      const bit = 1 << (i & 31);
      for (let m = 0; m < k; m++) if ((bits[m]![word]! & bit) !== 0) c++;
      counts[i] = c;
      byCount[c]!++;
    }
  };

  let floor = need;
  let found = false;
  const pairs = pairsOf(index, held);
  if (pairs !== undefined && pairs.first.length < lists[0]!.length) {
    const inT = new Uint8Array(pairs.r);
    const T = [pairs.a, pairs.b];
    inT[pairs.a] = inT[pairs.b] = 1;
    countAll(pairs.first);
    let read = pairs.first.length;
    for (;;) {
      const level = k - T.length + 2;
      if (level <= need) {
        found = true;
        break;
      }
      if (atLeast(level) >= max) {
        floor = level;
        found = true;
        break;
      }
      // the character whose pairs with T add the fewest names, if that is cheaper than postings
      let next = -1;
      let adds = Infinity;
      for (let c = 0; c < pairs.r; c++) {
        if (inT[c] === 1) continue;
        let sum = 0;
        for (const t of T) sum += pairs.list(c, t).length;
        if (sum < adds) {
          adds = sum;
          next = c;
        }
      }
      let postings = 0;
      for (let j = 0; j < T.length; j++) postings += lists[j]!.length;
      if (next < 0 || read + adds >= postings) break;
      for (const t of T) {
        countAll(pairs.list(next, t));
      }
      read += adds;
      T.push(next);
      inT[next] = 1;
    }
  }
  if (!found) {
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
      if (atLeast(level) >= max) {
        floor = level;
        break;
      }
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

/** The query's pair lists among its `r` rarest held characters, and the shortest of them; undefined with fewer than two. */
function pairsOf(index: LibraryIndex, held: readonly string[]): { r: number; a: number; b: number; first: Int32Array; list: (a: number, b: number) => Int32Array } | undefined {
  // T is chosen among the rarest few: the pairs of common characters are long anyway
  const r = Math.min(held.length, 8);
  if (r < 2) return undefined;
  const list = (a: number, b: number): Int32Array => pairList(index, held[a]!, held[b]!);
  let a0 = 0;
  let b0 = 1;
  let first = list(0, 1);
  for (let a = 0; a < r; a++) {
    for (let b = a + 1; b < r; b++) {
      const l = list(a, b);
      if (l.length < first.length) {
        a0 = a;
        b0 = b;
        first = l;
      }
    }
  }
  return { r, a: a0, b: b0, first, list };
}

/** The active names holding both `a` and `b` (characters the library holds), made on first use and kept (PairIndex). */
function pairList(index: LibraryIndex, a: string, b: string): Int32Array {
  const pairs = index.pairs;
  const x = pairs.ids.get(a)!;
  const y = pairs.ids.get(b)!;
  const key = x < y ? x * pairs.ids.size + y : y * pairs.ids.size + x;
  let list = pairs.lists.get(key);
  if (list === undefined) {
    const pa = index.postings.get(a)!;
    const pb = index.postings.get(b)!;
    const shorter = pa.length <= pb.length ? pa : pb;
    const other = bitsOf(index, pa.length <= pb.length ? b : a);
    const both: number[] = [];
    for (let p = 0; p < shorter.length; p++) {
      const i = shorter[p]!;
      if ((other[i >>> 5]! & (1 << (i & 31))) !== 0) both.push(i);
    }
    list = Int32Array.from(both);
    if (pairs.held + list.length > PAIR_BUDGET) {
      pairs.lists.clear();
      pairs.held = 0;
    }
    pairs.lists.set(key, list);
    pairs.held += list.length;
  }
  return list;
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
