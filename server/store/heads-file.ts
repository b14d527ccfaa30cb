// data/heads.json, the embedded store's heads as of its last checkpoint (docs/storage.md): one JSON
// document, written one head a line so that start-up parses the heads one by one. Parsed whole, the
// file's text of 100,000 heads (46 MB) and what JSON.parse made of it (~35 MB for 20,000 heads, in
// V8's large-object space) stayed in the heap until its next full collection, and the heap's
// limit was set with them in it (docs/storage.md, "Memory"). A file written whole on one line (before
// this) is still read, parsed whole.
import type { Head } from "./form-log.ts";

export interface HeadsFile {
  layout: 2;
  /** The journal segment replay starts at. */
  checkpoint: number;
  lsn: number;
  /** Bytes of audit.jsonl the checkpoint covers. */
  auditSize: number;
  heads: Head[];
  /**
   * Forms being compacted when the heads were taken: start-up reads their heads from their files.
   * Written by the layout that compacted through a temp file and a rename; a compaction now changes
   * a log and its head in one journal batch, which a checkpoint never splits.
   */
  refold?: string[];
}

const OPEN = '"heads":[';

/** The file's text: the document's other fields on its first line, then one head a line. */
export function headsFileText(doc: HeadsFile): string {
  const { heads, ...rest } = doc;
  const top = JSON.stringify(rest);
  const lines = heads.map((h) => JSON.stringify(h));
  return `${top.slice(0, -1)}${top.length > 2 ? "," : ""}${OPEN}\n${lines.join(",\n")}${lines.length > 0 ? "\n" : ""}]}\n`;
}

/** The document in a heads file's bytes; undefined when it is not one. Throws when it is cut or not JSON. */
export function parseHeadsFile(buf: Buffer): HeadsFile | undefined {
  const first = buf.indexOf(0x0a);
  const doc = (first >= OPEN.length && buf.toString("latin1", first - OPEN.length, first) === OPEN ? parseByLine(buf, first) : JSON.parse(buf.toString("utf8"))) as HeadsFile;
  return doc.layout === 2 && Array.isArray(doc.heads) ? doc : undefined;
}

function parseByLine(buf: Buffer, first: number): HeadsFile {
  const doc = JSON.parse(`${buf.toString("utf8", 0, first)}]}`) as HeadsFile;
  const heads: Head[] = [];
  for (let from = first + 1; ; ) {
    const nl = buf.indexOf(0x0a, from);
    if (nl < 0) throw new Error("heads.json ends before its last line");
    if (nl - from === 2 && buf[from] === 0x5d && buf[from + 1] === 0x7d) break; // "]}"
    heads.push(JSON.parse(buf.toString("utf8", from, buf[nl - 1] === 0x2c ? nl - 1 : nl)) as Head);
    from = nl + 1;
  }
  doc.heads = heads;
  return doc;
}
