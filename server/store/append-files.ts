// Open append handles for the files the embedded store appends to after each journal batch (the
// audit log, the form files saved to lately), so an append is one write, not an open, a write and a
// close (docs/storage.md). The least recently used are closed beyond `max`, never while a write on
// them is in flight. A file rewritten whole (a compaction) has its handle dropped first: a handle
// kept across the rename would append to the old file.
import { open, type FileHandle } from "node:fs/promises";

interface Entry {
  fh: Promise<FileHandle>;
  busy: number;
}

export class AppendFiles {
  private readonly handles = new Map<string, Entry>();

  constructor(private readonly max = 256) {}

  /** Appends `text` to `file` (created 0600 when missing; its folder must exist). */
  async append(file: string, text: string): Promise<void> {
    let e = this.handles.get(file);
    if (e) this.handles.delete(file); // re-inserted below: most recently used last
    else e = { fh: open(file, "a", 0o600), busy: 0 };
    this.handles.set(file, e);
    e.busy++;
    try {
      await (await e.fh).appendFile(text, "utf8");
    } catch (err) {
      // A failed open or write (a full disk): the next append opens the file afresh.
      if (this.handles.get(file) === e) this.handles.delete(file);
      await e.fh.then((fh) => fh.close()).catch(() => undefined);
      throw err;
    } finally {
      e.busy--;
    }
    this.trim();
  }

  private trim(): void {
    if (this.handles.size <= this.max) return;
    for (const [file, e] of this.handles) {
      if (this.handles.size <= this.max) break;
      if (e.busy > 0) continue;
      this.handles.delete(file);
      void e.fh.then((fh) => fh.close()).catch(() => undefined);
    }
  }

  /** Closes the handle of `file`, if one is open (call with no append to it in flight). */
  async drop(file: string): Promise<void> {
    const e = this.handles.get(file);
    if (!e) return;
    this.handles.delete(file);
    await e.fh.then((fh) => fh.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const all = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(all.map((e) => e.fh.then((fh) => fh.close()).catch(() => undefined)));
  }
}
