// A project's documents on PostgreSQL (docs/documents.md; the table in migrations/012_documents.sql).
// The next version is taken by the insert itself: `max(version) + 1` with the primary key as the
// arbiter, so of two uploads at once (on one server or two) one inserts and the other, finding the
// number taken, takes the next. The version and its audit events commit together.
import { createHash } from "node:crypto";
import type pg from "pg";
import { documentKinds } from "../../../shared/documents.ts";
import { byKindThenVersion, versionLimitReached, type DocumentKey, type DocumentStore, type DocumentVersion, type NewDocument, type ProjectRef } from "../documents.ts";
import type { AuditEvent } from "../audit-event.ts";

interface Row {
  year: number;
  unit: string;
  project: string;
  kind: DocumentVersion["kind"];
  version: number;
  name: string;
  type: DocumentVersion["type"];
  bytes: number;
  sha256: string;
  by_actor: string;
  at: string;
}

const COLUMNS = "year, unit, project, kind, version, name, type, bytes, sha256, by_actor, at";

function fromRow(r: Row): DocumentVersion {
  return { year: r.year, unit: r.unit, project: r.project, kind: r.kind, version: r.version, name: r.name, type: r.type, bytes: r.bytes, sha256: r.sha256, by: r.by_actor, at: r.at };
}

/** How many times an upload looks for a free number before giving up (each miss is another upload that won). */
const ATTEMPTS = 50;

export class PgDocuments implements DocumentStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly tx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>,
    private readonly auditIn: (c: pg.PoolClient, events: AuditEvent[]) => Promise<void>,
  ) {}

  addDocument(key: DocumentKey, file: NewDocument, audit?: (v: DocumentVersion) => AuditEvent[]): Promise<DocumentVersion> {
    const sha256 = createHash("sha256").update(file.content).digest("hex");
    return this.tx(async (c) => {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const { rows } = await c.query<Row>(
          `INSERT INTO documents (${COLUMNS}, content)
           SELECT $1, $2, $3, $4, coalesce(max(version), 0) + 1, $5, $6, $7, $8, $9, $10, $11
             FROM documents WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4
           HAVING count(*) < $12
           ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
          [key.year, key.unit, key.project, key.kind, file.name, file.type, file.content.byteLength, sha256, file.by, file.at, file.content, file.maxVersions],
        );
        const row = rows[0];
        if (!row) {
          // no row: the limit was reached, or another upload took this number first (it committed
          // before the conflict was seen, so the count below, a fresh snapshot, includes it)
          const { rows: counted } = await c.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM documents WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4",
            [key.year, key.unit, key.project, key.kind],
          );
          const kept = counted[0]?.n ?? 0;
          if (kept >= file.maxVersions) throw versionLimitReached(key.kind, kept, file.maxVersions);
          continue;
        }
        const meta = fromRow(row);
        await this.auditIn(c, audit?.(meta) ?? []);
        return meta;
      }
      throw new Error(`no free version of ${key.year}/${key.unit}/${key.project}/${key.kind} after ${ATTEMPTS} attempts`);
    });
  }

  async listDocuments(p: ProjectRef): Promise<DocumentVersion[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM documents WHERE year = $1 AND unit = $2 AND project = $3`, [p.year, p.unit, p.project]);
    return rows.map(fromRow).sort(byKindThenVersion(documentKinds));
  }

  async readDocument(key: DocumentKey, version: number): Promise<{ meta: DocumentVersion; content: Uint8Array } | undefined> {
    const { rows } = await this.pool.query<Row & { content: Buffer }>(
      `SELECT ${COLUMNS}, content FROM documents WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4 AND version = $5`,
      [key.year, key.unit, key.project, key.kind, version],
    );
    const row = rows[0];
    return row ? { meta: fromRow(row), content: new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength) } : undefined;
  }
}
