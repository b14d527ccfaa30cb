// The indicator picker's search: by name, and by pinyin as Chinese users type it — whole
// (`senlinfugailv`), initials (`slfgl`, `slfg`), or mixed (`senlfg`); ü typed as v or u. The
// pinyin of every name is computed once per library version (buildIndex), not per keystroke.
// pinyin-pro carries a dictionary: the pane loads this module on demand so the entry stays small.
import { pinyin } from "pinyin-pro";
import type { Indicator, Library } from "../../shared/library.ts";

export interface IndexedIndicator {
  indicator: Indicator;
  name: string;
  /** per character: pinyin spellings (lower case, ü as v and u); other characters as themselves */
  syllables: string[][];
  initials: string;
  full: string;
}

export interface SearchIndex {
  version: number;
  entries: IndexedIndicator[];
}

export interface SearchFilters {
  field?: string;
  /** the project's field: its indicators come first (the others still follow) */
  prefer?: string;
  level1?: string;
  level2?: string;
  includeDeprecated?: boolean;
}

function spellings(s: string): string[] {
  const lower = s.toLowerCase().trim();
  if (!lower) return [];
  if (lower.includes("ü")) return [lower.replace(/ü/g, "v"), lower.replace(/ü/g, "u")];
  return [lower];
}

export function indexIndicator(indicator: Indicator): IndexedIndicator {
  const parts = pinyin(indicator.name, { toneType: "none", type: "array" });
  const syllables = parts.map(spellings).filter((s) => s.length > 0);
  return {
    indicator,
    name: indicator.name,
    syllables,
    initials: syllables.map((s) => s[0]![0]).join(""),
    full: syllables.map((s) => s[0]).join(""),
  };
}

export function buildIndex(library: Pick<Library, "version" | "indicators">): SearchIndex {
  return { version: library.version, entries: library.indicators.map(indexIndicator) };
}

/** Does q match a run of syllables starting at `from`, each giving a non-empty prefix of itself? */
function matchesFrom(syllables: string[][], from: number, q: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (si: number, qi: number): boolean => {
    if (qi === q.length) return true;
    if (si === syllables.length) return false;
    const key = si * 1000 + qi;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let ok = false;
    for (const spelling of syllables[si]!) {
      for (let len = Math.min(spelling.length, q.length - qi); len >= 1 && !ok; len--) {
        if (q.startsWith(spelling.slice(0, len), qi) && go(si + 1, qi + len)) ok = true;
      }
      if (ok) break;
    }
    memo.set(key, ok);
    return ok;
  };
  return go(from, 0);
}

/** 0 = no match; higher is better. */
export function scoreEntry(e: IndexedIndicator, query: string): number {
  const q = query.trim().toLowerCase().replace(/\s+/g, "");
  if (!q) return 1;
  if (e.name === query.trim()) return 100;
  if (e.name.startsWith(query.trim())) return 90;
  if (e.name.includes(query.trim())) return 80;
  if (e.indicator.code.toLowerCase() === q) return 85;
  if (!/^[a-z0-9ü]+$/.test(q)) return 0;
  if (e.initials.startsWith(q)) return 70;
  if (e.full.startsWith(q)) return 65;
  if (matchesFrom(e.syllables, 0, q)) return 60;
  for (let i = 1; i < e.syllables.length; i++) if (matchesFrom(e.syllables, i, q)) return 40;
  return 0;
}

export function search(index: SearchIndex, query: string, filters: SearchFilters = {}, limit = 50): Indicator[] {
  const out: { s: number; e: IndexedIndicator; i: number }[] = [];
  index.entries.forEach((e, i) => {
    const ind = e.indicator;
    if (!filters.includeDeprecated && ind.status === "deprecated") return;
    if (filters.field && ind.fields.length > 0 && !ind.fields.includes(filters.field)) return;
    if (filters.level1 && ind.level1 !== filters.level1) return;
    if (filters.level2 && ind.level2 !== filters.level2) return;
    const s = scoreEntry(e, query);
    if (s > 0) out.push({ s: s + (filters.prefer && ind.fields.includes(filters.prefer) ? 1000 : 0), e, i });
  });
  out.sort((a, b) => b.s - a.s || a.e.name.length - b.e.name.length || a.i - b.i);
  return out.slice(0, limit).map((o) => o.e.indicator);
}
