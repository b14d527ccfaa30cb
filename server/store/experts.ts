// Expert review behind the Store (docs/experts.md): the experts, the items finance assigned them
// and each expert's review sheet. Both adapters implement it in their own file (lowdb-experts.ts,
// postgres/pg-experts.ts) and pass the same tests (test/experts/).
import type { Assignment, Conclusion, Expert, Review } from "../../shared/expert/review.ts";

export interface AssignmentFilter {
  year?: number;
  /** the assignments naming this expert */
  expert?: string;
  unit?: string;
  project?: string;
}

export type AssignmentWrite = { ok: true; assignment: Assignment } | { ok: false; current: Assignment | undefined };
export type ReviewWrite = { ok: true; review: Review } | { ok: false; current: Review };

export interface ExpertStore {
  /** Adds an expert; false when the code is taken. */
  addExpert(expert: Expert): Promise<boolean>;
  getExpert(code: string): Promise<Expert | undefined>;
  /** Ordered by code. */
  listExperts(): Promise<Expert[]>;
  /** Stores a new assignment; false when its id is taken. */
  createAssignment(assignment: Assignment): Promise<boolean>;
  getAssignment(id: string): Promise<Assignment | undefined>;
  /** Ordered by due date, then id. */
  listAssignments(filter?: AssignmentFilter): Promise<Assignment[]>;
  /** Records the panel's conclusion if the stored version is `expectVersion` (compare-and-set); the version goes up by one. */
  concludeAssignment(id: string, conclusion: Conclusion, expectVersion: number): Promise<AssignmentWrite>;
  /** Saves an expert's sheet unless the stored one is submitted (then `ok: false` with it): a submitted sheet never changes. */
  saveReview(review: Review): Promise<ReviewWrite>;
  getReview(assignment: string, expert: string): Promise<Review | undefined>;
  /** The sheets of an assignment, in the order of its experts' codes. */
  listReviews(assignment: string): Promise<Review[]>;
}

export function assignmentMatches(a: Assignment, f: AssignmentFilter): boolean {
  return (
    (f.year === undefined || a.year === f.year) &&
    (f.expert === undefined || a.experts.includes(f.expert)) &&
    (f.unit === undefined || a.unit === f.unit) &&
    (f.project === undefined || a.project === f.project)
  );
}

export function byDueThenId(a: Assignment, b: Assignment): number {
  return a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
