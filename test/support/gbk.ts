// A GBK encoder for tests and benchmarks: payment platforms on Windows export CSV in GBK, and Node
// only encodes UTF-8. The table is the inverse of the platform's own GB18030 decoder over every
// two-byte GBK code, so it agrees with what the reader decodes.
let table: Map<string, number> | undefined;

function gbkTable(): Map<string, number> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  return table;
}

/** `text` in GBK; throws on a character GBK has no code for. */
export function encodeGbk(text: string): Uint8Array<ArrayBuffer> {
  const t = gbkTable();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const code = t.get(ch);
    if (code === undefined) throw new Error(`no GBK code for ${JSON.stringify(ch)}`);
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return out.slice(0, n);
}
