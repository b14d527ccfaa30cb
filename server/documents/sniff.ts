// What an uploaded document is, decided by its bytes (docs/documents.md): a PDF starts with
// `%PDF-`; a .docx or .xlsx is a zip (an Office Open XML package) holding `[Content_Types].xml`
// that declares the main part of a Word document or an Excel workbook, and `word/` resp. `xl/`
// parts. The file's name and the request's Content-Type are never asked.
//
// A package is untrusted: its central directory is read without inflating anything
// (server/xlsx/package.ts, the one zip reader), then every part is inflated as a stream that is
// counted and dropped, and stopped at the first byte past what the package may unpack to. A zip
// bomb is refused having inflated at most that much, with little memory; a part whose real size
// differs from what the zip declares is refused as damaged.
import { createInflateRaw } from "node:zlib";
import { acceptedTypes, documentTypes, sizeLabel, type DocumentType } from "../../shared/documents.ts";
import { DomainError } from "../domain-error.ts";
import { zipEntries, type ZipEntry } from "../xlsx/package.ts";

/** What all parts of a package may unpack to: 100 times the file, never beyond 256 MB (a .docx of text and pictures unpacks to a few times its size). */
export function maxUnpacked(fileBytes: number): number {
  return Math.min(256 * 1024 * 1024, 100 * Math.max(fileBytes, 64 * 1024));
}
/** Parts in one package: a long report with pictures has a few hundred. */
export const maxParts = 5000;
/** `[Content_Types].xml` is a few KB; more is not a real package. */
const maxContentTypes = 1024 * 1024;

const main: Record<"docx" | "xlsx", { folder: string; types: string[] }> = {
  docx: { folder: "word/", types: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] },
  xlsx: { folder: "xl/", types: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] },
};

export function refused(what: { zh: string; en: string }): DomainError {
  return new DomainError(
    "unsupported_document",
    `${what.zh}：只接受${acceptedTypes.zh}，请在 Word、WPS 或 Excel 中另存为 .docx、.xlsx 或 PDF 后再上传`,
    `${what.en}: only ${acceptedTypes.en} is taken; save it as .docx, .xlsx or PDF in Word, WPS or Excel and upload it again`,
    { accepted: Object.values(documentTypes).map((t) => t.ext) },
  );
}

const notAccepted = () => refused({ zh: "文件内容不是 PDF、Word 或 Excel 文档", en: "the file's content is not a PDF, Word or Excel document" });
const damaged = () => refused({ zh: "文件已损坏或不完整", en: "the file is damaged or incomplete" });
const macros = () => refused({ zh: "文件含有宏（.docm/.xlsm）或是模板", en: "the file holds macros (.docm/.xlsm) or is a template" });
const bomb = (limit: number) =>
  refused({ zh: `文件解压后超过 ${sizeLabel(limit)}，不像正常的文档（可能是压缩炸弹），未保存`, en: `the file unpacks to more than ${sizeLabel(limit)}, unlike any real document (a zip bomb?): not kept` });

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The type of `bytes`, or a refusal saying what is taken. */
export async function sniffDocument(bytes: Uint8Array): Promise<DocumentType> {
  if (startsWith(bytes, "%PDF-")) {
    // a PDF's header names its version: %PDF-1.0 … %PDF-2.0
    if (!/^%PDF-[12]\.\d/.test(Buffer.from(bytes.subarray(0, 8)).toString("latin1"))) throw damaged();
    return "pdf";
  }
  if (!startsWith(bytes, "PK\x03\x04")) {
    if (startsWith(bytes, "\xd0\xcf\x11\xe0")) {
      throw refused({ zh: "这是旧版 Word/Excel 文件（.doc/.xls）或设置了打开密码的文档", en: "this is an old Word/Excel file (.doc/.xls) or a password-protected document" });
    }
    throw notAccepted();
  }
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let parts: ZipEntry[];
  try {
    parts = zipEntries(data, maxParts);
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "xlsx_too_large") throw bomb(maxUnpacked(bytes.length));
    throw damaged();
  }
  const types = parts.find((p) => p.name === "[Content_Types].xml");
  if (!types) throw notAccepted();
  const hasFolder = (t: "docx" | "xlsx") => parts.some((p) => p.name.startsWith(main[t].folder));
  if (!hasFolder("docx") && !hasFolder("xlsx")) throw notAccepted();
  // what the zip declares is checked first: most bombs say what they are and are refused unread
  const limit = maxUnpacked(bytes.length);
  if (parts.reduce((n, p) => n + p.declared, 0) > limit) throw bomb(limit);
  let left = limit;
  for (const p of parts) {
    const size = await inflatedSize(p, Math.min(left, p === types ? maxContentTypes : left));
    if (size === "over") throw bomb(limit);
    if (size === "broken" || size !== p.declared) throw damaged();
    left -= size;
  }
  const declared = (await inflate(types, maxContentTypes)).toString("utf8");
  const type = (["docx", "xlsx"] as const).find((t) => hasFolder(t) && main[t].types.some((ct) => declared.includes(`ContentType="${ct}"`)));
  if (type) return type;
  if (/macroEnabled|\.template\.main\+xml/i.test(declared)) throw macros();
  throw notAccepted();
}

/** How many bytes a part inflates to, counted as it streams and dropped: "over" past `room`. */
function inflatedSize(p: ZipEntry, room: number): Promise<number | "over" | "broken"> {
  if (p.method === 0) return Promise.resolve(p.raw.length > room ? "over" : p.raw.length);
  if (p.method !== 8) return Promise.resolve("broken");
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = (r: number | "over" | "broken") => {
      if (done) return;
      done = true;
      resolve(r);
    };
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > room) {
        finish("over");
        z.destroy();
      }
    });
    z.on("error", () => finish("broken"));
    z.on("end", () => finish(n));
    z.end(p.raw);
  });
}

/** A small part inflated (its size already checked by inflatedSize). */
async function inflate(p: ZipEntry, room: number): Promise<Buffer> {
  if (p.method === 0) return p.raw;
  const chunks: Buffer[] = [];
  const z = createInflateRaw({ maxOutputLength: room });
  return new Promise((resolve, reject) => {
    z.on("data", (c: Buffer) => chunks.push(c));
    z.on("error", reject);
    z.on("end", () => resolve(Buffer.concat(chunks)));
    z.end(p.raw);
  });
}
