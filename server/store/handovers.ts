// Problems handed on (问题移送, docs/opinions.md) behind the Store: a record per problem handed to
// a supervision department, never changed once written. Both adapters implement it in their own
// file (lowdb-handovers.ts, postgres/pg-handovers.ts).
import type { Handover } from "../../shared/cycle/handover.ts";

export interface HandoverFilter {
  year?: number;
  unit?: string;
}

export interface HandoverStore {
  /** false when the id is taken. */
  add(h: Handover): Promise<boolean>;
  /** By the day handed on, then the time recorded. */
  list(filter?: HandoverFilter): Promise<Handover[]>;
}

export function handoverMatches(h: Handover, f: HandoverFilter): boolean {
  return (f.year === undefined || h.year === f.year) && (f.unit === undefined || h.unit === f.unit);
}

export function byDayHanded(a: Handover, b: Handover): number {
  return a.date.localeCompare(b.date) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id);
}
