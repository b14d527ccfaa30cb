// The embedded store: lowdb on sharded JSON files in one data folder, so a save rewrites one
// submission's file (kilobytes), never the whole database.
//
//   data/jixiao.lock                                   who holds the folder (lock.ts)
//   data/library/v000001.json                          one file per published library version
//   data/directory.json                                units and (hashed) tokens
//   data/key-projects.json                             finance's key-project marks (重点项目)
//   data/audit.jsonl                                   append-only audit log
//   data/submissions/<year>/<unit>/<project>-<kind>.json   one submission with all its revisions
//   data/notices/<year>.json                           the notices (通知) of a year
//   data/rectifications/<year>/<unit>.json             a unit's rectification items (整改) of a year
//
// Every write goes through DurableJSONFile (temp file, fsync, rename) and a per-file queue; a
// conditional write checks its precondition inside the queue, so it sees every earlier write.
import { appendFile, open, readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { countBySeverity } from "../../shared/issue.ts";
import { DurableJSONFile, drainQueues, enqueue, syncDir, type DurableOptions } from "./durable-file.ts";
import { lockDataFolder, type Lock } from "./lock.ts";
import { LowTreasury } from "./lowdb-treasury.ts";
import {
  auditMatches,
  holds,
  keyString,
  matches,
  rectMatches,
  type AuditEvent,
  type AuditFilter,
  type Notice,
  type Rectification,
  type RectificationFilter,
  type RectWriteResult,
  type Expect,
  type KeyProject,
  type LibraryVersion,
  type NewRevision,
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
} from "./store.ts";

interface Directory {
  units: Unit[];
  tokens: TokenRecord[];
}

export interface LowStoreOptions extends DurableOptions {
  /** Submission documents kept parsed in memory (default 2000). */
  cacheSize?: number;
}

export async function openLowStore(dir: string, options: LowStoreOptions = {}): Promise<LowStore> {
  const lock = await lockDataFolder(dir);
  try {
    const store = new LowStore(dir, lock, options);
    await store.load();
    return store;
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function metaOf(s: Submission): SubmissionMeta {
  const last = s.revisions[s.revisions.length - 1];
  const form = last?.form as { project?: { name?: unknown }; unit?: { name?: unknown } } | undefined;
  const meta: SubmissionMeta = {
    key: s.key,
    status: s.status,
    revision: s.revision,
    updatedAt: s.updatedAt,
    statusAt: s.statusAt,
    counts: last?.counts ?? { error: 0, warning: 0, info: 0 },
    libraryVersion: last?.libraryVersion ?? 0,
  };
  if (typeof form?.project?.name === "string") meta.projectName = form.project.name;
  if (typeof form?.unit?.name === "string") meta.unitName = form.unit.name;
  return meta;
}

async function listFilesDeep(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

export class LowStore implements Store {
  private readonly index = new Map<string, SubmissionMeta>();
  /** unit → keys of its submissions, so a unit's forms are found without scanning the index. */
  private readonly byUnit = new Map<string, Set<string>>();
  private readonly cache = new Map<string, Submission>();
  private readonly libraries = new Map<number, LibraryVersion>();
  private current = 0;
  private directory!: Low<Directory>;
  private keyProjects!: Low<{ marks: KeyProject[] }>;
  private tokensByHash = new Map<string, TokenRecord>();
  private readonly notices = new Map<string, Notice>();
  private readonly rectifications = new Map<string, Rectification>();
  private auditPending: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private auditFlushing: Promise<void> | null = null;
  private closed = false;
  private readonly cacheSize: number;

  constructor(
    readonly dir: string,
    private readonly lock: Lock,
    private readonly options: LowStoreOptions,
  ) {
    this.cacheSize = options.cacheSize ?? 2000;
    this.treasury = new LowTreasury(dir, options);
  }

  readonly treasury: LowTreasury;

  private path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  private submissionFile(k: SubmissionKey): string {
    return this.path("submissions", String(k.year), k.unit, `${k.project}-${k.kind}.json`);
  }

  async load(): Promise<void> {
    // Temp files left by a killed process are never acknowledged writes: drop them.
    const all = await listFilesDeep(this.dir);
    await Promise.all(all.filter((f) => f.endsWith(".tmp")).map((f) => unlink(f).catch(() => undefined)));

    // An audit line cut by a crash is ended, so the next one starts on its own line.
    const audit = await readFile(this.path("audit.jsonl"), "utf8").catch(() => "");
    if (audit !== "" && !audit.endsWith("\n")) await appendFile(this.path("audit.jsonl"), "\n", "utf8");

    this.directory = new Low(new DurableJSONFile<Directory>(this.path("directory.json"), this.options), { units: [], tokens: [] });
    await this.directory.read();
    for (const t of this.directory.data.tokens) this.tokensByHash.set(t.hash, t);
    this.keyProjects = new Low(new DurableJSONFile<{ marks: KeyProject[] }>(this.path("key-projects.json"), this.options), { marks: [] });
    await this.keyProjects.read();

    for (const f of await listFilesDeep(this.path("library"))) {
      if (!f.endsWith(".json")) continue;
      const entry = JSON.parse(await readFile(f, "utf8")) as LibraryVersion;
      this.libraries.set(entry.library.version, entry);
      this.current = Math.max(this.current, entry.library.version);
    }

    for (const f of await listFilesDeep(this.path("notices"))) {
      if (!f.endsWith(".json")) continue;
      const doc = JSON.parse(await readFile(f, "utf8")) as { notices: Notice[] };
      for (const n of doc.notices) this.notices.set(n.id, n);
    }
    for (const f of await listFilesDeep(this.path("rectifications"))) {
      if (!f.endsWith(".json")) continue;
      const doc = JSON.parse(await readFile(f, "utf8")) as { items: Rectification[] };
      for (const r of doc.items) this.rectifications.set(r.id, r);
    }

    const files = (await listFilesDeep(this.path("submissions"))).filter((f) => f.endsWith(".json"));
    await mapLimit(files, 32, async (f) => {
      const s = JSON.parse(await readFile(f, "utf8")) as Submission;
      this.indexPut(metaOf(s));
    });
  }

  // ---- library

  async currentLibrary(): Promise<LibraryVersion | undefined> {
    return this.libraries.get(this.current);
  }

  async libraryVersion(version: number): Promise<LibraryVersion | undefined> {
    return this.libraries.get(version);
  }

  publishLibrary(entry: LibraryVersion): Promise<boolean> {
    return enqueue("cas:library", async () => {
      const v = entry.library.version;
      if (v !== this.current + 1) return false;
      const low = new Low(new DurableJSONFile<LibraryVersion>(this.path("library", `v${String(v).padStart(6, "0")}.json`), this.options), entry);
      await low.write();
      this.libraries.set(v, entry);
      this.current = v;
      return true;
    });
  }

  // ---- directory

  async listUnits(): Promise<Unit[]> {
    return [...this.directory.data.units].sort((a, b) => a.code.localeCompare(b.code));
  }

  async getUnit(code: string): Promise<Unit | undefined> {
    return this.directory.data.units.find((u) => u.code === code);
  }

  putUnit(unit: Unit): Promise<void> {
    return enqueue("cas:directory", async () => {
      const units = this.directory.data.units.filter((u) => u.code !== unit.code);
      units.push(unit);
      this.directory.data = { ...this.directory.data, units };
      await this.directory.write();
    });
  }

  addToken(token: TokenRecord): Promise<void> {
    return enqueue("cas:directory", async () => {
      this.directory.data = { ...this.directory.data, tokens: [...this.directory.data.tokens, token] };
      await this.directory.write();
      this.tokensByHash.set(token.hash, token);
    });
  }

  async findToken(hash: string): Promise<TokenRecord | undefined> {
    return this.tokensByHash.get(hash);
  }

  async listTokens(): Promise<TokenRecord[]> {
    return [...this.directory.data.tokens];
  }

  /** Replaces the token `id` by `change(it)` (undefined: leave it); whether it changed. */
  private updateToken(id: string, change: (t: TokenRecord) => TokenRecord | undefined): Promise<boolean> {
    return enqueue("cas:directory", async () => {
      const i = this.directory.data.tokens.findIndex((t) => t.id === id);
      const next = i < 0 ? undefined : change(this.directory.data.tokens[i]!);
      if (!next) return false;
      const tokens = [...this.directory.data.tokens];
      tokens[i] = next;
      this.directory.data = { ...this.directory.data, tokens };
      await this.directory.write();
      this.tokensByHash.set(next.hash, next);
      return true;
    });
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.updateToken(id, (t) => ({ ...t, lastUsedAt: at }));
  }

  revokeToken(id: string, at: string): Promise<boolean> {
    return this.updateToken(id, (t) => (t.revokedAt ? undefined : { ...t, revokedAt: at }));
  }

  // ---- submissions

  private async readSubmission(k: SubmissionKey): Promise<Submission | undefined> {
    const id = keyString(k);
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    if (!this.index.has(id)) return undefined;
    const doc = await new DurableJSONFile<Submission>(this.submissionFile(k)).read();
    if (doc) this.remember(doc);
    return doc ?? undefined;
  }

  private remember(s: Submission): void {
    const id = keyString(s.key);
    this.cache.delete(id);
    this.cache.set(id, s);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }

  async getSubmission(k: SubmissionKey): Promise<Submission | undefined> {
    return this.readSubmission(k);
  }

  private indexPut(m: SubmissionMeta): void {
    const id = keyString(m.key);
    this.index.set(id, m);
    let set = this.byUnit.get(m.key.unit);
    if (!set) this.byUnit.set(m.key.unit, (set = new Set()));
    set.add(id);
  }

  async listSubmissions(filter: SubmissionFilter = {}): Promise<SubmissionMeta[]> {
    const out: SubmissionMeta[] = [];
    if (filter.unit !== undefined) {
      for (const id of this.byUnit.get(filter.unit) ?? []) {
        const m = this.index.get(id);
        if (m && matches(m.key, m.status, filter)) out.push(m);
      }
    } else {
      for (const m of this.index.values()) if (matches(m.key, m.status, filter)) out.push(m);
    }
    return out.sort((a, b) => keyString(a.key).localeCompare(keyString(b.key)));
  }

  async latestForms(filter: SubmissionFilter) {
    const metas = await this.listSubmissions(filter);
    const out: { key: SubmissionKey; status: Status; form: Record<string, unknown> }[] = [];
    for (const m of metas) {
      const s = await this.readSubmission(m.key);
      const last = s?.revisions[s.revisions.length - 1];
      if (s && last) out.push({ key: s.key, status: s.status, form: last.form });
    }
    return out;
  }

  private write(k: SubmissionKey, build: (current: Submission | undefined) => Submission | null): Promise<WriteResult> {
    const file = this.submissionFile(k);
    return enqueue(`cas:${file}`, async () => {
      const current = await this.readSubmission(k);
      const next = build(current);
      if (!next) return { ok: false, current: current ?? null };
      const low = new Low(new DurableJSONFile<Submission>(file, this.options), next);
      await low.write();
      this.remember(next);
      this.indexPut(metaOf(next));
      return { ok: true, submission: next };
    });
  }

  saveRevision(k: SubmissionKey, expect: Expect, rev: NewRevision, status: Status): Promise<WriteResult> {
    return this.write(k, (current) => {
      if (!holds(current, expect)) return null;
      const revision = (current?.revision ?? 0) + 1;
      const statusChanged = current?.status !== status;
      const next: Submission = {
        key: { year: k.year, unit: k.unit, project: k.project, kind: k.kind },
        status,
        revision,
        revisions: [...(current?.revisions ?? []), { revision, ...rev, counts: countBySeverity(rev.issues) }],
        updatedAt: rev.at,
        statusAt: statusChanged ? rev.at : (current?.statusAt ?? rev.at),
      };
      if (current?.returned) next.returned = current.returned;
      return next;
    });
  }

  transition(k: SubmissionKey, expect: Expect, t: Transition): Promise<WriteResult> {
    return this.write(k, (current) => {
      if (!current || !holds(current, expect)) return null;
      const next: Submission = { ...current, status: t.to, statusAt: t.at, updatedAt: t.at };
      if (t.returned) next.returned = t.returned;
      return next;
    });
  }

  // ---- key projects

  setKeyProject(mark: KeyProject): Promise<void> {
    return enqueue("cas:key-projects", async () => {
      const marks = this.keyProjects.data.marks.filter(
        (m) => !(m.year === mark.year && m.unit === mark.unit && m.project === mark.project),
      );
      marks.push(mark);
      this.keyProjects.data = { marks };
      await this.keyProjects.write();
    });
  }

  async listKeyProjects(year?: number): Promise<KeyProject[]> {
    return this.keyProjects.data.marks.filter((m) => year === undefined || m.year === year);
  }

  // ---- notices: one small file per year, rewritten whole (a year holds a handful of notices)

  private noticesFile(year: number): string {
    return this.path("notices", `${year}.json`);
  }

  private async writeNotices(year: number): Promise<void> {
    const notices = [...this.notices.values()].filter((n) => n.year === year).sort((a, b) => a.id.localeCompare(b.id));
    await new Low(new DurableJSONFile<{ notices: Notice[] }>(this.noticesFile(year), this.options), { notices }).write();
  }

  createNotice(notice: Notice): Promise<boolean> {
    return enqueue(`cas:${this.noticesFile(notice.year)}`, async () => {
      if (this.notices.has(notice.id)) return false;
      this.notices.set(notice.id, notice);
      try {
        await this.writeNotices(notice.year);
      } catch (err) {
        this.notices.delete(notice.id);
        throw err;
      }
      return true;
    });
  }

  async getNotice(id: string): Promise<Notice | undefined> {
    return this.notices.get(id);
  }

  async listNotices(year?: number): Promise<Notice[]> {
    return [...this.notices.values()]
      .filter((n) => year === undefined || n.year === year)
      .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
  }

  markNoticeOverdue(id: string, at: string): Promise<boolean> {
    const n = this.notices.get(id);
    if (!n) return Promise.resolve(false);
    return enqueue(`cas:${this.noticesFile(n.year)}`, async () => {
      const current = this.notices.get(id);
      if (!current || current.overdueAt !== undefined) return false;
      this.notices.set(id, { ...current, overdueAt: at });
      try {
        await this.writeNotices(current.year);
      } catch (err) {
        this.notices.set(id, current);
        throw err;
      }
      return true;
    });
  }

  // ---- rectification: one small file per unit and year

  private rectFile(year: number, unit: string): string {
    return this.path("rectifications", String(year), `${unit}.json`);
  }

  private async writeRects(year: number, unit: string): Promise<void> {
    const items = [...this.rectifications.values()].filter((r) => r.year === year && r.unit === unit).sort((a, b) => a.id.localeCompare(b.id));
    await new Low(new DurableJSONFile<{ items: Rectification[] }>(this.rectFile(year, unit), this.options), { items }).write();
  }

  createRectification(item: Rectification): Promise<boolean> {
    return enqueue(`cas:${this.rectFile(item.year, item.unit)}`, async () => {
      if (this.rectifications.has(item.id)) return false;
      this.rectifications.set(item.id, item);
      try {
        await this.writeRects(item.year, item.unit);
      } catch (err) {
        this.rectifications.delete(item.id);
        throw err;
      }
      return true;
    });
  }

  async getRectification(id: string): Promise<Rectification | undefined> {
    return this.rectifications.get(id);
  }

  async listRectifications(filter: RectificationFilter = {}): Promise<Rectification[]> {
    return [...this.rectifications.values()]
      .filter((r) => rectMatches(r, filter))
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  }

  updateRectification(next: Rectification, expectVersion: number): Promise<RectWriteResult> {
    const known = this.rectifications.get(next.id);
    if (!known) return Promise.resolve({ ok: false, current: undefined });
    return enqueue(`cas:${this.rectFile(known.year, known.unit)}`, async (): Promise<RectWriteResult> => {
      const current = this.rectifications.get(next.id);
      if (!current || current.version !== expectVersion || current.year !== next.year || current.unit !== next.unit) return { ok: false, current };
      this.rectifications.set(next.id, next);
      try {
        await this.writeRects(next.year, next.unit);
      } catch (err) {
        this.rectifications.set(next.id, current);
        throw err;
      }
      return { ok: true, item: next };
    });
  }

  // ---- audit: appended in batches, each batch fsynced once, every caller acknowledged after it

  appendAudit(event: AuditEvent): Promise<void> {
    return new Promise((done, fail) => {
      this.auditPending.push({ line: `${JSON.stringify(event)}\n`, done, fail });
      if (!this.auditFlushing) this.auditFlushing = this.flushAudit();
    });
  }

  private async flushAudit(): Promise<void> {
    const file = this.path("audit.jsonl");
    while (this.auditPending.length > 0) {
      const batch = this.auditPending.splice(0);
      try {
        if (this.options.fsync === false) {
          await appendFile(file, batch.map((b) => b.line).join(""), "utf8");
        } else {
          const fh = await open(file, "a");
          try {
            await fh.writeFile(batch.map((b) => b.line).join(""), "utf8");
            await fh.datasync();
          } finally {
            await fh.close();
          }
        }
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.auditFlushing = null;
  }

  async listAudit(limit = 1000): Promise<AuditEvent[]> {
    await this.auditFlushing;
    let text = "";
    try {
      text = await readFile(this.path("audit.jsonl"), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const out: AuditEvent[] = [];
    for (const l of lines.slice(-limit)) {
      try {
        out.push(JSON.parse(l) as AuditEvent);
      } catch {
        /* a line cut by a crash mid-append is skipped */
      }
    }
    return out;
  }

  async findAudit(filter: AuditFilter): Promise<AuditEvent[]> {
    return (await this.listAudit(Number.MAX_SAFE_INTEGER)).filter((e) => auditMatches(e, filter));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await drainQueues();
    await this.auditFlushing;
    await syncDir(this.dir);
    await this.lock.release();
  }
}
