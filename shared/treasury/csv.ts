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
  return [...csvRows(text)];
}

/** parseCsv one row at a time, so a large export is read without holding all its rows. */
export function* csvRows(text: string): Generator<GridValue[]> {
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const n = text.length;
  let i = 0;
  while (i < n) {
    let eol = text.indexOf("\n", i);
    if (eol < 0) eol = n;
    const line = text.slice(i, eol > i && text[eol - 1] === "\r" ? eol - 1 : eol);
    if (!line.includes('"')) {
      // most lines: no quotes, so fields are what lies between separators
      yield line.split(sep).map(field);
      i = eol + 1;
      continue;
    }
    const [row, next] = quotedRecord(text, i, sep);
    yield row;
    i = next;
  }
}

function field(text: string): GridValue {
  return text.trim() === "" ? null : text;
}

/** One record from `i` with quoted fields (which may hold separators, doubled quotes and line breaks); returns it and where the next starts. */
function quotedRecord(text: string, i: number, sep: string): [GridValue[], number] {
  const n = text.length;
  const row: GridValue[] = [];
  for (;;) {
    let value: string;
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
      value = out + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n && text[end] !== sep && text[end] !== "\n" && text[end] !== "\r") end++;
      value = text.slice(i, end);
      i = end;
    }
    row.push(field(value));
    if (i >= n) return [row, n];
    if (text[i] === sep) {
      i++;
      if (i >= n) {
        row.push(null);
        return [row, n];
      }
      continue;
    }
    // end of the record: \r\n, \n or \r
    return [row, text[i] === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1];
  }
}
