// Opening the data folder from a CLI verb: the lock's message instead of a stack when the
// server (or another command) holds it.
import { resolve } from "node:path";
import { DataFolderLockedError } from "../store/lock.ts";
import { openLowStore, type LowStore } from "../store/lowdb-store.ts";
import { UsageError } from "./args.ts";

export async function openDataFolder(dir: string | undefined, fallback?: string): Promise<LowStore> {
  const d = dir ?? fallback;
  if (!d) throw new UsageError("--data DIR is required");
  try {
    return await openLowStore(resolve(d));
  } catch (err) {
    if (err instanceof DataFolderLockedError) throw new UsageError(err.message);
    throw err;
  }
}

/** Runs a verb's body, printing a UsageError with the verb's usage (exit 2). */
export async function withUsage(verb: string, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao ${verb}: ${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}
