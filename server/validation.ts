// Zod at the edge: every body, query and path parameter is parsed here before a route reads it.
import type { Context } from "hono";
import { z } from "zod";
import { CodeSchema } from "../shared/library.ts";
import { FormKindSchema } from "../shared/form.ts";
import { errors } from "./errors.ts";

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw errors.badJson();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw errors.badBody(parsed.error.issues);
  return parsed.data;
}

export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw errors.badQuery(parsed.error.issues);
  return parsed.data;
}

export function paramsOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw errors.badPath(parsed.error.issues);
  return parsed.data;
}

export const YearSchema = z.coerce.number().int().min(2000).max(2100);
export const StatusSchema = z.enum(["draft", "submitted", "returned", "approved"]);

/** `/:year/:unit/:project/:kind`: codes only, never a path. */
export const SubmissionParams = z.object({
  year: z.string().regex(/^\d{4}$/, "a four-digit year").transform(Number).pipe(z.number().int().min(2000).max(2100)),
  unit: CodeSchema,
  project: CodeSchema,
  kind: FormKindSchema,
});

export const ProjectParams = SubmissionParams.omit({ kind: true });
