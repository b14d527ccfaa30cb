// Reading an untrusted .xlsx (POST /api/import, `jixiao validate`, `jixiao library import`) happens
// in a cage: a reader process with a capped heap and a time limit, a bounded number of them at
// once, and a short queue beyond which the server answers "busy" at once. A workbook that exhausts
// its reader (merge bomb, zip bomb, a million shared strings) ends that reader, not the server; the
// event loop that answers other requests never runs exceljs on uploaded bytes (README, "Untrusted workbooks").
import { readFile, stat } from "node:fs/promises";
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SheetGrid } from "../../shared/sheet/workbook.ts";
import { maxUnpackedBytes, WorkbookRefused } from "./package.ts";
import type { ReadReply } from "./read-worker.ts";

export { maxColumns, maxUnpackedBytes, WorkbookRefused } from "./package.ts";

export const cageLimits = {
  /** workbooks read at once (each in its own reader process) */
  workers: 2,
  /** reads waiting for a worker; more are answered 503 at once */
  queue: 8,
  /** each reader's JavaScript heap */
  heapMb: 256,
  /** the longest one workbook may take */
  timeoutMs: 30_000,
  /** an idle reader is ended after this */
  idleMs: 20_000,
};

/** What a reader's crash (heap exhausted) or a read that ran out of time is answered with. */
const exhausted = (why: "memory" | "time") =>
  new WorkbookRefused(
    413,
    "xlsx_too_complex",
    why === "memory" ? "工作簿展开后过大，不是正常的绩效表，未读取" : "工作簿过于复杂，读取超时，不是正常的绩效表，未读取",
    why === "memory" ? "the workbook grows too large when read, far beyond any form: not read" : "the workbook is too complex to read in time, far beyond any form: not read",
  );

const busy = () =>
  new WorkbookRefused(503, "busy", "服务器正忙于读取其他工作簿，请稍后再试", "The server is busy reading other workbooks: try again in a moment");

interface Slot {
  child: ChildProcess | undefined;
  ready: Promise<void> | undefined;
  idle: NodeJS.Timeout | undefined;
}

const slots: Slot[] = [];
const free: Slot[] = [];
const waiting: ((slot: Slot) => void)[] = [];
let nextId = 1;

function acquire(): Promise<Slot> {
  const slot = free.pop();
  if (slot) return Promise.resolve(slot);
  if (slots.length < cageLimits.workers) {
    const s: Slot = { child: undefined, ready: undefined, idle: undefined };
    slots.push(s);
    return Promise.resolve(s);
  }
  if (waiting.length >= cageLimits.queue) return Promise.reject(busy());
  return new Promise((resolve) => waiting.push(resolve));
}

function hold(child: ChildProcess, held: boolean): void {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  if (held) {
    child.ref();
    channel?.ref();
  } else {
    child.unref();
    channel?.unref();
  }
}

function release(slot: Slot): void {
  const next = waiting.shift();
  if (next) return next(slot);
  free.push(slot);
  if (slot.child) {
    // An idle reader neither keeps the process alive (a CLI exits) nor stays for long.
    hold(slot.child, false);
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => end(slot), cageLimits.idleMs);
    slot.idle.unref();
  }
}

function end(slot: Slot): void {
  clearTimeout(slot.idle);
  const c = slot.child;
  slot.child = undefined;
  slot.ready = undefined;
  if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

function start(slot: Slot): Promise<void> {
  // A process, not a worker thread: a worker that exhausts its heap in some allocations takes the
  // whole process down with it (V8's fatal out-of-memory), a child process only itself.
  const child = fork(fileURLToPath(new URL("./read-worker.js", import.meta.url)), [], {
    execArgv: [`--max-old-space-size=${cageLimits.heapMb}`, "--max-semi-space-size=16", "--stack-size=2000"],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  // An error is handled by the read under way; none may go unheard while the reader is idle.
  child.on("error", () => undefined);
  slot.child = child;
  slot.ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready?: boolean }) => {
      if (!m.ready) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null) => reject(new Error(`the workbook reader did not start (exit ${code})`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
  // A reader that failed to start is not kept.
  slot.ready.catch(() => slot.child === child && end(slot));
  return slot.ready;
}

async function inReader(slot: Slot, bytes: Uint8Array): Promise<SheetGrid[]> {
  clearTimeout(slot.idle);
  if (!slot.child) await start(slot);
  else await slot.ready;
  const child = slot.child!;
  hold(child, true);
  const id = nextId++;
  return new Promise<SheetGrid[]>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (m: ReadReply) => {
      if (m.id !== id) return;
      done();
      if ("grids" in m) return resolve(m.grids);
      const r = new WorkbookRefused(m.refused.status, m.refused.code, m.refused.zh, m.refused.en);
      if (m.refused.detail !== undefined) r.detail = m.refused.detail;
      reject(r);
    };
    // The heap limit reached (V8 aborts the reader) or anything else that ended it mid-read.
    const onExit = () => {
      done();
      end(slot);
      reject(exhausted("memory"));
    };
    const timer = setTimeout(() => {
      done();
      end(slot);
      reject(exhausted("time"));
    }, cageLimits.timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ id, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  });
}

/**
 * Reads every sheet of an .xlsx (bytes or a path) into grids, in the cage. Throws WorkbookRefused
 * (status 400, 413 or 503, a message in Chinese and English) when the file is not a workbook, is
 * beyond the caps, or the readers are all busy; a missing file throws as readFile does.
 */
export async function readWorkbook(input: Buffer | Uint8Array | ArrayBuffer | string): Promise<SheetGrid[]> {
  let bytes: Uint8Array;
  if (typeof input === "string") {
    if ((await stat(input)).size > maxUnpackedBytes) throw exhausted("memory");
    bytes = await readFile(input);
  } else {
    bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  }
  const slot = await acquire();
  try {
    return await inReader(slot, bytes);
  } finally {
    release(slot);
  }
}
