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
  // In three loops, each doing one thing for every row: the library look-ups, the reading of the
  // values, the records. The reading (rowValues) is most of the work, and in a loop of its own it
  // runs as it does in a bare pass over the targets; in one loop with the look-ups and the records
  // the three took 4.1–5.0 ms on a 10,000-row form where the loops take 3.2–3.8 ms (measured side by
  // side, best of 200).
  const n = rows.length;
  const ats = new Int32Array(n);
  const names: (string | undefined)[] = new Array(n);
  const keys: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
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
    ats[i] = at ?? -1;
    names[i] = name;
    keys[i] = key;
  }
  // the indicator's unit and value type from the library's facts: the indicator itself is not read here
  const { unit: units, qualitative: qualitatives } = index.facts;
  const values: RowValues[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = ats[i]!;
    values[i] = rowValues(rows[i]!, at >= 0 ? units[at] : undefined);
  }
  const out: CheckedRow[] = new Array(n);
  const lists: RowLists = { named: [], unknown: [] };
  for (let i = 0; i < n; i++) {
    const at = ats[i]!;
    const v = values[i]!;
    const libraryUnit = at >= 0 ? units[at] : undefined;
    const qualitative = at >= 0 ? qualitatives[at] === 1 : v.qualitative;
    const canonicalUnit = libraryUnit ?? v.unit;
    // Most rows are in the library's own unit, spelled as the library spells it.
    const factor = v.unit === undefined || canonicalUnit === undefined ? undefined : v.unit === canonicalUnit ? 1 : factorBetween(v.unit, canonicalUnit);
    const checked: CheckedRow = {
      index: i,
      row: rows[i]!,
      name: names[i],
      key: keys[i]!,
      indicator: at >= 0 ? index.indicators[at] : undefined,
      at,
      unit: v.unit,
      operator: v.operator,
      typedOperator: v.typedOperator,
      target: v.target,
      rowLow: v.low,
      rowHigh: v.high,
      qualitative,
      canonicalUnit,
      factor,
      low: scaled(v.low, factor),
      high: scaled(v.high, factor),
      ref: undefined,
    };
    out[i] = checked;
    sortInto(lists, checked);
  }
  subsets.set(out, lists);
  return out;
}

// The row lists rules walk besides the rows (I203, C301–C306), sorted as checkRows makes the rows
// rather than in a pass of their own, and shared by the rules.
export interface RowLists {
  /** rows with a level-3 name */
  named: CheckedRow[];
  /** of those, rows naming no library indicator (I203) */
  unknown: CheckedRow[];
}
const subsets = new WeakMap<readonly CheckedRow[], RowLists>();
export function rowLists(rows: readonly CheckedRow[]): RowLists {
  let lists = subsets.get(rows);
  if (!lists) {
    lists = { named: [], unknown: [] };
    for (let j = 0; j < rows.length; j++) sortInto(lists, rows[j]!);
    subsets.set(rows, lists);
  }
  return lists;
}
function sortInto(lists: RowLists, r: CheckedRow): void {
  if (r.name === undefined) return;
  lists.named.push(r);
  if (r.at < 0) lists.unknown.push(r);
}

function scaled(x: number | undefined, factor: number | undefined): number | undefined {
  return x === undefined || factor === undefined ? undefined : factor === 1 ? x : Number((x * factor).toPrecision(12));
}
