// Opening the store from a CLI verb: a data folder (lowdb, the default), or a PostgreSQL database
// when given a `postgres://` URL. The lock's message instead of a stack when the server (or
// another command) holds a data folder. Also the `jixiao store` verb (`store copy`).
import { resolve } from "node:path";
import { DataFolderLockedError } from "../store/lock.ts";
import { openLowStore } from "../store/lowdb-store.ts";
import { isPostgresUrl, redactUrl } from "../store/postgres/url.ts";
import type { Store } from "../store/store.ts";
import { noPositionals, options, parseArgs, subcommands, UsageError } from "./args.ts";

/** Opens `--data DIR` (or, when it is a `postgres://` URL, that database; migrating it first). */
export async function openDataFolder(dir: string | undefined, fallback?: string): Promise<Store> {
  const d = dir ?? fallback;
  if (!d) throw new UsageError("--data DIR is required");
  if (isPostgresUrl(d)) return openDatabase(d);
  try {
    return await openLowStore(resolve(d));
  } catch (err) {
    if (err instanceof DataFolderLockedError) throw new UsageError(err.message);
    throw err;
  }
}

/** Opens a PostgreSQL store, a refused connection as a message rather than a stack. */
export async function openDatabase(url: string) {
  try {
    // the PostgreSQL client is loaded only for a database (docs/storage.md, "Start-up")
    const { openPgStore } = await import("../store/postgres/pg-store.ts");
    return await openPgStore(url);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ECONNREFUSED" || e.code === "ENOTFOUND" || e.code === "3D000" || e.code === "28P01" || e.code === "28000") {
      throw new UsageError(`cannot open the database ${redactUrl(url)}: ${e.message} 无法连接数据库`);
    }
    throw err;
  }
}

const usage = "usage: jixiao store copy --from DIR --to postgres://USER@HOST/DB";

/** `jixiao store copy --from DIR --to postgres://…`: moves a lowdb data folder into an empty PostgreSQL database, then checks it. */
export const run = subcommands("store", usage, {
  async copy(rest) {
    const { values, positionals } = parseArgs(rest, options(["from", "to"]));
    noPositionals(positionals);
    if (!values.from) throw new UsageError("--from DIR (the data folder) is required");
    if (!isPostgresUrl(values.to)) throw new UsageError("--to must be a postgres:// URL");
    const { copyToPostgres, TargetNotEmptyError } = await import("../store/postgres/copy.ts");
    let from;
    try {
      from = await openLowStore(resolve(values.from));
    } catch (err) {
      if (err instanceof DataFolderLockedError) throw new UsageError(err.message);
      throw err;
    }
    try {
      const to = await openDatabase(values.to);
      try {
        const report = await copyToPostgres(from, to, (line) => process.stderr.write(`${line}\n`));
        process.stdout.write(`${report.table}\n`);
        if (!report.ok) {
          process.stderr.write(`jixiao store: the copy does not match the data folder 复制结果与数据文件夹不一致:\n  ${report.mismatches.join("\n  ")}\n`);
          return 1;
        }
        process.stderr.write(`copied ${resolve(values.from)} → ${redactUrl(values.to)}; every count and revision matches 数量与版本均一致\n`);
        return 0;
      } catch (err) {
        if (err instanceof TargetNotEmptyError) throw new UsageError(err.message);
        throw err;
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  },
});
