// Units of measure (计量单位, docs/domain.md): not to be confused with a unit (预算单位). The library's unit is canonical; units within one family
// convert into each other, anything else that differs is a mismatch.

interface UnitFamily {
  name: string;
  /** unit spelling → factor to the family's base unit */
  factors: Record<string, number>;
}

const families: UnitFamily[] = [
  { name: "money", factors: { 元: 1, 万元: 1e4, 亿元: 1e8 } },
  { name: "length", factors: { 米: 1, m: 1, 公里: 1000, 千米: 1000, km: 1000 } },
  {
    name: "area",
    factors: { 平方米: 1, "m²": 1, m2: 1, 平方公里: 1e6, "km²": 1e6, km2: 1e6, 亩: 10000 / 15, 公顷: 10000, 万亩: 1e8 / 15 },
  },
  { name: "people", factors: { 人: 1, 万人: 1e4 } },
  { name: "times", factors: { 次: 1, 万次: 1e4 } },
  { name: "visits", factors: { 人次: 1, 万人次: 1e4 } },
  { name: "ratio", factors: { "%": 0.01, "‰": 0.001 } },
];

const familyOf = new Map<string, UnitFamily>();
for (const f of families) for (const u of Object.keys(f.factors)) familyOf.set(u, f);

// Units repeat on every row of a form (and of every form): their canonical spellings are
// remembered, a bounded table cleared when full.
const normalised = new Map<string, string>();

/** Canonical spelling of a unit as typed: full-width and spacing folded, 百分比 → %. Remembered. */
export function normaliseUnit(text: string): string {
  let t = normalised.get(text);
  if (t === undefined) {
    t = text
      .normalize("NFKC")
      .replace(/\s+/g, "")
      .replace(/^百分比$|^百分率$/, "%")
      .replace(/^千分比$/, "‰")
      .replace(/^KM$/i, "km");
    if (normalised.size >= 10_000) normalised.clear();
    normalised.set(text, t);
  }
  return t;
}

/** Every unit spelling the reader recognises after a number (`≥50万亩`). */
export function isKnownUnit(unit: string): boolean {
  return familyOf.has(normaliseUnit(unit));
}

/**
 * The factor that turns a value in `from` into `to`, 1 when they are the same unit,
 * undefined when they do not convert.
 */
export function conversionFactor(from: string, to: string): number | undefined {
  const a = normaliseUnit(from);
  const b = normaliseUnit(to);
  if (a === b) return 1;
  const fa = familyOf.get(a);
  const fb = familyOf.get(b);
  if (!fa || fa !== fb) return undefined;
  return fa.factors[a]! / fa.factors[b]!;
}

/** Converts a value between units; undefined when they do not convert. */
export function convert(value: number, from: string, to: string): number | undefined {
  const f = conversionFactor(from, to);
  return f === undefined ? undefined : roundSignificant(value * f);
}

/** Rounds away binary noise (0.1 × 3) so converted values print as people expect. */
export function roundSignificant(x: number, digits = 12): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

/** True for units whose own name carries 万 (万元, 万亩, 万人次): `1.2万` then means 1.2 of them. */
export function isWanBased(unit: string | undefined): boolean {
  return unit !== undefined && normaliseUnit(unit).startsWith("万");
}

/** Known unit spellings, longest first, so a suffix match takes 万人次 before 人次 before 次. */
export const knownUnitsLongestFirst: readonly string[] = [...familyOf.keys()].sort((a, b) => b.length - a.length);
