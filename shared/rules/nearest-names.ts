// The library as the rules look it up: by code, by name, what the row rules read of each indicator
// (indicator-facts.ts), and by the characters and pairs of characters names share (I203 offers the
// nearest names). Built once per library object and cached, so checking many forms, or a form with
// thousands of unknown rows, does not rebuild it.
import type { Indicator, Library } from "../library.ts";
import { indicatorFacts, type IndicatorFacts } from "./indicator-facts.ts";
import { PositionTable } from "./position-table.ts";

export interface LibraryIndex {
  indicators: readonly Indicator[];
  /** code → the indicator's position in `indicators` */
  codeAt: PositionTable;
  /** normalised name → the indicator's position (the first active one when names repeat) */
  nameAt: PositionTable;
  facts: IndicatorFacts;
  /** each character (code point) the active names hold → the names holding it (see Character) */
  characters: Map<number, Character>;
  /** the same for the characters of the Basic Multilingual Plane (all but a few), by their code: id + 1, 0 when no active name holds it (characterOf) */
  bmp: Uint16Array;
  /** the characters by id */
  byId: Character[];
  /** distinct characters of each normalised name */
  lengths: Uint16Array;
  /** the pairs of characters names hold together (see PairIndex) */
  pairs: PairIndex;
  /** per-indicator marks and the touched list, reused by each query (cleared again after use) */
  seen: Uint8Array;
  touched: Int32Array;
  counts: Uint16Array;
  /** the three nearest names already given, by normalised query (bounded) */
  answers: Map<string, readonly string[]>;
}

/** One character of the active names. */
export interface Character {
  /** its number, in pair keys */
  id: number;
  /** positions in `indicators` of the active names holding it, ascending */
  postings: Int32Array;
  /** the same as one bit per indicator (made on first use) */
  bits: Uint32Array | undefined;
  /** the pair lists of this character with each of higher id, by that id (PairIndex; the array made on first use) */
  pairs: (Int32Array | undefined)[] | undefined;
}

/**
 * Names holding two characters together, by pair. A character shared by a tenth of a big library
 * (率, 面积's 积) has long postings, but two of a query's characters together are held by few
 * names: the names a search wants are found in a short list. A pair's list is made from the two
 * postings when first asked for (the shorter read against the other's bits) and kept for the
 * library's life, within a budget; the searches of a library's forms ask for few pairs. The lists
 * are kept by the lower-id character of the pair (Character.pairs), in an array by the other's id:
 * a search asks for ~20 pairs, and looked up by a number key in one Map they were a fifth of its
 * time.
 */
export interface PairIndex {
  /** positions held in the characters' pair lists, against PAIR_BUDGET */
  held: number;
}

/** At most this many positions are kept in pair lists (16 MB); past it they are forgotten and made again. */
const PAIR_BUDGET = 4_000_000;

const cache = new WeakMap<Library, LibraryIndex>();

/** Names compare without spaces, full-width forms folded: `森林管护面积 ` = `森林管护面积`. */
export function normaliseName(name: string): string {
  if (settled.test(name)) return name;
  return name.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
}
// Printable ASCII and the CJK unified ideographs are as NFKC leaves them, and hold no space.
const settled = /^[\x21-\x7e\u4e00-\u9fff]*$/;

export function libraryIndex(library: Library): LibraryIndex {
  const hit = cache.get(library);
  if (hit) return hit;
  const indicators = library.indicators;
  const codeAt = new PositionTable(indicators.length);
  const nameAt = new PositionTable(indicators.length);
  const lists = new Map<number, number[]>();
  const lengths = new Uint16Array(indicators.length);
  indicators.forEach((ind, i) => {
    codeAt.set(ind.code, i);
    const name = normaliseName(ind.name);
    const prev = nameAt.get(name);
    if (prev === undefined || (indicators[prev]!.status === "deprecated" && ind.status !== "deprecated")) nameAt.set(name, i);
    const size = distinctChars(name, chars);
    lengths[i] = Math.min(size, 65535);
    if (ind.status === "deprecated") return;
    for (let j = 0; j < size; j++) {
      const ch = chars[j]!;
      const list = lists.get(ch);
      if (list) list.push(i);
      else lists.set(ch, [i]);
    }
  });
  const characters = new Map<number, Character>();
  const bmp = new Uint16Array(0x10000);
  const byId: Character[] = [];
  for (const [ch, list] of lists) {
    const c: Character = { id: characters.size, postings: Int32Array.from(list), bits: undefined, pairs: undefined };
    characters.set(ch, c);
    byId.push(c);
    // ids past 65534 (a library of that many distinct characters) are found in the Map only
    if (ch <= 0xffff && c.id < 0xffff) bmp[ch] = c.id + 1;
  }
  const index: LibraryIndex = {
    indicators,
    codeAt,
    nameAt,
    facts: indicatorFacts(indicators),
    characters,
    bmp,
    byId,
    lengths,
    pairs: { held: 0 },
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
 * the answer needs (see `rank`), not the whole library; repeated queries are remembered. I203 asks
 * with names it has normalised already (`normalised`), which are then not normalised again.
 */
export function nearestNames(index: LibraryIndex, query: string, max = 3, normalised = false): readonly string[] {
  const q = normalised ? query : normaliseName(query);
  if (max !== 3) return rank(index, q, max);
  // Remembered by the normalised query (three names, as I203 asks); given out frozen, so shared safely.
  const known = index.answers.get(q);
  if (known) return known;
  const answer = Object.freeze(rank(index, q, max));
  if (index.answers.size >= 20_000) index.answers.clear();
  index.answers.set(q, answer);
  return answer;
}

/** The pairs tried first are among the query's rarest few characters: pairs of common ones are long anyway. */
const PAIRED = 6;

// A search's working lists, reused (searches run one at a time): the query's distinct characters,
// the library's Character for those it holds and their bits (the first `heldCount`), and how many
// names share c of them. Each is filled up to a count kept beside it, not cut to length: setting an
// array's length, or filling it, is a call into the engine (~50 ns), and a search made nine of them
// (about a fifth of a short search's time).
const chars: number[] = [];
const held: Character[] = [];
const bits: Uint32Array[] = [];
let heldCount = 0;
const byCount: number[] = [];

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
  const size = distinctChars(q, chars);
  if (size === 0 || max <= 0) return [];
  const need = size <= 2 ? 1 : 2;
  // the characters the library holds, their postings shortest first (an insertion sort: few)
  let k = 0;
  for (let j = 0; j < size; j++) {
    const c = characterOf(index, chars[j]!);
    if (c === undefined) continue;
    let at = k++;
    while (at > 0 && held[at - 1]!.postings.length > c.postings.length) {
      held[at] = held[at - 1]!;
      at--;
    }
    held[at] = c;
  }
  heldCount = k;
  if (k < need) return [];
  for (let m = 0; m < k; m++) bits[m] = bitsOf(index, held[m]!);
  // byCount[c]: how many of the names seen share exactly c characters
  for (let c = 0; c <= k; c++) byCount[c] = 0;
  let n = 0;
  let floor = need;
  let found = false;
  const r = Math.min(k, PAIRED);
  if (r >= 2) {
    // T starts as the pair of the shortest list
    let a0 = 0;
    let b0 = 1;
    let first = pairList(index, held[0]!, held[1]!);
    for (let a = 0; a < r && first.length > 0; a++) {
      for (let b = a + 1; b < r; b++) {
        const list = pairList(index, held[a]!, held[b]!);
        if (list.length < first.length) {
          a0 = a;
          b0 = b;
          first = list;
        }
      }
    }
    if (first.length < held[0]!.postings.length) {
      // Most searches end with this list: when `max` or more of its names hold every character of
      // the query the library holds, those are the answer (no other name can share as many). They
      // are found testing each name only until a character it lacks, where counting tests every
      // character for every name: a big library's lists are long (the bench's unknown names took
      // 6.0–6.3 ms against 50,000 indicators counting, 4.9 ms so).
      if (k > need) {
        const tests = others(a0, b0);
        const { touched, counts } = index;
        let all = 0;
        for (let p = 0; p < first.length; p++) {
          const i = first[p]!;
          const word = i >>> 5;
          const bit = 1 << (i & 31);
          let m = 0;
          while (m < tests && (rest[m]![word]! & bit) !== 0) m++;
          if (m < tests) continue;
          touched[all++] = i;
          counts[i] = k;
        }
        if (all >= max) return nearest(index, all, k, size, max);
      }
      const T = [a0, b0];
      let inT = (1 << a0) | (1 << b0);
      n = countFrom(index, first, n, others(a0, b0), 2);
      let read = first.length;
      for (;;) {
        const level = k - T.length + 2; // every name sharing `level` or more is now seen
        if (level <= need || atLeast(level) >= max) {
          floor = Math.max(level, need);
          found = true;
          break;
        }
        // the character whose pairs with T add the fewest names, if cheaper than the postings
        // that would reach the next level
        let next = -1;
        let adds = Infinity;
        for (let c = 0; c < r; c++) {
          if ((inT & (1 << c)) !== 0) continue;
          let sum = 0;
          for (const t of T) sum += pairList(index, held[c]!, held[t]!).length;
          if (sum < adds) {
            adds = sum;
            next = c;
          }
        }
        let postings = 0;
        for (let j = 0; j < T.length; j++) postings += held[j]!.postings.length;
        if (next < 0 || read + adds >= postings) break;
        for (const t of T) n = countFrom(index, pairList(index, held[next]!, held[t]!), n, others(next, t), 2);
        read += adds;
        T.push(next);
        inT |= 1 << next;
      }
    }
  }
  if (!found) {
    for (let j = 0; j < k; j++) {
      // A name not yet seen is in none of the shorter lists (it would have been) and holds the
      // j-th character: count the ones after it.
      n = countFrom(index, held[j]!.postings, n, others(j, -1, j + 1), 1);
      const level = k - j; // every name sharing `level` or more is now seen
      if (level <= need) break;
      if (atLeast(level) >= max) {
        floor = level;
        break;
      }
    }
  }
  return nearest(index, n, floor, size, max);
}

/**
 * Marks and counts each name of `list` not yet seen: the `known` characters every name of the list
 * holds (the two of a pair list, the one of a postings list), and one bit test for each of the
 * `tests` characters others() put in `rest`; the new number seen.
 */
function countFrom(index: LibraryIndex, list: Int32Array, n: number, tests: number, known: number): number {
  const { seen, touched, counts } = index;
  const test = rest;
  const k = tests;
  for (let p = 0; p < list.length; p++) {
    const i = list[p]!;
    if (seen[i] === 1) continue;
    seen[i] = 1;
    touched[n++] = i;
    let c = known;
    const word = i >>> 5;
    const bit = 1 << (i & 31);
    for (let m = 0; m < k; m++) if ((test[m]![word]! & bit) !== 0) c++;
    counts[i] = c;
    byCount[c]!++;
  }
  return n;
}

/** Puts in `rest` the bits of the held characters from `from` on, but for the a-th and b-th (reused: one list at a time); how many. */
function others(a: number, b: number, from = 0): number {
  let count = 0;
  for (let m = from; m < heldCount; m++) if (m !== a && m !== b) rest[count++] = bits[m]!;
  return count;
}
const rest: Uint32Array[] = [];

/** How many of the names seen share `level` or more of the held characters. */
function atLeast(level: number): number {
  let sum = 0;
  for (let c = heldCount; c >= level; c--) sum += byCount[c]!;
  return sum;
}

/**
 * The best `max` of the `n` names seen sharing `floor` or more (most shared, then the closest in
 * size to the query's `size`, then library order); the marks are cleared on the way.
 */
function nearest(index: LibraryIndex, n: number, floor: number, size: number, max: number): string[] {
  const { seen, touched, counts, lengths } = index;
  // the best so far, best first, as three parallel lists (reused)
  let m = 0;
  for (let t = 0; t < n; t++) {
    const i = touched[t]!;
    seen[i] = 0;
    const shared = counts[i]!;
    if (shared < floor) continue;
    if (m === max && bestShared[max - 1]! > shared) continue;
    const fit = shared / Math.max(lengths[i]!, size);
    let at = m;
    while (at > 0) {
      const s = bestShared[at - 1]!;
      const f = bestFit[at - 1]!;
      if (s > shared || (s === shared && (f > fit || (f === fit && bestAt[at - 1]! < i)))) break;
      at--;
    }
    if (at >= max) continue;
    if (m < max) m++;
    for (let j = m - 1; j > at; j--) {
      bestAt[j] = bestAt[j - 1]!;
      bestShared[j] = bestShared[j - 1]!;
      bestFit[j] = bestFit[j - 1]!;
    }
    bestAt[at] = i;
    bestShared[at] = shared;
    bestFit[at] = fit;
  }
  const names: string[] = new Array(m);
  for (let j = 0; j < m; j++) names[j] = index.indicators[bestAt[j]!]!.name;
  return names;
}
const bestAt: number[] = [];
const bestShared: number[] = [];
const bestFit: number[] = [];

/** The active names holding both characters, made on first use and kept (PairIndex). */
function pairList(index: LibraryIndex, a: Character, b: Character): Int32Array {
  const low = a.id < b.id ? a : b;
  const high = low === a ? b : a;
  let lists = low.pairs;
  let list = lists === undefined ? undefined : lists[high.id];
  if (list === undefined) {
    const [shorter, other] = a.postings.length <= b.postings.length ? [a.postings, bitsOf(index, b)] : [b.postings, bitsOf(index, a)];
    const both: number[] = [];
    for (let p = 0; p < shorter.length; p++) {
      const i = shorter[p]!;
      if ((other[i >>> 5]! & (1 << (i & 31))) !== 0) both.push(i);
    }
    list = Int32Array.from(both);
    // a character's array of lists counts against the budget as two positions a slot (a slot is 8 bytes)
    const pairs = index.pairs;
    const cost = list.length + (lists === undefined ? 2 * index.byId.length : 0);
    if (pairs.held + cost > PAIR_BUDGET) {
      for (const c of index.byId) c.pairs = undefined;
      pairs.held = 0;
      lists = undefined;
    }
    if (lists === undefined) {
      lists = low.pairs = new Array<Int32Array | undefined>(index.byId.length).fill(undefined);
      pairs.held += 2 * index.byId.length;
    }
    lists[high.id] = list;
    pairs.held += list.length;
  }
  return list;
}

/** The library's Character for a code point, if an active name holds it. */
function characterOf(index: LibraryIndex, ch: number): Character | undefined {
  if (ch > 0xffff) return index.characters.get(ch);
  const id = index.bmp[ch]!;
  return id !== 0 ? index.byId[id - 1] : index.characters.size >= 0xffff ? index.characters.get(ch) : undefined;
}

/** A character's postings as bits, made on first use. */
function bitsOf(index: LibraryIndex, c: Character): Uint32Array {
  if (c.bits === undefined) {
    const b = new Uint32Array((index.indicators.length + 31) >>> 5);
    for (const i of c.postings) b[i >>> 5]! |= 1 << (i & 31);
    c.bits = b;
  }
  return c.bits;
}

/** The distinct characters (code points) of a short string, in order, into `out`; how many (names are ≤ 100 characters). */
function distinctChars(s: string, out: number[]): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.codePointAt(i)!;
    if (ch > 0xffff) i++;
    let j = 0;
    while (j < count && out[j] !== ch) j++;
    if (j === count) out[count++] = ch;
  }
  return count;
}
