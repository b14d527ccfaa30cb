// CSV as Chinese payment platforms export it: UTF-8 (with or without a BOM) or GBK/GB18030, comma-
// or tab-separated, quoted fields with doubled quotes (RFC 4180) (docs/treasury.md).
import type { Grid, GridValue } from "../sheet/parse.ts";

/**
 * The text of a CSV file. A UTF-8 or UTF-16 byte-order mark decides; otherwise UTF-8 when the bytes
 * are valid UTF-8, else GB18030 (a superset of GBK and GB2312, which Windows-era platforms write).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "utf-16le" | "gb18030" } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

/** Rows of fields; a field is text (blank → null). Tab-separated when the first line has tabs and no commas. */
export function parseCsv(text: string): Grid {
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const rows: Grid = [];
  let row: GridValue[] = [];
  let i = 0;
  const n = text.length;
  const push = (field: string) => row.push(field.trim() === "" ? null : field);
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      let out = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          out += text.slice(i);
          i = n;
          break;
        }
        out += text.slice(i, q);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything between the closing quote and the separator is kept, as spreadsheets do
      let end = i;
      while (end < n && text[end] !== sep && text[end] !== "\n" && text[end] !== "\r") end++;
      field = out + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n && text[end] !== sep && text[end] !== "\n" && text[end] !== "\r") end++;
      field = text.slice(i, end);
      i = end;
    }
    push(field);
    if (i >= n) break;
    if (text[i] === sep) {
      i++;
      if (i >= n) push("");
      continue;
    }
    // end of line: \r\n, \n or \r
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
