// The indicator rows as the rules see them once the library has been consulted: for each row the
// library indicator it names (by code, else by name), its trimmed name and the key rows are told
// apart by (I215) and searched for (I203). Built once per validate(), in one loop of look-ups.
//
// The rest of what a row rule reads of a row (its values in its unit and the library's, whether it
// is qualitative) is read by the one walk of the row rules (rows.ts), as it decides them, and is
// not kept: a record a row (CheckedRow) is made only for a row with a finding to word. Kept for
// every row of a 10,000-row form, those records were ~1.7 MB alive through the check, and copying
// them when a collection of the young generation fell inside a check was a large part of its time
// (docs/rules.md, "How the engine reads the rows").
import type { IndicatorRow } from "../form.ts";
import type { Indicator } from "../library.ts";
import { rowRef, type Text } from "./messages.ts";
import { normaliseName, type LibraryIndex } from "./nearest-names.ts";
import { text, type RowValues } from "./row-values.ts";

export interface CheckedRows {
  rows: readonly IndicatorRow[];
  index: LibraryIndex;
  /** each row's indicator's position in the library (its facts: index.facts), -1 when none */
  at: Int32Array;
  /** each row's trimmed name, undefined when blank */
  names: (string | undefined)[];
  /** the name as rows are told apart by it (I215) and searched for (I203): normalised for a row the library does not hold; "" when blank */
  keys: string[];
  /** how many rows have a level-3 name */
  named: number;
  /** the rows (positions) with a level-3 name that names no library indicator (I203), in order */
  unknown: number[];
  /** each row's reference in messages, made when first needed (refOf) */
  refs: (Text | undefined)[];
  /**
   * The walk of the row rules over these rows (rows.ts), kept for the check's other rules. A
   * property of the rows rather than a WeakMap by them: a collection of the young generation kept
   * a WeakMap's values alive, so each check's findings were copied and promoted to the old
   * generation by the next one (3.4 MB a collection, 6–10 ms each on the bench's form).
   */
  walked: object | undefined;
}

/** A row with a finding, as the finding's words read it (made by the walk for that row only). */
export interface CheckedRow {
  rows: CheckedRows;
  index: number;
  row: IndicatorRow;
  /** trimmed name (a row with a finding but I201's or I202's has one) */
  name: string | undefined;
  indicator: Indicator | undefined;
  /** the indicator's position in the library, -1 when none */
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
}

export function checkRows(rows: readonly IndicatorRow[], index: LibraryIndex): CheckedRows {
  const n = rows.length;
  const ats = new Int32Array(n);
  const names: (string | undefined)[] = new Array(n);
  const keys: string[] = new Array(n);
  const unknown: number[] = [];
  let named = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const name = text(row.name);
    const code = text(row.code);
    // By code first; else by name, looked up as typed (most names are typed as the library spells
    // them) before normalising.
    let at = code !== undefined ? index.codeAt.get(code) : undefined;
    let key = "";
    if (name !== undefined) {
      named++;
      if (at !== undefined) key = name;
      else if ((at = index.nameAt.get(name)) !== undefined) key = name;
      else if ((key = normaliseName(name)) !== name) at = index.nameAt.get(key);
      if (at === undefined) unknown.push(i);
    }
    ats[i] = at ?? -1;
    names[i] = name;
    keys[i] = key;
  }
  return { rows, index, at: ats, names, keys, named, unknown, refs: new Array(n), walked: undefined };
}

/** Each row's library unit (undefined when it names no indicator): what the score and the lights read a row's values with. */
export function knownUnits(checked: CheckedRows): (string | undefined)[] {
  const units = checked.index.facts.unit;
  const out: (string | undefined)[] = new Array(checked.at.length);
  for (let i = 0; i < out.length; i++) {
    const at = checked.at[i]!;
    out[i] = at >= 0 ? units[at] : undefined;
  }
  return out;
}

/** Row `i`'s reference for messages (第3行指标“…”), made when a message first needs it. */
export function refAt(checked: CheckedRows, i: number): Text {
  return (checked.refs[i] ??= rowRef(i, checked.names[i]));
}
