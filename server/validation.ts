// Zod at the edge: every body, query and path parameter is parsed here before a route reads it.
import type { Context } from "hono";
import { z } from "zod";
import { CodeSchema } from "../shared/library.ts";
import { FormKindSchema } from "../shared/form.ts";
import { hasXmlUnsafe, xmlSafeDeep } from "../shared/xml-text.ts";
import { JSON_LIMIT, readText } from "./body.ts";
import { problems } from "./domain-error.ts";

/** No body the API takes comes near this; a deeper one is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/** The path of the first object or array nested deeper than `max`, walked without recursion; undefined when none is. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): string | undefined {
  // Every body is walked: first without building paths or entries (the common answer is "none"),
  // then again to name the path when one is too deep.
  return deeperThan(value, max) ? pathTooDeep(value, max) : undefined;
}

function deeperThan(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (const child of v) {
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const k in v) {
        const child = (v as Record<string, unknown>)[k];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

function pathTooDeep(value: unknown, max: number): string | undefined {
  const stack: [unknown, number, string][] = [[value, 1, ""]];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > max) return path || "(body)";
    for (const [k, child] of Object.entries(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k]);
    }
  }
  return undefined;
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  // A body sent as something else (an .xlsx, a form post) is refused unread: it is neither parsed
  // as JSON nor let through under another type's size limit.
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(c.req.header("content-type") ?? "")) throw problems.notJson();
  const text = await readText(c, JSON_LIMIT);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw problems.badJson();
  }
  const deep = tooDeep(raw);
  if (deep !== undefined) throw problems.tooDeep(deep, MAX_JSON_DEPTH);
  // Text that XML cannot hold (U+FFFE, lone surrogates, C0 controls) never gets in: shared/xml-text.ts.
  // Parsed text holds such a character only if the body's text has one or a \u escape could spell
  // one: a body with neither (the add-in's JSON) is not walked and copied again.
  const parsed = schema.safeParse(hasXmlUnsafe(text) || text.includes("\\u") ? xmlSafeDeep(raw) : raw);
  if (!parsed.success) throw problems.badBody(parsed.error.issues);
  return parsed.data;
}

export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw problems.badQuery(parsed.error.issues);
  return parsed.data;
}

/**
 * Path parameters already parsed, by schema and the parameters' text: a pane saves and reads the
 * same few forms over and over, and a schema's parse (~20 µs for a form's key) is a pure function of
 * that text. Only answers of plain text, numbers and booleans are kept, and each caller gets its own
 * copy, so nothing a route does to its parameters reaches another request. Refusals are not kept.
 */
const parsedParams = new WeakMap<z.ZodType, Map<string, Record<string, unknown>>>();
const PARAMS_KEPT = 4096;

export function paramsOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw = c.req.param() as Record<string, string>;
  let id = "";
  // each value with its length first, so no two sets of parameters give the same text
  for (const k in raw) id += `${k}=${raw[k]!.length}:${raw[k]}`;
  let kept = parsedParams.get(schema);
  const hit = kept?.get(id);
  if (hit) return { ...hit } as z.infer<S>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw problems.badPath(parsed.error.issues);
  const data: unknown = parsed.data;
  if (flatRecord(data)) {
    if (!kept) parsedParams.set(schema, (kept = new Map()));
    if (kept.size >= PARAMS_KEPT) kept.clear();
    kept.set(id, { ...data });
  }
  return parsed.data;
}

/** An object whose own values are all text, numbers or booleans (a copy of it shares nothing). */
function flatRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const x of Object.values(v)) if (typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean") return false;
  return true;
}

/** A year as a query or a path gives it: four digits (not `0x7E9`, `2.025e3` or blank); the contract's (shared/api/params.ts). */
export { YearParamSchema as YearSchema } from "../shared/api/params.ts";
import { YearParamSchema as YearSchema } from "../shared/api/params.ts";
export { StatusSchema } from "../shared/api/submissions.ts";

/** `/:year/:unit/:project/:kind`: codes only, never a path. */
export const SubmissionParams = z.object({
  year: YearSchema,
  unit: CodeSchema,
  project: CodeSchema,
  kind: FormKindSchema,
});

export const ProjectParams = SubmissionParams.omit({ kind: true });

/**
 * Answers `body` as JSON, typed by the contract's schema of the answer (shared/api): a route cannot
 * build a shape the schema does not describe. Held at compile time; the route tests parse the
 * answers with the same schemas (test/server/contract.test.ts).
 */
export function answer<S extends z.ZodType>(c: Context, _schema: S, body: z.output<S>, status: 200 | 201 = 200): Response {
  return c.json(body as object, status);
}
