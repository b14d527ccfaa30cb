// Open append handles for the files the embedded store appends to after each journal batch (the
// audit log, the form files saved to lately), so an append is one write, not an open, a write and a
// close (docs/storage.md). The least recently used are closed beyond `max`. A file replaced whole
// (start-up's replay, an upgrade) has its handle dropped first: a handle kept across the rename
// would append to the old file. A compaction rewrites a log's tail in place through its handle.
//
// The writes are synchronous: a line of a few kilobytes goes to the page cache in microseconds
// (nothing here is fsynced: the journal, fsynced before, is what makes a save durable), where an
// asynchronous write hands each line to the thread pool and back, two thread switches that cost
// more than the write itself on a busy two-core server (docs/storage.md).
import { closeSync, ftruncateSync, openSync, writeSync, writevSync } from "node:fs";

export class AppendFiles {
  private readonly handles = new Map<string, number>();

  constructor(private readonly max = 256) {}

  /** Appends `text` to `file` (created 0600 when missing; its folder must exist). */
  append(file: string, text: string | Uint8Array): void {
    const fd = this.handle(file);
    try {
      writeAllSync(fd, typeof text === "string" ? Buffer.from(text, "utf8") : text);
    } catch (err) {
      // A failed write (a full disk): the next append opens the file afresh.
      this.drop(file);
      throw err;
    }
    this.trim();
  }

  /** The open handle of `file`, now the most recently used. */
  private handle(file: string): number {
    let fd = this.handles.get(file);
    if (fd === undefined) fd = openSync(file, "a", 0o600);
    else this.handles.delete(file); // re-inserted: most recently used last
    this.handles.set(file, fd);
    return fd;
  }

  /**
   * Cuts `file` at byte `at` and appends `bytes` there (a compaction rewriting a log's tail in
   * place): the append handle writes at the end, which the cut has just moved.
   */
  rewriteFrom(file: string, at: number, bytes: Uint8Array): void {
    const fd = this.handle(file);
    try {
      ftruncateSync(fd, at);
      writeAllSync(fd, bytes);
    } catch (err) {
      this.drop(file);
      throw err;
    }
    this.trim();
  }

  private trim(): void {
    for (const [file, fd] of this.handles) {
      if (this.handles.size <= this.max) break;
      this.handles.delete(file);
      closeQuietly(fd);
    }
  }

  /** Closes the handle of `file`, if one is open. */
  drop(file: string): void {
    const fd = this.handles.get(file);
    if (fd === undefined) return;
    this.handles.delete(file);
    closeQuietly(fd);
  }

  closeAll(): void {
    for (const fd of this.handles.values()) closeQuietly(fd);
    this.handles.clear();
  }
}

/**
 * Writes all of `parts`, in order, at the file's position in as few calls as the system allows
 * (a journal batch's lines, a compaction's tail): no copy into one buffer first.
 */
export function writevAllSync(fd: number, parts: readonly Uint8Array[]): void {
  let i = 0;
  let skip = 0; // bytes of parts[i] already written
  while (i < parts.length) {
    const batch = parts.slice(i, i + IOV_MAX);
    if (skip > 0) batch[0] = batch[0]!.subarray(skip);
    let n = writevSync(fd, batch);
    while (i < parts.length && n >= parts[i]!.length - skip) {
      n -= parts[i]!.length - skip;
      skip = 0;
      i++;
    }
    skip += n;
  }
}
/** What one writev takes at most (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/** Writes all of `bytes` at the file's position (its end, for a file opened to append). */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* already gone */
  }
}
