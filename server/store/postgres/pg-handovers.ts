// Problems handed on on PostgreSQL (docs/opinions.md; table in migrations/015_handovers.sql).
import type pg from "pg";
import type { Handover } from "../../../shared/cycle/handover.ts";
import { docsWhere, insertDoc } from "./pg-docs.ts";
import type { HandoverFilter, HandoverStore } from "../handovers.ts";

export class PgHandovers implements HandoverStore {
  constructor(private readonly pool: pg.Pool) {}

  add(h: Handover): Promise<boolean> {
    return insertDoc(this.pool, "handovers", { id: h.id, year: h.year, unit: h.unit, handed_on: h.date, at: h.at }, h);
  }

  list(filter: HandoverFilter = {}): Promise<Handover[]> {
    const conditions = [
      ["year = $", filter.year],
      ["unit = $", filter.unit],
    ] as const;
    return docsWhere(this.pool, "handovers", conditions, "handed_on, at, id");
  }
}
