// `jixiao store copy`: everything in a lowdb data folder into an empty PostgreSQL database, in one
// transaction (a copy that fails leaves the database empty), as it is: library versions, units,
// tokens (their hashes), submissions with every revision, key projects, the audit log. Then it
// counts both sides and compares every submission's revisions.
import type pg from "pg";
import type { LowStore } from "../lowdb-store.ts";
import { keyString, type HistoryRevision, type Submission, type SubmissionMeta } from "../store.ts";
import { jsonParam, type PgStore } from "./pg-store.ts";

export class TargetNotEmptyError extends Error {}

export interface CopyReport {
  ok: boolean;
  rows: { what: string; from: number; to: number }[];
  mismatches: string[];
  table: string;
}

const TABLES = ["library_versions", "units", "tokens", "submissions", "revisions", "key_projects", "audit", "notices", "rectifications", "treasury_payments", "treasury_budgets", "opinions", "handovers"] as const;

async function countAll(q: pg.Pool | pg.PoolClient): Promise<Record<(typeof TABLES)[number], number>> {
  const { rows } = await q.query<Record<string, string>>(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`);
  const r = rows[0] ?? {};
  return Object.fromEntries(TABLES.map((t) => [t, Number(r[t] ?? 0)])) as Record<(typeof TABLES)[number], number>;
}

/** Inserts `items` as JSON records in batches of about `bytes` of JSON each. */
async function insertBatches(c: pg.PoolClient, sql: string, items: unknown[], bytes = 4_000_000): Promise<void> {
  let batch: unknown[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await c.query(sql, [jsonParam(batch)]);
    batch = [];
    size = 0;
  };
  for (const item of items) {
    batch.push(item);
    size += JSON.stringify(item).length;
    if (size >= bytes) await flush();
  }
  await flush();
}

const INSERT_SUBMISSIONS = `INSERT INTO submissions (year, unit, project, kind, status, revision, returned, updated_at, status_at, counts, library_version,
    project_name, unit_name, first_counts, rows, bytes, fingerprint)
  SELECT year, unit, project, kind, status, revision, returned, updated_at, status_at, counts, library_version, project_name, unit_name,
    first_counts, rows, bytes, fingerprint
  FROM jsonb_to_recordset($1::jsonb) AS x(year int, unit text, project text, kind text, status text, revision int, returned jsonb, updated_at text,
    status_at text, counts jsonb, library_version int, project_name text, unit_name text, first_counts jsonb, rows int, bytes bigint, fingerprint text)`;

const INSERT_REVISIONS = `INSERT INTO revisions (year, unit, project, kind, revision, form, by_actor, at, library_version, issues, counts, score, lights)
  SELECT year, unit, project, kind, revision, form, by_actor, at, library_version, issues, counts, score, lights
  FROM jsonb_to_recordset($1::jsonb) AS x(year int, unit text, project text, kind text, revision int, form jsonb, by_actor text, at text,
    library_version int, issues jsonb, counts jsonb, score jsonb, lights jsonb)`;

function submissionRecord(s: Submission, m: SubmissionMeta, revisions: HistoryRevision[]) {
  const last = s.latest;
  const form = last.form as { project?: { name?: unknown }; unit?: { name?: unknown } } | undefined;
  return {
    ...s.key,
    status: s.status,
    revision: s.revision,
    returned: s.returned ?? null,
    updated_at: s.updatedAt,
    status_at: s.statusAt,
    counts: last?.counts ?? { error: 0, warning: 0, info: 0 },
    library_version: last?.libraryVersion ?? 0,
    project_name: typeof form?.project?.name === "string" ? form.project.name : null,
    unit_name: typeof form?.unit?.name === "string" ? form.unit.name : null,
    first_counts: s.firstCounts,
    rows: m.rows,
    bytes: revisions.reduce((n, r) => n + (r.form ? Buffer.byteLength(JSON.stringify(r.form), "utf8") : 0), 0),
    fingerprint: m.fingerprint ?? null,
  };
}

/** Columns a string takes in a terminal: CJK characters take two. */
function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

export async function copyToPostgres(from: LowStore, to: PgStore, progress: (line: string) => void = () => undefined): Promise<CopyReport> {
  const before = await countAll(to.pool);
  const nonEmpty = TABLES.filter((t) => before[t] > 0);
  if (nonEmpty.length > 0) {
    throw new TargetNotEmptyError(`the database is not empty (${nonEmpty.map((t) => `${t}: ${before[t]}`).join(", ")}); copy into a new database 目标数据库非空`);
  }

  const current = (await from.currentLibrary())?.library.version ?? 0;
  const units = await from.listUnits();
  const tokens = await from.listTokens();
  const marks = await from.listKeyProjects();
  const audit = await from.listAudit(Number.POSITIVE_INFINITY);
  const metas = await from.listSubmissions();
  const notices = await from.listNotices();
  const rects = await from.listRectifications();
  const payments = await from.treasury.listPayments({});
  const budgets = await from.treasury.listBudgets({});
  const opinions = await from.opinions.list();
  const handovers = await from.handovers.list();
  /** key → revision numbers, as the data folder has them. */
  const expected = new Map<string, number[]>();
  let libraries = 0;
  let revisionCount = 0;

  await to.tx(async (c) => {
    for (let v = 1; v <= current; v++) {
      const entry = await from.libraryVersion(v);
      if (!entry) continue;
      await c.query("INSERT INTO library_versions (version, entry, published_at) VALUES ($1, $2::jsonb, $3)", [v, jsonParam(entry), entry.library.publishedAt]);
      libraries++;
    }
    progress(`library versions: ${libraries}`);
    await insertBatches(
      c,
      `INSERT INTO units (code, name, field, confidential, parent) SELECT code, name, field, confidential, parent
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, field text, confidential boolean, parent text)`,
      units.map((u) => ({ code: u.code, name: u.name, field: u.field ?? null, confidential: u.confidential, parent: u.parent ?? null })),
    );
    await insertBatches(
      c,
      // A revoked token stays revoked in the copy, and a publishing grant stays granted.
      `INSERT INTO tokens (id, hash, role, unit, label, created_at, last_used_at, can_publish, revoked_at, office)
       SELECT id, hash, role, unit, label, created_at, last_used_at, can_publish, revoked_at, office
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, hash text, role text, unit text, label text, created_at text, last_used_at text, can_publish boolean, revoked_at text, office text)`,
      tokens.map((t) => ({
        id: t.id,
        hash: t.hash,
        role: t.role,
        unit: t.unit ?? null,
        label: t.label ?? null,
        created_at: t.createdAt,
        last_used_at: t.lastUsedAt ?? null,
        can_publish: t.canPublish === true,
        revoked_at: t.revokedAt ?? null,
        office: t.office ?? null,
      })),
    );
    progress(`units: ${units.length}, tokens: ${tokens.length}`);

    for (let i = 0; i < metas.length; i += 500) {
      const subs: { s: Submission; m: SubmissionMeta; revisions: HistoryRevision[] }[] = [];
      for (const m of metas.slice(i, i + 500)) {
        const s = await from.getSubmission(m.key);
        if (s) subs.push({ s, m, revisions: await from.listRevisions(m.key) });
      }
      await insertBatches(c, INSERT_SUBMISSIONS, subs.map(({ s, m, revisions }) => submissionRecord(s, m, revisions)));
      const revs = subs.flatMap(({ s, revisions }) =>
        revisions.map((r) => ({
          ...s.key,
          revision: r.revision,
          form: r.form ?? null,
          by_actor: r.by,
          at: r.at,
          library_version: r.libraryVersion,
          issues: r.issues,
          counts: r.counts,
          score: r.score ?? null,
          lights: r.lights ?? null,
        })),
      );
      await insertBatches(c, INSERT_REVISIONS, revs);
      for (const { s, revisions } of subs) expected.set(keyString(s.key), revisions.map((r) => r.revision));
      revisionCount += revs.length;
      progress(`submissions: ${Math.min(i + 500, metas.length)} / ${metas.length}`);
    }

    await insertBatches(
      c,
      `INSERT INTO key_projects (year, unit, project, key, by_actor, at) SELECT year, unit, project, key, by_actor, at
       FROM jsonb_to_recordset($1::jsonb) AS x(year int, unit text, project text, key boolean, by_actor text, at text)`,
      marks.map((m) => ({ year: m.year, unit: m.unit, project: m.project, key: m.key, by_actor: m.by, at: m.at })),
    );
    await insertBatches(
      c,
      `INSERT INTO audit (at, actor, action, target, details) SELECT at, actor, action, target, details
       FROM jsonb_to_recordset($1::jsonb) AS x(at text, actor text, action text, target text, details jsonb)`,
      audit.map((e) => ({ at: e.at, actor: e.actor, action: e.action, target: e.target ?? null, details: e.details ?? null })),
    );
    progress(`key projects: ${marks.length}, audit events: ${audit.length}`);
    await insertBatches(
      c,
      `INSERT INTO notices (id, year, deadline, overdue_at, doc) SELECT id, year, deadline, overdue_at, doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, year int, deadline text, overdue_at text, doc jsonb)`,
      notices.map(({ overdueAt, ...doc }) => ({ id: doc.id, year: doc.year, deadline: doc.deadline, overdue_at: overdueAt ?? null, doc })),
    );
    await insertBatches(
      c,
      `INSERT INTO rectifications (id, year, unit, state, version, opened_at, doc) SELECT id, year, unit, state, version, opened_at, doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, year int, unit text, state text, version int, opened_at text, doc jsonb)`,
      rects.map((r) => ({ id: r.id, year: r.year, unit: r.unit, state: r.state, version: r.version, opened_at: r.openedAt, doc: r })),
    );
    progress(`notices: ${notices.length}, rectification items: ${rects.length}`);
    await insertBatches(
      c,
      `INSERT INTO treasury_payments (voucher, paid_on, year, unit, project, amount_fen, functional, economic, fund_nature, payee)
       SELECT voucher, paid_on, year, unit, project, amount_fen, functional, economic, fund_nature, payee
       FROM jsonb_to_recordset($1::jsonb) AS x(voucher text, paid_on text, year int, unit text, project text, amount_fen bigint, functional text, economic text, fund_nature text, payee text)`,
      payments.map((p) => ({
        voucher: p.voucher, paid_on: p.date, year: Number(p.date.slice(0, 4)), unit: p.unit, project: p.project, amount_fen: p.amountFen,
        functional: p.functional ?? null, economic: p.economic ?? null, fund_nature: p.fundNature ?? null, payee: p.payee ?? null,
      })),
    );
    await insertBatches(
      c,
      `INSERT INTO treasury_budgets (year, unit, project, approved, adjusted, unit_name, project_name)
       SELECT year, unit, project, approved, adjusted, unit_name, project_name
       FROM jsonb_to_recordset($1::jsonb) AS x(year int, unit text, project text, approved double precision, adjusted double precision, unit_name text, project_name text)`,
      budgets.map((b) => ({ year: b.year, unit: b.unit, project: b.project, approved: b.approved, adjusted: b.adjusted ?? null, unit_name: b.unitName ?? null, project_name: b.projectName ?? null })),
    );
    progress(`treasury payments: ${payments.length}, approved budgets: ${budgets.length}`);
    await insertBatches(
      c,
      `INSERT INTO opinions (id, year, state, version, units, created_at, doc) SELECT id, year, state, version, ARRAY(SELECT jsonb_array_elements_text(units)), created_at, doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, year integer, state text, version integer, units jsonb, created_at text, doc jsonb)`,
      opinions.map((o) => ({ id: o.id, year: o.year, state: o.state, version: o.version, units: o.units, created_at: o.createdAt, doc: o })),
    );
    await insertBatches(
      c,
      `INSERT INTO handovers (id, year, unit, handed_on, at, doc) SELECT id, year, unit, handed_on, at, doc
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, year integer, unit text, handed_on text, at text, doc jsonb)`,
      handovers.map((h) => ({ id: h.id, year: h.year, unit: h.unit, handed_on: h.date, at: h.at, doc: h })),
    );
    progress(`drafts sent for opinions: ${opinions.length}, problems handed on: ${handovers.length}`);
  });

  // ---- check, from what PostgreSQL now holds
  const after = await countAll(to.pool);
  const rows = [
    { what: "library versions 指标库版本", from: libraries, to: after.library_versions },
    { what: "units 预算单位", from: units.length, to: after.units },
    { what: "tokens 令牌", from: tokens.length, to: after.tokens },
    { what: "submissions 表单", from: expected.size, to: after.submissions },
    { what: "revisions 版本", from: revisionCount, to: after.revisions },
    { what: "key projects 重点项目", from: marks.length, to: after.key_projects },
    { what: "audit events 审计记录", from: audit.length, to: after.audit },
    { what: "notices 通知", from: notices.length, to: after.notices },
    { what: "rectification items 整改事项", from: rects.length, to: after.rectifications },
    { what: "treasury payments 国库支付", from: payments.length, to: after.treasury_payments },
    { what: "approved budgets 预算批复", from: budgets.length, to: after.treasury_budgets },
    { what: "drafts for opinions 征求意见", from: opinions.length, to: after.opinions },
    { what: "problems handed on 问题移送", from: handovers.length, to: after.handovers },
  ];
  const mismatches = rows.filter((r) => r.from !== r.to).map((r) => `${r.what}: ${r.from} in the folder, ${r.to} in the database`);
  const { rows: revs } = await to.pool.query<{ year: number; unit: string; project: string; kind: string; revision: number; revisions: number[] }>(
    `SELECT s.year, s.unit, s.project, s.kind, s.revision, array_agg(r.revision ORDER BY r.revision) AS revisions
     FROM submissions s JOIN revisions r USING (year, unit, project, kind) GROUP BY s.year, s.unit, s.project, s.kind, s.revision`,
  );
  let checked = 0;
  for (const r of revs) {
    const k = `${r.year}/${r.unit}/${r.project}/${r.kind}`;
    const want = expected.get(k);
    if (!want) mismatches.push(`${k}: in the database only`);
    else if (want.join(",") !== r.revisions.join(",") || want[want.length - 1] !== r.revision) {
      mismatches.push(`${k}: revisions ${want.join(",")} in the folder, ${r.revisions.join(",")} (current ${r.revision}) in the database`);
    } else checked++;
  }
  if (revs.length !== expected.size) mismatches.push(`${expected.size - checked} submissions missing or different in the database`);
  const { rows: lib } = await to.pool.query<{ v: number | null }>("SELECT max(version) AS v FROM library_versions");
  if ((lib[0]?.v ?? 0) !== current) mismatches.push(`current library version: ${current} in the folder, ${lib[0]?.v ?? 0} in the database`);

  const lines: [string, number, number][] = [
    ...rows.map((r): [string, number, number] => [r.what, r.from, r.to]),
    ["current library version 当前指标库版本", current, lib[0]?.v ?? 0],
    ["submissions whose revisions match 版本一致的表单", expected.size, checked],
  ];
  const width = Math.max(...lines.map(([w]) => displayWidth(w)));
  const pad = (w: string) => w + " ".repeat(width - displayWidth(w));
  const table = [
    `${pad("")}  data folder  PostgreSQL`,
    ...lines.map(([w, a, b]) => `${pad(w)}  ${String(a).padStart(11)}  ${String(b).padStart(10)}${a === b ? "" : "  ✗"}`),
  ].join("\n");
  return { ok: mismatches.length === 0, rows, mismatches, table };
}
