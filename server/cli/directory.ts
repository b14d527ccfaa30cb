// How the `units` and `token` verbs reach the directory: the routes of routes/directory.ts, asked
// in-process over the opened store, or, when a running server holds the data folder, asked of that
// server over its local socket (../control.ts). Either way the same checks and the same audit.
import { resolve } from "node:path";
import { askRunningServer, controlApp, type ControlAnswer } from "../control.ts";
import { EventBus } from "../events.ts";
import { DataFolderLockedError } from "../store/lock.ts";
import { openLowStore } from "../store/lowdb-store.ts";
import { isPostgresUrl } from "../store/postgres/url.ts";
import type { Store } from "../store/store.ts";
import { options, parseArgs, UsageError } from "./args.ts";
import { openDatabase } from "./store.ts";

export async function askDirectory(data: string | undefined, method: string, path: string, body?: unknown): Promise<ControlAnswer> {
  if (!data) throw new UsageError("--data DIR is required");
  let store: Store;
  if (isPostgresUrl(data)) {
    store = await openDatabase(data);
  } else {
    try {
      store = await openLowStore(resolve(data));
    } catch (err) {
      if (!(err instanceof DataFolderLockedError)) throw err;
      const answer = await askRunningServer(resolve(data), method, path, body);
      if (answer) return answer;
      throw new UsageError(err.message);
    }
  }
  try {
    const app = controlApp({ store, bus: new EventBus(), now: () => new Date() });
    const res = await app.request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
    return { status: res.status, body: await res.json() };
  } finally {
    await store.close();
  }
}

/**
 * A `list` verb: the directory's `path` asked with GET, then one tab-separated line per item held
 * under `key` in the answer, as `line` writes it.
 */
export async function listDirectory<T>(args: string[], path: string, key: string, line: (item: T) => string): Promise<number> {
  const { values } = parseArgs(args, options(["data"]));
  const answer = await askDirectory(values.data, "GET", path);
  if (answer.status !== 200) throw refusal(answer);
  for (const item of (answer.body as Record<string, T[]>)[key]!) process.stdout.write(`${line(item)}\n`);
  return 0;
}

/** A refused answer as the CLI says it: the message, then each field that was wrong. */
export function refusal(answer: ControlAnswer): UsageError {
  const e = (answer.body as { error?: { message?: string; details?: { path?: string; message?: string }[] } } | null)?.error;
  const details = Array.isArray(e?.details) ? e.details.map((d) => `\n  ${d.path ?? ""}: ${d.message ?? ""}`).join("") : "";
  return new UsageError(`${e?.message ?? `refused (${answer.status})`}${details}`);
}
