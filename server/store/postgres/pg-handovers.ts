// Problems handed on on PostgreSQL (docs/opinions.md; table in migrations/015_handovers.sql).
import type pg from "pg";
import type { Handover } from "../../../shared/cycle/handover.ts";
import type { HandoverFilter, HandoverStore } from "../handovers.ts";

export class PgHandovers implements HandoverStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(h: Handover): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO handovers (id, year, unit, handed_on, at, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING`,
      [h.id, h.year, h.unit, h.date, h.at, JSON.stringify(h)],
    );
    return rowCount === 1;
  }

  async list(filter: HandoverFilter = {}): Promise<Handover[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.year !== undefined) where.push(`year = $${args.push(filter.year)}`);
    if (filter.unit !== undefined) where.push(`unit = $${args.push(filter.unit)}`);
    const { rows } = await this.pool.query<{ doc: Handover }>(
      `SELECT doc FROM handovers ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY handed_on, at, id`,
      args,
    );
    return rows.map((r) => r.doc);
  }
}
