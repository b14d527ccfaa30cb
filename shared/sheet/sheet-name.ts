// Sheet names as Excel allows and compares them: at most 31 characters, none of []:*?/\, no quote at
// either end, and two names the same when they differ only in case (Excel refuses `sheet` beside
// `Sheet`). Kept apart from layout.ts and place.ts, which both name sheets.

/** The form Excel compares a sheet name in. */
export function sheetNameKey(name: string): string {
  return name.toLowerCase();
}

/** `wanted` made legal, then `name(2)`, `name(3)`… until no name in `taken` is the same to Excel. */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const keys = new Set([...taken].map(sheetNameKey));
  const base = wanted.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31) || "Sheet";
  let name = base;
  for (let n = 2; keys.has(sheetNameKey(name)); n++) {
    const suffix = `(${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  return name;
}
