// The data folder's lock (server/store/lock.ts) after crashes: a lock naming this process's own
// pid (PID 1 again after a container restart), a reused pid, another boot, a dead pid — all taken
// over; a live holder never. Then for real in PID namespaces (`unshare -fp --mount-proc`): a
// server that was PID 1 and was killed with SIGKILL restarts as PID 1 in a new namespace, and a
// second live server in another namespace is refused while the first keeps serving.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DataFolderLockedError, lockDataFolder, lockTiming, me, processStart } from "../../server/store/lock.ts";
import { requireProgram } from "../support/system.ts";
import { tempDirs } from "../support/temp.ts";
import { repo } from "./process.ts";

const tempDir = tempDirs("jixiao-lock-");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

const lockFile = (dir: string) => join(dir, "jixiao.lock");
const holderOf = async (dir: string) => JSON.parse(await readFile(lockFile(dir), "utf8")) as ReturnType<typeof me>;

describe("the lock in one namespace", () => {
  const saved = { ...lockTiming };
  afterEach(() => Object.assign(lockTiming, saved));

  it("refuses a second taker while held and names the holder's pid; frees the folder on release", async () => {
    const dir = await tempDir();
    const lock = await lockDataFolder(dir);
    const err = await lockDataFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFolderLockedError);
    expect((err as DataFolderLockedError).pid).toBe(process.pid);
    expect((await holderOf(dir)).pid).toBe(process.pid);
    await lock.release();
    await (await lockDataFolder(dir)).release();
  });

  it("takes over a lock naming its own pid from an earlier start (PID 1 in a container after kill -9)", async () => {
    const dir = await tempDir();
    const self = me();
    expect(self.start).toBeGreaterThan(0);
    await writeFile(lockFile(dir), JSON.stringify({ ...self, start: self.start! - 1, id: "an earlier start" }));
    const lock = await lockDataFolder(dir);
    expect((await holderOf(dir)).id).not.toBe("an earlier start");
    await lock.release();
  });

  it("takes over a pid reused by another live process, a lock from another boot, a dead pid, an old pid-only lock", async () => {
    const sleeper = spawn("sleep", ["60"]);
    children.push(sleeper);
    await new Promise((r) => sleeper.once("spawn", r));
    const self = me();
    const start = processStart(sleeper.pid!)!;
    for (const [why, lock] of [
      ["reused pid", { ...self, pid: sleeper.pid!, start: start + 100, id: "x" }],
      ["another boot", { ...self, pid: sleeper.pid!, start, boot: "00000000-0000-0000-0000-000000000000", id: "x" }],
      ["dead pid", { ...self, pid: 999_999, start: 1, id: "x" }],
    ] as const) {
      const dir = await tempDir();
      await writeFile(lockFile(dir), JSON.stringify(lock));
      const l = await lockDataFolder(dir);
      expect((await holderOf(dir)).pid, why).toBe(process.pid);
      await l.release();
    }
    const old = await tempDir();
    await writeFile(lockFile(old), "999999\n");
    await (await lockDataFolder(old)).release();
    // but the live process that really holds it keeps it, in either format
    const live = await tempDir();
    await writeFile(lockFile(live), JSON.stringify({ ...self, pid: sleeper.pid!, start, id: "sleeper" }));
    await expect(lockDataFolder(live)).rejects.toBeInstanceOf(DataFolderLockedError);
    await writeFile(lockFile(live), `${sleeper.pid}\n`);
    await expect(lockDataFolder(live)).rejects.toBeInstanceOf(DataFolderLockedError);
    sleeper.kill("SIGKILL");
  });

  it("waits on a lock from another PID namespace: refused while its holder touches it, taken once it is left alone", async () => {
    Object.assign(lockTiming, { heartbeatMs: 100, staleMs: 600 });
    const dir = await tempDir();
    const foreign = { ...me(), pidns: "pid:[1]", pid: 1, id: "other container" };
    await writeFile(lockFile(dir), JSON.stringify(foreign));
    const touch = setInterval(() => void writeFile(lockFile(dir), JSON.stringify(foreign)), 100);
    await expect(lockDataFolder(dir)).rejects.toBeInstanceOf(DataFolderLockedError);
    clearInterval(touch);
    const lock = await lockDataFolder(dir);
    expect((await holderOf(dir)).pid).toBe(process.pid);
    await lock.release();
  });

  it("tells its owner when another process has taken the lock", async () => {
    Object.assign(lockTiming, { heartbeatMs: 50 });
    const dir = await tempDir();
    let lost = "";
    const lock = await lockDataFolder(dir, { onLost: (m) => (lost = m) });
    await writeFile(lockFile(dir), JSON.stringify({ ...me(), id: "usurper" }));
    for (let i = 0; i < 100 && !lost; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toMatch(/taken by another process.*two servers never write the same folder/);
    await lock.release();
    expect(JSON.parse(await readFile(lockFile(dir), "utf8")).id).toBe("usurper"); // not ours to remove
  });
});

const unshareWorks = () =>
  requireProgram("unshare (PID namespaces)", {
    install: "apt-get install -y util-linux, and run the tests as root (or with user namespaces allowed)",
    probe: () => spawnSync("unshare", ["-fp", "--mount-proc", "true"], { stdio: "ignore", timeout: 20_000 }).status === 0,
  });

/** `jixiao serve` as PID 1 of a new PID namespace; killing unshare kills it (--kill-child). */
function serveInNamespace(data: string): { child: ChildProcess; output: () => string; listening: Promise<boolean>; exited: Promise<number | null> } {
  const child = spawn(
    "unshare",
    ["-fp", "--mount-proc", "--kill-child=SIGKILL", process.execPath, "--import", "tsx", "server/cli/main.ts", "serve", "--http", "--port", "0", "--data", data],
    { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
  const listening = new Promise<boolean>((ok) => {
    child.stdout!.on("data", () => /listening on/.test(out) && ok(true));
    void exited.then(() => ok(false));
  });
  return { child, output: () => out, listening, exited };
}

describe.skipIf(!unshareWorks())("the lock in PID namespaces (unshare -fp --mount-proc)", { timeout: 240_000 }, () => {
  it("restarts as PID 1 after a SIGKILL, and refuses a second live server from another namespace", async () => {
    const data = await tempDir();
    const first = serveInNamespace(data);
    expect(await first.listening, first.output()).toBe(true);
    expect((await holderOf(data)).pid).toBe(1);
    first.child.kill("SIGKILL");
    await first.exited;
    // The lock still names PID 1, of a namespace that is gone: the next PID 1 takes it over.
    expect((await holderOf(data)).pid).toBe(1);
    const second = serveInNamespace(data);
    expect(await second.listening, second.output()).toBe(true);
    const held = await holderOf(data);
    expect(held.pid).toBe(1);
    // A third server, live in yet another namespace, is refused while the second serves.
    const third = serveInNamespace(data);
    expect(await third.listening).toBe(false);
    expect(await third.exited).not.toBe(0);
    expect(third.output()).toMatch(/in use by another jixiao process/);
    expect(second.child.exitCode).toBeNull();
    expect((await holderOf(data)).id).toBe(held.id);
    // unshare does not pass SIGTERM on; SIGKILL ends it and, through --kill-child, the server.
    second.child.kill("SIGKILL");
    await second.exited;
  });
});
