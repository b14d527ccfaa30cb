// A project's documents behind the Store (docs/documents.md): each upload of an evaluation plan,
// evaluation report or self-evaluation report is a new version (1, 2, …) of that document, kept
// whole with who uploaded it, when, its size and sha256. Both adapters implement it in their own
// file (lowdb-documents.ts, postgres/pg-documents.ts) and pass the same tests.
import type { DocumentKind, DocumentType } from "../../shared/documents.ts";
import type { DocumentVersion } from "../../shared/api/documents.ts";
import type { AuditEvent } from "./store.ts";

export type { DocumentVersion };

export interface DocumentKey {
  year: number;
  unit: string;
  project: string;
  kind: DocumentKind;
}

export interface NewDocument {
  /** the name it is served under, already cleaned (shared/documents.ts storedName) */
  name: string;
  type: DocumentType;
  content: Uint8Array;
  by: string;
  at: string;
}

export interface ProjectRef {
  year: number;
  unit: string;
  project: string;
}

export interface DocumentStore {
  /**
   * Stores `file` as the next version of the document (the latest + 1, or 1): the number is taken
   * under the document's own lock, so two uploads at once become two versions, never one twice.
   * Durable when it returns; `audit`'s events are written with it.
   */
  addDocument(key: DocumentKey, file: NewDocument, audit?: (v: DocumentVersion) => AuditEvent[]): Promise<DocumentVersion>;
  /** A project's documents, every version, by kind then version. */
  listDocuments(project: ProjectRef): Promise<DocumentVersion[]>;
  /** One version with its bytes; undefined when there is none. */
  readDocument(key: DocumentKey, version: number): Promise<{ meta: DocumentVersion; content: Uint8Array } | undefined>;
}

/** Kinds in their fixed order (plan, report, self-evaluation), then versions ascending. */
export function byKindThenVersion(order: readonly DocumentKind[]) {
  return (a: DocumentVersion, b: DocumentVersion): number => order.indexOf(a.kind) - order.indexOf(b.kind) || a.version - b.version;
}

export function documentTarget(k: DocumentKey, version?: number): string {
  return `${k.year}/${k.unit}/${k.project}/documents/${k.kind}${version !== undefined ? `/${version}` : ""}`;
}
