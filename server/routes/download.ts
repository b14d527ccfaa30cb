// How a route hands over a file to save: its type and its name. One place for both, so every
// download (consolidated workbook, a form, a template, a document, the report, the disclosure, the
// results notice, the manifest, the CA certificate) names its file the same way.
import { documentTypes } from "../../shared/documents.ts";

export const XLSX_TYPE = documentTypes.xlsx.contentType;

/** `attachment; filename=…` with the UTF-8 name as well (RFC 5987: `'`, `(`, `)` and `*` escaped too), for names that are not ASCII. */
export function attachment(name: string): string {
  const ext = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${ext}`;
}
