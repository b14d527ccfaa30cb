// Each indicator row as the rules see it once the library has been consulted: the library
// indicator it names (by code, else by name), whether it is qualitative, its unit against the
// library's canonical one, and its target in the canonical unit. Built once per validate().
import type { IndicatorRow } from "../form.ts";
import type { Indicator } from "../library.ts";
import { normaliseName, type LibraryIndex } from "./nearest-names.ts";
import { factorBetween, rowValues, text, type RowValues } from "./row-values.ts";

export interface CheckedRow {
  index: number;
  row: IndicatorRow;
  /** trimmed name, undefined when blank */
  name: string | undefined;
  /** the name as rows are told apart by it (I215) and searched for (I203): normalised for a row the library does not hold; "" when blank */
  key: string;
  indicator: Indicator | undefined;
  /** the indicator's position in the library (its facts: index.facts), -1 when none */
  at: number;
  /** as read from the row alone (see RowValues): the row's unit, operators and target */
  unit: RowValues["unit"];
  operator: RowValues["operator"];
  typedOperator: RowValues["typedOperator"];
  target: RowValues["target"];
  /** target values in the row's own unit */
  rowLow: number | undefined;
  rowHigh: number | undefined;
  /** qualitative by the library indicator, else by the row */
  qualitative: boolean;
  /** the library's unit, else the row's */
  canonicalUnit: string | undefined;
  /** row unit → canonical unit; undefined when they do not convert or a unit is missing */
  factor: number | undefined;
  /** target values in the canonical unit */
  low: number | undefined;
  high: number | undefined;
  /** the row's reference in messages, made when first needed (present from the start, so every row keeps one shape) */
  ref: { zh: string; en: string } | undefined;
}

export function checkRows(rows: readonly IndicatorRow[], index: LibraryIndex): CheckedRow[] {
  const out: CheckedRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const name = text(row.name);
    const code = text(row.code);
    // By code first; else by name, looked up as typed (most names are typed as the library spells
    // them) before normalising.
    let at = code !== undefined ? index.codeAt.get(code) : undefined;
    let key = "";
    if (name !== undefined) {
      if (at !== undefined) key = name;
      else if ((at = index.nameAt.get(name)) !== undefined) key = name;
      else if ((key = normaliseName(name)) !== name) at = index.nameAt.get(key);
    }
    // the indicator's unit and value type from the library's facts: the indicator itself is not read here
    const indicator = at !== undefined ? index.indicators[at] : undefined;
    const libraryUnit = at !== undefined ? index.facts.unit[at] : undefined;
    const values = rowValues(row, libraryUnit);
    const qualitative = at !== undefined ? index.facts.qualitative[at] === 1 : values.qualitative;
    const canonicalUnit = libraryUnit ?? values.unit;
    // Most rows are in the library's own unit, spelled as the library spells it.
    const factor = values.unit === undefined || canonicalUnit === undefined ? undefined : values.unit === canonicalUnit ? 1 : factorBetween(values.unit, canonicalUnit);
    out[i] = {
      index: i,
      row,
      name,
      key,
      indicator,
      at: at ?? -1,
      unit: values.unit,
      operator: values.operator,
      typedOperator: values.typedOperator,
      target: values.target,
      rowLow: values.low,
      rowHigh: values.high,
      qualitative,
      canonicalUnit,
      factor,
      low: scaled(values.low, factor),
      high: scaled(values.high, factor),
      ref: undefined,
    };
  }
  return out;
}

// The row lists the rules walk, made once per check (a form's checked rows) in one pass and shared
// by the rules (C301–C305 too), instead of one filtered copy per rule.
export interface RowLists {
  /** rows with a level-3 name */
  named: CheckedRow[];
  /** of those, rows naming no library indicator (I203) */
  unknown: CheckedRow[];
  /** named rows whose target counts (not marked not applicable) */
  withTargets: CheckedRow[];
  /** of those, quantitative rows with a target read in the canonical unit */
  readTargets: (CheckedRow & { low: number })[];
}
const subsets = new WeakMap<readonly CheckedRow[], RowLists>();
export function rowLists(rows: readonly CheckedRow[]): RowLists {
  let s = subsets.get(rows);
  if (!s) {
    // made at full length and cut to what they hold, rather than grown row by row
    const named: CheckedRow[] = new Array(rows.length);
    const unknown: CheckedRow[] = [];
    const withTargets: CheckedRow[] = new Array(rows.length);
    const readTargets: (CheckedRow & { low: number })[] = new Array(rows.length);
    let n = 0;
    let w = 0;
    let t = 0;
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j]!;
      if (r.name === undefined) continue;
      named[n++] = r;
      if (r.at < 0) unknown.push(r);
      if (r.row.na) continue;
      withTargets[w++] = r;
      if (!r.qualitative && r.low !== undefined) readTargets[t++] = r as CheckedRow & { low: number };
    }
    named.length = n;
    withTargets.length = w;
    readTargets.length = t;
    s = { named, unknown, withTargets, readTargets };
    subsets.set(rows, s);
  }
  return s;
}

function scaled(x: number | undefined, factor: number | undefined): number | undefined {
  return x === undefined || factor === undefined ? undefined : factor === 1 ? x : Number((x * factor).toPrecision(12));
}
