// Opinions on results on PostgreSQL (docs/opinions.md; table in migrations/014_opinions.sql): one
// JSONB document per draft, updated only where its version is still the one the step read.
import type pg from "pg";
import type { Consultation } from "../../../shared/cycle/opinions.ts";
import { DocTable, jsonParam } from "./pg-docs.ts";
import type { ConsultationFilter, ConsultationWrite, OpinionStore } from "../opinions.ts";

export class PgOpinions extends DocTable<Consultation, ConsultationFilter> implements OpinionStore {
  constructor(pool: pg.Pool) {
    super(pool, "opinions", (f) => [["year = $", f.year], ["units @> ARRAY[$::text]", f.unit], ["state = $", f.state]], "created_at, id");
  }

  create(c: Consultation): Promise<boolean> {
    return this.insert({ id: c.id, year: c.year, state: c.state, version: c.version, units: c.units, created_at: c.createdAt }, c, { units: "::text[]" });
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
