// Expert review on the wire (docs/experts.md): experts, assignments, review sheets, the panel's
// scores side by side and its conclusion. What an expert is answered never holds another
// expert's scores before the expert has submitted their own.
import { z } from "zod";
import { whoAndWhen } from "./who-and-when.ts";
import { ExpertSchema, ItemKindSchema, SheetInputSchema, VerdictSchema } from "../expert/review.ts";
import { CriterionSchema } from "../expert/policy.ts";
import { StatusSchema } from "./submissions.ts";
import { DocumentVersionSchema } from "./documents.ts";
import { CodeSchema } from "../library.ts";
import { YearParamSchema } from "./params.ts";

export { AssignmentInputSchema, ConclusionInputSchema, ExpertSchema, SheetInputSchema } from "../expert/review.ts";

export const ExpertListSchema = z.object({ experts: z.array(ExpertSchema) });

export const SheetViewSchema = z.object({ title: z.string(), criteria: z.array(CriterionSchema), origin: z.string() });

export const ConclusionSchema = z.object({ verdict: VerdictSchema, text: z.string(), ...whoAndWhen });

export const AssignmentViewSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  unit: z.string(),
  unitName: z.string().optional(),
  project: z.string(),
  projectName: z.string().optional(),
  kind: ItemKindSchema,
  /** 1: a plan (or a form), 2: a report */
  round: z.union([z.literal(1), z.literal(2)]),
  experts: z.array(z.string()),
  due: z.string(),
  overdue: z.boolean(),
  sheet: SheetViewSchema,
  ...whoAndWhen,
  conclusion: ConclusionSchema.optional(),
  version: z.number().int(),
  /** how many of its experts have submitted */
  submitted: z.number().int(),
  /** an expert's own: whether their sheet is saved or submitted */
  mine: z.enum(["none", "draft", "submitted"]).optional(),
});
export type AssignmentView = z.infer<typeof AssignmentViewSchema>;

export const AssignmentListSchema = z.object({ assignments: z.array(AssignmentViewSchema) });

export const ReviewViewSchema = SheetInputSchema.extend({
  assignment: z.string(),
  expert: z.string(),
  expertName: z.string().optional(),
  savedAt: z.string(),
  submittedAt: z.string().optional(),
  total: z.number(),
});
export type ReviewView = z.infer<typeof ReviewViewSchema>;

const SpreadSchema = z.object({ mean: z.number(), median: z.number(), min: z.number(), max: z.number(), spread: z.number() });

export const PanelSchema = z.object({
  experts: z.array(z.object({ expert: z.string(), total: z.number(), outlier: z.boolean() })),
  criteria: z.array(SpreadSchema.extend({ id: z.string(), name: z.string(), weight: z.number(), scores: z.array(z.number()), outliers: z.array(z.string()) })),
  total: SpreadSchema,
  threshold: z.number(),
  divergent: z.boolean(),
});
export type PanelView = z.infer<typeof PanelSchema>;

/**
 * GET /api/reviews/:id. Finance: every sheet, the panel of the submitted ones. An expert: their
 * own sheet; the panel and the others' submitted sheets only once their own is submitted.
 */
export const AssignmentDetailSchema = z.object({
  assignment: AssignmentViewSchema,
  experts: z.array(ExpertSchema),
  mine: ReviewViewSchema.optional(),
  reviews: z.array(ReviewViewSchema).optional(),
  panel: PanelSchema.optional(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

/** GET /api/reviews/:id/item: a form, the project's latest saved revision, read-only; a plan or report, its uploaded versions and where to download each. */
export const ReviewItemSchema = z.object({
  kind: ItemKindSchema,
  year: z.number().int(),
  unit: z.string(),
  project: z.string(),
  revision: z.number().int().optional(),
  status: StatusSchema.optional(),
  form: z.record(z.string(), z.unknown()).optional(),
  documents: z.array(DocumentVersionSchema.extend({ href: z.string() })).optional(),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export const ReviewListQuerySchema = z.object({ year: YearParamSchema.optional(), unit: CodeSchema.optional(), project: CodeSchema.optional() });
