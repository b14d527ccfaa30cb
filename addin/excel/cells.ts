// How plan values become cell values. A plan's strings are text: Excel would otherwise read
// `95%` as 0.95, `001` as 1, `2024-01` as a date and `=5元/生·天` as a formula, and the form read
// back would not be the form written. A leading apostrophe keeps them as typed (it is not part of
// the value read back), which is what the exceljs renderer writes too.
import type { PlanValue } from "../../shared/sheet/plan.ts";

const coercible = [
  /^[=+@]/, // formula or its look-alikes
  /^'/, // Excel takes a leading apostrophe as the text marker and would drop the unit's own
  /^-./, // "-5", "-x" ("-" alone stays text)
  /^\s*[+-]?[\d.,]+\s*%?\s*$/, // numbers, percentages
  /^\s*[+-]?\d+(\.\d+)?e[+-]?\d+\s*$/i, // exponent
  /^\s*\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,4}日?)?\s*$/, // dates
  /^\s*\d{1,2}:\d{2}/, // times
  /^(true|false)$/i,
  /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!)$/i,
];

export function toCellValue(v: PlanValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") return v;
  return coercible.some((re) => re.test(v)) ? `'${v}` : v;
}

/** A rectangular matrix, rows padded with "" to the widest row. */
export function toMatrix(values: readonly (readonly PlanValue[])[]): (string | number | boolean)[][] {
  const width = Math.max(1, ...values.map((r) => r.length));
  return values.map((row) => {
    const out: (string | number | boolean)[] = new Array(width);
    for (let c = 0; c < width; c++) out[c] = toCellValue(row[c]);
    return out;
  });
}

/** Excel reads "" for an empty cell; the grid seam says null. */
export function fromCellValue(v: unknown): string | number | boolean | null {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}
