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
const CLOSE = Buffer.from("}");

/**
 * A form's log, or its part from `Head.fullAt` on, with the forms of revisions up to `upTo` dropped
 * (compaction), without parsing the forms: a revision's form is the last field of its line
 * (saveRevision sets it last, and every rewrite keeps the order), so the line cut before `,"form":`
 * and closed is the record without it. The cut part is parsed (it is small) to be sure it is a
 * whole record and to read its revision; a line where it is not (a `form` key nested in its
 * findings) is parsed whole. A line cut by a crash, or not JSON, ends the log, as in parseLog, and
 * `whole` is then false. `stripped` counts the revisions whose form was dropped, `removed` the bytes
 * the log lost, `firstWhole` is where the first revision kept whole starts in `text` (its length
 * when there is none). `from` is the first revision that may still hold its form (only the latest
 * revisions do: a compaction strips every one up to `upTo`).
 */
export function stripForms(log: Buffer, upTo: number, from = 0): { text: Buffer; stripped: number; removed: number; firstWhole: number; whole: boolean } {
  const parts: Buffer[] = [];
  let stripped = 0;
  let start = 0;
  let size = 0;
  let firstWhole = -1;
  let whole = true;
  for (;;) {
    const nl = log.indexOf(NL, start);
    if (nl < 0) break;
    const line = log.subarray(start, nl + 1);
    let out: Buffer = line;
    // A revision that keeps its form, or lost it in an earlier compaction, is copied as it is: its
    // number is read from the line's first bytes (saveRevision's order), not by searching,
    // decoding and parsing the line.
    const revision = revisionAtStart(line);
    const at = revision !== undefined && (revision > upTo || revision < from) ? -1 : line.indexOf(FORM_FIELD);
    let kept = revision !== undefined && revision > upTo;
    if (at > 0) {
      let head: Partial<RevRecord> | undefined;
      try {
        head = JSON.parse(`${line.toString("utf8", 0, at)}}`) as Partial<RevRecord>;
      } catch {
        head = undefined;
      }
      if (head?.t === "rev" && typeof head.revision === "number" && !("form" in head)) {
        if (head.revision <= upTo) out = Buffer.concat([line.subarray(0, at), CLOSE, line.subarray(line.length - 1)]);
        else kept = true;
      } else {
        let rec: FormRecord | undefined;
        try {
          rec = JSON.parse(line.toString("utf8", 0, line.length - 1)) as FormRecord;
        } catch {
          whole = false;
          break;
        }
        if (rec.t === "rev" && rec.form && rec.revision <= upTo) {
          const { form: _form, ...rest } = rec;
          out = Buffer.from(`${JSON.stringify(rest)}\n`, "utf8");
        } else if (rec.t === "rev" && rec.revision > upTo) kept = true;
      }
    }
    start = nl + 1;
    if (kept && firstWhole < 0) firstWhole = size;
    if (out !== line) stripped++;
    parts.push(out);
    size += out.length;
  }
  if (start < log.length) whole = false;
  return { text: Buffer.concat(parts, size), stripped, removed: start - size, firstWhole: firstWhole < 0 ? size : firstWhole, whole };
}

const LINE_START = Buffer.from('{"lsn":');
const AFTER_LSN = Buffer.from(',"t":"rev","revision":');

/** The number of ASCII digits in `buf` from `at` (at most 15). */
function digitsAt(buf: Buffer, at: number): number {
  let n = 0;
  while (n < 15 && at + n < buf.length && buf[at + n]! >= 0x30 && buf[at + n]! <= 0x39) n++;
  return n;
}

/**
 * The revision of a line that starts as saveRevision writes it (`{"lsn":7,"t":"rev","revision":3,`),
 * read from those bytes; undefined for a line that starts otherwise.
 */
export function revisionAtStart(line: Buffer): number | undefined {
  if (line.length < LINE_START.length || line.compare(LINE_START, 0, LINE_START.length, 0, LINE_START.length) !== 0) return undefined;
  const lsnDigits = digitsAt(line, LINE_START.length);
  const after = LINE_START.length + lsnDigits;
  if (lsnDigits === 0 || line.length < after + AFTER_LSN.length || line.compare(AFTER_LSN, 0, AFTER_LSN.length, after, after + AFTER_LSN.length) !== 0) return undefined;
  const from = after + AFTER_LSN.length;
  const revDigits = digitsAt(line, from);
  if (revDigits === 0 || line[from + revDigits] !== 0x2c) return undefined;
  return Number(line.toString("latin1", from, from + revDigits));
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
