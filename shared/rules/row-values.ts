// One indicator row's values as the rules, the score and the lights read them, with no library:
// the operator (the column, or typed in the target cell), the unit, and the target, actual and
// progress values in the row's own unit.
import type { Operator } from "../glossary.ts";
import type { IndicatorRow } from "../form.ts";
import { conversionFactor, normaliseUnit } from "../measure-units.ts";
import { readValueIn, type CellValue, type ReadValue } from "../values.ts";

// Units repeat on every row: their conversion factors are remembered (bounded); normaliseUnit
// remembers the spellings itself.
const factors = new Map<string, number | null>();

/** A unit's canonical spelling, to compare two units (normaliseUnit, which remembers them). */
export const unitKey = normaliseUnit;

/** conversionFactor, remembered. */
export function factorBetween(from: string, to: string): number | undefined {
  const key = `${from}\u0000${to}`;
  let f = factors.get(key);
  if (f === undefined) {
    if (factors.size > 10_000) factors.clear();
    f = conversionFactor(from, to) ?? null;
    factors.set(key, f);
  }
  return f ?? undefined;
}

/**
 * A cell read in a given unit: a number typed with another convertible unit is converted. `unit`
 * is the unit typed after the number, if any (`≥50万亩`); `foreignUnit` when it does not convert.
 */
export type Quantity = (Extract<ReadValue, { kind: "number" }> & { foreignUnit?: boolean }) | Exclude<ReadValue, { kind: "number" }>;

export function readQuantity(cell: CellValue, unit: string | undefined): Quantity {
  return quantityIn(readValueIn(cell, unit), unit);
}

/** A cell already read in `unit` (readValueIn), as readQuantity gives it: so a rule that reads the cell for its kind too reads it once. */
export function quantityIn(v: ReadValue, unit: string | undefined): Quantity {
  // typed in the unit itself (readValue gives it as normaliseUnit spells the unit): nothing to convert
  if (v.kind !== "number" || v.unit === undefined || unit === undefined || v.unit === unit || unitKey(v.unit) === unitKey(unit)) return v;
  const out: Quantity = { kind: "number", value: v.value, unit: v.unit };
  if (v.high !== undefined) out.high = v.high;
  if (v.operator !== undefined) out.operator = v.operator;
  const f = factorBetween(v.unit, unit);
  if (f === undefined) out.foreignUnit = true;
  else {
    out.value = round(v.value * f);
    if (out.high !== undefined) out.high = round(out.high * f);
  }
  return out;
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}

export interface RowValues {
  /** the row's unit: the unit column, else the unit typed after the target */
  unit: string | undefined;
  /** the operator column, else the one typed in the target cell (`≥95%`), else range for `80-95` */
  operator: Operator | undefined;
  /** the operator typed in the target cell, when any */
  typedOperator: Operator | undefined;
  qualitative: boolean;
  target: Quantity;
  /** lower (or only) target value in the row's unit */
  low: number | undefined;
  /** upper value of a range target */
  high: number | undefined;
}

/** Trimmed text, or undefined when blank (as isBlank says: absent, null, only spaces of any width). */
export function text(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  // Most text starts and ends with a printable character: it is then neither blank nor untrimmed.
  if (v.length > 0 && printable(v.charCodeAt(0)) && printable(v.charCodeAt(v.length - 1))) return v;
  return notBlank.test(v) ? v.trim() : undefined;
}
// Every character \s does not match stays non-blank under NFKC, so no normalising is needed here.
const notBlank = /[^\s\u00a0\u3000]/;
/** Printable ASCII, or past U+3000 (the ideographic space) other than U+FEFF: what \s and trim() never match. */
function printable(c: number): boolean {
  return (c > 0x20 && c < 0x7f) || (c > 0x3000 && c !== 0xfeff);
}

/**
 * `knownUnit` is the library indicator's unit: on a form with no 计量单位 column a unit typed after
 * the number (`≤1500元/亩`) is read when it is that unit, convertible or not (docs/domain.md).
 */
export function rowValues(row: IndicatorRow, knownUnit?: string): RowValues {
  return rowValuesInto(noValues(), row, knownUnit);
}

/** Values of no row, to be filled by rowValuesInto (every RowValues of one shape). */
export function noValues(): RowValues {
  return { unit: undefined, operator: undefined, typedOperator: undefined, qualitative: false, target: { kind: "empty" }, low: undefined, high: undefined };
}

/**
 * rowValues written into `out` (every field), which is returned: the walk of the row rules reads
 * every row's values into one object it reuses, as a row's values are kept only for a finding's
 * words (rows.ts), rather than allocating one a row.
 */
export function rowValuesInto(out: RowValues, row: IndicatorRow, knownUnit: string | undefined): RowValues {
  const columnUnit = text(row.unit);
  const target = readQuantity(row.target, columnUnit ?? knownUnit);
  const typedOperator = target.kind === "number" ? target.operator : undefined;
  const unit = columnUnit ?? (target.kind === "number" ? target.unit : undefined);
  const operator = row.operator ?? typedOperator;
  const qualitative = operator === "qualitative" || (operator === undefined && target.kind === "grade");
  let low: number | undefined;
  let high: number | undefined;
  if (target.kind === "number" && !target.foreignUnit) {
    low = target.value;
    high = target.high;
    if (high === undefined && operator === "range") {
      const h = readQuantity(row.targetHigh, unit);
      if (h.kind === "number" && !h.foreignUnit) high = h.value;
    }
  }
  out.unit = unit;
  out.operator = operator;
  out.typedOperator = typedOperator;
  out.qualitative = qualitative;
  out.target = target;
  out.low = low;
  out.high = high;
  return out;
}

/** The number of a quantity in the unit it was read in, or undefined (none, or in a unit that does not convert). */
export function numberOf(q: Quantity): number | undefined {
  return q.kind === "number" && !q.foreignUnit ? q.value : undefined;
}
