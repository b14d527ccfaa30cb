// Opinions on results (征求意见, docs/opinions.md) behind the Store: each draft sent for opinions
// with its answers, replies and versions, as one document written by compare-and-set on its
// version. Both adapters implement it in their own file (lowdb-opinions.ts, postgres/pg-opinions.ts).
import type { Consultation } from "../../shared/cycle/opinions.ts";

export interface ConsultationFilter {
  year?: number;
  /** Drafts sent to this unit. */
  unit?: string;
  state?: Consultation["state"];
}

export type ConsultationWrite = { ok: true; item: Consultation } | { ok: false; current: Consultation | undefined };

export interface OpinionStore {
  /** false when the id is taken. */
  create(c: Consultation): Promise<boolean>;
  get(id: string): Promise<Consultation | undefined>;
  /** Oldest first. */
  list(filter?: ConsultationFilter): Promise<Consultation[]>;
  /** Writes `next` if the stored one still has `expectVersion`. */
  update(next: Consultation, expectVersion: number): Promise<ConsultationWrite>;
}

export function consultationMatches(c: Consultation, f: ConsultationFilter): boolean {
  return (f.year === undefined || c.year === f.year) && (f.unit === undefined || c.units.includes(f.unit)) && (f.state === undefined || c.state === f.state);
}

export function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
