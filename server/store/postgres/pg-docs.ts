// Tables that keep one JSONB document per row beside the columns it is found by (rectifications,
// opinions, problems handed on): the insert that keeps the first of an id, the read by id and the
// filtered, ordered list, written once for all of them.
import type pg from "pg";
import { jsonParam } from "./pg-store.ts";

/**
 * Adds `doc` as a row of `table` with its `columns` (in order; `casts` by column name) unless its
 * id is taken; whether it was added. The document goes through jsonParam (no NUL in jsonb).
 */
export async function insertDoc(pool: pg.Pool, table: string, columns: Record<string, unknown>, doc: unknown, casts: Record<string, string> = {}): Promise<boolean> {
  const names = Object.keys(columns);
  const slots = names.map((n, i) => `$${i + 1}${casts[n] ?? ""}`);
  const { rowCount } = await pool.query(
    `INSERT INTO ${table} (${names.join(", ")}, doc) VALUES (${slots.join(", ")}, $${names.length + 1}::jsonb) ON CONFLICT (id) DO NOTHING`,
    [...Object.values(columns), jsonParam(doc)],
  );
  return rowCount === 1;
}

/** The document of `table` with this id. */
export async function docById<T>(pool: pg.Pool, table: string, id: string): Promise<T | undefined> {
  const { rows } = await pool.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE id = $1`, [id]);
  return rows[0]?.doc;
}

/**
 * The documents of `table` meeting each condition whose value is given (`$` in it stands for the
 * value; an undefined value leaves the condition out), in `order`.
 */
export async function docsWhere<T>(pool: pg.Pool, table: string, conditions: readonly (readonly [string, unknown])[], order: string): Promise<T[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const [condition, value] of conditions) {
    if (value !== undefined) where.push(condition.replace("$", `$${args.push(value)}`));
  }
  const { rows } = await pool.query<{ doc: T }>(`SELECT doc FROM ${table} ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${order}`, args);
  return rows.map((r) => r.doc);
}
