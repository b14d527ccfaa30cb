// Open append handles for the files the embedded store appends to after each journal batch (the
// audit log, the form files saved to lately), so an append is one write, not an open, a write and a
// close (docs/storage.md). The least recently used are closed beyond `max`. A file rewritten whole
// (a compaction) has its handle dropped first: a handle kept across the rename would append to the
// old file.
//
// The writes are synchronous: a line of a few kilobytes goes to the page cache in microseconds
// (nothing here is fsynced: the journal, fsynced before, is what makes a save durable), where an
// asynchronous write hands each line to the thread pool and back, two thread switches that cost
// more than the write itself on a busy two-core server (docs/storage.md).
import { closeSync, openSync, writeSync } from "node:fs";

export class AppendFiles {
  private readonly handles = new Map<string, number>();

  constructor(private readonly max = 256) {}

  /** Appends `text` to `file` (created 0600 when missing; its folder must exist). */
  append(file: string, text: string | Uint8Array): void {
    let fd = this.handles.get(file);
    if (fd === undefined) fd = openSync(file, "a", 0o600);
    else this.handles.delete(file); // re-inserted below: most recently used last
    this.handles.set(file, fd);
    try {
      writeAllSync(fd, typeof text === "string" ? Buffer.from(text, "utf8") : text);
    } catch (err) {
      // A failed write (a full disk): the next append opens the file afresh.
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
