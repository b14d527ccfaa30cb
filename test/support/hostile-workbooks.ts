// The hostile corpus (issue 17): more than a hundred .xlsx files built to break a reader — merge
// bombs, zips that lie about their sizes, huge dimensions, huge shared strings, deep XML, broken
// zips — generated here in memory rather than committed. Each is small on the wire; some unpack
// to far more than any form. `hostileWorkbooks()` is deterministic (a seeded generator).
import { deflateRawSync, crc32 } from "node:zlib";
import { zipOf } from "../../server/xlsx/package.ts";

export interface Hostile {
  name: string;
  family: "merge" | "lying-zip" | "dimension" | "shared-strings" | "deep-xml" | "broken-zip" | "mutation";
  bytes: Buffer;
}

interface Entry {
  name: string;
  data: Buffer | string;
  /** sizes written in the headers instead of the real ones (a lying zip) */
  claim?: { size?: number; compressed?: number; crc?: number };
  method?: 0 | 8 | 12;
}

// The big payloads are deflated once, however many workbooks carry them.
const deflated = new WeakMap<Buffer, Buffer>();
function deflate(raw: Buffer): Buffer {
  let d = deflated.get(raw);
  if (!d) deflated.set(raw, (d = deflateRawSync(raw, { level: raw.length > 1_000_000 ? 6 : 9 })));
  return d;
}

/** A zip, deflated, with whatever headers an entry asks to claim. */
export function zip(entries: Entry[]): Buffer {
  return zipOf(
    entries.map((e) => {
      const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : e.data;
      const method = e.method ?? 8;
      const body = method === 8 ? (typeof e.data === "string" ? deflateRawSync(raw, { level: 9 }) : deflate(raw)) : raw;
      return { name: e.name, body, method, crc: e.claim?.crc ?? crc32(raw), size: e.claim?.size ?? raw.length, compressed: e.claim?.compressed };
    }),
  );
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook ${NS}><sheets><sheet name="绩效目标表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const defaultRows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>一级指标</t></is></c></row><row r="2"><c r="A2"><v>１２</v></c><c r="C2" t="inlineStr"><is><t>产出指标</t></is></c></row>`;

function sheet(parts: { before?: string; rows?: string | Buffer; after?: string } = {}): Buffer {
  return Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${parts.before ?? ""}<sheetData>`),
    typeof parts.rows === "string" || parts.rows === undefined ? Buffer.from(parts.rows ?? defaultRows) : parts.rows,
    Buffer.from(`</sheetData>${parts.after ?? ""}</worksheet>`),
  ]);
}

const defaultStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="1" uniqueCount="1"><si><t>项目名称</t></si></sst>`;

/** A small valid workbook, with any part replaced. */
export function workbookOf(over: { sheet?: Buffer | string; strings?: Buffer | string; claims?: Record<string, Entry["claim"]>; extra?: Entry[] } = {}): Buffer {
  const parts: Entry[] = [
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
    { name: "xl/worksheets/sheet1.xml", data: over.sheet ?? sheet() },
    { name: "xl/sharedStrings.xml", data: over.strings ?? defaultStrings },
    ...(over.extra ?? []),
  ];
  for (const p of parts) {
    const claim = over.claims?.[p.name];
    if (claim) p.claim = claim;
  }
  return zip(parts);
}

/** `n` copies of `unit`, built without one giant string. */
function repeat(unit: string, n: number): Buffer {
  const one = Buffer.from(unit);
  const chunk = Buffer.alloc(one.length * Math.min(n, 10_000));
  for (let i = 0; i < chunk.length; i += one.length) one.copy(chunk, i);
  const parts: Buffer[] = [];
  for (let left = n; left > 0; left -= 10_000) parts.push(left >= 10_000 ? chunk : chunk.subarray(0, one.length * left));
  return Buffer.concat(parts);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bomb's payload: `bigMb` megabytes once inflated (past the reader's 32 MB), a few hundred KB deflated. */
const bigMb = 48;

export function hostileWorkbooks(): Hostile[] {
  const list: Hostile[] = [];
  const add = (family: Hostile["family"], name: string, bytes: Buffer) => list.push({ family, name, bytes });
  const merges = (refs: string[]) => `<mergeCells count="${refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join("")}</mergeCells>`;

  // Merge bombs: exceljs builds a cell for every cell a merge covers.
  add("merge", "one merge over the whole grid", workbookOf({ sheet: sheet({ after: merges(["A1:XFD1048576"]) }) }));
  add("merge", "whole grid, reversed", workbookOf({ sheet: sheet({ after: merges(["XFD1048576:A1"]) }) }));
  add("merge", "whole grid, absolute refs", workbookOf({ sheet: sheet({ after: merges(["$A$1:$XFD$1048576"]) }) }));
  add("merge", "100,000 full-row merges", workbookOf({ sheet: sheet({ after: merges(Array.from({ length: 100_000 }, (_, i) => `A${i + 3}:XFD${i + 3}`)) }) }));
  add("merge", "100,000 full-column merges", workbookOf({ sheet: sheet({ after: merges(Array.from({ length: 100_000 }, (_, i) => `A${i + 1}:A1048576`)) }) }));
  add("merge", "the same full-grid merge 1,000 times", workbookOf({ sheet: sheet({ after: merges(Array.from({ length: 1000 }, () => "A1:XFD1048576")) }) }));
  add("merge", "merge refs that are not refs", workbookOf({ sheet: sheet({ after: merges(["A0:B0", "ZZZZ1:A1", "1:1048576", "A:XFD", ""]) }) }));
  add("merge", "two mergeCells blocks", workbookOf({ sheet: sheet({ after: merges(["A1:XFD1"]) + merges(["A2:XFD1048576"]) }) }));
  {
    // Rows that exist under full-row merges: the clipped merges still cover millions of cells.
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="IV${i + 1}"><v>1</v></c></row>`).join("");
    add("merge", "20,000 real rows under full-row merges", workbookOf({ sheet: sheet({ rows, after: merges(Array.from({ length: 20_000 }, (_, i) => `A${i + 1}:XFD${i + 1}`)) }) }));
  }
  for (const n of [10, 100, 1000, 10_000]) {
    add("merge", `${n} merges of A1:XFD1048576 shifted`, workbookOf({ sheet: sheet({ after: merges(Array.from({ length: n }, (_, i) => `A${i + 1}:XFD${1048576 - i}`)) }) }));
  }

  // Lying zips: headers declare a few KB, the parts inflate to tens of MB.
  const bigRows = repeat('<row><c t="inlineStr"><is><t>重复重复重复重复</t></is></c></row>', Math.ceil((bigMb * 1024 * 1024) / 60));
  const bigSheet = sheet({ rows: bigRows });
  const bigStrings = Buffer.concat([Buffer.from(`<sst ${NS}>`), repeat("<si><t>重复重复重复重复重复重复</t></si>", Math.ceil((bigMb * 1024 * 1024) / 48)), Buffer.from("</sst>")]);
  add("lying-zip", "sheet declares 12 KB, inflates to 48 MB", workbookOf({ sheet: bigSheet, claims: { "xl/worksheets/sheet1.xml": { size: 12_000 } } }));
  add("lying-zip", "sharedStrings declares 12 KB, inflates to 48 MB", workbookOf({ strings: bigStrings, claims: { "xl/sharedStrings.xml": { size: 12_000 } } }));
  add("lying-zip", "sizes declared 0", workbookOf({ strings: bigStrings, claims: { "xl/sharedStrings.xml": { size: 0, crc: 0 } } }));
  add("lying-zip", "an unreferenced part inflating to 48 MB", workbookOf({ extra: [{ name: "xl/media/x.bin", data: bigStrings, claim: { size: 100 } }] }));
  const part = bigStrings.subarray(0, 10 * 1024 * 1024);
  add("lying-zip", "four parts of 10 MB each", workbookOf({ extra: [1, 2, 3, 4].map((i) => ({ name: `docProps/p${i}.xml`, data: part, claim: { size: 10 } })) }));
  add("lying-zip", "compressed size too small", workbookOf({ claims: { "xl/worksheets/sheet1.xml": { compressed: 10 } } }));
  add("lying-zip", "compressed size past the end", workbookOf({ claims: { "xl/worksheets/sheet1.xml": { compressed: 0x7fffffff } } }));
  add("lying-zip", "ZIP64 markers", workbookOf({ claims: { "xl/worksheets/sheet1.xml": { compressed: 0xffffffff, size: 0xffffffff } } }));
  add("lying-zip", "wrong CRC", workbookOf({ claims: { "xl/worksheets/sheet1.xml": { crc: 12345 } } }));
  {
    const parts = Array.from({ length: 3000 }, (_, i) => ({ name: `x/${i}.xml`, data: "<a/>" }));
    add("lying-zip", "3,000 parts", workbookOf({ extra: parts }));
  }

  // Huge dimensions: declared and real.
  add("dimension", "dimension A1:XFD1048576", workbookOf({ sheet: sheet({ before: '<dimension ref="A1:XFD1048576"/>' }) }));
  add("dimension", "cols 1..16384 styled", workbookOf({ sheet: sheet({ before: '<cols><col min="1" max="16384" width="9" customWidth="1"/></cols>' }) }));
  add("dimension", "a value in XFD1048576", workbookOf({ sheet: sheet({ rows: `${defaultRows}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>` }) }));
  add("dimension", "100,000 empty rows", workbookOf({ sheet: sheet({ rows: repeat('<row ht="20" customHeight="1"/>', 100_000) }) }));
  add("dimension", "row spans 1:16384", workbookOf({ sheet: sheet({ rows: '<row r="1" spans="1:16384"><c r="A1"><v>1</v></c></row>' }) }));
  add("dimension", "rows numbered past the grid", workbookOf({ sheet: sheet({ rows: '<row r="99999999"><c r="A99999999"><v>1</v></c></row>' }) }));
  add("dimension", "cells numbered past the grid", workbookOf({ sheet: sheet({ rows: '<row r="1"><c r="ZZZZ1"><v>1</v></c></row>' }) }));
  add("dimension", "a row of 16,384 cells", workbookOf({ sheet: sheet({ rows: `<row r="1">${Array.from({ length: 16_384 }, (_, i) => `<c><v>${i}</v></c>`).join("")}</row>` }) }));
  add("dimension", "200,000 rows of one value", workbookOf({ sheet: sheet({ rows: repeat("<row><c><v>1</v></c></row>", 200_000) }) }));
  add("dimension", "outline and hidden rows everywhere", workbookOf({ sheet: sheet({ rows: repeat('<row hidden="1" outlineLevel="7"><c t="inlineStr"><is><t>隐藏</t></is></c></row>', 50_000) }) }));

  // Huge shared strings.
  add("shared-strings", "uniqueCount 2^31", workbookOf({ strings: `<sst ${NS} count="2147483647" uniqueCount="2147483647"><si><t>x</t></si></sst>` }));
  add("shared-strings", "48 MB of strings", workbookOf({ strings: bigStrings }));
  add("shared-strings", "one string of 30 MB", workbookOf({ strings: Buffer.concat([Buffer.from(`<sst ${NS}><si><t>`), repeat("长", 10 * 1024 * 1024), Buffer.from("</t></si></sst>")]) }));
  add("shared-strings", "a million short strings", workbookOf({ strings: Buffer.concat([Buffer.from(`<sst ${NS}>`), repeat("<si><t>一</t></si>", 1_000_000), Buffer.from("</sst>")]) }));
  add("shared-strings", "a million rich-text runs", workbookOf({ strings: Buffer.concat([Buffer.from(`<sst ${NS}><si>`), repeat("<r><rPr><b/></rPr><t>粗</t></r>", 1_000_000), Buffer.from("</si></sst>")]) }));
  add("shared-strings", "index past the table", workbookOf({ sheet: sheet({ rows: '<row r="1"><c r="A1" t="s"><v>99999999</v></c><c r="B1" t="s"><v>-1</v></c><c r="C1" t="s"><v>x</v></c></row>' }) }));
  add("shared-strings", "50,000 cells referring to a 200 KB string", workbookOf({
    strings: `<sst ${NS}><si><t>${"长".repeat(200_000)}</t></si></sst>`,
    sheet: sheet({ rows: repeat('<row><c t="s"><v>0</v></c></row>', 50_000) }),
  }));

  // Deep XML.
  for (const depth of [1_000, 100_000, 1_000_000]) {
    add("deep-xml", `sheetData nested ${depth} deep`, workbookOf({ sheet: sheet({ rows: Buffer.concat([repeat("<x>", depth), repeat("</x>", depth)]) }) }));
    add("deep-xml", `a string's runs nested ${depth} deep`, workbookOf({ strings: Buffer.concat([Buffer.from(`<sst ${NS}><si>`), repeat("<r>", depth), repeat("</r>", depth), Buffer.from("</si></sst>")]) }));
  }
  add("deep-xml", "workbook.xml nested a million deep", zip([
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: Buffer.concat([Buffer.from(`<workbook ${NS}>`), repeat("<a>", 1_000_000), repeat("</a>", 1_000_000), Buffer.from("</workbook>")]) },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
    { name: "xl/worksheets/sheet1.xml", data: sheet() },
  ]));
  add("deep-xml", "billion laughs", workbookOf({
    strings: `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><sst ${NS}><si><t>&h;&h;&h;&h;</t></si></sst>`,
  }));
  add("deep-xml", "external entity", workbookOf({ strings: `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst ${NS}><si><t>&x;</t></si></sst>` }));
  add("deep-xml", "200,000 attributes on a row", workbookOf({ sheet: sheet({ rows: `<row ${Array.from({ length: 200_000 }, (_, i) => `a${i}="1"`).join(" ")}><c r="A1"><v>1</v></c></row>` }) }));
  add("deep-xml", "a 20 MB attribute", workbookOf({ sheet: sheet({ rows: Buffer.concat([Buffer.from('<row r="1" x="'), repeat("z", 20 * 1024 * 1024), Buffer.from('"/>')]) }) }));
  add("deep-xml", "unclosed tags", workbookOf({ sheet: "<worksheet><sheetData><row><c><v>1" }));
  add("deep-xml", "not XML", workbookOf({ sheet: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]) }));
  add("deep-xml", "invalid UTF-8 in a string", workbookOf({ strings: Buffer.concat([Buffer.from(`<sst ${NS}><si><t>`), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28]), Buffer.from("</t></si></sst>")]) }));
  add("deep-xml", "characters XML cannot hold", workbookOf({ strings: `<sst ${NS}><si><t>a&#xFFFE;b&#xFFFF;c&#x1;d&#xD800;</t></si></sst>` }));

  // Broken zips.
  const good = workbookOf();
  add("broken-zip", "empty", Buffer.alloc(0));
  add("broken-zip", "not a zip", Buffer.from("这不是工作簿".repeat(100)));
  add("broken-zip", "an .xls header", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
  add("broken-zip", "only an end record", good.subarray(good.length - 22));
  {
    const b = Buffer.from(good);
    b.writeUInt32LE(0xfffffff0, b.length - 22 + 16);
    add("broken-zip", "directory offset past the end", b);
  }
  {
    const b = Buffer.from(good);
    b.writeUInt16LE(65535, b.length - 22 + 10);
    add("broken-zip", "65,535 entries declared", b);
  }
  add("broken-zip", "an unknown compression method", zip([{ name: "[Content_Types].xml", data: contentTypes, method: 12 }]));
  add("broken-zip", "a path that climbs out", workbookOf({ extra: [{ name: "../../etc/evil.xml", data: "<a/>" }] }));
  add("broken-zip", "no workbook part", zip([{ name: "[Content_Types].xml", data: contentTypes }, { name: "_rels/.rels", data: rootRels }]));
  add("broken-zip", "a sheet the workbook does not have", zip([
    { name: "[Content_Types].xml", data: contentTypes },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
  ]));
  add("broken-zip", "duplicate parts", workbookOf({ extra: [{ name: "xl/worksheets/sheet1.xml", data: sheet({ rows: "<row><c><v>2</v></c></row>" }) }] }));
  for (const frac of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) add("broken-zip", `truncated at ${frac * 100}%`, good.subarray(0, Math.floor(good.length * frac)));

  // Mutations of a real workbook: bytes flipped at random (seeded).
  const random = rng(17);
  for (let i = 0; list.length < 112; i++) {
    const b = Buffer.from(good);
    const flips = 1 + Math.floor(random() * 8);
    for (let f = 0; f < flips; f++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
    add("mutation", `${flips} bytes changed (#${i + 1})`, b);
  }
  return list;
}

/** A small workbook that reads: the corpus's control. */
export function plainWorkbook(): Buffer {
  return workbookOf();
}
