// Opinions on results on PostgreSQL (docs/opinions.md; table in migrations/014_opinions.sql): one
// JSONB document per draft, updated only where its version is still the one the step read.
import type pg from "pg";
import type { Consultation } from "../../../shared/cycle/opinions.ts";
import type { ConsultationFilter, ConsultationWrite, OpinionStore } from "../opinions.ts";

export class PgOpinions implements OpinionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(c: Consultation): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO opinions (id, year, state, version, units, created_at, doc) VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.year, c.state, c.version, c.units, c.createdAt, JSON.stringify(c)],
    );
    return rowCount === 1;
  }

  async get(id: string): Promise<Consultation | undefined> {
    const { rows } = await this.pool.query<{ doc: Consultation }>("SELECT doc FROM opinions WHERE id = $1", [id]);
    return rows[0]?.doc;
  }

  async list(filter: ConsultationFilter = {}): Promise<Consultation[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.year !== undefined) where.push(`year = $${args.push(filter.year)}`);
    if (filter.unit !== undefined) where.push(`units @> ARRAY[$${args.push(filter.unit)}::text]`);
    if (filter.state !== undefined) where.push(`state = $${args.push(filter.state)}`);
    const { rows } = await this.pool.query<{ doc: Consultation }>(
      `SELECT doc FROM opinions ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id`,
      args,
    );
    return rows.map((r) => r.doc);
  }

  async update(next: Consultation, expectVersion: number): Promise<ConsultationWrite> {
    const { rowCount } = await this.pool.query(
      `UPDATE opinions SET state = $2, version = $3, units = $4::text[], doc = $5::jsonb WHERE id = $1 AND version = $6 AND year = $7`,
      [next.id, next.state, next.version, next.units, JSON.stringify(next), expectVersion, next.year],
    );
    if (rowCount === 1) return { ok: true, item: next };
    return { ok: false, current: await this.get(next.id) };
  }
}
