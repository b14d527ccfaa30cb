// A project's documents on the wire (docs/documents.md): what an upload answers, a project's list
// of documents with every version, and the path and query of the routes.
import { z } from "zod";
import { whoAndWhen } from "./who-and-when.ts";
import { documentKinds, documentTypes } from "../documents.ts";
import { CodeSchema } from "../library.ts";
import { codesOf } from "../glossary.ts";

export const DocumentKindSchema = z.enum(documentKinds);
export const DocumentTypeSchema = z.enum(codesOf(documentTypes));

/** One stored version of a document: who uploaded it, when, what it is and its fingerprint. */
export const DocumentVersionSchema = z.object({
  year: z.number().int(),
  unit: CodeSchema,
  project: CodeSchema,
  kind: DocumentKindSchema,
  /** 1 for the first upload of this kind, then 2, 3, … */
  version: z.number().int().min(1),
  /** the name it is served under (the client's name, cleaned: shared/documents.ts storedName) */
  name: z.string(),
  type: DocumentTypeSchema,
  bytes: z.number().int(),
  /** hex */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  ...whoAndWhen,
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

/** A project's documents, each kind's versions oldest first. */
export const DocumentListSchema = z.object({
  year: z.number().int(),
  unit: CodeSchema,
  project: CodeSchema,
  documents: z.array(DocumentVersionSchema),
  /** what an upload may be now (policy.limits): bytes of one file, versions of one document */
  limits: z.object({ bytes: z.number().int(), versions: z.number().int() }),
});
export type DocumentList = z.infer<typeof DocumentListSchema>;

/** `?name=` of an upload: what the client called the file (a label only; cleaned before it is kept). */
export const DocumentUploadQuerySchema = z.object({ name: z.string().max(1000).optional() });
