// One form's file in the embedded store: an append-only log, one JSON record a line (docs/storage.md).
// A save appends one `rev` record, a submit/return/approve one `status` record; a form's head
// (status, revision, counts, where its latest revision sits in the file) is the fold of its
// records, so reading a form reads one line and a save never rewrites what is already there.
// Every record carries the journal position (`lsn`) it was written at, which start-up uses to
// tell lines that may be missing or torn after a crash from those a checkpoint made durable.
import { join } from "node:path";
import type { Counts, HistoryRevision, ReturnComment, Revision, Status, Submission, SubmissionKey, SubmissionMeta } from "./store.ts";

export interface RevRecord {
  lsn: number;
  t: "rev";
  revision: number;
  status: Status;
  by: string;
  at: string;
  libraryVersion: number;
  issues: Revision["issues"];
  counts: Counts;
  score?: Revision["score"];
  lights?: Revision["lights"];
  rows?: number;
  fingerprint?: string;
  /** Absent once the revision is compacted (older than the ones kept whole). */
  form?: Record<string, unknown>;
}

export interface StatusRecord {
  lsn: number;
  t: "status";
  status: Status;
  at: string;
  returned?: ReturnComment;
}

export type FormRecord = RevRecord | StatusRecord;

/** A form's state, kept in memory for every form and persisted at each checkpoint (heads.json). */
export interface Head {
  meta: SubmissionMeta;
  firstCounts: Counts;
  returned?: ReturnComment;
  /** Byte offset and length of the latest `rev` line in the form's file. */
  latestAt: number;
  latestLen: number;
  /** Revisions whose form is still in the file (compaction drops the older ones' forms). */
  full: number;
  /**
   * Byte offset of the first line that may still hold a form: every line before it is a compacted
   * revision or a status change, so compaction reads and rewrites the log from here only. Absent in
   * heads written before it was kept (compaction then reads the whole log once).
   */
  fullAt?: number;
  /** The journal position of the last record folded in. */
  lsn: number;
}

function namesOf(form: Record<string, unknown> | undefined): { projectName?: string; unitName?: string } {
  const f = form as { project?: { name?: unknown }; unit?: { name?: unknown } } | undefined;
  const out: { projectName?: string; unitName?: string } = {};
  if (typeof f?.project?.name === "string") out.projectName = f.project.name;
  if (typeof f?.unit?.name === "string") out.unitName = f.unit.name;
  return out;
}

/** The head after one more record, which sits at `offset` (its line `bytes` long, newline included). */
export function advance(key: SubmissionKey, head: Head | undefined, rec: FormRecord, offset: number, bytes: number): Head {
  const size = offset + bytes;
  if (rec.t === "status") {
    if (!head) throw new Error(`a status record before any revision of ${key.year}/${key.unit}/${key.project}/${key.kind}`);
    const next: Head = { ...head, meta: { ...head.meta, status: rec.status, statusAt: rec.at, updatedAt: rec.at, bytes: size }, lsn: rec.lsn };
    if (rec.returned) next.returned = rec.returned;
    return next;
  }
  const statusChanged = head?.meta.status !== rec.status;
  const meta: SubmissionMeta = {
    key: { year: key.year, unit: key.unit, project: key.project, kind: key.kind },
    status: rec.status,
    revision: rec.revision,
    updatedAt: rec.at,
    statusAt: statusChanged || !head ? rec.at : head.meta.statusAt,
    counts: rec.counts,
    libraryVersion: rec.libraryVersion,
    ...namesOf(rec.form),
    rows: rec.rows ?? 0,
    bytes: size,
  };
  if (rec.fingerprint !== undefined) meta.fingerprint = rec.fingerprint;
  const next: Head = {
    meta,
    firstCounts: head?.firstCounts ?? rec.counts,
    latestAt: offset,
    latestLen: bytes,
    full: (head?.full ?? 0) + (rec.form ? 1 : 0),
    lsn: rec.lsn,
  };
  // the first line holding a form stays where it is until a compaction moves it (compactedHead)
  const fullAt = head && head.full > 0 ? head.fullAt : rec.form ? offset : undefined;
  if (fullAt !== undefined) next.fullAt = fullAt;
  if (head?.returned) next.returned = head.returned;
  return next;
}

export function revisionOf(rec: RevRecord): HistoryRevision {
  const r: HistoryRevision = { revision: rec.revision, by: rec.by, at: rec.at, libraryVersion: rec.libraryVersion, issues: rec.issues, counts: rec.counts };
  if (rec.form) r.form = rec.form;
  if (rec.score) r.score = rec.score;
  if (rec.lights) r.lights = rec.lights;
  return r;
}

export function submissionOf(head: Head, latest: Revision): Submission {
  const m = head.meta;
  const s: Submission = { key: m.key, status: m.status, revision: m.revision, latest, firstCounts: head.firstCounts, updatedAt: m.updatedAt, statusAt: m.statusAt };
  if (head.returned) s.returned = head.returned;
  return s;
}

/** The complete lines of a form file, each with its offset; a line cut by a crash (no newline, or not JSON) ends the log. */
export function parseLog(text: string): { rec: FormRecord; offset: number; bytes: number; text: string }[] {
  const out: { rec: FormRecord; offset: number; bytes: number; text: string }[] = [];
  let offset = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const line = text.slice(start, nl);
    const bytes = Buffer.byteLength(line, "utf8") + 1;
    let rec: FormRecord;
    try {
      rec = JSON.parse(line) as FormRecord;
    } catch {
      break;
    }
    out.push({ rec, offset, bytes, text: line });
    offset += bytes;
    start = nl + 1;
  }
  return out;
}

const NL = 0x0a;
const FORM_FIELD = Buffer.from(',"form":');
const FORM_KEY = Buffer.from('"form":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Where the record's own `form` field starts in a line (the comma before `"form":`, from the line's
 * start; the line is `buf` from `start` to `end`), found without
 * parsing: the line's strings are skipped from quote to quote, and only a key of the line's own
 * object counts (depth 1), not a `form` key nested in its findings. -1 when the line has none.
 * JSON.stringify writes no spaces, so a key there is a quote right after a comma.
 */
export function formFieldAt(buf: Buffer, start = 0, end = buf.length): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === QUOTE) {
      if (depth === 1 && buf[i - 1] === 0x2c && holds(buf, i, end, FORM_KEY)) return i - 1 - start;
      // to the string's closing quote, stepping over each escape (a byte loop: short strings, and a
      // call out per string cost more than the bytes)
      for (i++; i < end; i++) {
        const c = buf[i];
        if (c === QUOTE) break;
        if (c === BACKSLASH) i++;
      }
    } else if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) depth--;
  }
  return -1;
}

/**
 * A form's log, or its part from `Head.fullAt` on, with the forms of revisions up to `upTo` dropped
 * (compaction), without parsing the forms: a revision's form is the last field of its line
 * (saveRevision sets it last, and every rewrite keeps the order), so the line cut before its own
 * `,"form":` (formFieldAt) and closed is the record without it. A line whose revision cannot be
 * read from its first bytes (another key order) is parsed whole. A line cut by a crash, or not
 * JSON, ends the log, as in parseLog, and `whole` is then false. `stripped` counts the revisions
 * whose form was dropped, `removed` the bytes the log lost, `firstWhole` is where the first
 * revision kept whole starts in `text` (its length when there is none). `from` is the first
 * revision that may still hold its form (only the latest revisions do: a compaction strips every
 * one up to `upTo`).
 */
export function stripForms(log: Buffer, upTo: number, from = 0): { text: Buffer; stripped: number; removed: number; firstWhole: number; whole: boolean } {
  // the log only shrinks: its lines are written into one buffer of its size
  const out = Buffer.allocUnsafe(log.length);
  let stripped = 0;
  let start = 0;
  let size = 0;
  let firstWhole = -1;
  let whole = true;
  for (;;) {
    const nl = log.indexOf(NL, start);
    if (nl < 0) break;
    const end = nl + 1;
    // A revision that keeps its form, or lost it in an earlier compaction, is copied as it is: its
    // number is read from the line's first bytes (saveRevision's order), not by decoding the line.
    const revision = revisionAtStart(log, start, end);
    let cut = -1;
    let kept = false;
    let rewritten: Buffer | undefined;
    if (revision !== undefined) {
      if (revision > upTo) kept = true;
      else if (revision >= from) cut = formFieldAt(log, start, end);
    } else if (log.subarray(start, end).indexOf(FORM_FIELD) > 0) {
      let rec: FormRecord | undefined;
      try {
        rec = JSON.parse(log.toString("utf8", start, nl)) as FormRecord;
      } catch {
        whole = false;
        break;
      }
      if (rec.t === "rev" && rec.revision > upTo) kept = true;
      else if (rec.t === "rev" && rec.form) {
        const { form: _form, ...rest } = rec;
        rewritten = Buffer.from(`${JSON.stringify(rest)}\n`, "utf8");
        // written anew it could come out longer than the line it replaces (a number spelled `1e20`): kept as it is then
        if (rewritten.length > end - start) rewritten = undefined;
      }
    }
    if (kept && firstWhole < 0) firstWhole = size;
    if (cut > 0) {
      // the record up to its form, closed: `}` and the newline
      size += log.copy(out, size, start, start + cut);
      out[size++] = 0x7d;
      out[size++] = NL;
      stripped++;
    } else if (rewritten) {
      size += rewritten.copy(out, size);
      stripped++;
    } else size += log.copy(out, size, start, end);
    start = end;
  }
  if (start < log.length) whole = false;
  return { text: out.subarray(0, size), stripped, removed: start - size, firstWhole: firstWhole < 0 ? size : firstWhole, whole };
}

const LINE_START = Buffer.from('{"lsn":');
const AFTER_LSN = Buffer.from(',"t":"rev","revision":');

/** The number of ASCII digits in `buf` from `at` to `end` (at most 15). */
function digitsAt(buf: Buffer, at: number, end: number): number {
  let n = 0;
  while (n < 15 && at + n < end && buf[at + n]! >= 0x30 && buf[at + n]! <= 0x39) n++;
  return n;
}

/** Whether `buf` holds `word` at `at` (a byte loop: for a few bytes, cheaper than a call out). */
function holds(buf: Buffer, at: number, end: number, word: Buffer): boolean {
  if (at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (buf[at + k] !== word[k]) return false;
  return true;
}

/**
 * The revision of a line that starts as saveRevision writes it (`{"lsn":7,"t":"rev","revision":3,`),
 * read from those bytes; undefined for a line that starts otherwise. The line is `buf` from
 * `start` to `end` (the whole of it by default).
 */
export function revisionAtStart(buf: Buffer, start = 0, end = buf.length): number | undefined {
  if (!holds(buf, start, end, LINE_START)) return undefined;
  const lsnDigits = digitsAt(buf, start + LINE_START.length, end);
  const after = start + LINE_START.length + lsnDigits;
  if (lsnDigits === 0 || !holds(buf, after, end, AFTER_LSN)) return undefined;
  const from = after + AFTER_LSN.length;
  const revDigits = digitsAt(buf, from, end);
  if (revDigits === 0 || from + revDigits >= end || buf[from + revDigits] !== 0x2c) return undefined;
  let revision = 0;
  for (let k = 0; k < revDigits; k++) revision = revision * 10 + (buf[from + k]! - 0x30);
  return revision;
}

/** The head of a whole log (undefined for an empty one). */
export function foldLog(key: SubmissionKey, lines: readonly { rec: FormRecord; offset: number; bytes: number }[]): Head | undefined {
  let head: Head | undefined;
  for (const l of lines) head = advance(key, head, l.rec, l.offset, l.bytes);
  return head;
}

// File names: project and unit codes are letters, digits, '.', '-' and '_' (CodeSchema), but a
// disk that ignores case (Windows, where bureaus deploy; macOS by default) would take p1 and P1
// for one file. Each capital is written as '+' and the small letter ('+' is not in a code), a name
// Windows reserves (CON, NUL, COM1…) or one ending in '.' gets a '~'.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
export function safeName(code: string): string {
  const s = code.replace(/[A-Z]/g, (c) => `+${c.toLowerCase()}`);
  const base = s.split(".")[0] ?? s;
  return RESERVED.test(base) || s.endsWith(".") ? `${s}~` : s;
}

export function formFile(dir: string, k: SubmissionKey): string {
  return join(dir, "submissions", String(k.year), safeName(k.unit), `${safeName(k.project)}-${k.kind}.jsonl`);
}
