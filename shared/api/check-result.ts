// What a check answers: the findings, and the self-evaluation's score or the monitoring form's
// lights (docs/scoring.md). The engine (shared/check.ts) returns these types; the API sends them.
import { z } from "zod";
import { lights, ratings } from "../glossary.ts";
import { IssueSchema } from "../issue.ts";

export const RatingSchema = z.enum(ratings);
export const LightSchema = z.enum(lights);

export const FormScoreSchema = z.object({
  budget: z.number(),
  rows: z.array(z.number()),
  total: z.number(),
  grade: RatingSchema,
});
export type FormScore = z.infer<typeof FormScoreSchema>;

export const FormLightsSchema = z.object({
  budget: LightSchema.nullable(),
  rows: z.array(LightSchema.nullable()),
});
export type FormLights = z.infer<typeof FormLightsSchema>;

/** Findings with the score or lights computed on the way. */
export const CheckedSchema = z.object({
  issues: z.array(IssueSchema),
  score: FormScoreSchema.optional(),
  lights: FormLightsSchema.optional(),
});

/** Findings counted by severity. */
export const CountsSchema = z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });
