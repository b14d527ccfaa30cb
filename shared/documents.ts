// A project's documents (docs/documents.md): the evaluation plan (评价方案) and evaluation report
// (评价报告) of a project the bureau evaluates, and the unit's self-evaluation report (自评报告),
// kept as files beside the project's forms. What kinds there are, what files are taken, and the
// name a file is stored under: pure, for the server, the pane and the docs alike.
import { codesOf, type Term } from "./glossary.ts";
import { REPLACEMENT, xmlSafe } from "./xml-text.ts";

export const documentKindTerms = {
  evalPlan: { zh: "评价方案", en: "evaluation plan" },
  evalReport: { zh: "评价报告", en: "evaluation report" },
  selfEvalReport: { zh: "自评报告", en: "self-evaluation report" },
} as const satisfies Record<string, Term>;
export type DocumentKind = keyof typeof documentKindTerms;
export const documentKinds = codesOf(documentKindTerms);

/** The files taken, as their bytes say they are (never as the name or the Content-Type says). */
export const documentTypes = {
  pdf: { ext: ".pdf", contentType: "application/pdf", zh: "PDF", en: "PDF" },
  docx: { ext: ".docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zh: "Word 文档（.docx）", en: "Word document (.docx)" },
  xlsx: { ext: ".xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zh: "Excel 工作簿（.xlsx）", en: "Excel workbook (.xlsx)" },
} as const;
export type DocumentType = keyof typeof documentTypes;

/** What is taken, said once for every refusal and hint. */
export const acceptedTypes: Term = { zh: "PDF、Word（.docx）或 Excel（.xlsx）文件", en: "a PDF, Word (.docx) or Excel (.xlsx) file" };

/** Longest stored name, in characters (a name is shown in lists and sent back in Content-Disposition). */
export const maxNameLength = 120;

/**
 * The name a file is stored and served under, from what the client called it: only the last part
 * of a path (`C:\报告\评价报告.docx` → `评价报告.docx`), without control characters, the characters
 * Windows forbids in names, leading dots and trailing dots or spaces, at most `maxNameLength`
 * characters, and ending in the extension of what the bytes are (`报告.exe` holding a PDF →
 * `报告.exe.pdf`). Blank or nothing left: the kind's name (`评价方案.pdf`). The name is only a
 * label: where the file lies on disk never comes from it.
 */
export function storedName(clientName: string | undefined, kind: DocumentKind, type: DocumentType): string {
  const ext = documentTypes[type].ext;
  const last = (clientName ?? "").split(/[\\/]/).pop() ?? "";
  // lone surrogates and the like become U+FFFD first (shared/xml-text.ts), then go with the rest
  let name = xmlSafe(last.normalize("NFC"))
    .replaceAll(REPLACEMENT, "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.toLowerCase().endsWith(ext)) name = name.slice(0, -ext.length).replace(/[.\s]+$/, "");
  // cut by code points, so a Chinese name is never left with half a surrogate pair
  const room = maxNameLength - ext.length;
  const points = [...name];
  if (points.length > room) name = points.slice(0, room).join("").replace(/[.\s]+$/, "");
  if (name === "") name = documentKindTerms[kind].zh;
  return name + ext;
}

/** `12.3 MB`, `850 KB`: a size as the pane and the messages show it. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
