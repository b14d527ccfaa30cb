// Characters an XML document cannot hold: C0 controls other than tab, line feed and carriage
// return, the noncharacters U+FFFE and U+FFFF, and UTF-16 surrogates that are not part of a pair.
// One of them in any text a unit typed made finance's consolidated and disclosure .xlsx not
// well-formed (openpyxl refused them; LibreOffice silently dropped rows). They are replaced with
// U+FFFD at the edge (every JSON body, every workbook read) and again by every .xlsx writer, so
// data stored before either is written safely too.

// Lone surrogates: a high one not followed by a low one, a low one not preceded by a high one.
const unsafe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Any such control or noncharacter, or any surrogate at all: most text has none, and this one class
// scans several times faster than the pattern above (a lookbehind tried at every position); a
// surrogate pair (an emoji) is told from a lone surrogate by that pattern only when one is there.
const maybeUnsafe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** The replacement shown where such a character was. */
export const REPLACEMENT = "\uFFFD";

/** True when `text` has a character XML cannot hold. */
export function hasXmlUnsafe(text: string): boolean {
  if (!maybeUnsafe.test(text)) return false;
  unsafe.lastIndex = 0;
  return unsafe.test(text);
}

/** `text` with each character XML cannot hold replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  return hasXmlUnsafe(text) ? text.replace(unsafe, REPLACEMENT) : text;
}

/** Every string (and object key) inside a JSON-like value made XML-safe, without recursion. */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === "string") return xmlSafe(value) as T;
  if (value === null || typeof value !== "object") return value;
  const root: { v: unknown } = { v: value };
  const stack: [Record<string | number, unknown>, string | number][] = [[root as Record<string, unknown>, "v"]];
  while (stack.length > 0) {
    const [holder, key] = stack.pop()!;
    const v = holder[key];
    if (typeof v === "string") {
      holder[key] = xmlSafe(v);
    } else if (Array.isArray(v)) {
      const copy = v.slice();
      holder[key] = copy;
      for (let i = 0; i < copy.length; i++) stack.push([copy as unknown as Record<number, unknown>, i]);
    } else if (v !== null && typeof v === "object" && !(v instanceof Date)) {
      const copy: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) copy[xmlSafe(k)] = child;
      holder[key] = copy;
      for (const k of Object.keys(copy)) stack.push([copy, k]);
    }
  }
  return root.v as T;
}
