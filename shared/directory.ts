// The directory as the admin manages it while the server runs: units (单位) and tokens (令牌).
// The bodies of `POST /api/units`, `PATCH /api/units/:code` and `POST /api/tokens`, and what the
// lists answer. A token itself is answered once, on creation; lists show its id, never its hash.
import { z } from "zod";
import { CodeSchema } from "./library.ts";

/** `expert`: an expert (docs/experts.md) who reads and reviews only what finance assigned. */
export const RoleSchema = z.enum(["admin", "finance", "unit", "expert"]);
export type Role = z.infer<typeof RoleSchema>;

const NameSchema = z.string().trim().min(1, "a name 名称不能为空").max(100);
/** A field (行业/领域) such as `forestry`: what the library's `fields` name. */
const FieldSchema = z.string().trim().min(1).max(32);

export const UnitInputSchema = z.strictObject({
  code: CodeSchema,
  name: NameSchema,
  field: FieldSchema.optional(),
  confidential: z.boolean().default(false),
  /** The street office (街道办) it sits under; none: directly under the bureau (docs/offices.md). */
  parent: CodeSchema.optional(),
});
export type UnitInput = z.infer<typeof UnitInputSchema>;

/** What PATCH changes; `field: null` clears it. The code never changes (forms are filed under it). */
export const UnitPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    field: FieldSchema.nullable().optional(),
    confidential: z.boolean().optional(),
    /** Moves the unit under another office; null: directly under the bureau. */
    parent: CodeSchema.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: "name, field, confidential or parent 至少改一项" });
export type UnitPatch = z.infer<typeof UnitPatchSchema>;

export const TokenInputSchema = z
  .strictObject({
    role: RoleSchema,
    unit: CodeSchema.optional(),
    label: z.string().trim().max(100).optional(),
    /** Finance only: may publish the library from the finance pane. */
    canPublish: z.boolean().optional(),
    /** Finance only: scoped to this street office and the units under it (docs/offices.md). */
    office: CodeSchema.optional(),
    /** Expert only: the expert (POST /api/experts) the token speaks for (docs/experts.md). */
    expert: CodeSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.role === "expert" && !t.expert) ctx.addIssue({ code: "custom", path: ["expert"], message: "an expert token names its expert 专家令牌须指定专家" });
    if (t.role !== "expert" && t.expert) ctx.addIssue({ code: "custom", path: ["expert"], message: "only an expert token names an expert 只有专家令牌指定专家" });
    if (t.role === "unit" && !t.unit) ctx.addIssue({ code: "custom", path: ["unit"], message: "a unit token names its unit 单位令牌须指定单位" });
    if (t.role !== "unit" && t.unit) ctx.addIssue({ code: "custom", path: ["unit"], message: "only a unit token names a unit 只有单位令牌指定单位" });
    if (t.office && t.role !== "finance") ctx.addIssue({ code: "custom", path: ["office"], message: "only a finance token is scoped to an office 只有财政令牌可限定街道" });
    if (t.office && t.canPublish) ctx.addIssue({ code: "custom", path: ["canPublish"], message: "an office's token cannot publish the bureau's library 街道令牌不能发布指标库" });
    if (t.canPublish && t.role !== "finance") {
      ctx.addIssue({ code: "custom", path: ["canPublish"], message: "only a finance token is granted publishing 只有财政令牌可授予发布权" });
    }
  });
export type TokenInput = z.infer<typeof TokenInputSchema>;

/** A token as the list shows it. */
export const TokenViewSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  unit: z.string().optional(),
  label: z.string().optional(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  canPublish: z.boolean().optional(),
  revokedAt: z.string().optional(),
  /** a finance token scoped to this street office (docs/offices.md) */
  office: z.string().optional(),
  /** an expert token: the expert it speaks for (docs/experts.md) */
  expert: z.string().optional(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

/** `POST /api/tokens` answers the token this once; only its hash is kept. */
export const CreatedTokenSchema = z.object({ id: z.string(), token: z.string() });
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

/** Token ids are 8 hex digits (auth.ts makes them). */
export const TokenIdSchema = z.string().regex(/^[0-9a-f]{8}$/, "a token id such as 0a1b2c3d");
