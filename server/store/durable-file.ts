// A lowdb adapter that acknowledges a write only once it is on disk: the JSON goes to a temp file
// beside the target, is fsynced, then renamed over it (and the folder fsynced), so a reader or a
// crash sees the old file or the new one, never half of either. Writes to one file run one after
// another through a per-file queue, so lowdb's coalescing never acknowledges a write it dropped.
import { closeSync, fdatasync, fsync, openSync } from "node:fs";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { promisify } from "node:util";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { writeAllSync } from "./append-files.ts";

export interface DurableOptions {
  /** fsync file and folder before acknowledging (default true). Off only for bulk seeding. */
  fsync?: boolean;
  /** Where the temp file goes (default: beside the target; same disk either way). */
  tmpDir?: string;
}

const queues = new Map<string, Promise<unknown>>();
let tmpCounter = 0;

/** Runs `task` after every task queued before it on the same `name`. */
export function enqueue<T>(name: string, task: () => Promise<T>): Promise<T> {
  const prev = queues.get(name) ?? Promise.resolve();
  const next = prev.then(task, task);
  const tail = next.catch(() => undefined);
  queues.set(name, tail);
  void tail.then(() => {
    if (queues.get(name) === tail) queues.delete(name);
  });
  return next;
}

/** Waits for every queued write (any file). */
export async function drainQueues(): Promise<void> {
  while (queues.size > 0) await Promise.all([...queues.values()]);
}

export async function writeFileDurable(file: string, text: string | Uint8Array, options: DurableOptions = {}): Promise<void> {
  const tmp = await writeTempDurable(file, text, options);
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (options.fsync !== false) await syncDir(dirname(file));
}

/**
 * The first half of writeFileDurable: `text` in a temp file for `file` (fsynced), whose path is
 * returned for the caller to rename over `file` when it chooses (and fsync the folder).
 */
export async function writeTempDurable(file: string, text: string | Uint8Array, options: DurableOptions = {}): Promise<string> {
  const sync = options.fsync !== false;
  const dir = dirname(file);
  await ensureDir(dir);
  if (options.tmpDir) await ensureDir(options.tmpDir);
  const tmp = join(options.tmpDir ?? dir, `${basename(file)}.${process.pid}.${++tmpCounter}.tmp`);
  // Data files are the bureau's alone: 0600, folders 0700. A write that fails (full disk,
  // read-only folder) leaves no temp file behind.
  try {
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    if (bytes.length <= SYNC_WRITE_MAX) {
      // A small file is opened, written (to the page cache) and closed synchronously; only its
      // fsync waits in the thread pool (each asynchronous call is two thread switches, more than
      // these calls cost: docs/storage.md).
      const fd = openSync(tmp, "w", 0o600);
      try {
        writeAllSync(fd, bytes);
        if (sync) await fdatasyncAsync(fd);
      } finally {
        closeSync(fd);
      }
    } else {
      const fh = await open(tmp, "w", 0o600);
      try {
        await fh.writeFile(bytes);
        if (sync) await fh.datasync();
      } finally {
        await fh.close();
      }
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return tmp;
}

/** Files up to this size are written synchronously (a few hundred microseconds at most to the page cache); larger ones in the thread pool. */
const SYNC_WRITE_MAX = 1024 * 1024;
const fdatasyncAsync = promisify(fdatasync);
const fsyncAsync = promisify(fsync);

const knownDirs = new Set<string>();
/** Creates a folder (0700) once per process, not on every write. */
async function ensureDir(dir: string): Promise<void> {
  if (knownDirs.has(dir)) return;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  knownDirs.add(dir);
}

export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is as durable as it gets there. The open and
  // close are synchronous (no thread switches); the fsync is not.
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    await fsyncAsync(fd);
  } catch {
    /* not supported on this platform */
  } finally {
    closeSync(fd);
  }
}

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly options: DurableOptions = {},
  ) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, "utf8")) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(`cannot read ${this.file}: ${(err as Error).message}`);
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    return enqueue(this.file, () => writeFileDurable(this.file, text, this.options));
  }
}

/**
 * Puts `value` under `id` in a store's in-memory `map`, then writes the file that holds it; when the
 * write fails, the map gets back what it held (nothing, or the earlier value) and the error goes on.
 */
export async function setThenWrite<V>(map: Map<string, V>, id: string, value: V, write: () => Promise<void>): Promise<void> {
  const before = map.get(id);
  map.set(id, value);
  try {
    await write();
  } catch (err) {
    if (before === undefined) map.delete(id);
    else map.set(id, before);
    throw err;
  }
}
