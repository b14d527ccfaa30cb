// Problems handed on on PostgreSQL (docs/opinions.md; table in migrations/015_handovers.sql).
import type pg from "pg";
import type { Handover } from "../../../shared/cycle/handover.ts";
import { DocTable } from "./pg-docs.ts";
import type { HandoverFilter, HandoverStore } from "../handovers.ts";

export class PgHandovers extends DocTable<Handover, HandoverFilter> implements HandoverStore {
  constructor(pool: pg.Pool) {
    super(pool, "handovers", (f) => [["year = $", f.year], ["unit = $", f.unit]], "handed_on, at, id");
  }

  add(h: Handover): Promise<boolean> {
    return this.insert({ id: h.id, year: h.year, unit: h.unit, handed_on: h.date, at: h.at }, h);
  }
}
