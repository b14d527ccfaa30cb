// /api/submissions: the bodies the routes take and answer (docs/api.md). A form body is taken as
// the unit typed it (the rules judge it, the schema does not refuse it): only its identity must
// match the path.
import { z } from "zod";
import { whoAndWhen } from "./who-and-when.ts";
import { submissionStatuses } from "../glossary.ts";
import { IssueSchema } from "../issue.ts";
import { CodeSchema } from "../library.ts";
import { CheckedSchema, CountsSchema, FormLightsSchema, FormScoreSchema } from "./check-result.ts";
import { FormIdSchema } from "./form-id.ts";
import { FormKindSchema } from "../form.ts";
import { YearParamSchema } from "./params.ts";

export const StatusSchema = z.enum(submissionStatuses);

/** A form as the server stores and returns it: the JSON the unit saved. */
const StoredFormSchema = z.record(z.string(), z.unknown());

export const SubmissionSummarySchema = FormIdSchema.extend({
  status: StatusSchema,
  revision: z.number().int(),
  updatedAt: z.string().optional(),
  statusAt: z.string().optional(),
  libraryVersion: z.number().int().optional(),
  counts: CountsSchema.optional(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

/** GET /api/submissions: one line per form, with names and finance's key-project mark. */
export const SubmissionListItemSchema = SubmissionSummarySchema.extend({
  projectName: z.string().optional(),
  unitName: z.string().optional(),
  /** marked key (重点项目) by finance, for disclosure */
  keyProject: z.boolean().optional(),
});
export type SubmissionListItem = z.infer<typeof SubmissionListItemSchema>;
export const SubmissionListSchema = z.object({ submissions: z.array(SubmissionListItemSchema) });

export const SubmissionListQuerySchema = z.object({
  year: YearParamSchema.optional(),
  unit: CodeSchema.optional(),
  project: CodeSchema.optional(),
  kind: FormKindSchema.optional(),
  status: StatusSchema.optional(),
});

/** A cell finance comments on when returning a form. */
export const CellCommentSchema = z.object({
  sheet: z.string().max(100).optional(),
  cell: z.string().regex(/^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}$/, "an A1 address"),
  comment: z.string().trim().min(1).max(2000),
});
export type CellComment = z.infer<typeof CellCommentSchema>;

/** POST …/return */
export const ReturnBodySchema = z.object({
  comment: z.string().trim().min(1).max(5000),
  cells: z.array(CellCommentSchema).max(500).optional(),
});
export type ReturnBody = z.infer<typeof ReturnBodySchema>;

export const ReturnedCommentSchema = z.object({
  comment: z.string(),
  cells: z.array(CellCommentSchema).optional(),
  by: z.string().optional(),
  at: z.string().optional(),
  revision: z.number().int().optional(),
});

/** GET …/:year/:unit/:project/:kind */
export const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  form: StoredFormSchema,
  by: z.string().optional(),
  at: z.string().optional(),
  issues: z.array(IssueSchema),
  score: FormScoreSchema.optional(),
  lights: FormLightsSchema.optional(),
  comments: ReturnedCommentSchema.nullable(),
  keyProject: z.boolean().optional(),
});
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

/** A code, or blank: a county layout without it takes the path's (docs/reading-forms.md). */
const CodeOrBlank = z.union([CodeSchema, z.literal("")]).nullish();

/** PUT …: the form's identity, where it gives one, must be the path's; what it leaves out is the path's; the rest is for the rules. */
export const SaveBodySchema = z.looseObject({
  kind: FormKindSchema.nullish(),
  year: z.number().int().nullish(),
  unit: z.looseObject({ code: CodeOrBlank }).nullish(),
  project: z.looseObject({ code: CodeOrBlank }).nullish(),
});

/** PUT … answers the saved revision with the server's own check. */
export const SaveResultSchema = SubmissionSummarySchema.extend(CheckedSchema.shape);
export type SaveResult = z.infer<typeof SaveResultSchema>;

/** One saved revision: who, when, against which library, the status it last had, its score. */
export const RevisionInfoSchema = z.object({
  revision: z.number().int(),
  ...whoAndWhen,
  libraryVersion: z.number().int(),
  counts: CountsSchema,
  status: StatusSchema,
  /** a self-evaluation's total */
  score: z.number().optional(),
});
export type RevisionInfo = z.infer<typeof RevisionInfoSchema>;

/** GET …/revisions */
export const RevisionListSchema = SubmissionSummarySchema.extend({ revisions: z.array(RevisionInfoSchema) });

/** GET …/revisions/:n: one revision with its form and findings. */
export const RevisionDetailSchema = FormIdSchema.extend(RevisionInfoSchema.omit({ score: true }).shape).extend({
  form: StoredFormSchema,
  issues: z.array(IssueSchema),
});
export type RevisionDetail = z.infer<typeof RevisionDetailSchema>;

/** POST …/withdraw-approval (finance): the reason is recorded in the audit log. */
export const WithdrawBodySchema = z.object({ reason: z.string().trim().min(1, "a reason 请填写撤销原因").max(2000) });

/** What a 409 on a save carries in `details`: the server's revision, to keep mine / take theirs / compare. */
export const StaleRevisionDetailsSchema = z.object({
  revision: z.number().int().nullable(),
  status: StatusSchema.optional(),
  form: StoredFormSchema.optional(),
  by: z.string().optional(),
  at: z.string().optional(),
});
export type StaleRevisionDetails = z.infer<typeof StaleRevisionDetailsSchema>;

/** What a 409 approved_locked carries in `details`: the form is final since `statusAt`; finance can withdraw the approval. */
export const ApprovedLockedDetailsSchema = z.object({
  revision: z.number().int(),
  status: StatusSchema,
  /** when it was approved */
  statusAt: z.string().optional(),
});
export type ApprovedLockedDetails = z.infer<typeof ApprovedLockedDetailsSchema>;

/** What a 422 form_has_errors carries in `details`: the findings that stop the submission. */
export const FormHasErrorsDetailsSchema = z.object({
  revision: z.number().int(),
  libraryVersion: z.number().int(),
  issues: z.array(IssueSchema),
});
export type FormHasErrorsDetails = z.infer<typeof FormHasErrorsDetailsSchema>;

/** POST /api/projects/:year/:unit/:project/key */
export const KeyProjectBodySchema = z.object({ key: z.boolean() });

/** GET /api/projects/key?year=: the projects finance marked key, with who marked them and when. */
export const KeyProjectListQuerySchema = z.object({ year: YearParamSchema.optional() });
export const KeyProjectListSchema = z.object({
  projects: z.array(z.object({ year: z.number().int(), unit: z.string(), project: z.string(), key: z.boolean(), ...whoAndWhen })),
});
/** POST /api/projects/:year/:unit/:project/key answers the project and its mark. */
export const KeyProjectMarkSchema = z.object({ year: z.number().int(), unit: z.string(), project: z.string(), key: z.boolean() });
export type KeyProjectMark = z.infer<typeof KeyProjectMarkSchema>;
