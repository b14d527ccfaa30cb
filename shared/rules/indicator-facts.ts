// What the checked rows (checked-rows.ts) and the row rules (rows.ts) read of a library indicator
// to decide whether a row has a finding, for every indicator of a library, in small arrays by the
// indicator's position in the library: its unit, whether it is qualitative, deprecated, the
// operators it allows, its plausible range, where a frame files it, its latest past result before a
// year and whether it applies to a field. Made once per library (libraryIndex), the frame's, year's
// and field's tables when first asked for. A check then reads a few bytes a row where it read
// the indicator and the lists and objects it holds (operators, range, history, fields): on a form
// of thousands of rows those reads missed the processor's caches, and they were most of the rules'
// time. The indicator itself is read again only to word a finding.
import { isInFrame, type FrameName } from "../frame.ts";
import type { Level1, Level2, Operator } from "../glossary.ts";
import type { Indicator } from "../library.ts";
import { normaliseUnit } from "../measure-units.ts";

export interface IndicatorFacts {
  /** the indicator's unit (the row's canonical unit) */
  unit: (string | undefined)[];
  /** 1 when that unit is a percentage (as normaliseUnit spells it, `%`): I210 asks of every row */
  percent: Uint8Array;
  /** 1 when the indicator is qualitative */
  qualitative: Uint8Array;
  /** 1 when the indicator is deprecated */
  deprecated: Uint8Array;
  /** the operators the indicator allows, one bit each (operatorBit) */
  operators: Uint8Array;
  /** range.min and range.max; NaN when not given (no number is below or above NaN) */
  min: Float64Array;
  max: Float64Array;
  /** the latest past result before a year: its year and value, NaN when there is none (latestBefore) */
  latest: Map<number, Latest>;
  /** 1 when the indicator applies to a field: it names no fields, or names this one (appliesTo) */
  fits: Map<string, Uint8Array>;
  /** where each frame files the indicator (placedIn) */
  placed: Map<FrameName, Placement>;
  indicators: readonly Indicator[];
}

/** Where a frame files each indicator: 2021's cost/* is output/cost in 2015 (placeInFrame). */
export interface Placement {
  level1: Level1[];
  level2: Level2[];
  /** 1 when the frame holds the pair it files the indicator under (isInFrame): I201 of a row filed there */
  inFrame: Uint8Array;
}

export interface Latest {
  year: Float64Array;
  value: Float64Array;
}

/** The bit of an operator in IndicatorFacts.operators; 0 for anything else (no indicator allows it). */
export function operatorBit(op: Operator | string): number {
  switch (op) {
    case ">=":
      return 1;
    case ">":
      return 2;
    case "=":
      return 4;
    case "<=":
      return 8;
    case "<":
      return 16;
    case "range":
      return 32;
    case "qualitative":
      return 64;
    default:
      return 0;
  }
}

export function indicatorFacts(indicators: readonly Indicator[]): IndicatorFacts {
  const n = indicators.length;
  const facts: IndicatorFacts = {
    unit: new Array<string | undefined>(n),
    percent: new Uint8Array(n),
    qualitative: new Uint8Array(n),
    deprecated: new Uint8Array(n),
    operators: new Uint8Array(n),
    min: new Float64Array(n),
    max: new Float64Array(n),
    latest: new Map(),
    fits: new Map(),
    placed: new Map(),
    indicators,
  };
  for (let i = 0; i < n; i++) {
    const ind = indicators[i]!;
    facts.unit[i] = ind.unit;
    if (ind.unit !== undefined && normaliseUnit(ind.unit) === "%") facts.percent[i] = 1;
    if (ind.valueType === "qualitative") facts.qualitative[i] = 1;
    if (ind.status === "deprecated") facts.deprecated[i] = 1;
    let ops = 0;
    for (const op of ind.operators) ops |= operatorBit(op);
    facts.operators[i] = ops;
    facts.min[i] = ind.range?.min ?? Number.NaN;
    facts.max[i] = ind.range?.max ?? Number.NaN;
  }
  return facts;
}

// A check asks for its form's year and project field: few distinct ones, but a form can name any
// year from 2000 to 2100 and any field, so the tables kept are bounded (a year's table is 16 bytes
// an indicator, 800 KB for 50,000; a field's one byte an indicator).
const KEPT_YEARS = 8;
const KEPT_FIELDS = 64;

/** The table kept under `key`, made on first use; past `limit` tables the map starts afresh. */
function kept<K, V>(tables: Map<K, V>, key: K, limit: number, make: () => V): V {
  let table = tables.get(key);
  if (table === undefined) {
    table = make();
    if (tables.size >= limit) tables.clear();
    tables.set(key, table);
  }
  return table;
}

/** Each indicator's latest past result before `year` (a 2024 target is not held to a 2025 result). */
export function latestBefore(facts: IndicatorFacts, year: number): Latest {
  return kept(facts.latest, year, KEPT_YEARS, () => {
    const n = facts.indicators.length;
    const latest: Latest = { year: new Float64Array(n).fill(Number.NaN), value: new Float64Array(n).fill(Number.NaN) };
    for (let i = 0; i < n; i++) {
      const history = facts.indicators[i]!.history;
      if (!history) continue;
      let found: { year: number; value: number } | undefined;
      for (const h of history) if (h.year < year && (found === undefined || h.year > found.year)) found = h;
      if (found === undefined) continue;
      latest.year[i] = found.year;
      latest.value[i] = found.value;
    }
    return latest;
  });
}

/** 1 for each indicator that applies to `field` (it names no fields, or names this one). */
export function appliesTo(facts: IndicatorFacts, field: string): Uint8Array {
  return kept(facts.fits, field, KEPT_FIELDS, () => {
    const fits = new Uint8Array(facts.indicators.length);
    for (let i = 0; i < fits.length; i++) {
      const fields = facts.indicators[i]!.fields;
      if (fields.length === 0 || fields.includes(field)) fits[i] = 1;
    }
    return fits;
  });
}

/** Where `frame` files each indicator (placeInFrame), made on first use (two frames at most). */
export function placedIn(facts: IndicatorFacts, frame: FrameName): Placement {
  return kept(facts.placed, frame, Number.POSITIVE_INFINITY, () => {
    const n = facts.indicators.length;
    const placed: Placement = { level1: new Array<Level1>(n), level2: new Array<Level2>(n), inFrame: new Uint8Array(n) };
    for (let i = 0; i < n; i++) {
      const place = placeInFrame(facts.indicators[i]!, frame);
      placed.level1[i] = place.level1;
      placed.level2[i] = place.level2;
      if (isInFrame(frame, place.level1, place.level2)) placed.inFrame[i] = 1;
    }
    return placed;
  });
}

/** Where a library indicator sits in the policy's frame: 2021's cost/* is output/cost in 2015. */
export function placeInFrame(ind: Indicator, frame: FrameName): { level1: Level1; level2: Level2 } {
  if (frame === "2015" && ind.level1 === "cost") return { level1: "output", level2: "cost" };
  if (frame === "2021" && ind.level1 === "output" && ind.level2 === "cost") return { level1: "cost", level2: "economicCost" };
  return { level1: ind.level1, level2: ind.level2 };
}
