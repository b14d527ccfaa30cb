// Opinions on results on PostgreSQL (docs/opinions.md; table in migrations/014_opinions.sql): one
// JSONB document per draft, updated only where its version is still the one the step read.
import type pg from "pg";
import type { Consultation } from "../../../shared/cycle/opinions.ts";
import { docById, docsWhere, insertDoc } from "./pg-docs.ts";
import { jsonParam } from "./pg-store.ts";
import type { ConsultationFilter, ConsultationWrite, OpinionStore } from "../opinions.ts";

export class PgOpinions implements OpinionStore {
  constructor(private readonly pool: pg.Pool) {}

  create(c: Consultation): Promise<boolean> {
    const columns = { id: c.id, year: c.year, state: c.state, version: c.version, units: c.units, created_at: c.createdAt };
    return insertDoc(this.pool, "opinions", columns, c, { units: "::text[]" });
  }

  get(id: string): Promise<Consultation | undefined> {
    return docById(this.pool, "opinions", id);
  }

  list(filter: ConsultationFilter = {}): Promise<Consultation[]> {
    const conditions = [
      ["year = $", filter.year],
      ["units @> ARRAY[$::text]", filter.unit],
      ["state = $", filter.state],
    ] as const;
    return docsWhere(this.pool, "opinions", conditions, "created_at, id");
  }

  async update(next: Consultation, expectVersion: number): Promise<ConsultationWrite> {
    const { rowCount } = await this.pool.query(
      `UPDATE opinions SET state = $2, version = $3, units = $4::text[], doc = $5::jsonb WHERE id = $1 AND version = $6 AND year = $7`,
      [next.id, next.state, next.version, next.units, jsonParam(next), expectVersion, next.year],
    );
    if (rowCount === 1) return { ok: true, item: next };
    return { ok: false, current: await this.get(next.id) };
  }
}
