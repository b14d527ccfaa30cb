// A cell's stored value and number format → the value a reader of the sheet should see. One rule
// for the two readers: server/xlsx/read.ts (exceljs, which already turns date-formatted numbers
// into Date) and addin/excel/read.ts (Office.js `range.values`, which gives the raw number: 0.95
// for a cell showing 95%, 45658 for a cell showing 2025-01-01). Pure, no I/O.
//
// - a number under a percent format → the text shown, with the format's decimals: 0.95 with `0%`
//   → "95%", with `0.0%` → "95.0%" (rounded half away from zero, as Excel shows it);
// - a number under a date/time format, or a Date → an ISO date "2025-01-01", or
//   "2025-01-01T08:30:00" when it has a time of day (the same text for both readers);
// - anything else is returned as it is.

export type CellInput = string | number | boolean | Date | null | undefined;

/** What is inside [..] (colours, locales, elapsed time) and "..." is not a format code. */
function codes(numFmt: string): string {
  return numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
}

/** exceljs's rule (utils.isDateFmt), so both readers agree on which numbers are dates. */
export function isDateFormat(numFmt: string | undefined | null): boolean {
  if (!numFmt) return false;
  return /[ymdhMsb]+/.test(codes(numFmt));
}

/** `0%`, `0.0%`, `#,##0.00%` outside quotes (an escaped `\%` is a literal): the cell shows a percentage. */
export function isPercentFormat(numFmt: string | undefined | null): boolean {
  if (!numFmt) return false;
  return /%/.test(numFmt.replace(/"[^"]*"/g, "").replace(/\\%/g, ""));
}

/** Decimal places of the section that shows positive numbers: `0.0%` → 1, `0%` → 0, `0.##%` → 2 (at most). */
function percentDecimals(numFmt: string): { min: number; max: number } {
  const section = codes(numFmt).split(";")[0] ?? "";
  const m = /\.([0#?]*)/.exec(section);
  if (!m) return { min: 0, max: 0 };
  const digits = m[1]!;
  return { min: (digits.match(/0/g) ?? []).length, max: digits.length };
}

/** Rounds as Excel shows a number: at 15 significant digits first, then half away from zero. */
function roundShown(x: number, decimals: number): number {
  const scaled = Number((Math.abs(x) * 10 ** decimals).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / 10 ** decimals;
}

/** 0.95 → "95%"; with a format, its decimals: (0.95, "0.0%") → "95.0%". */
export function percentText(n: number, numFmt = "0%"): string {
  const { min, max } = percentDecimals(numFmt);
  const hundred = Number((n * 100).toPrecision(15));
  let s = roundShown(hundred, max).toFixed(max);
  if (max > min) {
    // optional digits (#, ?) drop their trailing zeros
    s = s.replace(new RegExp(`0{1,${max - min}}$`), "");
    if (s.endsWith(".")) s = s.slice(0, -1);
  }
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return `${s}%`;
}

/** A Date as the readers give it: "2025-03-01", or "2025-03-01T08:30:00" with a time of day. */
export function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const s = d.toISOString();
  return s.endsWith("T00:00:00.000Z") ? s.slice(0, 10) : s.slice(0, 19);
}

/** An Excel serial day number (1900 date system) → Date, as exceljs converts it. */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** The value a reader sees for a cell holding `value` under `numFmt` (see the top of this file). */
export function cellText(value: CellInput, numFmt?: string | null): string | number | boolean | null | undefined {
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "number" && Number.isFinite(value) && numFmt) {
    if (isDateFormat(numFmt)) return isoDate(serialToDate(value));
    if (isPercentFormat(numFmt)) return percentText(value, numFmt);
  }
  return value;
}
