// Tables that keep one JSONB document per row beside the columns it is found by (rectifications,
// opinions, problems handed on): the insert that keeps the first of an id, the read by id and the
// filtered, ordered list, written once for all of them.
import type pg from "pg";
import { DomainError } from "../../domain-error.ts";

// PostgreSQL refuses NUL in text and \u0000 in jsonb; say so instead of failing with a 500.
const NUL_IN_JSON = /(?:^|[^\\])(?:\\\\)*\\u0000/;
/** JSON text for a jsonb parameter (node-postgres would turn a top-level array into a SQL array). */
export function jsonParam(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return jsonText(JSON.stringify(value));
}

/** JSON text made already (e.g. a save's findings, NewRevision.issuesJson) for a jsonb parameter, refused as jsonParam refuses it. */
export function jsonText(text: string): string {
  // (the pattern is tried only on text that holds the escape at all: a save's form is several kilobytes)
  if (text.includes("\\u0000") && NUL_IN_JSON.test(text)) {
    throw new DomainError("invalid_text", "内容含有空字符（NUL），无法保存", "The content holds a NUL character, which cannot be stored");
  }
  return text;
}

/** A text parameter, refused plainly when it holds a NUL. */
export function textParam(value: string): string {
  if (value.includes("\u0000")) {
    throw new DomainError("invalid_text", "内容含有空字符（NUL），无法保存", "The content holds a NUL character, which cannot be stored");
  }
  return value;
}

/** A condition on a column (`$` stands for the value) and the filter's value; undefined leaves it out. */
export type Condition = readonly [string, unknown];

export class DocTable<T, F extends object> {
  constructor(
    protected readonly pool: pg.Pool,
    private readonly table: string,
    private readonly conditions: (filter: F) => readonly Condition[],
    private readonly order: string,
  ) {}

  /**
   * Adds `doc` with its `columns` (in order; `casts` by column name) unless its id is taken;
   * whether it was added. The document goes through jsonParam (no NUL in jsonb).
   */
  async insert(columns: Record<string, unknown>, doc: T, casts: Record<string, string> = {}): Promise<boolean> {
    const names = Object.keys(columns);
    const slots = names.map((n, i) => `$${i + 1}${casts[n] ?? ""}`);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table} (${names.join(", ")}, doc) VALUES (${slots.join(", ")}, $${names.length + 1}::jsonb) ON CONFLICT (id) DO NOTHING`,
      [...Object.values(columns), jsonParam(doc)],
    );
    return rowCount === 1;
  }

  /** The document with this id. */
  async get(id: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ doc: T }>(`SELECT doc FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0]?.doc;
  }

  /** The documents meeting each of the filter's conditions, in the table's order. */
  async list(filter: F = {} as F): Promise<T[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [condition, value] of this.conditions(filter)) {
      if (value !== undefined) where.push(condition.replace("$", `$${args.push(value)}`));
    }
    const { rows } = await this.pool.query<{ doc: T }>(`SELECT doc FROM ${this.table} ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${this.order}`, args);
    return rows.map((r) => r.doc);
  }
}
