// Expert review on PostgreSQL (docs/experts.md; tables in migrations/013_expert_reviews.sql). Each
// write is one statement whose WHERE holds the precondition (the version for a conclusion, "not
// submitted" for a sheet), so two servers racing cannot both win.
import type pg from "pg";
import type { Assignment, Conclusion, Expert, Review } from "../../../shared/expert/review.ts";
import type { AssignmentFilter, AssignmentWrite, ExpertStore, ReviewWrite } from "../experts.ts";
import { jsonParam } from "./pg-docs.ts";

export class PgExperts implements ExpertStore {
  constructor(private readonly pool: pg.Pool) {}

  async addExpert(e: Expert): Promise<boolean> {
    const { rowCount } = await this.pool.query("INSERT INTO experts (code, name, field) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING", [e.code, e.name, e.field]);
    return rowCount === 1;
  }

  async getExpert(code: string): Promise<Expert | undefined> {
    const { rows } = await this.pool.query<Expert>("SELECT code, name, field FROM experts WHERE code = $1", [code]);
    return rows[0];
  }

  async listExperts(): Promise<Expert[]> {
    const { rows } = await this.pool.query<Expert>("SELECT code, name, field FROM experts ORDER BY code COLLATE \"C\"");
    return rows;
  }

  async createAssignment(a: Assignment): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "INSERT INTO review_assignments (id, year, unit, project, experts, due, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
      [a.id, a.year, a.unit, a.project, a.experts, a.due, a.version, jsonParam(a)],
    );
    return rowCount === 1;
  }

  async getAssignment(id: string): Promise<Assignment | undefined> {
    const { rows } = await this.pool.query<{ body: Assignment }>("SELECT body FROM review_assignments WHERE id = $1", [id]);
    return rows[0]?.body;
  }

  async listAssignments(f: AssignmentFilter = {}): Promise<Assignment[]> {
    const where = ["true"];
    const args: unknown[] = [];
    if (f.year !== undefined) where.push(`year = $${args.push(f.year)}`);
    if (f.unit !== undefined) where.push(`unit = $${args.push(f.unit)}`);
    if (f.project !== undefined) where.push(`project = $${args.push(f.project)}`);
    if (f.expert !== undefined) where.push(`experts @> ARRAY[$${args.push(f.expert)}::text]`);
    const { rows } = await this.pool.query<{ body: Assignment }>(
      `SELECT body FROM review_assignments WHERE ${where.join(" AND ")} ORDER BY due COLLATE "C", id COLLATE "C"`,
      args,
    );
    return rows.map((r) => r.body);
  }

  async concludeAssignment(id: string, conclusion: Conclusion, expectVersion: number): Promise<AssignmentWrite> {
    const { rows } = await this.pool.query<{ body: Assignment }>(
      `UPDATE review_assignments SET version = version + 1,
         body = jsonb_set(jsonb_set(body, '{conclusion}', $3::jsonb), '{version}', to_jsonb(version + 1))
       WHERE id = $1 AND version = $2 RETURNING body`,
      [id, expectVersion, jsonParam(conclusion)],
    );
    if (rows[0]) return { ok: true, assignment: rows[0].body };
    return { ok: false, current: await this.getAssignment(id) };
  }

  async saveReview(r: Review): Promise<ReviewWrite> {
    const { rows } = await this.pool.query<{ body: Review }>(
      `INSERT INTO expert_reviews (assignment, expert, submitted_at, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (assignment, expert) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, body = EXCLUDED.body
       WHERE expert_reviews.submitted_at IS NULL RETURNING body`,
      [r.assignment, r.expert, r.submittedAt ?? null, jsonParam(r)],
    );
    if (rows[0]) return { ok: true, review: rows[0].body };
    return { ok: false, current: (await this.getReview(r.assignment, r.expert))! };
  }

  async getReview(assignment: string, expert: string): Promise<Review | undefined> {
    const { rows } = await this.pool.query<{ body: Review }>("SELECT body FROM expert_reviews WHERE assignment = $1 AND expert = $2", [assignment, expert]);
    return rows[0]?.body;
  }

  async listReviews(assignment: string): Promise<Review[]> {
    const { rows } = await this.pool.query<{ body: Review }>("SELECT body FROM expert_reviews WHERE assignment = $1 ORDER BY expert COLLATE \"C\"", [assignment]);
    return rows.map((r) => r.body);
  }
}
