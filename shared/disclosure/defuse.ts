// Text a unit typed that starts with =, +, - or @ would run as a formula when a finance
// machine opens a CSV (CSV injection). Such text is prefixed with an apostrophe in CSV cells;
// in .xlsx it is written as a text value, never as a formula.

const formulaStart = /^[=+\-@\t\r]/;

/** True when a spreadsheet would read this text as the start of a formula. */
export function looksLikeFormula(text: string): boolean {
  return formulaStart.test(text);
}

/** One CSV field, quoted as RFC 4180 asks, defused when it would read as a formula. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with a BOM, so Excel opens the Chinese correctly. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}
