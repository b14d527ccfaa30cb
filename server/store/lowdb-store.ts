// The embedded store: lowdb and append-only logs in one data folder (docs/storage.md).
//
//   data/jixiao.lock                                   who holds the folder (lock.ts)
//   data/library/v000001.json                          one file per published library version
//   data/directory.json                                units and (hashed) tokens
//   data/key-projects.json                             finance's key-project marks (重点项目)
//   data/journal/00000001.jsonl                        the write-ahead journal (journal.ts)
//   data/heads.json                                    every form's head as of the last checkpoint
//   data/audit.jsonl                                   append-only audit log
//   data/submissions/<year>/<unit>/<project>-<kind>.jsonl   one form's log of records (form-log.ts)
//   data/notices/<year>.json                           the notices (通知) of a year
//   data/rectifications/<year>/<unit>.json             a unit's rectification items (整改) of a year
//   data/documents/<year>/<unit>/<project>/…           a project's documents (lowdb-documents.ts)
//
// A save or a status change is one journal line holding the form's record and its audit events,
// fsynced with the other lines of its batch (group commit), then appended to the form's log and
// the audit log. The small documents (directory, notices…) are rewritten whole through
// DurableJSONFile (temp file, fsync, rename). A conditional write checks its precondition inside a
// per-form queue, so it sees every earlier write.
import type { AuditEvent } from "./audit-event.ts";
import { closeSync, openSync, readSync } from "node:fs";
import { appendFile, mkdir, open, readdir, readFile, stat, truncate, unlink } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { Low } from "lowdb";
import { countBySeverity } from "../../shared/issue.ts";
import { withIssuesJson } from "../issues-json.ts";
import { AppendFiles } from "./append-files.ts";
import { ByteLru, DEFAULT_CACHE_BYTES } from "./byte-lru.ts";
import { DurableJSONFile, drainQueues, enqueue, setThenWrite, syncDir, writeFileDurable, type DurableOptions } from "./durable-file.ts";
import { advance, foldLog, formFile, parseLog, revisionOf, stripForms, submissionOf, type FormRecord, type Head, type RevRecord } from "./form-log.ts";
import { headsFileText, parseHeadsFile, type HeadsFile } from "./heads-file.ts";
import { Journal, listSegments, readSegment, segmentFile, type JournalEntry } from "./journal.ts";
import { lockDataFolder, type Lock } from "./lock.ts";
import { LowHandovers } from "./lowdb-handovers.ts";
import { LowOpinions } from "./lowdb-opinions.ts";
import { LowTreasury } from "./lowdb-treasury.ts";
import { LowExperts } from "./lowdb-experts.ts";
import { LowDocuments } from "./lowdb-documents.ts";
import {
  auditMatches,
  keyString,
  matches,
  rectMatches,
  type AuditFilter,
  type AuditOf,
  type Notice,
  type Rectification,
  type RectificationFilter,
  type RectWriteResult,
  type Expect,
  type FormKind,
  type UnitUsage,
  type HistoryRevision,
  type KeyProject,
  type LibraryVersion,
  type NewRevision,
  type Revision,
  type SaveContext,
  type SaveContextOptions,
  type SaveOptions,
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
  /** Bytes of recent revisions kept parsed in memory (default 64 MiB). */
  cacheBytes?: number;
  /** Journal bytes after which a checkpoint starts a new segment (default 64 MiB). */
  segmentBytes?: number;
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

async function readIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw err;
  }
}

/** A form's indicator set within its unit, year and kind (no fingerprint: a form stored before they were kept). */
function setOf(m: { key: Pick<SubmissionKey, "year" | "unit" | "kind">; fingerprint?: string | undefined }): string {
  return `${m.key.unit}/${m.key.year}/${m.key.kind}/${m.fingerprint === undefined ? "" : `#${m.fingerprint}`}`;
}

async function fsyncFile(file: string): Promise<void> {
  let fh;
  try {
    fh = await open(file, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * A form's log (its lines as replay has rebuilt them so far) after a journalled compaction: its
 * lines up to the compacted tail's first record, then the tail's lines. That record is found by what names
 * a line (its lsn, kind, revision and time), so the cut does not depend on the rebuilt lines having
 * the live file's bytes; failing that, at the tail's byte offset.
 */
function compactedLines(lines: { rec: FormRecord; text: string }[], c: NonNullable<JournalEntry["c"]>): { rec: FormRecord; text: string }[] {
  const tail = parseLog(c.tail?.toString("utf8") ?? "");
  const first = tail[0]?.rec;
  const same = (a: FormRecord, b: FormRecord) => a.lsn === b.lsn && a.t === b.t && a.at === b.at && (a.t !== "rev" || (b.t === "rev" && a.revision === b.revision));
  let cut = first ? lines.findIndex((l) => same(l.rec, first)) : -1;
  if (cut < 0) {
    cut = 0;
    for (let bytes = 0; cut < lines.length && bytes < c.at; cut++) bytes += Buffer.byteLength(lines[cut]!.text, "utf8") + 1;
  }
  return [...lines.slice(0, cut), ...tail];
}

/** `length` bytes of `file` from `at`; undefined when it holds fewer. */
function readRange(file: string, at: number, length: number): Buffer | undefined {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, at + got);
      if (n === 0) return undefined;
      got += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/**
 * The journal entry of a compaction: a line saying the form's log from byte `at` becomes the
 * `tail.length` bytes that follow it in the segment, then those bytes as they are (no escaping).
 */
function compactionEntry(lsn: number, id: string, at: number, tail: Buffer): Buffer[] {
  return [Buffer.from(`{"lsn":${lsn},"k":${JSON.stringify(id)},"c":{"at":${at},"bytes":${tail.length}}}\n`, "utf8"), tail];
}

/**
 * A record's JSON, as JSON.stringify gives it; a revision's findings are written from their text
 * when the save made it (NewRevision.issuesJson, which the save's answer carries too: issues-json.ts).
 * A revision record's keys come in the order saveRevision writes them.
 */
function recordJson(rec: FormRecord, issuesJson: string | undefined): string {
  if (rec.t !== "rev" || issuesJson === undefined) return JSON.stringify(rec);
  const { lsn, t, revision, status, by, at, libraryVersion, issues: _issues, ...tail } = rec;
  return withIssuesJson({ lsn, t, revision, status, by, at, libraryVersion }, issuesJson, tail);
}

/** What ends a journal line holding a record: the line's object, then the newline. */
const END_ENTRY = Buffer.from("}\n");
/** Form file names kept for the appends (fileOf): the forms saved to lately. */
const FILE_NAMES_KEPT = 4096;

function keyOfString(id: string): SubmissionKey {
  const [year, unit, project, kind] = id.split("/");
  return { year: Number(year), unit: unit ?? "", project: project ?? "", kind: kind as SubmissionKey["kind"] };
}

/** The key of a form file from its path under submissions/ (safeName undone). */
function keyOfPath(rel: string): SubmissionKey | undefined {
  const parts = rel.split(sep);
  const m = parts.length === 3 ? /^(.+)-(target|monitor|selfEval)\.jsonl$/.exec(parts[2] ?? "") : null;
  if (!m) return undefined;
  const un = (s: string) => s.replace(/~$/, "").replace(/\+([a-z])/g, (_, c: string) => c.toUpperCase());
  return { year: Number(parts[0]), unit: un(parts[1] ?? ""), project: un(m[1] ?? ""), kind: m[2] as SubmissionKey["kind"] };
}

/** A form file of the first layout: one JSON document with every revision (migrated on first start). */
interface LegacySubmission {
  key: SubmissionKey;
  status: Status;
  revision: number;
  revisions: (Revision & { counts: Revision["counts"] })[];
  returned?: Submission["returned"];
  updatedAt: string;
  statusAt: string;
}

/** What a journal line changes once it is on disk. */
interface Apply {
  id?: string;
  rec?: FormRecord;
  /** The record's line in the form file, newline included, as UTF-8 (a view of the journal line's bytes). */
  recLine?: Uint8Array;
  auditLines?: string;
  /** A compaction: the form's log from byte `at` becomes `text`, and its head `head`. */
  compact?: { file: string; at: number; text: Uint8Array; head: Head };
}

export class LowStore implements Store {
  private readonly heads = new Map<string, Head>();
  /** unit → keys of its submissions, so a unit's forms are found without scanning every head. */
  private readonly byUnit = new Map<string, Set<string>>();
  /** Each unit's bytes (its forms'), its forms by year (`unit/year`) and by indicator set (setOf): kept by putHead, so a save's usage and X602 look-ups do not walk the unit's forms. */
  private readonly unitBytes = new Map<string, number>();
  private readonly unitYearForms = new Map<string, number>();
  private readonly bySet = new Map<string, Set<string>>();
  /** key → its latest revision, by bytes. */
  private readonly latestCache: ByteLru<Revision>;
  private readonly libraries = new Map<number, LibraryVersion>();
  private current = 0;
  private directory!: Low<Directory>;
  private keyProjects!: Low<{ marks: KeyProject[] }>;
  private tokensByHash = new Map<string, TokenRecord>();
  /** The same records by id: a save asks whether its token is still live (saveContext). */
  private tokensById = new Map<string, TokenRecord>();
  private readonly notices = new Map<string, Notice>();
  private readonly rectifications = new Map<string, Rectification>();
  private journal!: Journal<Apply>;
  /** Form files appended to since the last checkpoint (fsynced by the next one). */
  private touched = new Set<string>();
  private auditSize = 0;
  private checkpointing: Promise<void> | null = null;
  /** Folders known to exist: created once, not on every write. */
  private readonly dirs = new Set<string>();
  /** Handles the batches append through (the audit log, recent form files). */
  private readonly appends = new AppendFiles();
  /** Recent forms' file names (fileOf). */
  private readonly files = new Map<string, string>();
  private closed = false;
  private readonly fsync: boolean;
  private readonly segmentBytes: number;

  constructor(
    readonly dir: string,
    private readonly lock: Lock,
    private readonly options: LowStoreOptions,
  ) {
    this.latestCache = new ByteLru(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
    this.fsync = options.fsync !== false;
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.treasury = new LowTreasury(dir, options);
    this.experts = new LowExperts(dir, options);
    this.documents = new LowDocuments(dir, options, (e) => this.appendAudit(e));
    this.opinions = new LowOpinions(dir, options);
    this.handovers = new LowHandovers(dir, options);
  }

  readonly treasury: LowTreasury;
  readonly experts: LowExperts;
  readonly documents: LowDocuments;
  readonly opinions: LowOpinions;
  readonly handovers: LowHandovers;

  private path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  private async ensureDir(d: string): Promise<void> {
    if (this.dirs.has(d)) return;
    await mkdir(d, { recursive: true, mode: 0o700 });
    this.dirs.add(d);
  }

  async load(): Promise<void> {
    // Temp files left by a killed process are never acknowledged writes: drop them. Only where
    // writes put them (not among the form logs, which are appended, never replaced by a temp file).
    await this.ensureDir(this.dir);
    const tops = await readdir(this.dir, { withFileTypes: true });
    const tmps: string[] = [];
    for (const e of tops) {
      if (e.isFile() && e.name.endsWith(".tmp")) tmps.push(join(this.dir, e.name));
      else if (e.isDirectory() && e.name !== "submissions") tmps.push(...(await listFilesDeep(join(this.dir, e.name))).filter((f) => f.endsWith(".tmp")));
    }
    await Promise.all(tmps.map((f) => unlink(f).catch(() => undefined)));

    this.directory = new Low(new DurableJSONFile<Directory>(this.path("directory.json"), this.options), { units: [], tokens: [] });
    await this.directory.read();
    for (const t of this.directory.data.tokens) {
      this.tokensByHash.set(t.hash, t);
      this.tokensById.set(t.id, t);
    }
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

    await this.loadSubmissions();
  }

  // ---- start-up: heads from the last checkpoint, then the journal since

  private async readHeads(): Promise<HeadsFile | undefined> {
    try {
      return parseHeadsFile(await readFile(this.path("heads.json")));
    } catch {
      return undefined; // missing or unreadable: rebuilt from the form files
    }
  }

  private putHead(id: string, head: Head): void {
    const before = this.heads.get(id);
    this.heads.set(id, head);
    const m = head.meta;
    const unit = m.key.unit;
    // the unit's usage and its forms by indicator set move with the head (unitUsage, sameIndicatorSet)
    this.unitBytes.set(unit, (this.unitBytes.get(unit) ?? 0) + m.bytes - (before?.meta.bytes ?? 0));
    if (!before) {
      let set = this.byUnit.get(unit);
      if (!set) this.byUnit.set(unit, (set = new Set()));
      set.add(id);
      const year = `${unit}/${m.key.year}`;
      this.unitYearForms.set(year, (this.unitYearForms.get(year) ?? 0) + 1);
    }
    const was = before && setOf(before.meta);
    const now = setOf(m);
    if (was !== now) {
      if (was) this.bySet.get(was)?.delete(id);
      let set = this.bySet.get(now);
      if (!set) this.bySet.set(now, (set = new Set()));
      set.add(id);
    }
  }

  private async loadSubmissions(): Promise<void> {
    const journalDir = this.path("journal");
    const segments = await listSegments(journalDir);
    const saved = await this.readHeads();
    let lsn = 0;
    let from: number;
    if (saved) {
      for (const h of saved.heads) this.putHead(keyString(h.meta.key), h);
      // A compaction was under way at the checkpoint: its file may be the old one or the new one.
      for (const id of saved.refold ?? []) {
        const key = keyOfString(id);
        const head = foldLog(key, parseLog(await readIfExists(formFile(this.dir, key))));
        if (head) this.putHead(id, head);
      }
      lsn = saved.lsn;
      from = saved.checkpoint;
      // Segments a checkpoint covered (a crash came before they were removed).
      for (const n of segments.filter((n) => n < from)) await unlink(segmentFile(journalDir, n)).catch(() => undefined);
    } else {
      lsn = await this.rebuildHeads();
      from = segments[0] ?? 1;
    }
    const replay = segments.filter((n) => n >= from);
    let start = Number.POSITIVE_INFINITY;
    const entries: JournalEntry[] = [];
    for (const n of replay) {
      const seg = await readSegment(journalDir, n);
      start = Math.min(start, seg.start);
      entries.push(...seg.entries);
    }
    for (const e of entries) lsn = Math.max(lsn, e.lsn);
    for (const h of this.heads.values()) lsn = Math.max(lsn, h.lsn);
    const apply = (items: Apply[]) => this.apply(items);

    if (saved && entries.length === 0) {
      // A clean start: carry on in the checkpoint's segment.
      this.auditSize = (await stat(this.path("audit.jsonl")).catch(() => ({ size: 0 }))).size;
      await this.endCutAuditLine();
      this.journal = await Journal.create(journalDir, from, lsn, this.fsync, apply);
      for (const n of replay.filter((n) => n !== from)) await unlink(segmentFile(journalDir, n)).catch(() => undefined);
      return;
    }
    await this.replay(entries, start, saved?.auditSize);
    const next = Math.max(from, ...segments) + 1;
    this.journal = await Journal.create(journalDir, next, lsn, this.fsync, apply);
    await this.writeHeads(this.headsText(next));
    for (const n of segments) await unlink(segmentFile(journalDir, n)).catch(() => undefined);
  }

  /** Every form's head from its file (heads.json missing or stale); first-layout files are migrated. Returns the highest lsn seen. */
  private async rebuildHeads(): Promise<number> {
    const root = this.path("submissions");
    const files = await listFilesDeep(root);
    let lsn = 0;
    await mapLimit(files, 16, async (f) => {
      if (f.endsWith(".tmp")) {
        await unlink(f).catch(() => undefined);
        return;
      }
      if (f.endsWith(".json")) {
        await this.migrateLegacy(f);
        return;
      }
      const key = keyOfPath(relative(root, f));
      if (!key) return;
      const head = foldLog(key, parseLog(await readFile(f, "utf8")));
      if (!head) return;
      lsn = Math.max(lsn, head.lsn);
      this.putHead(keyString(key), head);
    });
    return lsn;
  }

  /** A first-layout file (every revision in one document, rewritten per save) becomes a log. */
  private async migrateLegacy(file: string): Promise<void> {
    const doc = JSON.parse(await readFile(file, "utf8")) as LegacySubmission;
    const records: FormRecord[] = doc.revisions.map((r) => {
      const rec: RevRecord = { lsn: 0, t: "rev", revision: r.revision, status: "draft", by: r.by, at: r.at, libraryVersion: r.libraryVersion, issues: r.issues, counts: r.counts ?? countBySeverity(r.issues) };
      if (r.score) rec.score = r.score;
      if (r.lights) rec.lights = r.lights;
      rec.form = r.form;
      return rec;
    });
    if (records.length === 0) return;
    if (doc.status !== "draft" || doc.returned) {
      const st: FormRecord = { lsn: 0, t: "status", status: doc.status, at: doc.statusAt };
      if (doc.returned) st.returned = doc.returned;
      records.push(st);
    }
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
    const target = formFile(this.dir, doc.key);
    await this.writeWhole(target, text);
    const head = foldLog(doc.key, parseLog(text));
    if (head) this.putHead(keyString(doc.key), head);
    await unlink(file);
  }

  /** Writes a whole file durably: a temp file in data/tmp (fsynced), renamed over the target. */
  private async writeWhole(file: string, text: string | Uint8Array): Promise<void> {
    await this.ensureDir(dirname(file));
    this.appends.drop(file);
    await writeFileDurable(file, text, { fsync: this.fsync, tmpDir: this.path("tmp") });
  }

  /**
   * Brings form files and the audit log up to the journal: for each form the journal names, the
   * lines from before `start` are kept and the journal's records appended (lines after `start`
   * may be missing or cut: they were never fsynced), and the audit log likewise.
   */
  private async replay(entries: JournalEntry[], start: number, auditSize: number | undefined): Promise<void> {
    const byForm = new Map<string, JournalEntry[]>();
    const audit: string[] = [];
    for (const e of entries) {
      if (e.k !== undefined) {
        const list = byForm.get(e.k) ?? [];
        if (e.r || e.c) list.push(e);
        byForm.set(e.k, list);
      }
      for (const a of e.a ?? []) audit.push(`${JSON.stringify({ lsn: e.lsn, ...a })}\n`);
    }
    await mapLimit([...byForm], 8, async ([id, changes]) => {
      const key = keyOfString(id);
      const file = formFile(this.dir, key);
      let lines: { rec: FormRecord; text: string }[] = parseLog(await readIfExists(file)).filter((l) => l.rec.lsn < start);
      for (const e of changes) {
        if (e.r) lines.push({ rec: e.r, text: JSON.stringify(e.r) });
        else if (e.c) lines = compactedLines(lines, e.c);
      }
      const text = lines.map((l) => `${l.text}\n`).join("");
      await this.writeWhole(file, text);
      const head = foldLog(key, parseLog(text));
      if (head) this.putHead(id, head);
    });
    // The audit log: cut back to what the checkpoint covered (or, without one, to its first line from the journal), then the journal's events.
    const auditFile = this.path("audit.jsonl");
    let keep = auditSize;
    if (keep === undefined) {
      const text = await readIfExists(auditFile);
      keep = 0;
      let from = 0;
      for (;;) {
        const nl = text.indexOf("\n", from);
        if (nl < 0) break;
        let lsn = 0;
        try {
          lsn = (JSON.parse(text.slice(from, nl)) as { lsn?: number }).lsn ?? 0;
        } catch {
          break;
        }
        if (lsn >= start) break;
        keep += Buffer.byteLength(text.slice(from, nl + 1), "utf8");
        from = nl + 1;
      }
    }
    await this.ensureDir(this.dir);
    await appendFile(auditFile, "", { mode: 0o600 });
    await truncate(auditFile, keep);
    if (audit.length > 0) await appendFile(auditFile, audit.join(""), "utf8");
    if (this.fsync) await fsyncFile(auditFile);
    this.auditSize = keep + Buffer.byteLength(audit.join(""), "utf8");
  }

  /** An audit line cut short (a crash of the first layout, or a full disk) is ended, so the next one starts on its own line. */
  private async endCutAuditLine(): Promise<void> {
    if (this.auditSize === 0) return;
    const fh = await open(this.path("audit.jsonl"), "r");
    try {
      const b = Buffer.alloc(1);
      await fh.read(b, 0, 1, this.auditSize - 1);
      if (b[0] === 0x0a) return;
    } finally {
      await fh.close();
    }
    await appendFile(this.path("audit.jsonl"), "\n", "utf8");
    this.auditSize += 1;
  }

  private headsText(checkpoint: number): string {
    return headsFileText({ layout: 2, checkpoint, lsn: this.journal.lastLsn, auditSize: this.auditSize, heads: [...this.heads.values()] });
  }

  private async writeHeads(text: string): Promise<void> {
    await writeFileDurable(this.path("heads.json"), text, { fsync: this.fsync, tmpDir: this.path("tmp") });
  }

  /**
   * A checkpoint: a new journal segment is started between two batches, the form files written
   * since the last one and the audit log are fsynced, then heads.json (as of the rotation) is
   * written; the segments before are no longer needed.
   */
  private checkpoint(): Promise<void> {
    this.checkpointing ??= (async () => {
      try {
        const { next, touched, text } = await this.journal.between(async () => {
          await this.journal.rotate();
          const next = this.journal.segment;
          const touched = this.touched;
          this.touched = new Set();
          return { next, touched, text: this.headsText(next) };
        });
        if (this.fsync) {
          await mapLimit([...touched], 8, fsyncFile);
          await fsyncFile(this.path("audit.jsonl"));
        }
        await this.writeHeads(text);
        for (const n of await listSegments(this.path("journal"))) if (n < next) await unlink(segmentFile(this.path("journal"), n)).catch(() => undefined);
      } finally {
        this.checkpointing = null;
      }
    })();
    return this.checkpointing;
  }

  /** After a batch is fsynced in the journal: its records go to the form files, its events to the audit log. */
  private async apply(items: Apply[]): Promise<void> {
    const next: [string, Head, string, Uint8Array][] = [];
    const compactions: [string, NonNullable<Apply["compact"]>][] = [];
    for (const it of items) {
      if (it.id && it.compact) compactions.push([it.id, it.compact]);
      if (!it.id || !it.rec || it.recLine === undefined) continue;
      const before = next.findLast((n) => n[0] === it.id)?.[1] ?? this.heads.get(it.id);
      const key = before?.meta.key ?? keyOfString(it.id);
      const file = this.fileOf(it.id, key);
      const line = it.recLine;
      next.push([it.id, advance(key, before, it.rec, before?.meta.bytes ?? 0, line.length), file, line]);
      if (!this.dirs.has(dirname(file))) await this.ensureDir(dirname(file));
    }
    // Synchronous appends to the page cache (append-files.ts): the journal has made them durable.
    const audit = items.map((i) => i.auditLines ?? "").join("");
    if (audit !== "") {
      const bytes = Buffer.from(audit, "utf8");
      this.appends.append(this.path("audit.jsonl"), bytes);
      this.auditSize += bytes.length;
    }
    for (const [, , file, line] of next) {
      this.appends.append(file, line);
      this.touched.add(file);
    }
    // A compaction's form has no other record in the batch: its queue is held until it is applied.
    for (const [id, { file, at, text, head }] of compactions) {
      this.appends.rewriteFrom(file, at, text);
      this.touched.add(file);
      this.putHead(id, head);
    }
    // Heads move only once their lines are in the files, so a reader never looks past a file's end.
    for (const [id, head] of next) this.putHead(id, head);
    if (this.journal.size > this.segmentBytes && !this.checkpointing && !this.closed) void this.checkpoint().catch(() => undefined);
  }

  // ---- library

  async currentLibrary(): Promise<LibraryVersion | undefined> {
    return this.currentLibraryNow();
  }

  /** currentLibrary, from memory (a save's reads: contextOf). */
  private currentLibraryNow(): LibraryVersion | undefined {
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
    return this.unitNow(code);
  }

  /** getUnit, from memory (a save's reads: contextOf). */
  private unitNow(code: string): Unit | undefined {
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
      this.tokensById.set(token.id, token);
    });
  }

  private tokenLive(id: string): boolean {
    const t = this.tokensById.get(id);
    return t !== undefined && !t.revokedAt;
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
      this.tokensById.set(next.id, next);
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

  /**
   * The latest revision of a form: from memory, else its one line in the form's file, then kept in
   * memory when `keep` (a save's reads: its form is in use) or when read a second time lately.
   */
  private async latestOf(id: string, head: Head, keep = false): Promise<Revision> {
    const hit = this.latestCache.get(id);
    if (hit && hit.revision === head.meta.revision) return hit;
    for (let attempt = 0; ; attempt++) {
      const h = attempt === 0 ? head : (this.heads.get(id) ?? head);
      const fh = await open(formFile(this.dir, h.meta.key), "r");
      let text: string;
      try {
        const buf = Buffer.alloc(h.latestLen);
        await fh.read(buf, 0, h.latestLen, h.latestAt);
        text = buf.toString("utf8");
      } finally {
        await fh.close();
      }
      let rec: FormRecord | undefined;
      try {
        rec = JSON.parse(text) as FormRecord;
      } catch {
        rec = undefined;
      }
      // A compaction may have rewritten the file between reading the head and opening it: read again.
      if (rec?.t === "rev" && rec.revision === h.meta.revision && rec.form) {
        const r = revisionOf(rec) as Revision;
        if (keep || this.latestCache.admit(id)) this.latestCache.set(id, r, h.latestLen);
        return r;
      }
      if (attempt >= 3) throw new Error(`cannot read the latest revision of ${id} at ${h.latestAt}+${h.latestLen}`);
    }
  }

  getSubmission(k: SubmissionKey): Promise<Submission | undefined> {
    return this.submission(k, false);
  }

  private async submission(k: SubmissionKey, keep: boolean): Promise<Submission | undefined> {
    const id = keyString(k);
    const head = this.heads.get(id);
    if (!head) return undefined;
    return submissionOf(head, await this.latestOf(id, head, keep));
  }

  async listRevisions(k: SubmissionKey): Promise<HistoryRevision[]> {
    const id = keyString(k);
    if (!this.heads.has(id)) return [];
    // after the form's writes queued so far, a compaction a save left running included
    await enqueue(`cas:${id}`, async () => undefined);
    await this.journal.idle();
    const lines = parseLog(await readIfExists(formFile(this.dir, k)));
    return lines.flatMap((l) => (l.rec.t === "rev" ? [revisionOf(l.rec)] : []));
  }

  async listSubmissions(filter: SubmissionFilter = {}): Promise<SubmissionMeta[]> {
    const out: SubmissionMeta[] = [];
    if (filter.unit !== undefined) {
      for (const id of this.byUnit.get(filter.unit) ?? []) {
        const m = this.heads.get(id)?.meta;
        if (m && matches(m.key, m.status, filter)) out.push(m);
      }
    } else {
      for (const h of this.heads.values()) if (matches(h.meta.key, h.meta.status, filter)) out.push(h.meta);
    }
    return out.sort((a, b) => keyString(a.key).localeCompare(keyString(b.key)));
  }

  async unitUsage(unit: string, year: number): Promise<UnitUsage> {
    return this.usageOf(unit, year, await this.documents.unitBytes(unit));
  }

  /** A unit's usage from the counts putHead keeps and its document bytes. */
  private usageOf(unit: string, year: number, documentBytes: number): UnitUsage {
    return { forms: this.unitYearForms.get(`${unit}/${year}`) ?? 0, bytes: (this.unitBytes.get(unit) ?? 0) + documentBytes };
  }

  async sameIndicatorSet(year: number, unit: string, kind: FormKind, fingerprint: string): Promise<SubmissionMeta[]> {
    return this.sameSetNow(year, unit, kind, fingerprint);
  }

  private sameSetNow(year: number, unit: string, kind: FormKind, fingerprint: string): SubmissionMeta[] {
    const out: SubmissionMeta[] = [];
    const add = (id: string) => {
      const m = this.heads.get(id)?.meta;
      if (m) out.push(m);
    };
    // the forms with this set, and those stored before fingerprints were kept (none in their head);
    // forEach: a for-of over the sets allocated an iterator result per form, every save
    this.bySet.get(setOf({ key: { year, unit, kind }, fingerprint }))?.forEach(add);
    this.bySet.get(setOf({ key: { year, unit, kind }, fingerprint: undefined }))?.forEach(add);
    return out;
  }

  async saveContext(k: SubmissionKey, options: SaveContextOptions = {}): Promise<SaveContext> {
    return this.saveContextNow(k, options) ?? this.saveContextRead(k, options);
  }

  /**
   * saveContext when everything it reads is in memory (the heads, the latest revisions cached, the
   * treasury and the unit's document bytes once loaded): built without waiting, each await of the
   * reads being a turn of the microtask queue a save pays for nothing. Undefined otherwise.
   */
  private saveContextNow(k: SubmissionKey, options: SaveContextOptions): SaveContext | undefined {
    const existing = this.submissionNow(k);
    const target = k.kind === "target" ? undefined : this.submissionNow({ ...k, kind: "target" });
    const treasury = this.treasury.projectNow(k.year, k.unit, k.project);
    const documentBytes = this.documents.unitBytesNow(k.unit);
    if (existing === false || target === false || !treasury || documentBytes === undefined) return undefined;
    return this.contextOf(k, options, existing, target, treasury, documentBytes);
  }

  /** A form as getSubmission gives it, when its latest revision is in memory; false when it must be read. */
  private submissionNow(k: SubmissionKey): Submission | undefined | false {
    const id = keyString(k);
    const head = this.heads.get(id);
    if (!head) return undefined;
    const hit = this.latestCache.get(id);
    return hit && hit.revision === head.meta.revision ? submissionOf(head, hit) : false;
  }

  /** saveContext when some of it must be read from the files first. */
  private async saveContextRead(k: SubmissionKey, options: SaveContextOptions): Promise<SaveContext> {
    const [existing, target, payments, budgets, documentBytes] = await Promise.all([
      this.submission(k, true),
      k.kind === "target" ? undefined : this.submission({ ...k, kind: "target" }, true),
      this.treasury.listPayments({ unit: k.unit, project: k.project }),
      this.treasury.listBudgets({ year: k.year, unit: k.unit, project: k.project }),
      this.documents.unitBytes(k.unit),
    ]);
    return this.contextOf(k, options, existing, target, budgets[0] ? { payments, budget: budgets[0] } : { payments }, documentBytes);
  }

  /** A save's context from its parts, however they were read (saveContextNow, saveContextRead): built in one place. */
  private contextOf(k: SubmissionKey, { fingerprint, tokenId }: SaveContextOptions, existing: Submission | undefined, target: Submission | undefined, treasury: SaveContext["treasury"], documentBytes: number): SaveContext {
    const fp = fingerprint ?? this.heads.get(keyString(k))?.meta.fingerprint;
    return {
      existing,
      library: this.currentLibraryNow(),
      usage: this.usageOf(k.unit, k.year, documentBytes),
      unit: this.unitNow(k.unit),
      approvedTarget: target?.status === "approved" ? target : undefined,
      sameSet: fp === undefined ? undefined : { fingerprint: fp, forms: this.sameSetNow(k.year, k.unit, k.kind, fp) },
      treasury,
      ...(tokenId === undefined ? {} : { tokenLive: this.tokenLive(tokenId) }),
    };
  }

  /**
   * Writes a form's record and its audit events as one journal line; resolves once both are durable.
   * Each part is serialised once: an audit event's JSON goes into the journal line and, with its
   * lsn put first, into the audit log; the record's UTF-8 bytes are the form file's line (with its
   * newline) and, less the newline, the journal line's end, written from the same buffer.
   */
  private async record(id: string, rec: FormRecord, audit: AuditEvent[], issuesJson?: string): Promise<void> {
    const events = audit.map((a) => JSON.stringify(a));
    const head = `{"lsn":${rec.lsn},"k":${JSON.stringify(id)}${events.length > 0 ? `,"a":[${events.join(",")}]` : ""},"r":`;
    // the form file's line is the record and a newline; the journal line is its head, the record
    // (the same bytes, written from them: one writev) and "}\n"
    const recLine = Buffer.from(`${recordJson(rec, issuesJson)}\n`, "utf8");
    // an event always has its time, actor and action, so its JSON opens with a field: the lsn goes before it
    const auditLines = events.map((e) => `{"lsn":${rec.lsn},${e.slice(1)}\n`).join("");
    await this.journal.write({ line: [Buffer.from(head, "utf8"), recLine.subarray(0, recLine.length - 1), END_ENTRY], apply: { id, rec, recLine, ...(auditLines ? { auditLines } : {}) } });
  }

  /** The file of a form (its name made safe once, not at every append). */
  private fileOf(id: string, key: SubmissionKey): string {
    let file = this.files.get(id);
    if (file === undefined) {
      file = formFile(this.dir, key);
      if (this.files.size >= FILE_NAMES_KEPT) this.files.delete(this.files.keys().next().value!);
      this.files.set(id, file);
    }
    return file;
  }

  private holds(head: Head | undefined, expect: Expect): boolean {
    if (expect.revision !== undefined) {
      if (expect.revision === null ? head !== undefined : head?.meta.revision !== expect.revision) return false;
    }
    if (expect.statusIn && head && !expect.statusIn.includes(head.meta.status)) return false;
    return true;
  }

  private async currentOf(id: string): Promise<Submission | null> {
    const head = this.heads.get(id);
    return head ? submissionOf(head, await this.latestOf(id, head)) : null;
  }

  saveRevision(k: SubmissionKey, expect: Expect, rev: NewRevision, status: Status, options: SaveOptions = {}): Promise<WriteResult> {
    const id = keyString(k);
    return enqueue(`cas:${id}`, async (): Promise<WriteResult> => {
      const head = this.heads.get(id);
      if (!this.holds(head, expect)) return { ok: false, current: await this.currentOf(id) };
      const revision = (head?.meta.revision ?? 0) + 1;
      const counts = countBySeverity(rev.issues);
      const rec: RevRecord = { lsn: this.journal.nextLsn(), t: "rev", revision, status, by: rev.by, at: rev.at, libraryVersion: rev.libraryVersion, issues: rev.issues, counts };
      if (rev.score) rec.score = rev.score;
      if (rev.lights) rec.lights = rev.lights;
      if (rev.rows !== undefined) rec.rows = rev.rows;
      if (rev.fingerprint !== undefined) rec.fingerprint = rev.fingerprint;
      rec.form = rev.form;
      const latest: Revision = { revision, form: rev.form, by: rev.by, at: rev.at, libraryVersion: rev.libraryVersion, issues: rev.issues, counts };
      if (rev.score) latest.score = rev.score;
      if (rev.lights) latest.lights = rev.lights;
      // The head this record makes (its offsets are set when it is applied).
      const after = advance(k, head, rec, head?.meta.bytes ?? 0, 0);
      const s = submissionOf(after, latest);
      await this.record(id, rec, options.audit?.({ key: s.key, revision, status, from: head?.meta.status ?? null, at: rev.at, counts }) ?? [], rev.issuesJson);
      const h = this.heads.get(id);
      if (h) this.latestCache.set(id, latest, h.latestLen);
      if (options.keepRevisions !== undefined && h && h.full >= 2 * Math.max(1, options.keepRevisions)) {
        // The save is durable and answered now; the compaction runs next in the form's queue, so the
        // form's next write waits for it but this one does not (its three fsyncs were ~half the p99).
        // One that fails leaves the file whole (its journal line re-reads it at start-up) and is
        // tried again at the next save.
        const keep = Math.max(1, options.keepRevisions);
        void enqueue(`cas:${id}`, () => this.compact(id, keep)).catch(() => undefined);
      }
      return { ok: true, submission: s };
    });
  }

  transition(k: SubmissionKey, expect: Expect, t: Transition, audit?: AuditOf): Promise<WriteResult> {
    const id = keyString(k);
    return enqueue(`cas:${id}`, async (): Promise<WriteResult> => {
      const head = this.heads.get(id);
      if (!head || !this.holds(head, expect)) return { ok: false, current: await this.currentOf(id) };
      const rec: FormRecord = { lsn: this.journal.nextLsn(), t: "status", status: t.to, at: t.at };
      if (t.returned) rec.returned = t.returned;
      const latest = await this.latestOf(id, head);
      const s = submissionOf(advance(k, head, rec, head.meta.bytes, 0), latest);
      await this.record(id, rec, audit?.(s, head.meta.status) ?? []);
      return { ok: true, submission: s };
    });
  }

  /**
   * Drops the forms of all but the last `keep` revisions from a form's log (their who, when and
   * counts stay; the audit log has every save). Only the log's tail is read and rewritten, from the
   * first line that may still hold a form (Head.fullAt): the compacted lines before it are neither
   * read nor copied again. The new tail goes into the journal first, as its records, in a batch's
   * one fsync; the batch's apply cuts the log there and appends the tail, and moves the head, so a
   * checkpoint sees both changed or neither, and start-up mends a tail a crash left half-written
   * from the journal (replay). No temp file, rename or fsync of its own. Runs in the form's queue.
   */
  private async compact(id: string, keep: number): Promise<void> {
    const before = this.heads.get(id);
    if (!before) return;
    const at = before.fullAt ?? 0;
    const file = this.fileOf(id, before.meta.key);
    // read synchronously: the tail was just appended to (page cache), and an asynchronous read is
    // four calls through the thread pool (open, stat, read, close)
    const tail = readRange(file, at, before.meta.bytes - at);
    if (!tail) return;
    const { text, stripped, removed, firstWhole, whole } = stripForms(tail, before.meta.revision - keep, before.meta.revision - before.full + 1);
    // a tail that does not end with a whole line is left as it is (start-up's replay mends it)
    if (!whole || stripped === 0) return;
    // Only lines before the latest revision lose bytes, so the head moves by what they lost.
    const head: Head = { ...before, meta: { ...before.meta, bytes: at + text.length }, latestAt: before.latestAt - removed, full: before.full - stripped, fullAt: at + firstWhole };
    await this.journal.write({ line: compactionEntry(this.journal.nextLsn(), id, at, text), apply: { id, compact: { file, at, text, head } } });
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
      await setThenWrite(this.notices, notice.id, notice, () => this.writeNotices(notice.year));
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
      await setThenWrite(this.notices, id, { ...current, overdueAt: at }, () => this.writeNotices(current.year));
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
      await setThenWrite(this.rectifications, item.id, item, () => this.writeRects(item.year, item.unit));
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
      await setThenWrite(this.rectifications, next.id, next, () => this.writeRects(next.year, next.unit));
      return { ok: true, item: next };
    });
  }

  // ---- audit: through the journal (group commit), then appended to audit.jsonl

  async appendAudit(event: AuditEvent): Promise<void> {
    const lsn = this.journal.nextLsn();
    await this.journal.write({ line: `${JSON.stringify({ lsn, a: [event] })}\n`, apply: { auditLines: `${JSON.stringify({ lsn, ...event })}\n` } });
  }

  async listAudit(limit = 1000): Promise<AuditEvent[]> {
    await this.journal.idle();
    const text = await readIfExists(this.path("audit.jsonl"));
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const out: AuditEvent[] = [];
    for (const l of lines.slice(-limit)) {
      try {
        const { lsn: _lsn, ...e } = JSON.parse(l) as AuditEvent & { lsn?: number };
        out.push(e);
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
    await this.checkpointing;
    await this.checkpoint();
    await this.journal.close();
    this.appends.closeAll();
    await syncDir(this.dir);
    await this.lock.release();
  }
}
