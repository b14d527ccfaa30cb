// The Store on PostgreSQL (docs/architecture.md), for a bureau that runs several `jixiao serve` processes
// on one database. Tables in ./migrations, applied on open (migrate.ts). A conditional write
// (`saveRevision`, `transition`) is one conditional UPDATE whose WHERE is the `Expect`, with the
// new revision inserted in the same statement, so two servers racing on one submission cannot
// both win; creating one that does not exist yet relies on the primary key (INSERT … ON CONFLICT
// DO NOTHING).
//
// Revisions and library versions never change once written, so they are kept parsed in memory
// and reused while the row's revision (or the version) says they are still current: a save then
// reads one row, not every revision, and the same form object comes back (workflow.ts remembers
// its parse by object).
import type { AuditEvent } from "../audit-event.ts";
import pg from "pg";
import { countBySeverity, type Issue } from "../../../shared/issue.ts";
import {
  keyString,
  type AuditFilter,
  type Notice,
  type Rectification,
  type RectificationFilter,
  type RectWriteResult,
  type Counts,
  type Expect,
  type AuditOf,
  type HistoryRevision,
  type SaveOptions,
  type FormKind,
  type UnitUsage,
  type KeyProject,
  type LibraryVersion,
  type NewRevision,
  type ReturnComment,
  type Revision,
  type SameSetForm,
  type SaveContext,
  type SaveContextOptions,
  type Status,
  type Store,
  type Submission,
  type SubmissionFilter,
  type SubmissionKey,
  type SubmissionMeta,
  type TokenRecord,
  type Transition,
  type Unit,
  type WriteResult,
} from "../store.ts";
import { LOCK_INIT, LOCK_SPACE, migrate } from "./migrate.ts";
import { BatchWriter } from "../batch-writer.ts";
import { ByteLru, DEFAULT_CACHE_BYTES } from "../byte-lru.ts";
import { PgHandovers } from "./pg-handovers.ts";
import { PgOpinions } from "./pg-opinions.ts";
import { budgetOf, PgTreasury, type BudgetRow } from "./pg-treasury.ts";
import { PgExperts } from "./pg-experts.ts";
import { PgDocuments } from "./pg-documents.ts";
import { DocTable, jsonParam, jsonText, textParam } from "./pg-docs.ts";
export { jsonParam };

export interface PgStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Bytes of latest revisions kept parsed in memory (default 64 MiB). */
  cacheBytes?: number;
  /** Where errors of idle connections are reported (default stderr). */
  log?: (message: string) => void;
}

// The statements every save runs (the token, the form's row, the library's version, the unit's
// usage and forms of the same set, the save itself) are named, so each connection has PostgreSQL
// parse and plan them once instead of on every save. Only fixed texts with explicit columns are
// named: a plan a migration invalidates is re-planned by PostgreSQL (a `SELECT *` would fail).
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `jixiao_${statementNames.size + 1}`));
  return { name, text, values };
}

export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const log = options.log ?? ((m: string) => process.stderr.write(`jixiao: postgres: ${m}\n`));
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, application_name: "jixiao" });
  // An idle connection that the server drops (restart, network) must not crash the process.
  pool.on("error", (err) => log(err.message));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PgStore(url, pool, options);
}

interface SubmissionRow {
  year: number;
  unit: string;
  project: string;
  kind: SubmissionKey["kind"];
  status: Status;
  revision: number;
  returned: ReturnComment | null;
  updated_at: string;
  status_at: string;
  counts: Counts;
  library_version: number;
  project_name: string | null;
  unit_name: string | null;
  first_counts: Counts;
  rows: number;
  bytes: string;
  fingerprint: string | null;
  compacted: number;
}

interface RevisionRow {
  revision: number;
  form: Record<string, unknown> | null;
  by_actor: string;
  at: string;
  library_version: number;
  issues: Issue[];
  counts: Counts;
  score: Revision["score"] | null;
  lights: Revision["lights"] | null;
}

type FetchedRevision = RevisionRow & { n: number };

interface SaveContextRow {
  head: SubmissionRow | null;
  latest: FetchedRevision | null;
  target: SubmissionRow | null;
  target_latest: FetchedRevision | null;
  library_version: number | null;
  forms: string;
  bytes: string;
  unit_row: UnitRow | null;
  fp: string | null;
  /** [project, revision, project_name, fingerprint] of each form of the set: X602 reads no more. */
  same: [string, number, string | null, string | null][] | null;
  payments: { date: string; amountFen: number }[] | null;
  budget: BudgetRow | null;
  token_live: boolean;
}

const KEY = "year, unit, project, kind";
/** Heads' compaction marks remembered (a few dozen bytes each). */
const MARKS_MAX = 100_000;
const SUBMISSION_COLUMNS = `${KEY}, status, revision, returned, updated_at, status_at, counts, library_version, project_name, unit_name, first_counts, rows, bytes, fingerprint, compacted`;
const REVISION_COLUMNS = "revision, form, by_actor, at, library_version, issues, counts, score, lights";

/**
 * A unit's usage (UnitUsage) over its `submissions` rows (`WHERE unit = …`): its forms of `year` and
 * the bytes of all its forms and documents, all years (documents through an index-only scan,
 * migration 019). `unitUsage` and a save's read (saveContext) both select it.
 */
const USAGE = (unit: string, year: string) =>
  `count(*) FILTER (WHERE year = ${year}) AS forms, coalesce(sum(bytes), 0) + (SELECT coalesce(sum(bytes), 0) FROM documents WHERE unit = ${unit}) AS bytes`;
/** The unit's forms X602 compares with (sameIndicatorSet): of `year` and `kind`, of fingerprint `fp` or none kept (a form stored before fingerprints were). */
const SAME_SET = (year: string, kind: string, fp: string) => `year = ${year} AND kind = ${kind} AND (fingerprint = ${fp} OR fingerprint IS NULL)`;
/** A save for the saves' statement (savesSql): its fields as JSON members, and what came back. */
interface SaveJob {
  record: string;
  /** A new form: its row is inserted, not updated. */
  create: boolean;
  /** The statement must hold compaction's parts: the form's mark is unknown, or this save may be due one. */
  compact: boolean;
  row?: SaveRow;
  error?: unknown;
}
type SaveRow = { revision: number; status_at: string; returned: ReturnComment | null; first_counts: Counts; compacted: number };
/** Saves in one statement at most. */
const SAVES_TOGETHER = 32;
const SAVED_COLUMNS = "year, unit, project, kind, revision, status_at, returned, first_counts, compacted, counts";

/**
 * The one statement that writes saves (docs/storage.md, "A save's write"), one row of `$1` each,
 * whether one save or many arrived together: each form's UPDATE holds its precondition (the revision
 * it replaces and the status it leaves, compared with IS NOT DISTINCT FROM so no plan walks the
 * status index, migration 016), a new form's INSERT relies on the primary key, and each written
 * row's revision and audit events follow from what came back, all in one commit. Only the parts a
 * batch can use are in its text (PostgreSQL starts every part of a plan on each run, used or not):
 * the INSERT when one save is of a new form, compaction when one may be due one. So four texts at
 * most, each named (prepared once per connection), all built here.
 */
function savesSql(create: boolean, compact: boolean): string {
  const same = (a: string, b: string) => `${a}.year = ${b}.year AND ${a}.unit = ${b}.unit AND ${a}.project = ${b}.project AND ${a}.kind = ${b}.kind`;
  // `compacted` (migration 017) is the newest revision whose form is dropped: a save that leaves
  // 2 × keep whole moves it to revision − keep and drops the forms between, so a save never walks
  // its form's older revisions, and the bytes it frees are the sizes stored with them.
  const compacting = "i.keep IS NOT NULL AND i.revision - s.compacted >= 2 * i.keep";
  const parts = [
    `i AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, year int, unit text, project text, kind text, revision int, status text, from_status text, at text,
      counts jsonb, library_version int, project_name text, unit_name text, rows int, fingerprint text, bytes int, form jsonb, by_actor text, issues jsonb,
      score jsonb, lights jsonb, events jsonb, keep int)
    -- always true (a batch's rows are numbered from 0, fewer than SAVES_TOGETHER): PostgreSQL guesses
    -- 100 rows from jsonb_to_recordset, and for that many it joins a batch with submissions by a hash
    -- over a scan of the whole table (below ~10,000 forms); its guess for a range (0.5%) leaves one
    -- row, so each save's row is found by its key's index step
    WHERE x.n >= 0 AND x.n < ${SAVES_TOGETHER}
  )`,
    // `o` is each form's row before the write (every part of a statement sees the same snapshot): the
    // forms to drop are those after its `compacted` up to the new one. A write succeeds only where
    // the row still has the revision it replaces, so no other save moved `compacted` in between.
    compact && `o AS (SELECT s.year, s.unit, s.project, s.kind, s.compacted FROM submissions s JOIN i ON ${same("s", "i")} WHERE i.keep IS NOT NULL)`,
    `u AS (
    UPDATE submissions s SET revision = i.revision, status = i.status, status_at = CASE WHEN s.status = i.status THEN s.status_at ELSE i.at END, updated_at = i.at,
      counts = i.counts, library_version = i.library_version, project_name = i.project_name, unit_name = i.unit_name, rows = i.rows, fingerprint = i.fingerprint,
      ${
        compact
          ? `compacted = CASE WHEN ${compacting} THEN i.revision - i.keep ELSE s.compacted END,
      bytes = s.bytes + i.bytes - CASE WHEN ${compacting} THEN coalesce((
        SELECT sum(coalesce(r.bytes, octet_length(r.form::text))) FROM revisions r
         WHERE ${same("r", "s")} AND r.form IS NOT NULL AND r.revision > s.compacted AND r.revision <= i.revision - i.keep), 0) ELSE 0 END`
          : "bytes = s.bytes + i.bytes"
      }
    FROM i
    WHERE ${same("s", "i")} AND s.revision = i.revision - 1 AND s.status IS NOT DISTINCT FROM i.from_status
    RETURNING i.n, ${SAVED_COLUMNS.split(", ").map((c) => `s.${c}`).join(", ")}
  )`,
    // a new form: one row of a key per statement, so the row inserted is known to be that save's
    create &&
      `ci AS (SELECT DISTINCT ON (year, unit, project, kind) * FROM i WHERE from_status IS NULL ORDER BY year, unit, project, kind, n),
  c AS (
    INSERT INTO submissions (${KEY}, status, revision, updated_at, status_at, counts, library_version, project_name, unit_name, first_counts, rows, bytes, fingerprint)
    SELECT ${KEY}, status, revision, at, at, counts, library_version, project_name, unit_name, counts, rows, bytes, fingerprint FROM ci
    ON CONFLICT DO NOTHING
    RETURNING ${SAVED_COLUMNS}
  )`,
    `w AS (${create ? `SELECT * FROM u UNION ALL SELECT ci.n, c.* FROM c JOIN ci ON ${same("ci", "c")}` : "SELECT * FROM u"})`,
    compact &&
      `d AS (
    UPDATE revisions r SET form = NULL FROM w JOIN o ON ${same("o", "w")}
     WHERE w.compacted > o.compacted AND ${same("r", "w")} AND r.form IS NOT NULL AND r.revision > o.compacted AND r.revision <= w.compacted
  )`,
    `r AS (
    INSERT INTO revisions (${KEY}, ${REVISION_COLUMNS}, bytes)
    SELECT w.year, w.unit, w.project, w.kind, w.revision, i.form, i.by_actor, i.at, i.library_version, i.issues, w.counts, i.score, i.lights, i.bytes
      FROM w JOIN i ON i.n = w.n
  )`,
    `a AS (
    INSERT INTO audit (at, actor, action, target, details)
    SELECT x.at, x.actor, x.action, x.target, x.details FROM w JOIN i ON i.n = w.n
      CROSS JOIN jsonb_to_recordset(i.events) AS x(at text, actor text, action text, target text, details jsonb)
  )`,
  ];
  return `WITH ${parts.filter((p) => p !== false).join(",\n  ")}
  SELECT n, revision, status_at, returned, first_counts, compacted FROM w`;
}
/** savesSql's four texts, by [create][compact]. */
const SAVES_SQL = [false, true].map((create) => [false, true].map((compact) => savesSql(create, compact)));

/** A save's read for the reads' statement (readsSql): its key and what it asks for, and what came back. */
interface ReadJob {
  record: { n?: number; year: number; unit: string; project: string; kind: FormKind; fp: string | null; token: string | null; latest: boolean; target_latest: boolean };
  row?: SaveContextRow;
  error?: unknown;
}
/** Reads in one statement at most. */
const READS_TOGETHER = 32;

/**
 * The one statement that reads what saves decide on (saveContext, store.ts; docs/storage.md, "A
 * save's read"), one row of `$1` each, whether one save's or many arriving together: each part is a
 * lateral subquery on its own index, the unit's usage and its forms of the same set in one pass over
 * the unit's forms. The latest revisions of the form and of the approved target come along only for
 * a row that asks (none kept in memory), and the text holds those parts and the approved target's
 * only when a row of the batch can use them (PostgreSQL starts every part of a plan on each run,
 * used or not; a fifth of its CPU in a save). So eight texts at most, each named, all built here.
 */
function readsSql(target: boolean, latest: boolean, targetLatest: boolean): string {
  // OFFSET 0 keeps each row's lookup a subquery of its own (PostgreSQL would otherwise join the batch
  // with the table, by a hash over all of it when it guesses from few rows): one index step a row
  const head = (x: string, where: string) => `(SELECT ${SUBMISSION_COLUMNS} FROM submissions ${x} WHERE ${where} OFFSET 0) `;
  const key = (x: string, kind: string) => `${x}.year = k.year AND ${x}.unit = k.unit AND ${x}.project = k.project AND ${x}.kind = ${kind}`;
  const latestOf = (t: string, ask: string) =>
    `(SELECT row_to_json(x) FROM (SELECT ${REVISION_COLUMNS.split(", ").map((c) => `r.${c}`).join(", ")}, octet_length(r.form::text) AS n
        FROM revisions r WHERE k.${ask} AND r.year = ${t}.year AND r.unit = ${t}.unit AND r.project = ${t}.project AND r.kind = ${t}.kind AND r.revision = ${t}.revision) x)`;
  return `WITH k AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, year int, unit text, project text, kind text, fp text, token text, latest boolean, target_latest boolean)
  )
  SELECT k.n, CASE WHEN s.year IS NULL THEN NULL ELSE row_to_json(s) END AS head, ${latest ? latestOf("s", "latest") : "NULL::json"} AS latest,
    ${target ? "CASE WHEN t.year IS NULL THEN NULL ELSE row_to_json(t) END" : "NULL::json"} AS target, ${target && targetLatest ? latestOf("t", "target_latest") : "NULL::json"} AS target_latest,
    (SELECT max(version) FROM library_versions) AS library_version,
    u.forms, u.bytes,
    (SELECT row_to_json(x) FROM (SELECT code, name, field, confidential, parent FROM units WHERE code = k.unit) x) AS unit_row,
    f.fp,
    u.same,
    (SELECT json_agg(json_build_object('date', paid_on, 'amountFen', amount_fen) ORDER BY paid_on, voucher) FROM treasury_payments WHERE unit = k.unit AND project = k.project) AS payments,
    (SELECT row_to_json(b) FROM treasury_budgets b WHERE year = k.year AND unit = k.unit AND project = k.project) AS budget,
    coalesce((SELECT revoked_at IS NULL FROM tokens WHERE id = k.token), false) AS token_live
  FROM k
  LEFT JOIN LATERAL ${head("x", key("x", "k.kind"))}s ON true
  ${target ? `LEFT JOIN LATERAL ${head("x", `k.kind <> 'target' AND ${key("x", "'target'")} AND x.status IS NOT DISTINCT FROM 'approved'`)}t ON true` : ""}
  CROSS JOIN LATERAL (SELECT coalesce(k.fp, s.fingerprint) AS fp) f
  CROSS JOIN LATERAL (
    SELECT ${USAGE("k.unit", "k.year")},
      json_agg(json_build_array(project, revision, project_name, fingerprint)) FILTER (WHERE f.fp IS NOT NULL AND ${SAME_SET("k.year", "k.kind", "f.fp")}) AS same
    FROM submissions WHERE unit = k.unit
  ) u`;
}
/** readsSql's eight texts, by [target][latest][targetLatest]. */
const READS_SQL = [false, true].map((target) => [false, true].map((latest) => [false, true].map((targetLatest) => readsSql(target, latest, targetLatest))));

function keyOf(r: { year: number; unit: string; project: string; kind: SubmissionKey["kind"] }): SubmissionKey {
  return { year: r.year, unit: r.unit, project: r.project, kind: r.kind };
}

function keyParams(k: SubmissionKey): unknown[] {
  return [k.year, k.unit, k.project, k.kind];
}

function revisionOf(r: RevisionRow): HistoryRevision {
  const out: HistoryRevision = {
    revision: r.revision,
    by: r.by_actor,
    at: r.at,
    libraryVersion: r.library_version,
    issues: r.issues,
    counts: r.counts,
  };
  if (r.form) out.form = r.form;
  if (r.score) out.score = r.score;
  if (r.lights) out.lights = r.lights;
  return out;
}

function metaOf(r: SubmissionRow): SubmissionMeta {
  const m: SubmissionMeta = {
    key: keyOf(r),
    status: r.status,
    revision: r.revision,
    updatedAt: r.updated_at,
    statusAt: r.status_at,
    counts: r.counts,
    libraryVersion: r.library_version,
    rows: r.rows,
    bytes: Number(r.bytes),
  };
  if (r.project_name !== null) m.projectName = r.project_name;
  if (r.unit_name !== null) m.unitName = r.unit_name;
  if (r.fingerprint !== null) m.fingerprint = r.fingerprint;
  return m;
}

function sameSetForm(k: SubmissionKey, project: string, revision: number, projectName: string | null, fingerprint: string | null): SameSetForm {
  const m: SameSetForm = { key: { year: k.year, unit: k.unit, project, kind: k.kind }, revision };
  if (projectName !== null) m.projectName = projectName;
  if (fingerprint !== null) m.fingerprint = fingerprint;
  return m;
}

/** Names for listing, as the lowdb adapter takes them from the latest form. */
function namesOf(form: Record<string, unknown>): { projectName: string | null; unitName: string | null } {
  const f = form as { project?: { name?: unknown }; unit?: { name?: unknown } };
  return {
    projectName: typeof f.project?.name === "string" ? f.project.name : null,
    unitName: typeof f.unit?.name === "string" ? f.unit.name : null,
  };
}

export function filterSql(f: SubmissionFilter, params: unknown[]): string {
  const where: string[] = [];
  const add = (col: string, v: unknown) => {
    params.push(v);
    where.push(`${col} = $${params.length}`);
  };
  if (f.year !== undefined) add("year", f.year);
  if (f.unit !== undefined) add("unit", f.unit);
  if (f.project !== undefined) add("project", f.project);
  if (f.kind !== undefined) add("kind", f.kind);
  if (f.status !== undefined) add("status", f.status);
  return where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
}

function byKey<T extends { key: SubmissionKey }>(a: T, b: T): number {
  return keyString(a.key).localeCompare(keyString(b.key));
}

export class PgStore implements Store {
  private readonly libraries = new Map<number, LibraryVersion>();
  /** key → its latest revision, by bytes. */
  private readonly cache: ByteLru<Revision>;
  private closed = false;
  /**
   * key → its head's `compacted` as last seen (migration 017). It only grows, so one seen earlier is
   * at most the current one: a save it says needs no compaction needs none, and the save's write
   * then leaves the compaction's parts out of its statement.
   */
  private readonly marks = new Map<string, number>();
  private marked(id: string, compacted: number | undefined): void {
    if (compacted === undefined) return;
    this.marks.delete(id);
    this.marks.set(id, compacted);
    if (this.marks.size > MARKS_MAX) this.marks.delete(this.marks.keys().next().value!);
  }
  /**
   * Saves written together: the saves arriving while one statement is under way go in the next, one
   * statement and one commit for all of them (group commit, as the embedded store's journal does;
   * docs/storage.md), new forms and compactions included. Each is answered after that commit. From
   * idle the first statement waits for the event loop's turn to end (gather), so the saves whose
   * requests were read in one turn go together.
   *
   * A write also waits for the read under way, if any, and a turn after it, so the saves that read
   * was for (they decide in that turn) go in the same statement as those already waiting: a write's
   * statement costs most for its commit, not its saves (docs/storage.md). It waits for one read at most.
   */
  private readonly saves = new BatchWriter<SaveJob>((jobs) => this.writeSaves(jobs), SAVES_TOGETHER, true, async () => {
    const read = this.reads.underWay();
    if (!read) return;
    await read;
    await new Promise<void>((turn) => setImmediate(turn));
  });
  /** Saves' reads, together in the same way: the reads arriving while one statement is under way go in the next. */
  private readonly reads = new BatchWriter<ReadJob>((jobs) => this.readContexts(jobs), READS_TOGETHER, true);
  private readonly audit = new BatchWriter<Record<string, unknown>>(
    (batch) =>
      this.pool
        .query(
          `INSERT INTO audit (at, actor, action, target, details) SELECT at, actor, action, target, details
           FROM jsonb_to_recordset($1::jsonb) AS x(at text, actor text, action text, target text, details jsonb)`,
          [JSON.stringify(batch)],
        )
        .then(() => undefined),
    500,
  );

  constructor(
    readonly url: string,
    readonly pool: pg.Pool,
    options: PgStoreOptions = {},
  ) {
    this.cache = new ByteLru(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
    this.treasury = new PgTreasury(pool);
    this.experts = new PgExperts(pool);
    this.documents = new PgDocuments(pool, (fn) => this.tx(fn), (c, events) => this.auditIn(c, events));
    this.opinions = new PgOpinions(pool);
    this.handovers = new PgHandovers(pool);
    this.rectifications = new DocTable(pool, "rectifications", (f) => [["year = $", f.year], ["unit = $", f.unit], ["state = $", f.state]], "opened_at, id");
  }

  readonly treasury: PgTreasury;
  readonly experts: PgExperts;
  readonly documents: PgDocuments;
  readonly opinions: PgOpinions;
  readonly handovers: PgHandovers;
  private readonly rectifications: DocTable<Rectification, RectificationFilter>;

  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Runs `fn` holding a database-wide advisory lock (e.g. the first start's set-up, so two servers starting on an empty database do not both do it). */
  async exclusive<T>(fn: () => Promise<T>, lock = LOCK_INIT): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("SELECT pg_advisory_lock($1, $2)", [LOCK_SPACE, lock]);
      try {
        return await fn();
      } finally {
        await c.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_SPACE, lock]).catch(() => undefined);
      }
    } finally {
      c.release();
    }
  }

  // ---- library

  async currentLibrary(): Promise<LibraryVersion | undefined> {
    const { rows } = await this.pool.query<{ v: number | null }>(prepared("SELECT max(version) AS v FROM library_versions", []));
    const v = rows[0]?.v;
    return v ? this.libraryVersion(v) : undefined;
  }

  async libraryVersion(version: number): Promise<LibraryVersion | undefined> {
    const hit = this.libraries.get(version);
    if (hit) return hit;
    const { rows } = await this.pool.query<{ entry: LibraryVersion }>("SELECT entry FROM library_versions WHERE version = $1", [version]);
    const entry = rows[0]?.entry;
    if (entry) this.libraries.set(version, entry);
    return entry;
  }

  async publishLibrary(entry: LibraryVersion): Promise<boolean> {
    const v = entry.library.version;
    // The version must follow the current one; the primary key settles two publishers of the same version.
    const { rowCount } = await this.pool.query(
      `INSERT INTO library_versions (version, entry, published_at)
       SELECT $1, $2::jsonb, $3 WHERE $1 = (SELECT coalesce(max(version), 0) + 1 FROM library_versions)
       ON CONFLICT (version) DO NOTHING`,
      [v, jsonParam(entry), entry.library.publishedAt],
    );
    if (rowCount !== 1) return false;
    this.libraries.set(v, entry);
    return true;
  }

  // ---- directory

  async listUnits(): Promise<Unit[]> {
    const { rows } = await this.pool.query<UnitRow>("SELECT code, name, field, confidential, parent FROM units");
    return rows.map(unitOf).sort((a, b) => a.code.localeCompare(b.code));
  }

  async getUnit(code: string): Promise<Unit | undefined> {
    const { rows } = await this.pool.query<UnitRow>("SELECT code, name, field, confidential, parent FROM units WHERE code = $1", [code]);
    return rows[0] ? unitOf(rows[0]) : undefined;
  }

  async putUnit(unit: Unit): Promise<void> {
    await this.pool.query(
      `INSERT INTO units (code, name, field, confidential, parent) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, field = excluded.field, confidential = excluded.confidential, parent = excluded.parent`,
      [textParam(unit.code), textParam(unit.name), unit.field === undefined ? null : textParam(unit.field), unit.confidential, unit.parent ?? null],
    );
  }

  async addToken(t: TokenRecord): Promise<void> {
    await this.pool.query(
      "INSERT INTO tokens (id, hash, role, unit, label, created_at, last_used_at, can_publish, revoked_at, office, expert) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      [t.id, t.hash, t.role, t.unit ?? null, t.label === undefined ? null : textParam(t.label), t.createdAt, t.lastUsedAt ?? null, t.canPublish === true, t.revokedAt ?? null, t.office ?? null, t.expert ?? null],
    );
  }

  async findToken(hash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>(prepared(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1`, [hash]));
    return rows[0] ? tokenOf(rows[0]) : undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY seq`);
    return rows.map(tokenOf);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.pool.query("UPDATE tokens SET last_used_at = $2 WHERE id = $1", [id, at]);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, at]);
    return rowCount === 1;
  }

  // ---- submissions

  /** The latest revision of a head row: from memory when current, else `fetched` when it is that revision, else its one row. */
  private async latestOf(q: pg.Pool | pg.PoolClient, row: SubmissionRow, fetched?: FetchedRevision | null): Promise<Revision> {
    const key = keyOf(row);
    const id = keyString(key);
    const hit = this.cache.get(id);
    if (hit && hit.revision === row.revision) return hit;
    const r =
      fetched?.revision === row.revision
        ? fetched
        : (
            await q.query<FetchedRevision>(
              `SELECT ${REVISION_COLUMNS}, octet_length(form::text) AS n FROM revisions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4 AND revision = $5`,
              [...keyParams(key), row.revision],
            )
          ).rows[0];
    if (!r || !r.form) throw new Error(`the latest revision of ${id} (${row.revision}) is missing`);
    const latest = { ...revisionOf(r), form: r.form };
    this.cache.set(id, latest, r.n);
    return latest;
  }

  private async complete(q: pg.Pool | pg.PoolClient, row: SubmissionRow, fetched?: FetchedRevision | null): Promise<Submission> {
    this.marked(keyString(keyOf(row)), row.compacted);
    const latest = await this.latestOf(q, row, fetched);
    const s: Submission = {
      key: keyOf(row),
      status: row.status,
      revision: row.revision,
      latest,
      firstCounts: row.first_counts,
      updatedAt: row.updated_at,
      statusAt: row.status_at,
    };
    if (row.returned) s.returned = row.returned;
    return s;
  }

  async getSubmission(k: SubmissionKey): Promise<Submission | undefined> {
    const { rows } = await this.pool.query<SubmissionRow>(
      prepared(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4`, keyParams(k)),
    );
    return rows[0] ? this.complete(this.pool, rows[0]) : undefined;
  }

  async listRevisions(k: SubmissionKey): Promise<HistoryRevision[]> {
    const { rows } = await this.pool.query<RevisionRow>(
      `SELECT ${REVISION_COLUMNS} FROM revisions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4 ORDER BY revision`,
      keyParams(k),
    );
    return rows.map(revisionOf);
  }

  async listSubmissions(filter: SubmissionFilter = {}): Promise<SubmissionMeta[]> {
    const params: unknown[] = [];
    const { rows } = await this.pool.query<SubmissionRow>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions ${filterSql(filter, params)}`, params);
    return rows.map(metaOf).sort(byKey);
  }

  /** The current state after a conditional write lost: what the caller is told. */
  private async currentOf(k: SubmissionKey): Promise<Submission | null> {
    return (await this.getSubmission(k)) ?? null;
  }

  /** Inserts audit events inside a write's transaction, so the change and its audit commit together. */
  private async auditIn(c: pg.PoolClient, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await c.query(
      `INSERT INTO audit (at, actor, action, target, details) SELECT at, actor, action, target, details
       FROM jsonb_to_recordset($1::jsonb) AS x(at text, actor text, action text, target text, details jsonb)`,
      [JSON.stringify(events.map(auditRecord))],
    );
  }

  // A save is one statement (savesSql): the UPDATE's WHERE is the precondition (the row is locked
  // while it is checked and changed; a concurrent writer waits and re-checks the WHERE against the
  // committed row), and the revision, its audit events and the compaction of the revisions that fall
  // out of the kept ones are written from what the UPDATE returned, in the same statement: all of it
  // commits or none, with one commit. The audit events are built before the write from what the
  // precondition pins (the revision it replaces and the status it leaves); when it pins less, the
  // row is read and locked first, in a transaction, and the same statement writes the save there.
  async saveRevision(k: SubmissionKey, expect: Expect, rev: NewRevision, status: Status, options: SaveOptions = {}): Promise<WriteResult> {
    const counts = countBySeverity(rev.issues);
    const names = namesOf(rev.form);
    const formText = jsonParam(rev.form);
    const bytes = formText === null ? 0 : Buffer.byteLength(formText, "utf8");
    // kept whole: at least `keep` and fewer than twice that (compacted in batches, as the embedded store does)
    const keep = options.keepRevisions === undefined ? null : Math.max(1, options.keepRevisions);
    const id = keyString(k);
    // the record's fields that do not depend on the row's revision and status (checked for NUL once)
    const fields =
      `"year":${k.year},"unit":${JSON.stringify(k.unit)},"project":${JSON.stringify(k.project)},"kind":${JSON.stringify(k.kind)},` +
      `"status":${JSON.stringify(status)},"at":${JSON.stringify(rev.at)},"counts":${JSON.stringify(counts)},` +
      `"library_version":${rev.libraryVersion},"project_name":${JSON.stringify(names.projectName)},"unit_name":${JSON.stringify(names.unitName)},` +
      `"rows":${rev.rows ?? 0},"fingerprint":${JSON.stringify(rev.fingerprint ?? null)},"bytes":${bytes},"form":${formText},"by_actor":${JSON.stringify(textParam(rev.by))},` +
      `"issues":${rev.issuesJson === undefined ? jsonParam(rev.issues) : jsonText(rev.issuesJson)},"score":${jsonParam(rev.score)},"lights":${jsonParam(rev.lights)}`;
    /** The save as a row of the saves' statement, replacing `revision - 1` in status `from` (null: a new form). */
    const job = (from: Status | null, revision: number): SaveJob => {
      const events = options.audit?.({ key: k, revision, status, from, at: rev.at, counts }) ?? [];
      // compaction's parts go in the statement only when this save may be due one: the form's mark
      // is unknown here, or this revision leaves twice `keep` whole after it
      const mark = this.marks.get(id);
      const compact = keep !== null && from !== null && (mark === undefined || revision - mark >= 2 * keep);
      return {
        record: `${fields},"revision":${revision},"from_status":${JSON.stringify(from)},"keep":${compact ? keep : null},"events":${JSON.stringify(events.map(auditRecord))}`,
        create: from === null,
        compact,
      };
    };
    const done = (row: SaveRow): WriteResult => {
      this.marked(id, row.compacted);
      const latest: Revision = { revision: row.revision, ...withoutHeadFields(rev), counts };
      const next: Submission = {
        key: { year: k.year, unit: k.unit, project: k.project, kind: k.kind },
        status,
        revision: row.revision,
        latest,
        firstCounts: row.first_counts,
        updatedAt: rev.at,
        statusAt: row.status_at,
      };
      if (row.returned) next.returned = row.returned;
      this.cache.set(id, latest, bytes);
      return { ok: true, submission: next };
    };
    const lost = async (): Promise<WriteResult> => ({ ok: false, current: await this.currentOf(k) });

    // A precondition that pins the revision and the status (or a new form): the save goes with the
    // others arriving meanwhile (group commit), in the same statement as they.
    const pinned = expect.revision === null ? job(null, 1) : expect.revision !== undefined && expect.statusIn?.length === 1 ? job(expect.statusIn[0]!, expect.revision + 1) : undefined;
    if (pinned) {
      await this.saves.push(pinned);
      if (pinned.error !== undefined) throw pinned.error;
      return pinned.row ? done(pinned.row) : lost();
    }
    // The precondition leaves the revision or the status open: read and lock the row, then write.
    for (let attempt = 0; attempt < 3; attempt++) {
      const out = await this.tx(async (c): Promise<SaveRow | "lost" | "retry"> => {
        const { rows } = await c.query<{ revision: number; status: Status }>(
          "SELECT revision, status FROM submissions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4 FOR UPDATE",
          keyParams(k),
        );
        const cur = rows[0];
        const one = !cur ? job(null, 1) : (expect.revision !== undefined && cur.revision !== expect.revision) || (expect.statusIn && !expect.statusIn.includes(cur.status)) ? undefined : job(cur.status, cur.revision + 1);
        if (!one) return "lost";
        await this.writeSaves([one], c);
        if (one.error !== undefined) throw one.error;
        return one.row ?? (cur ? "lost" : "retry");
      });
      if (out === "lost") return lost();
      if (out !== "retry") return done(out);
    }
    throw new Error(`saveRevision ${keyString(k)}: the row neither exists nor can be created`);
  }

  /**
   * Writes saves in one statement (savesSql), on `q` (a transaction's connection) or the pool: each
   * job's row is its UPDATE's precondition (the revision it replaces and the status it leaves) or a
   * new form's INSERT, its revision and audit events are written from what came back, all in one
   * commit. A save whose precondition no longer holds gets no row (lost); two saves of one form on
   * one base: one wins. When PostgreSQL refuses the statement, each save is written alone, so one
   * bad save fails alone.
   */
  private async writeSaves(jobs: SaveJob[], q: pg.Pool | pg.PoolClient = this.pool): Promise<void> {
    try {
      const sql = SAVES_SQL[Number(jobs.some((j) => j.create))]![Number(jobs.some((j) => j.compact))]!;
      const { rows } = await q.query<SaveRow & { n: number }>(prepared(sql, [`[${jobs.map((j, n) => `{"n":${n},${j.record}}`).join(",")}]`]));
      for (const row of rows) jobs[row.n]!.row = row;
    } catch (err) {
      // Only a statement PostgreSQL refused (it committed nothing) is tried again save by save; a
      // lost connection may have lost the answer to a commit, so its saves fail as they are.
      if (jobs.length === 1 || !(err instanceof pg.DatabaseError)) {
        for (const job of jobs) job.error = err;
        return;
      }
      for (const job of jobs) await this.writeSaves([job], q);
    }
  }

  async unitUsage(unit: string, year: number): Promise<UnitUsage> {
    const { rows } = await this.pool.query<{ forms: string; bytes: string | null }>(
      prepared(`SELECT ${USAGE("$1", "$2")} FROM submissions WHERE unit = $1`, [unit, year]),
    );
    return { forms: Number(rows[0]?.forms ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  }

  async sameIndicatorSet(year: number, unit: string, kind: FormKind, fingerprint: string): Promise<SubmissionMeta[]> {
    const { rows } = await this.pool.query<SubmissionRow>(
      prepared(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE unit = $1 AND ${SAME_SET("$2", "$3", "$4")}`, [unit, year, kind, fingerprint]),
    );
    return rows.map(metaOf);
  }

  // A save's reads in one statement (readsSql), with the reads of saves arriving meanwhile (as
  // saves' writes are): the latest revisions of the form and of the approved target come along only
  // when the revision kept in memory is not the current one, so a form saved again sends no form
  // back; a form another server saved since is then read by complete(), a second round trip only in
  // that case.
  async saveContext(k: SubmissionKey, { fingerprint, tokenId }: SaveContextOptions = {}): Promise<SaveContext> {
    const job: ReadJob = {
      record: {
        year: k.year,
        unit: k.unit,
        project: k.project,
        kind: k.kind,
        fp: fingerprint ?? null,
        token: tokenId ?? null,
        latest: !this.cache.get(keyString(k)),
        target_latest: k.kind !== "target" && !this.cache.get(keyString({ ...k, kind: "target" })),
      },
    };
    await this.reads.push(job);
    if (job.error !== undefined) throw job.error;
    const r = job.row!;
    const library = r.library_version ? await this.libraryVersion(r.library_version) : undefined;
    const budget = r.budget ? budgetOf(r.budget) : undefined;
    return {
      existing: r.head ? await this.complete(this.pool, r.head, r.latest) : undefined,
      library,
      usage: { forms: Number(r.forms), bytes: Number(r.bytes) },
      unit: r.unit_row ? unitOf(r.unit_row) : undefined,
      approvedTarget: r.target ? await this.complete(this.pool, r.target, r.target_latest) : undefined,
      sameSet: r.fp === null ? undefined : { fingerprint: r.fp, forms: (r.same ?? []).map(([project, revision, projectName, fp]) => sameSetForm(k, project, revision, projectName, fp)) },
      treasury: budget ? { payments: r.payments ?? [], budget } : { payments: r.payments ?? [] },
      ...(tokenId === undefined ? {} : { tokenLive: r.token_live }),
    };
  }

  /** Reads saves' contexts in one statement (readsSql); when it fails, each is read alone, so one bad read fails alone. */
  private async readContexts(jobs: ReadJob[]): Promise<void> {
    try {
      const sql = READS_SQL[Number(jobs.some((j) => j.record.kind !== "target"))]![Number(jobs.some((j) => j.record.latest))]![Number(jobs.some((j) => j.record.target_latest))]!;
      const { rows } = await this.pool.query<SaveContextRow & { n: number }>(prepared(sql, [JSON.stringify(jobs.map((j, n) => ({ ...j.record, n })))]));
      for (const row of rows) jobs[row.n]!.row = row;
    } catch (err) {
      if (jobs.length === 1) {
        jobs[0]!.error = err;
        return;
      }
      for (const job of jobs) await this.readContexts([job]);
    }
  }

  async transition(k: SubmissionKey, expect: Expect, t: Transition, audit?: AuditOf): Promise<WriteResult> {
    // `revision: null` (must not exist yet) never holds for a transition, which needs the submission.
    if (expect.revision === null) return { ok: false, current: await this.currentOf(k) };
    const out = await this.tx(async (c) => {
      const { rows } = await c.query<SubmissionRow & { prev: Status }>(
        `WITH p AS (
           SELECT status AS prev FROM submissions WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4 FOR UPDATE
         )
         UPDATE submissions SET status = $5, status_at = $6, updated_at = $6, returned = coalesce($7::jsonb, returned)
         FROM p
         WHERE year = $1 AND unit = $2 AND project = $3 AND kind = $4
           AND ($8::int IS NULL OR revision = $8) AND ($9::text[] IS NULL OR status = ANY($9::text[]))
         RETURNING ${SUBMISSION_COLUMNS.split(", ").map((c) => `submissions.${c}`).join(", ")}, p.prev`,
        [...keyParams(k), t.to, t.at, jsonParam(t.returned), expect.revision ?? null, expect.statusIn ?? null],
      );
      const row = rows[0];
      if (!row) return undefined;
      const s = await this.complete(c, row);
      await this.auditIn(c, audit?.(s, row.prev) ?? []);
      return s;
    });
    if (!out) return { ok: false, current: await this.currentOf(k) };
    return { ok: true, submission: out };
  }

  // ---- key projects

  async setKeyProject(m: KeyProject): Promise<void> {
    await this.pool.query(
      `INSERT INTO key_projects (year, unit, project, key, by_actor, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (year, unit, project) DO UPDATE SET key = excluded.key, by_actor = excluded.by_actor, at = excluded.at, seq = DEFAULT`,
      [m.year, m.unit, m.project, m.key, textParam(m.by), m.at],
    );
  }

  async listKeyProjects(year?: number): Promise<KeyProject[]> {
    const { rows } = await this.pool.query<{ year: number; unit: string; project: string; key: boolean; by_actor: string; at: string }>(
      `SELECT year, unit, project, key, by_actor, at FROM key_projects ${year === undefined ? "" : "WHERE year = $1"} ORDER BY seq`,
      year === undefined ? [] : [year],
    );
    return rows.map((r) => ({ year: r.year, unit: r.unit, project: r.project, key: r.key, by: r.by_actor, at: r.at }));
  }

  // ---- audit

  // ---- audit: events arriving while a batch is being written go together in the next one (one
  // commit for many saves, as the lowdb adapter shares one fsync); each caller is answered after
  // the commit that holds its event.

  appendAudit(e: AuditEvent): Promise<void> {
    return this.audit.push(auditRecord(e));
  }

  async listAudit(limit = 1000): Promise<AuditEvent[]> {
    await this.audit.idle();
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT at, actor, action, target, details FROM audit ORDER BY id DESC ${Number.isFinite(limit) ? "LIMIT $1" : ""}`,
      Number.isFinite(limit) ? [Math.max(0, Math.floor(limit))] : [],
    );
    return rows.reverse().map(auditOf);
  }

  async findAudit(filter: AuditFilter): Promise<AuditEvent[]> {
    await this.audit.idle();
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.actions !== undefined) {
      params.push([...filter.actions]);
      where.push(`action = ANY($${params.length}::text[])`);
    }
    if (filter.targetPrefix !== undefined) {
      params.push(`${filter.targetPrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`target LIKE $${params.length}`);
    }
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT at, actor, action, target, details FROM audit ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`,
      params,
    );
    return rows.map(auditOf);
  }

  // ---- notices

  async createNotice(n: Notice): Promise<boolean> {
    const { overdueAt, ...doc } = n;
    const { rowCount } = await this.pool.query(
      `INSERT INTO notices (id, year, deadline, overdue_at, doc) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (id) DO NOTHING`,
      [textParam(n.id), n.year, n.deadline, overdueAt ?? null, jsonParam(doc)],
    );
    return rowCount === 1;
  }

  async getNotice(id: string): Promise<Notice | undefined> {
    const { rows } = await this.pool.query<NoticeRow>("SELECT doc, overdue_at FROM notices WHERE id = $1", [id]);
    return rows[0] ? noticeOf(rows[0]) : undefined;
  }

  async listNotices(year?: number): Promise<Notice[]> {
    const { rows } = await this.pool.query<NoticeRow>(
      `SELECT doc, overdue_at FROM notices ${year === undefined ? "" : "WHERE year = $1"} ORDER BY deadline, id`,
      year === undefined ? [] : [year],
    );
    return rows.map(noticeOf);
  }

  async markNoticeOverdue(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("UPDATE notices SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL", [id, at]);
    return rowCount === 1;
  }

  // ---- rectification

  async createRectification(r: Rectification): Promise<boolean> {
    return this.rectifications.insert({ id: textParam(r.id), year: r.year, unit: textParam(r.unit), state: r.state, version: r.version, opened_at: r.openedAt }, r);
  }

  getRectification(id: string): Promise<Rectification | undefined> {
    return this.rectifications.get(id);
  }

  listRectifications(filter: RectificationFilter = {}): Promise<Rectification[]> {
    return this.rectifications.list(filter);
  }

  async updateRectification(next: Rectification, expectVersion: number): Promise<RectWriteResult> {
    const { rowCount } = await this.pool.query(
      `UPDATE rectifications SET state = $2, version = $3, doc = $4::jsonb WHERE id = $1 AND version = $5 AND year = $6 AND unit = $7`,
      [next.id, next.state, next.version, jsonParam(next), expectVersion, next.year, next.unit],
    );
    if (rowCount === 1) return { ok: true, item: next };
    return { ok: false, current: await this.getRectification(next.id) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.reads.idle();
    await this.saves.idle();
    await this.audit.idle();
    await this.pool.end();
  }
}

interface TokenRow {
  id: string;
  hash: string;
  role: TokenRecord["role"];
  unit: string | null;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  can_publish: boolean;
  revoked_at: string | null;
  office: string | null;
  expert: string | null;
}

const TOKEN_COLUMNS = "id, hash, role, unit, label, created_at, last_used_at, can_publish, revoked_at, office, expert";

function tokenOf(r: TokenRow): TokenRecord {
  const t: TokenRecord = { id: r.id, hash: r.hash, role: r.role, createdAt: r.created_at };
  if (r.unit !== null) t.unit = r.unit;
  if (r.label !== null) t.label = r.label;
  if (r.last_used_at !== null) t.lastUsedAt = r.last_used_at;
  if (r.can_publish) t.canPublish = true;
  if (r.revoked_at !== null) t.revokedAt = r.revoked_at;
  if (r.office !== null) t.office = r.office;
  if (r.expert !== null) t.expert = r.expert;
  return t;
}

interface UnitRow {
  code: string;
  name: string;
  field: string | null;
  confidential: boolean;
  parent: string | null;
}

function unitOf(r: UnitRow): Unit {
  const u: Unit = { code: r.code, name: r.name, confidential: r.confidential };
  if (r.field !== null) u.field = r.field;
  if (r.parent !== null) u.parent = r.parent;
  return u;
}

interface NoticeRow {
  doc: Notice;
  overdue_at: string | null;
}

function noticeOf(r: NoticeRow): Notice {
  return r.overdue_at === null ? r.doc : { ...r.doc, overdueAt: r.overdue_at };
}

function auditRecord(e: AuditEvent): Record<string, unknown> {
  textParam(e.actor);
  const record = { at: e.at, actor: e.actor, action: e.action, target: e.target ?? null, details: e.details ?? null };
  jsonParam(record);
  return record;
}

/** A new revision's own fields, without what only the head keeps. */
function withoutHeadFields(rev: NewRevision): Omit<NewRevision, "rows" | "fingerprint"> {
  const { rows: _rows, fingerprint: _fp, ...rest } = rev;
  return rest;
}

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export function auditOf(r: AuditRow): AuditEvent {
  const e: AuditEvent = { at: r.at, actor: r.actor, action: r.action };
  if (r.target !== null) e.target = r.target;
  if (r.details !== null) e.details = r.details;
  return e;
}
