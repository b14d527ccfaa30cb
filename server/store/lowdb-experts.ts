// Expert review in the data folder (docs/experts.md): one file, data/experts.json, holding the
// experts, the assignments and the review sheets. A bureau has tens of experts and hundreds of
// assignments a year, so the file is read once and rewritten whole (durably) on each change.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Assignment, Conclusion, Expert, Review } from "../../shared/expert/review.ts";
import { enqueue, writeFileDurable, type DurableOptions } from "./durable-file.ts";
import { assignmentMatches, byDueThenId, type AssignmentFilter, type AssignmentWrite, type ExpertStore, type ReviewWrite } from "./experts.ts";

interface ExpertData {
  experts: Expert[];
  assignments: Assignment[];
  reviews: Review[];
}

export class LowExperts implements ExpertStore {
  private data: Promise<ExpertData> | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: DurableOptions,
  ) {}

  private get file(): string {
    return join(this.dir, "experts.json");
  }

  private read(): Promise<ExpertData> {
    if (this.data) return this.data;
    const p = readFile(this.file, "utf8").then(
      (text) => JSON.parse(text) as ExpertData,
      (err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return { experts: [], assignments: [], reviews: [] };
        throw err;
      },
    );
    this.data = p;
    // a failed read is tried again on next use
    p.catch(() => {
      if (this.data === p) this.data = undefined;
    });
    return p;
  }

  /** Applies `change` to a copy and writes it; the copy becomes the data only once on disk. */
  private write<T>(change: (d: ExpertData) => { next?: ExpertData; out: T }): Promise<T> {
    return enqueue(`experts:${this.file}`, async () => {
      const current = await this.read();
      const { next, out } = change(current);
      if (next) {
        await writeFileDurable(this.file, JSON.stringify(next), this.options);
        this.data = Promise.resolve(next);
      }
      return out;
    });
  }

  addExpert(expert: Expert): Promise<boolean> {
    return this.write((d) => (d.experts.some((e) => e.code === expert.code) ? { out: false } : { next: { ...d, experts: [...d.experts, expert] }, out: true }));
  }

  async getExpert(code: string): Promise<Expert | undefined> {
    return (await this.read()).experts.find((e) => e.code === code);
  }

  async listExperts(): Promise<Expert[]> {
    return [...(await this.read()).experts].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  createAssignment(a: Assignment): Promise<boolean> {
    return this.write((d) => (d.assignments.some((x) => x.id === a.id) ? { out: false } : { next: { ...d, assignments: [...d.assignments, a] }, out: true }));
  }

  async getAssignment(id: string): Promise<Assignment | undefined> {
    return (await this.read()).assignments.find((a) => a.id === id);
  }

  async listAssignments(filter: AssignmentFilter = {}): Promise<Assignment[]> {
    return (await this.read()).assignments.filter((a) => assignmentMatches(a, filter)).sort(byDueThenId);
  }

  concludeAssignment(id: string, conclusion: Conclusion, expectVersion: number): Promise<AssignmentWrite> {
    return this.write((d): { next?: ExpertData; out: AssignmentWrite } => {
      const i = d.assignments.findIndex((a) => a.id === id);
      const current = d.assignments[i];
      if (!current || current.version !== expectVersion) return { out: { ok: false, current } };
      const next: Assignment = { ...current, conclusion, version: current.version + 1 };
      const assignments = [...d.assignments];
      assignments[i] = next;
      return { next: { ...d, assignments }, out: { ok: true, assignment: next } };
    });
  }

  saveReview(review: Review): Promise<ReviewWrite> {
    return this.write((d): { next?: ExpertData; out: ReviewWrite } => {
      const i = d.reviews.findIndex((r) => r.assignment === review.assignment && r.expert === review.expert);
      const current = d.reviews[i];
      if (current?.submittedAt) return { out: { ok: false, current } };
      const reviews = [...d.reviews];
      if (i < 0) reviews.push(review);
      else reviews[i] = review;
      return { next: { ...d, reviews }, out: { ok: true, review } };
    });
  }

  async getReview(assignment: string, expert: string): Promise<Review | undefined> {
    return (await this.read()).reviews.find((r) => r.assignment === assignment && r.expert === expert);
  }

  async listReviews(assignment: string): Promise<Review[]> {
    return (await this.read()).reviews.filter((r) => r.assignment === assignment).sort((a, b) => (a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0));
  }
}
