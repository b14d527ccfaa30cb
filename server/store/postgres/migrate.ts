// Schema migrations: the numbered .sql files in ./migrations, applied in order, each in its own
// transaction together with its row in schema_migrations. A session advisory lock is held for the
// whole run, so two servers starting together on an empty database do not both migrate: the
// second waits, then finds everything applied.
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Pool } from "pg";

const dir = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Advisory lock keys (two int4s: "jixiao", then what it guards). */
export const LOCK_SPACE = 0x4a49_5841; // "JIXA"
export const LOCK_MIGRATE = 1;
export const LOCK_INIT = 2;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function migrations(): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f)).sort();
  const out: Migration[] = [];
  for (const f of files) {
    out.push({ version: Number(f.slice(0, f.indexOf("_"))), name: f.replace(/\.sql$/, ""), sql: await readFile(dir + f, "utf8") });
  }
  const versions = out.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`two migrations share a number: ${files.join(", ")}`);
  return out;
}

/** Applies the migrations not yet applied; returns the names of those it applied. */
export async function migrate(pool: Pool): Promise<string[]> {
  const all = await migrations();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1, $2)", [LOCK_SPACE, LOCK_MIGRATE]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      const newest = Math.max(0, ...all.map((m) => m.version));
      const ahead = [...done].filter((v) => v > newest);
      if (ahead.length > 0) {
        throw new Error(`the database has schema version ${Math.max(...ahead)}, newer than this jixiao (${newest}): upgrade jixiao first`);
      }
      for (const m of all) {
        if (done.has(m.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_SPACE, LOCK_MIGRATE]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return applied;
}
