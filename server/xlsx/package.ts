// An uploaded .xlsx is untrusted: before exceljs sees it, its zip is unpacked here with the real
// inflated sizes counted while inflating (a zip may declare 12 KB and inflate to 2 GB), and each
// sheet's merged ranges are clipped to the cells the sheet really has (exceljs builds an object
// for every cell a merge covers: `A1:XFD1048576` alone is 17 billion). What is left is packed
// again, stored uncompressed, for exceljs. Runs inside the reading worker (read-worker.ts), whose
// memory and time are capped as well (README, "Untrusted workbooks").
import { crc32, inflateRawSync } from "node:zlib";
import type { ErrorCode } from "../../shared/api/errors.ts";

/** A workbook refused before or while reading it: a status and a message a unit can act on. */
export class WorkbookRefused extends Error {
  /** what the reader said, for `jixiao validate` to show; never sent over HTTP */
  detail?: string;
  constructor(
    readonly status: 400 | 413 | 503,
    readonly code: ErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${en} ${zh}`);
  }
}

/** What a workbook's parts may add up to unpacked: a form is well under 5 MB; more is a zip bomb. */
export const maxUnpackedBytes = 32 * 1024 * 1024;
/** Parts in one package: a workbook of forms has a few dozen. */
export const maxEntries = 2000;
/** Cells all merged ranges of one sheet may cover after clipping: a form merges a few hundred. */
export const maxMergedCells = 1_000_000;
/** Columns past this are not read: the parser looks at the first 200. */
export const maxColumns = 256;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

const broken = () =>
  new WorkbookRefused(400, "invalid_xlsx", "文件已损坏或不是 .xlsx 工作簿：请用 Excel、WPS 或 LibreOffice 重新保存", "The file is damaged or not an .xlsx workbook: save it again with Excel, WPS or LibreOffice");

export const tooBig = () =>
  new WorkbookRefused(
    413,
    "xlsx_too_large",
    `解压后超过 ${mb(maxUnpackedBytes)}，不是正常的绩效表，未读取`,
    `unpacks to more than ${mb(maxUnpackedBytes)}, far more than any form: not read`,
  );

function checkOle(data: Buffer): void {
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1) {
    throw new WorkbookRefused(
      400,
      "xlsx_is_xls",
      "这是 .xls 文件或设置了打开密码的工作簿：请取消密码并另存为 .xlsx",
      "an Excel 97-2003 (.xls) file or a password-encrypted workbook: open it, remove the password and save it as .xlsx",
    );
  }
}

/** One part as the zip's central directory lists it: where its bytes are and what it declares. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by whoever reads the part */
  method: number;
  /** the part's bytes as stored in the zip */
  raw: Buffer;
  /** the size the zip declares unpacked: a hint only, never trusted */
  declared: number;
}

/**
 * The parts a zip lists in its central directory, without inflating any (the documents' check
 * reads the names before anything is unpacked: server/documents/sniff.ts). Refuses what is not a
 * zip or is damaged (`invalid_xlsx`), more than `entries` parts or ZIP64 (`xlsx_too_large`).
 */
export function zipEntries(data: Buffer, entries = maxEntries): ZipEntry[] {
  checkOle(data);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = data.readUInt16LE(eocd + 10);
  if (count > entries) throw tooBig();
  let p = data.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw broken();
    const method = data.readUInt16LE(p + 10);
    const compressed = data.readUInt32LE(p + 20);
    const declared = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const local = data.readUInt32LE(p + 42);
    const name = data.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    p += 46 + nameLen + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    if (compressed === 0xffffffff || local === 0xffffffff || declared === 0xffffffff) throw tooBig(); // ZIP64: over 4 GB
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) throw broken();
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length) throw broken();
    out.push({ name, method, raw: data.subarray(start, start + compressed), declared });
  }
  return out;
}

/**
 * Every part of the zip, inflated, in central-directory order. The sizes the zip declares are not
 * trusted: each part inflates with at most what is left of `maxUnpackedBytes` as its output room.
 */
export function unpack(data: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  let left = maxUnpackedBytes;
  for (const { name, method, raw } of zipEntries(data)) {
    let out: Buffer;
    if (method === 0) {
      out = Buffer.from(raw);
    } else if (method === 8) {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(left, 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooBig();
        throw broken();
      }
    } else {
      throw broken();
    }
    left -= out.length;
    if (left < 0) throw tooBig();
    if (name.endsWith("/")) continue;
    parts.set(name, out);
  }
  return parts;
}

/** How deep elements of one part may nest: a workbook's parts nest fewer than 12 deep. */
export const maxDepth = 64;
/** Elements in all parts together: a form of 50,000 rows has about two million. */
export const maxElements = 3_000_000;

const tooDeepError = () =>
  new WorkbookRefused(
    413,
    "xlsx_too_complex",
    `工作簿中的 XML 嵌套超过 ${maxDepth} 层，不是正常的绩效表，未读取`,
    `the workbook's XML nests more than ${maxDepth} levels deep, far beyond any form: not read`,
  );

const tooManyElements = () =>
  new WorkbookRefused(
    413,
    "xlsx_too_complex",
    `工作簿中的 XML 元素超过 ${maxElements.toLocaleString("en")} 个，不是正常的绩效表，未读取`,
    `the workbook holds more than ${maxElements.toLocaleString("en")} XML elements, far beyond any form: not read`,
  );

/**
 * Refuses XML nested deeper than `maxDepth` before a parser builds a stack for it: one pass over
 * the bytes counting opening tags (not `</`, `<?`, `<!`) against closing and self-closing ones.
 * Returns how many elements the part has.
 */
export function checkDepth(xml: Buffer): number {
  let depth = 0;
  let elements = 0;
  const n = xml.length;
  for (let i = 0; i < n; i++) {
    if (xml[i] !== 0x3c) continue; // <
    const next = xml[i + 1];
    if (next === 0x2f) {
      depth--; // </
    } else if (next !== 0x3f && next !== 0x21) {
      // an opening tag: self-closing when its `>` follows a `/`
      const end = xml.indexOf(0x3e, i + 1);
      if (end < 0) return elements;
      elements++;
      if (xml[end - 1] !== 0x2f) depth++;
      if (depth > maxDepth) throw tooDeepError();
      i = end;
    }
  }
  return elements;
}

/** "AB12" → [12, 28]; undefined when it is not a cell reference. */
function cellRef(ref: string): [number, number] | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

function colName(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * One worksheet's XML with its merged ranges clipped to the rows and columns that hold cells (at
 * most `maxColumns` wide), the ranges left with one cell dropped, and the declared dimension
 * removed (it is only a hint, and may claim the whole grid). Refuses a sheet whose clipped merges
 * still cover more than `maxMergedCells`. Works on the bytes as latin1, which keeps UTF-8 intact.
 */
export function clipSheet(xml: Buffer): Buffer {
  let text = xml.toString("latin1");
  // A row or cell past the grid's last (row 1,048,576, column XFD): Excel refuses such a file too.
  for (const m of text.matchAll(/<row\b[^>]*?\br="(\d{7,})"|<c\b[^>]*?\br="([A-Z]{3,})(\d+)"|<c\b[^>]*?\br="[A-Z]{1,2}(\d{7,})"/g)) {
    const row = Number(m[1] ?? m[3] ?? m[4]);
    if (row > 1_048_576 || (m[2] !== undefined && (m[2].length > 3 || m[2] > "XFD"))) throw broken();
  }
  const hasMerges = text.includes("<mergeCell ");
  const hasDimension = text.includes("<dimension");
  if (!hasMerges && !hasDimension) return xml;
  if (hasDimension) text = text.replace(/<dimension\b[^>]*\/>/g, "");
  if (hasMerges) {
    let lastRow = 0;
    let rows = 0;
    for (const m of text.matchAll(/<row\b([^>]*)>/g)) {
      rows++;
      const r = /\br="(\d+)"/.exec(m[1]!);
      if (r) lastRow = Math.max(lastRow, Number(r[1]));
    }
    lastRow = Math.max(lastRow, rows);
    let lastCol = 0;
    for (const m of text.matchAll(/<c\b([^>]*)>/g)) {
      const r = /\br="([A-Z]{1,3})\d+"/.exec(m[1]!);
      if (!r) {
        lastCol = maxColumns; // a cell without a reference: its column is not known here
        break;
      }
      lastCol = Math.max(lastCol, cellRef(`${r[1]}1`)![1]);
    }
    lastCol = Math.min(lastCol, maxColumns);
    const kept: string[] = [];
    let covered = 0;
    for (const m of text.matchAll(/<mergeCell\b[^>]*\bref="([^"]*)"[^>]*\/>/g)) {
      const [a, b = a] = m[1]!.split(":");
      const from = cellRef(a!);
      const to = cellRef(b!);
      if (!from || !to) continue;
      const top = Math.min(from[0], to[0]);
      const left = Math.min(from[1], to[1]);
      const bottom = Math.min(Math.max(from[0], to[0]), lastRow);
      const right = Math.min(Math.max(from[1], to[1]), lastCol);
      if (bottom < top || right < left || (bottom === top && right === left)) continue;
      covered += (bottom - top + 1) * (right - left + 1);
      if (covered > maxMergedCells) {
        throw new WorkbookRefused(
          413,
          "xlsx_too_many_merged_cells",
          `合并单元格覆盖超过 ${maxMergedCells.toLocaleString("en")} 个单元格，不是正常的绩效表：请取消多余的合并后再上传`,
          `merged ranges cover more than ${maxMergedCells.toLocaleString("en")} cells, far more than any form: unmerge them and upload again`,
        );
      }
      kept.push(`<mergeCell ref="${colName(left)}${top}:${colName(right)}${bottom}"/>`);
    }
    // The clipped list goes where the first <mergeCells> was (element order matters in a sheet).
    const at = text.search(/<mergeCells\b/);
    text = text.replace(/<mergeCells\b[^>]*>[\s\S]*?<\/mergeCells>|<mergeCells\b[^>]*\/>/g, "");
    if (at >= 0 && kept.length > 0) text = `${text.slice(0, at)}<mergeCells count="${kept.length}">${kept.join("")}</mergeCells>${text.slice(at)}`;
  }
  return Buffer.from(text, "latin1");
}

/** Parts back into a zip, stored (not deflated): it is read at once, in memory. */
export function pack(parts: Map<string, Buffer>): Buffer {
  return zipOf([...parts].map(([name, data]) => ({ name, body: data, method: 0, crc: crc32(data), size: data.length })));
}

/** One entry of a zip as written: its bytes as stored, and what its headers say of them. */
export interface ZipRecord {
  name: string;
  /** the bytes as stored (deflated when `method` is 8) */
  body: Buffer;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  /** the unpacked size */
  size: number;
  /** the stored size; `body.length` unless told */
  compressed?: number;
}

/** Records into a zip: each with its local header, then the central directory and its end. */
export function zipOf(records: readonly ZipRecord[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const r of records) {
    const nameBytes = Buffer.from(r.name, "utf8");
    const compressed = r.compressed ?? r.body.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(r.method, 8);
    local.writeUInt32LE(r.crc >>> 0, 14);
    local.writeUInt32LE(compressed >>> 0, 18);
    local.writeUInt32LE(r.size >>> 0, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(r.method, 10);
    central.writeUInt32LE(r.crc >>> 0, 16);
    central.writeUInt32LE(compressed >>> 0, 20);
    central.writeUInt32LE(r.size >>> 0, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, r.body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + r.body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The workbook as exceljs may safely read it: unpacked within the caps, merges clipped. */
export function defuse(data: Buffer): Buffer {
  const parts = unpack(data);
  let elements = 0;
  for (const [name, xml] of parts) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    elements += checkDepth(xml);
    if (elements > maxElements) throw tooManyElements();
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) parts.set(name, clipSheet(xml));
  }
  return pack(parts);
}
