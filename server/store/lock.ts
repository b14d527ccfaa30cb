// One process per data folder, surviving crashes (README, "The lock survives crashes").
// The lock file says who holds it: pid, the process's start time, the boot, the PID namespace and
// the host, and a random id; its owner touches it every `heartbeatMs`. A pid alone is not enough:
// in a container the server is PID 1 every time, so after kill -9 or an OOM kill the lock names
// the new process's own pid; after a reboot another live process may have the old pid.
//
// A lock is the live owner's when (same boot, host and PID namespace) its pid runs and started at
// the recorded time; after a reboot it is stale; from another PID namespace or host (a container
// sharing the folder, or the container before a restart) the heartbeat decides: a lock touched in
// the last `staleMs` is live, one left alone longer is stale. The owner re-reads its lock on every
// heartbeat and stops (onLost) if another process has taken it: two live servers never share a folder.
import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { mkdir, open, readFile, stat, unlink, utimes } from "node:fs/promises";
import { hostname, uptime } from "node:os";
import { join } from "node:path";

export class DataFolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据文件夹 ${dir} 正被另一个 jixiao 进程（pid ${pid}）使用，请先停止它。 / ` +
        `The data folder ${dir} is in use by another jixiao process (pid ${pid}): stop it first, or use another --data folder.`,
    );
  }
}

/** Who holds a lock, as written in the lock file. */
export interface Holder {
  pid: number;
  /** the process's start, in clock ticks since boot (Linux), or undefined where unknown */
  start?: number;
  /** /proc/sys/kernel/random/boot_id, or the boot time in seconds where there is none */
  boot: string;
  /** the PID namespace (Linux), e.g. `pid:[4026531836]` */
  pidns?: string;
  host: string;
  id: string;
}

export const lockTiming = {
  /** how often the owner touches its lock */
  heartbeatMs: 2_000,
  /** a lock from another PID namespace or host untouched this long is stale */
  staleMs: 10_000,
};

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** A process's start time in clock ticks since boot: field 22 of /proc/PID/stat. */
export function processStart(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const v = Number(fields[19]);
  return Number.isFinite(v) ? v : undefined;
}

function bootId(): string {
  return read("/proc/sys/kernel/random/boot_id") ?? `t${Math.round(Date.now() / 1000 - uptime())}`;
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
}

/** This process as a lock holder. */
export function me(): Holder {
  const h: Holder = { pid: process.pid, boot: bootId(), host: hostname(), id: randomUUID() };
  const start = processStart(process.pid);
  if (start !== undefined) h.start = start;
  const ns = pidNamespace();
  if (ns !== undefined) h.pidns = ns;
  return h;
}

function sameBoot(a: string, b: string): boolean {
  // Without a boot id, boot times computed at two moments may differ by a second or two.
  if (a.startsWith("t") && b.startsWith("t")) return Math.abs(Number(a.slice(1)) - Number(b.slice(1))) < 120;
  return a === b;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock file as written by this version (JSON) or an older one (a pid alone). */
function parse(text: string): Partial<Holder> & { pid: number } | undefined {
  if (/^\d+$/.test(text)) {
    const pid = Number(text);
    return pid > 0 ? { pid } : undefined;
  }
  try {
    const h = JSON.parse(text) as Partial<Holder> | null;
    if (h !== null && typeof h === "object" && typeof h.pid === "number") return h as Partial<Holder> & { pid: number };
  } catch {
    // cut or not ours: unreadable
  }
  return undefined;
}

type Verdict = "live" | "stale" | "ask-heartbeat";

/** What can be known of a holder without waiting. */
export function judge(h: Partial<Holder> & { pid: number }, self: Holder): Verdict {
  if (h.boot === undefined) {
    // an older lock: its pid in this namespace is all there is (never this process's own pid)
    return h.pid !== self.pid && alive(h.pid) ? "live" : "stale";
  }
  if (h.host === self.host && !sameBoot(h.boot, self.boot)) return "stale"; // rebooted: every process of that boot is gone
  if (h.host !== self.host || h.pidns !== self.pidns) return "ask-heartbeat";
  if (!alive(h.pid)) return "stale";
  // The pid runs: the holder only if it started when the holder did (else the pid was reused, or
  // it is this process again after a restart as PID 1).
  if (h.start === undefined || self.start === undefined) return "live";
  return processStart(h.pid) === h.start ? "live" : "stale";
}

export interface Lock {
  file: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Called when another process has taken the lock (default: say so and exit). */
  onLost?: (message: string) => void;
}

const defaultLost = (message: string) => {
  process.stderr.write(`jixiao: ${message}\n`);
  process.exit(75);
};

async function mtime(file: string): Promise<number | undefined> {
  return (await stat(file).catch(() => undefined))?.mtimeMs;
}

/** Watches a lock from another namespace or host: "live" when touched within staleMs, else "stale". */
async function heartbeatVerdict(file: string, text: string): Promise<"live" | "stale" | "changed"> {
  const first = await mtime(file);
  if (first === undefined) return "changed";
  if (Date.now() - first > lockTiming.staleMs) return "stale";
  for (;;) {
    await new Promise((r) => setTimeout(r, Math.min(500, lockTiming.heartbeatMs / 2)));
    const now = await readFile(file, "utf8").catch(() => undefined);
    if (now === undefined || now.trim() !== text) return "changed";
    const m = await mtime(file);
    if (m === undefined) return "changed";
    if (m !== first) return "live";
    if (Date.now() - m > lockTiming.staleMs) return "stale";
  }
}

async function create(file: string, self: Holder): Promise<boolean> {
  try {
    const fh = await open(file, "wx", 0o600);
    await fh.writeFile(`${JSON.stringify(self)}\n`, "utf8");
    await fh.sync();
    await fh.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return false;
  }
}

function holding(file: string, self: Holder, options: LockOptions): Lock {
  let released = false;
  const lost = options.onLost ?? defaultLost;
  const beat = setInterval(() => {
    void (async () => {
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (released) return;
      if (text === undefined || parse(text.trim())?.id !== self.id) {
        released = true;
        clearInterval(beat);
        lost(
          `数据文件夹的锁 ${file} 已被另一个进程取走，本进程停止以免两个服务器同时写入。 / ` +
            `The data folder's lock ${file} was taken by another process: stopping, so that two servers never write the same folder.`,
        );
        return;
      }
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
    })();
  }, lockTiming.heartbeatMs);
  beat.unref();
  return {
    file,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(beat);
      // Only our own lock is removed.
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text !== undefined && parse(text.trim())?.id === self.id) await unlink(file).catch(() => undefined);
    },
  };
}

export async function lockDataFolder(dir: string, options: LockOptions = {}): Promise<Lock> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "jixiao.lock");
  const self = me();
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await create(file, self)) {
      if (attempt > 0) {
        // After taking over a stale lock, another starter may have judged the same lock stale and
        // removed ours in between: whoever's lock is on disk a moment later holds the folder.
        await new Promise((r) => setTimeout(r, 150));
        const text = await readFile(file, "utf8").catch(() => "");
        if (parse(text.trim())?.id !== self.id) {
          const other = parse(text.trim());
          throw new DataFolderLockedError(dir, other?.pid ?? 0);
        }
      }
      return holding(file, self, options);
    }
    const text = (await readFile(file, "utf8").catch(() => "")).trim();
    const holder = parse(text);
    if (holder) {
      let verdict: Verdict | "changed" = judge(holder, self);
      if (verdict === "ask-heartbeat") verdict = await heartbeatVerdict(file, text);
      if (verdict === "changed") continue;
      if (verdict === "live") throw new DataFolderLockedError(dir, holder.pid);
    } else {
      // Empty or cut: maybe a starter that has created it and not yet written it. Give it a moment.
      const age = Date.now() - ((await mtime(file)) ?? 0);
      if (age < 2_000) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
    }
    // stale (or unreadable): the owner is gone. Remove it only if it is still the lock judged.
    const again = (await readFile(file, "utf8").catch(() => "")).trim();
    if (again === text) await unlink(file).catch(() => undefined);
  }
  throw new Error(`cannot take the lock ${file}`);
}
