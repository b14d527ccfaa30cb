// A1 addresses: column letters, cells, ranges, and the sheet-qualified form (`'绩效目标申报表'!F12`)
// that `form.cells` and every issue use.

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Zero-based row and column → `F12`. */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** Zero-based corners → `A1:K1` (a single cell when both corners agree). */
export function a1Range(row1: number, col1: number, row2: number, col2: number): string {
  const a = a1(row1, col1);
  const b = a1(row2, col2);
  return a === b ? a : `${a}:${b}`;
}

/** `F12` or `$F$12` → zero-based { row, col }. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** `A1:K3` → zero-based corners (a single cell is a 1×1 range). */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [from, to = from] = ref.split(":");
  const a = parseA1(from ?? "");
  const b = parseA1(to ?? "");
  if (!a || !b) return undefined;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** A sheet name as a formula writes it: always quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'绩效目标申报表'!F12` */
export function sheetCell(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

/** A sheet-qualified address as Excel reports it: the name quoted only when it must be (`Sheet1!B3`, `'绩效目标申报表'!B3`). */
export function qualify(sheet: string, local: string): string {
  return `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : quoteSheet(sheet)}!${local}`;
}

/** Splits `'My sheet'!B3:C4` or `Sheet1!B3` into the sheet and the local address. */
export function splitAddress(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** How many rows and columns `B3:K40` spans (1×1 for what does not read as a range). */
export function rangeSize(ref: string): { rows: number; columns: number } {
  const r = parseRange(ref);
  return r ? { rows: r.bottom - r.top + 1, columns: r.right - r.left + 1 } : { rows: 1, columns: 1 };
}
