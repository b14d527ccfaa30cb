// Disclosure (信息公开) on the wire (docs/domain.md): what the public reads of a confirmed year (GET
// /api/disclosure?format=json, no token), finance's preview of what would go public and what
// redaction takes out, and the confirmation that makes it public.
import { z } from "zod";
import { BudgetYearSchema, Typed } from "../form.ts";
import { Level1Schema, Level2Schema, OperatorSchema } from "../library.ts";
import { RatingSchema } from "./check-result.ts";
import { PublicResultsSchema } from "./cycle.ts";
import { YearParamSchema } from "./params.ts";

const DisclosedIndicatorSchema = z.object({
  level1: Level1Schema,
  level2: Level2Schema,
  name: z.string().nullable(),
  operator: OperatorSchema.nullable(),
  target: Typed.nullable(),
  targetHigh: Typed.nullable(),
  unit: z.string().nullable(),
});

/** One key project as the public sees it: its approved target and self-evaluation, redacted. */
export const DisclosedProjectSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  project: z.object({ code: z.string(), name: z.string(), field: z.string(), attribute: z.string(), periodStart: z.string().nullable(), periodEnd: z.string().nullable() }),
  target: z
    .object({
      funds: z.object({ total: Typed, fiscal: Typed, other: Typed }),
      goals: z.object({ overall: z.string().nullable(), annual: z.string().nullable() }),
      indicators: z.array(DisclosedIndicatorSchema),
    })
    .nullable(),
  selfEval: z
    .object({
      score: z.number(),
      grade: RatingSchema,
      executionRate: z.number().nullable(),
      goals: z.object({ actual: z.string().nullable() }),
      indicators: z.array(DisclosedIndicatorSchema.extend({ actual: Typed.nullable(), weight: Typed.nullable(), score: z.number().nullable() })),
    })
    .nullable(),
});

/** GET /api/disclosure?format=json: the key projects and the results notice's public subset, as finance confirmed them. */
export const PublicYearSchema = z.object({
  year: z.number().int(),
  projects: z.array(DisclosedProjectSchema),
  results: PublicResultsSchema.omit({ generatedAt: true }),
});
export type PublicYearBody = z.infer<typeof PublicYearSchema>;

export const DisclosureQuerySchema = z.object({ year: YearParamSchema, format: z.enum(["json", "csv", "xlsx"]).default("json") });
export const DisclosurePreviewQuerySchema = z.object({ year: YearParamSchema });

/** What redaction took out: the project, where in it, what kind of personal data, the text. */
export const DisclosureRemovalSchema = z.object({
  unit: z.string(),
  project: z.string(),
  path: z.string(),
  kind: z.enum(["id", "card", "phone", "email", "name"]),
  text: z.string(),
});

/** GET /api/disclosure/preview?year= (finance): what would go public now, what redaction removes, and whether it differs from what is public. */
export const DisclosurePreviewSchema = z.object({
  year: z.number().int(),
  projects: z.array(DisclosedProjectSchema),
  results: PublicYearSchema.shape.results,
  removed: z.array(DisclosureRemovalSchema),
  /** give it back to confirm: the confirmation is refused when the data changed since */
  hash: z.string(),
  confirmed: z.object({ id: z.string(), at: z.string(), by: z.string(), projects: z.number().int() }).nullable(),
  changed: z.boolean(),
});
export type DisclosurePreview = z.infer<typeof DisclosurePreviewSchema>;

/** POST /api/disclosure/confirm */
export const ConfirmDisclosureBodySchema = z.object({
  year: BudgetYearSchema,
  /** the preview's `hash`: when given, the confirmation is refused if the data changed since */
  hash: z.string().max(100).optional(),
});
export type ConfirmDisclosureBody = z.infer<typeof ConfirmDisclosureBodySchema>;

export const ConfirmedDisclosureSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  at: z.string(),
  by: z.string(),
  /** key projects made public */
  projects: z.number().int(),
  /** texts redaction took out */
  removed: z.number().int(),
});
export type ConfirmedDisclosure = z.infer<typeof ConfirmedDisclosureSchema>;
