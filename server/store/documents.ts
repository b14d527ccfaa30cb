// A project's documents behind the Store (docs/documents.md): each upload of an evaluation plan,
// evaluation report or self-evaluation report is a new version (1, 2, …) of that document, kept
// whole with who uploaded it, when, its size and sha256. Both adapters implement it in their own
// file (lowdb-documents.ts, postgres/pg-documents.ts) and pass the same tests.
import type { DocumentKind, DocumentType } from "../../shared/documents.ts";
import type { DocumentVersion } from "../../shared/api/documents.ts";
import { documentKindTerms } from "../../shared/documents.ts";
import { DomainError } from "../domain-error.ts";
import type { AuditEvent } from "./audit-event.ts";

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
  /** the policy's limit (policy.limits.documentVersions): refused when the document already has this many */
  maxVersions: number;
}

/**
 * The refusal when a document already has `kept` versions of at most `limit`. The adapters count
 * under the document's own lock, in the same step that takes the next number: counted before it,
 * two uploads at once could both pass at `limit - 1` and store `limit + 1` versions.
 */
export function versionLimitReached(kind: DocumentKind, kept: number, limit: number): DomainError {
  return new DomainError(
    "limit_document_versions",
    `${documentKindTerms[kind].zh}已有 ${kept} 个版本，达到上限 ${limit}（policy.limits.documentVersions），请联系财政部门`,
    `The ${documentKindTerms[kind].en} already has ${kept} versions, the limit (policy.limits.documentVersions = ${limit}): ask the finance bureau`,
  );
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
   * Refused (versionLimitReached) under the same lock when the document already has
   * `file.maxVersions` versions. Durable when it returns; `audit`'s events are written with it.
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
