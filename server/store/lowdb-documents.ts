// A project's documents in the data folder (docs/documents.md):
//
//   data/documents/<year>/<unit>/<project>/index.json            every version's record
//   data/documents/<year>/<unit>/<project>/<kind>-<version>.<ext>  the file, as uploaded
//
// Where a file lies comes from codes and numbers only (unit and project are codes, written as
// form-log.ts writes them for disks that ignore case), never from the name a client gave. Files are
// 0600 and folders 0700 like every data file, each written durably (temp file, fsync, rename:
// durable-file.ts): the file first, then the index that makes it a version, so a crash leaves at
// most an unlisted file that the next upload of that version overwrites.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { documentKinds, documentTypes } from "../../shared/documents.ts";
import { byKindThenVersion, versionLimitReached, type DocumentKey, type DocumentStore, type DocumentVersion, type NewDocument, type ProjectRef } from "./documents.ts";
import { enqueue, writeFileDurable, type DurableOptions } from "./durable-file.ts";
import { safeName } from "./form-log.ts";
import type { AuditEvent } from "./audit-event.ts";

interface Index {
  versions: DocumentVersion[];
}

export class LowDocuments implements DocumentStore {
  /**
   * Each unit's document bytes, counted when first asked for and forgotten at its next upload
   * (unitBytes): the count under way, shared by those asking meanwhile, and once it is done the
   * number, read without waiting (a save's reads: unitBytesNow).
   */
  private readonly bytesByUnit = new Map<string, { counting: Promise<number>; known?: number }>();

  constructor(
    private readonly dir: string,
    private readonly options: DurableOptions,
    /** The store's audit log: an upload's events are appended once the version is on disk. */
    private readonly appendAudit: (e: AuditEvent) => Promise<void>,
  ) {}

  private folder(p: ProjectRef): string {
    return join(this.dir, "documents", String(p.year), safeName(p.unit), safeName(p.project));
  }

  private fileOf(meta: DocumentVersion): string {
    return join(this.folder(meta), `${meta.kind}-${meta.version}${documentTypes[meta.type].ext}`);
  }

  private index(p: ProjectRef): Promise<Index> {
    return this.indexIn(this.folder(p));
  }

  private async indexIn(folder: string): Promise<Index> {
    const text = await readFile(join(folder, "index.json"), "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return '{"versions":[]}';
      throw err;
    });
    return JSON.parse(text) as Index;
  }

  /**
   * The bytes of every version of a unit's documents, all years: their share of the unit's
   * policy.limits.bytesPerUnit (docs/storage.md). Counted from the unit's index files the first
   * time it is asked for, so a start reads no document; an upload makes the next asking count again.
   */
  unitBytes(unit: string): Promise<number> {
    let entry = this.bytesByUnit.get(unit);
    if (!entry) {
      const made: { counting: Promise<number>; known?: number } = { counting: this.countUnit(unit) };
      this.bytesByUnit.set(unit, (entry = made));
      // an upload meanwhile forgets this entry: its count, when done, is then known to nobody
      made.counting.then(
        (n) => (made.known = n),
        () => {
          if (this.bytesByUnit.get(unit) === made) this.bytesByUnit.delete(unit);
        },
      );
    }
    return entry.counting;
  }

  /** unitBytes when it is known already, else undefined (then ask unitBytes). */
  unitBytesNow(unit: string): number | undefined {
    return this.bytesByUnit.get(unit)?.known;
  }

  private async countUnit(unit: string): Promise<number> {
    const root = join(this.dir, "documents");
    let total = 0;
    for (const year of await namesIn(root)) {
      const unitDir = join(root, year, safeName(unit));
      for (const project of await namesIn(unitDir)) {
        for (const v of (await this.indexIn(join(unitDir, project))).versions) total += v.bytes;
      }
    }
    return total;
  }

  addDocument(key: DocumentKey, file: NewDocument, audit?: (v: DocumentVersion) => AuditEvent[]): Promise<DocumentVersion> {
    // one queue per project: its index is rewritten whole, so two uploads of any of its documents
    // run one after the other and each reads the other's version
    return enqueue(`documents:${this.folder(key)}`, async () => {
      const index = await this.index(key);
      const kept = index.versions.filter((v) => v.kind === key.kind);
      if (kept.length >= file.maxVersions) throw versionLimitReached(key.kind, kept.length, file.maxVersions);
      const version = 1 + Math.max(0, ...kept.map((v) => v.version));
      const meta: DocumentVersion = {
        year: key.year,
        unit: key.unit,
        project: key.project,
        kind: key.kind,
        version,
        name: file.name,
        type: file.type,
        bytes: file.content.byteLength,
        sha256: createHash("sha256").update(file.content).digest("hex"),
        by: file.by,
        at: file.at,
      };
      await writeFileDurable(this.fileOf(meta), file.content, this.options);
      const next: Index = { versions: [...index.versions, meta].sort(byKindThenVersion(documentKinds)) };
      await writeFileDurable(join(this.folder(key), "index.json"), JSON.stringify(next), this.options);
      this.bytesByUnit.delete(key.unit);
      for (const e of audit?.(meta) ?? []) await this.appendAudit(e);
      return meta;
    });
  }

  async listDocuments(p: ProjectRef): Promise<DocumentVersion[]> {
    return (await this.index(p)).versions;
  }

  async readDocument(key: DocumentKey, version: number): Promise<{ meta: DocumentVersion; content: Uint8Array } | undefined> {
    const meta = (await this.index(key)).versions.find((v) => v.kind === key.kind && v.version === version);
    if (!meta) return undefined;
    return { meta, content: new Uint8Array(await readFile(this.fileOf(meta))) };
  }
}

/** A folder's entries; none when it does not exist. */
async function namesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
}
