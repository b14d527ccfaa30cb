// The bureau's cycle on the wire (docs/workflow.md, docs/api.md): notices with each unit's standing
// under them, rectification items, the results notice (full, public and a unit's own line) and the
// assessment of units. The request bodies are the cycle's own schemas (shared/cycle/), which the
// domain code also parses; the answers are written here, and the routes build them typed by these.
import { z } from "zod";
import { whoAndWhen } from "./who-and-when.ts";
import { DeadlineStateSchema, NoticeInputSchema } from "../cycle/notice.ts";
import { ConsultationStateSchema, StanceSchema } from "../cycle/opinions.ts";
import { RectAcceptSchema, RectActionSchema, RectAnswerSchema, RectOpenSchema, RectReopenSchema, RectStateSchema } from "../cycle/rectification.ts";
import { FormKindSchema } from "../form.ts";
import { CodeSchema } from "../library.ts";
import { RatingSchema } from "./check-result.ts";
import { YearParamSchema } from "./params.ts";
import { StatusSchema } from "./submissions.ts";

export { DeadlineStateSchema, NoticeInputSchema, RectAcceptSchema, RectActionSchema, RectAnswerSchema, RectOpenSchema, RectReopenSchema, RectStateSchema };

// ---- notices (通知)

export const NoticeSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  kind: FormKindSchema,
  units: z.union([z.literal("all"), z.array(z.string())]),
  /** ISO instant */
  deadline: z.string(),
  title: z.string(),
  text: z.string(),
  template: FormKindSchema.optional(),
  issuedBy: z.string(),
  issuedAt: z.string(),
  overdueAt: z.string().optional(),
});
export type NoticeBody = z.infer<typeof NoticeSchema>;

export const StateCountsSchema = z.object({ onTime: z.number().int(), late: z.number().int(), due: z.number().int(), missing: z.number().int() });

export const NoticeItemSchema = z.object({
  notice: z.string(),
  unit: z.string(),
  project: z.string().nullable(),
  kind: FormKindSchema,
  state: DeadlineStateSchema,
  firstSubmittedAt: z.string().optional(),
});

/** GET /api/notices/:id, and each of GET /api/notices: the notice with every addressed unit's forms and their standing. */
export const NoticeViewSchema = NoticeSchema.extend({
  passed: z.boolean(),
  open: z.boolean(),
  counts: StateCountsSchema,
  items: z.array(NoticeItemSchema),
});
export type NoticeView = z.infer<typeof NoticeViewSchema>;
export const NoticeListSchema = z.object({ notices: z.array(NoticeViewSchema) });

export const NoticeListQuerySchema = z.object({ year: YearParamSchema.optional(), open: z.enum(["0", "1", "true", "false"]).optional() });
export const NoticeIdParamsSchema = z.object({ id: z.string().regex(/^N\d{4}-[0-9a-f]{8}$/, "a notice id such as N2025-0a1b2c3d") });

// ---- rectification (整改)

export const RectificationSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  unit: z.string(),
  project: z.string(),
  kind: FormKindSchema,
  finding: z.object({ rule: z.string().optional(), cell: z.string().optional(), text: z.string().optional() }).optional(),
  requirement: z.string(),
  /** ISO instant */
  deadline: z.string(),
  state: RectStateSchema,
  version: z.number().int(),
  openedBy: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  answers: z.array(z.object({ measures: z.string(), evidence: z.string(), ...whoAndWhen })),
  history: z.array(
    z.object({
      action: RectActionSchema,
      from: RectStateSchema.nullable(),
      to: RectStateSchema,
      ...whoAndWhen,
      comment: z.string().optional(),
      deadline: z.string().optional(),
    }),
  ),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
});

/** An item as every rectification route answers it: with whether its deadline has passed unanswered. */
export const RectViewSchema = RectificationSchema.extend({ overdue: z.boolean() });
export type RectView = z.infer<typeof RectViewSchema>;
export const RectListSchema = z.object({ rectifications: z.array(RectViewSchema) });

export const RectListQuerySchema = z.object({ year: YearParamSchema.optional(), unit: CodeSchema.optional(), state: RectStateSchema.optional() });
export const RectIdParamsSchema = z.object({ id: z.string().regex(/^R\d{4}-[0-9a-f]{8}$/, "an item id such as R2025-0a1b2c3d") });

// ---- the assessment of units (考核) and the results notice (结果通报)

/** A problem of the unit handed to a supervision department (问题移送, docs/opinions.md): shown, not scored. */
export const HandoverLineSchema = z.object({ id: z.string(), what: z.string(), department: z.string(), date: z.string(), reference: z.string(), summary: z.string() });

/** A draft of the results notice sent for opinions (征求意见): each unit's opinion and how it was handled. */
export const NoticeOpinionsSchema = z.object({
  id: z.string(),
  title: z.string(),
  state: ConsultationStateSchema,
  deadline: z.string(),
  finalisedAt: z.string().optional(),
  lines: z.array(
    z.object({ unit: z.string(), stance: StanceSchema, said: z.string(), reasons: z.string(), evidence: z.string().optional(), handled: z.string() }),
  ),
});

const componentNames = ["onTime", "firstPass", "errors", "selfEval", "rectification"] as const;
const byComponent = <S extends z.ZodType>(s: S) => z.object(Object.fromEntries(componentNames.map((n) => [n, s])) as Record<(typeof componentNames)[number], S>);

export const UnitAssessmentSchema = z.object({
  unit: z.string(),
  name: z.string(),
  components: byComponent(
    z.object({ weight: z.number(), basis: z.record(z.string(), z.number()), rate: z.number().nullable(), score: z.number().nullable() }),
  ),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  handedOn: z.array(HandoverLineSchema),
});
export type UnitAssessmentBody = z.infer<typeof UnitAssessmentSchema>;

/** The policy's assessment weights (docs/workflow.md). */
export const AssessmentWeightsSchema = z.object({
  onTime: z.number(),
  firstPass: z.number(),
  errors: z.number(),
  selfEval: z.number(),
  rectification: z.number(),
  errorsPerFormAtZero: z.number(),
});

/** GET /api/assessment?year= */
export const AssessmentViewSchema = z.object({ year: z.number().int(), at: z.string(), weights: AssessmentWeightsSchema, units: z.array(UnitAssessmentSchema) });
export type AssessmentView = z.infer<typeof AssessmentViewSchema>;

const LightCountsSchema = z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() });
const GradeCountsSchema = z.record(RatingSchema, z.number().int());
const RectCountsSchema = z.object({ open: z.number().int(), overdue: z.number().int(), closed: z.number().int(), closedOnTime: z.number().int() });

export const UnitResultSchema = z.object({
  unit: z.string(),
  name: z.string(),
  confidential: z.boolean(),
  forms: z.array(
    z.object({
      project: z.string(),
      projectName: z.string().optional(),
      kind: FormKindSchema,
      status: StatusSchema,
      deadline: DeadlineStateSchema.nullable(),
      firstSubmittedAt: z.string().optional(),
      returns: z.number().int(),
      total: z.number().optional(),
      grade: RatingSchema.optional(),
      lights: LightCountsSchema.optional(),
    }),
  ),
  missing: z.array(z.object({ kind: FormKindSchema, project: z.string().nullable() })),
  notices: StateCountsSchema,
  grades: GradeCountsSchema,
  averageScore: z.number().nullable(),
  lights: LightCountsSchema,
  rectification: RectCountsSchema.extend({
    openItems: z.array(
      z.object({ id: z.string(), project: z.string(), kind: FormKindSchema, requirement: z.string(), deadline: z.string(), state: RectStateSchema, overdue: z.boolean() }),
    ),
  }),
  assessment: z.object({ total: z.number().nullable(), rank: z.number().int().nullable(), components: byComponent(z.number().nullable()) }),
  handedOn: z.array(HandoverLineSchema),
});
export type UnitResultBody = z.infer<typeof UnitResultSchema>;

/** GET /api/results?format=json (scope=full): every unit's line. */
export const ResultsNoticeSchema = z.object({
  year: z.number().int(),
  generatedAt: z.string(),
  weights: AssessmentWeightsSchema,
  units: z.array(UnitResultSchema),
  opinions: z.array(NoticeOpinionsSchema),
});

export const PublicUnitResultSchema = z.object({
  unit: z.string(),
  name: z.string(),
  grades: GradeCountsSchema,
  averageScore: z.number().nullable(),
  notices: StateCountsSchema,
  rectification: RectCountsSchema,
  assessment: z.object({ total: z.number().nullable(), rank: z.number().int().nullable() }),
  keyProjects: z.array(z.object({ project: z.string(), projectName: z.string().optional(), total: z.number().optional(), grade: RatingSchema.optional() })),
});

/** GET /api/results?format=json&scope=public: the public subset (docs/domain.md). */
export const PublicResultsSchema = z.object({ year: z.number().int(), generatedAt: z.string(), units: z.array(PublicUnitResultSchema) });

export const ResultsQuerySchema = z.object({
  year: YearParamSchema,
  format: z.enum(["json", "xlsx"]).default("json"),
  scope: z.enum(["full", "public"]).default("full"),
});

/** GET /api/results/mine?year=: nothing until finance has issued the year's notice, then the unit's own line. */
export const ResultsMineSchema = z.union([
  z.object({ year: z.number().int(), issued: z.literal(false) }),
  z.object({ year: z.number().int(), issued: z.literal(true), issuedAt: z.string(), units: z.number().int(), result: UnitResultSchema.optional() }),
]);
export type ResultsMine = z.infer<typeof ResultsMineSchema>;
