// Who is asking (GET /api/me), checking a form without saving it (POST /api/validate) and
// checking a workbook (POST /api/import): the bodies they answer (docs/api.md).
import { z } from "zod";
import { RoleSchema, TokenViewSchema } from "../directory.ts";
import { ExpertSchema } from "../expert/review.ts";
import { CodeSchema } from "../library.ts";
import { CheckedSchema } from "./check-result.ts";
import { ErrorCodeSchema } from "./errors.ts";
import { StatusSchema } from "./submissions.ts";

export const UnitSchema = z.object({
  code: CodeSchema,
  name: z.string(),
  field: z.string().optional(),
  confidential: z.boolean(),
  /** the street office it sits under (docs/offices.md) */
  parent: CodeSchema.optional(),
});

export const MeSchema = z.object({
  role: RoleSchema,
  unit: UnitSchema.nullable(),
  /** the token the caller uses */
  tokenId: z.string().optional(),
  /** the admin, or a finance token the admin allowed to publish the library */
  canPublish: z.boolean().optional(),
  /** a finance token scoped to a street office: the office, and every unit it covers (docs/offices.md) */
  office: UnitSchema.extend({ units: z.array(CodeSchema) }).optional(),
  /** an expert token: the expert (docs/experts.md) */
  expert: ExpertSchema.optional(),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /api/validate takes any JSON object: the rules say what is wrong with it. */
export const ValidateBodySchema = z.record(z.string(), z.unknown());
export const ValidateResultSchema = CheckedSchema.extend({ libraryVersion: z.number().int() });
export type ValidateResult = z.infer<typeof ValidateResultSchema>;

/** GET /api/templates/:kind */
export const TemplateQuerySchema = z.object({ format: z.enum(["xlsx"]).default("xlsx") });

export const ImportQuerySchema = z.object({ save: z.enum(["0", "1"]).default("0") });

/** With `save=1`: the draft saved, or why it was not. */
export const ImportSavedSchema = z.union([
  z.object({ revision: z.number().int(), status: StatusSchema }),
  z.object({ error: z.object({ code: ErrorCodeSchema, message: z.string() }) }),
]);
export type ImportSaved = z.infer<typeof ImportSavedSchema>;

export const ImportResultSchema = z.object({
  libraryVersion: z.number().int(),
  forms: z.array(
    CheckedSchema.extend({
      sheet: z.string().optional(),
      kind: z.string().optional(),
      form: z.record(z.string(), z.unknown()).optional(),
      saved: ImportSavedSchema.optional(),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** GET /api/health (no token): the server answers, and its version. */
export const HealthSchema = z.object({ ok: z.literal(true), version: z.string() });

/** GET /api/units (admin) */
export const UnitListSchema = z.object({ units: z.array(UnitSchema) });
/** GET /api/tokens (admin): never their secrets */
export const TokenListSchema = z.object({ tokens: z.array(TokenViewSchema) });
/** DELETE /api/tokens/:id */
export const RevokedTokenSchema = z.object({ id: z.string(), revokedAt: z.string() });
export type RevokedToken = z.infer<typeof RevokedTokenSchema>;
