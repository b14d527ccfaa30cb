// The indicator library (绩效指标库, docs/domain.md): a published, versioned document.
import { z } from "zod";
import { codesOf, level1Terms, level2Terms, operators, valueTypeTerms } from "./glossary.ts";
import { PolicySchema } from "./policy.ts";

export const Level1Schema = z.enum(codesOf(level1Terms));
export const Level2Schema = z.enum(codesOf(level2Terms));
export const OperatorSchema = z.enum(operators);
export const ValueTypeSchema = z.enum(codesOf(valueTypeTerms));

/** A code is a key that also appears in URLs and file names: letters, digits, dot, dash, underscore. */
export const CodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '-', '_' only");

export const IndicatorSchema = z
  .object({
    code: CodeSchema,
    name: z.string().trim().min(1).max(100),
    level1: Level1Schema,
    level2: Level2Schema,
    fields: z.array(z.string().min(1)).default([]),
    valueType: ValueTypeSchema,
    operators: z.array(OperatorSchema).min(1),
    unit: z.string().optional(),
    range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
    history: z.array(z.object({ year: z.number().int(), value: z.number() })).optional(),
    explanation: z.string().optional(),
    scoring: z.string().optional(),
    dataSource: z.string().optional(),
    status: z.enum(["active", "deprecated"]).default("active"),
    replacedBy: CodeSchema.optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.valueType === "quantitative" && !ind.unit) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: "a quantitative indicator needs a unit" });
    }
    if (ind.valueType === "qualitative" && ind.operators.some((op) => op !== "qualitative")) {
      ctx.addIssue({ code: "custom", path: ["operators"], message: "a qualitative indicator takes the operator 'qualitative' only" });
    }
    if (ind.valueType === "quantitative" && ind.operators.includes("qualitative")) {
      ctx.addIssue({ code: "custom", path: ["operators"], message: "a quantitative indicator cannot take 'qualitative'" });
    }
    if (ind.range?.min !== undefined && ind.range.max !== undefined && ind.range.min > ind.range.max) {
      ctx.addIssue({ code: "custom", path: ["range"], message: "range.min is above range.max" });
    }
  });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const LibrarySchema = z
  .object({
    version: z.number().int().positive(),
    publishedAt: z.string(),
    note: z.string().default(""),
    policy: PolicySchema,
    indicators: z.array(IndicatorSchema),
  })
  .superRefine((lib, ctx) => {
    const seen = new Set<string>();
    lib.indicators.forEach((ind, i) => {
      if (seen.has(ind.code)) {
        ctx.addIssue({ code: "custom", path: ["indicators", i, "code"], message: `duplicate code ${ind.code}` });
      }
      seen.add(ind.code);
    });
  });
export type Library = z.infer<typeof LibrarySchema>;
export type LibraryInput = z.input<typeof LibrarySchema>;
