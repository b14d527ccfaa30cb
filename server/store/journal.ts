// The embedded store's write-ahead journal (docs/storage.md): every change (a revision, a status
// change, audit events) is one line appended to the current segment, data/journal/<n>.jsonl.
// Lines arriving while a batch is being written go together in the next batch, which is written
// and fsynced once (group commit); only then are its changes applied to the form files and the
// audit log (without their own fsync) and its callers answered. A crash loses nothing
// acknowledged: start-up replays the segments the last checkpoint did not cover.
import { mkdir, open, readdir, readFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { writevAllSync } from "./append-files.ts";
import { BatchWriter } from "./batch-writer.ts";
import { syncDir } from "./durable-file.ts";
import type { FormRecord } from "./form-log.ts";
import type { AuditEvent } from "./audit-event.ts";

/**
 * One journal line: a form's record (`k` the form's key string, `r` the record) and/or audit
 * events, or a compaction of the form's log (`c`: from byte `at` on, the log is the `bytes` bytes
 * that follow the line in the segment, read into `tail`). `k` alone (the layout before, which
 * compacted through a rename): re-read that form's file on replay.
 */
export interface JournalEntry {
  lsn: number;
  k?: string;
  r?: FormRecord;
  a?: AuditEvent[];
  c?: { at: number; bytes: number; tail?: Buffer };
}

export interface JournalItem<A> {
  /** The line, newline included: text, or its UTF-8 bytes when the caller has them already (in parts, written one after another). */
  line: string | Uint8Array | readonly Uint8Array[];
  apply: A;
}

export const SEGMENT_PATTERN = /^(\d{8})\.jsonl$/;

export function segmentFile(dir: string, n: number): string {
  return join(dir, `${String(n).padStart(8, "0")}.jsonl`);
}

export async function listSegments(dir: string): Promise<number[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return (await readdir(dir))
    .map((f) => SEGMENT_PATTERN.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The entries of a segment, and the lsn it starts at; a line cut by a crash (never acknowledged)
 * ends it, as does a compaction's tail cut short. A tail is bytes, not JSON read here: a line of it
 * that is not JSON cannot hide the lines after it.
 */
export async function readSegment(dir: string, n: number): Promise<{ start: number; entries: JournalEntry[] }> {
  const buf = await readFile(segmentFile(dir, n));
  const entries: JournalEntry[] = [];
  let start = Number.POSITIVE_INFINITY;
  let from = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, from);
    if (nl < 0) break;
    let line: JournalEntry & { segment?: number };
    try {
      line = JSON.parse(buf.toString("utf8", from, nl)) as JournalEntry & { segment?: number };
    } catch {
      break;
    }
    from = nl + 1;
    if (line.segment !== undefined) {
      start = line.lsn;
      continue;
    }
    if (line.c) {
      const bytes = line.c.bytes;
      if (!Number.isSafeInteger(bytes) || bytes < 0 || from + bytes > buf.length) break;
      line.c.tail = buf.subarray(from, from + bytes);
      from += bytes;
    }
    entries.push(line);
  }
  // Entries whose lsn was taken before the rotation but written after it land here below the header's lsn.
  return { start: Math.min(start, entries[0]?.lsn ?? Number.POSITIVE_INFINITY), entries };
}

export class Journal<A> {
  private readonly writer: BatchWriter<JournalItem<A>>;
  private bytes = 0;

  private constructor(
    readonly dir: string,
    private fh: FileHandle,
    private seg: number,
    private lsn: number,
    private readonly fsync: boolean,
    apply: (items: A[]) => Promise<void>,
  ) {
    this.writer = new BatchWriter(async (items) => {
      // Written synchronously (to the page cache, as append-files.ts does), the lines as they are
      // (one writev, no copy into one buffer); the fsync that waits for the disk is not.
      const parts = items.flatMap((i) => (typeof i.line === "string" ? [Buffer.from(i.line, "utf8")] : Array.isArray(i.line) ? i.line : [i.line as Uint8Array]));
      writevAllSync(this.fh.fd, parts);
      if (this.fsync) await this.fh.datasync();
      for (const p of parts) this.bytes += p.length;
      await apply(items.map((i) => i.apply));
    });
  }

  /** Starts segment `n` (a new file holding only its header), the next lsn after `lsn`. */
  static async create<A>(dir: string, n: number, lsn: number, fsync: boolean, apply: (items: A[]) => Promise<void>): Promise<Journal<A>> {
    const fh = await Journal.startSegment(dir, n, lsn + 1, fsync);
    return new Journal(dir, fh, n, lsn, fsync, apply);
  }

  private static async startSegment(dir: string, n: number, firstLsn: number, fsync: boolean): Promise<FileHandle> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await open(segmentFile(dir, n), "a", 0o600);
    await fh.truncate(0);
    await fh.writeFile(`${JSON.stringify({ segment: n, lsn: firstLsn })}\n`, "utf8");
    if (fsync) {
      await fh.sync();
      await syncDir(dir);
    }
    return fh;
  }

  get segment(): number {
    return this.seg;
  }

  /** Bytes written to the current segment. */
  get size(): number {
    return this.bytes;
  }

  /** The next journal position; an entry must be written with the lsn it took, in the order taken. */
  nextLsn(): number {
    return ++this.lsn;
  }

  get lastLsn(): number {
    return this.lsn;
  }

  /** Resolves once the line is on disk and applied. */
  write(item: JournalItem<A>): Promise<void> {
    return this.writer.push(item);
  }

  /** Runs `task` with no batch in flight. */
  between<R>(task: () => Promise<R>): Promise<R> {
    return this.writer.between(task);
  }

  idle(): Promise<void> {
    return this.writer.idle();
  }

  /** Starts the next segment (call inside `between`); returns the one just ended. */
  async rotate(): Promise<number> {
    const old = this.seg;
    const fh = await Journal.startSegment(this.dir, old + 1, this.lsn + 1, this.fsync);
    await this.fh.close();
    this.fh = fh;
    this.seg = old + 1;
    this.bytes = 0;
    return old;
  }

  async close(): Promise<void> {
    await this.writer.idle();
    await this.fh.close();
  }
}
