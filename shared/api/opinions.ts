// Opinions on results (征求意见) and problems handed on (问题移送) on the wire (docs/opinions.md):
// the bodies the routes take are the domain's schemas (shared/cycle/opinions.ts, handover.ts);
// what they answer is described here, and the routes' answers are parsed by these in tests.
import { z } from "zod";
import { whoAndWhen } from "./who-and-when.ts";
import { RatingSchema } from "../form.ts";
import { FormKindSchema } from "../form.ts";
import { AnswerSchema, ConsultationInputSchema, ConsultationStateSchema, DecisionSchema, FinaliseSchema, OpinionActionSchema, ReplySchema, StanceSchema } from "../cycle/opinions.ts";
import { HandoverInputSchema } from "../cycle/handover.ts";
import { CodeSchema } from "../library.ts";
import { YearParamSchema } from "./params.ts";

export { AnswerSchema, ConsultationInputSchema, FinaliseSchema, ReplySchema, HandoverInputSchema };

const HandlingSchema = z.object({
  decision: DecisionSchema,
  reason: z.string(),
  ...whoAndWhen,
  draft: z.number().int().optional(),
});

export const OpinionSchema = z.object({
  unit: z.string(),
  stance: StanceSchema,
  reasons: z.string(),
  evidence: z.string().optional(),
  document: z.object({ project: z.string(), kind: z.string(), version: z.number().int(), name: z.string() }).optional(),
  ...whoAndWhen,
  silent: z.literal(true).optional(),
  handling: HandlingSchema.optional(),
});

export const DraftVersionSchema = z.object({
  n: z.number().int(),
  text: z.string(),
  grade: RatingSchema.optional(),
  ...whoAndWhen,
  because: z.string().optional(),
});

/** A draft sent for opinions, as its viewer may see it (a unit: its own answer only). */
export const ConsultationViewSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  subject: z.union([
    z.object({ kind: z.literal("results") }),
    z.object({ kind: z.literal("conclusion"), unit: z.string(), project: z.string(), projectName: z.string().optional() }),
  ]),
  title: z.string(),
  drafts: z.array(DraftVersionSchema).min(1),
  units: z.array(z.string()),
  deadline: z.string(),
  /** The deadline's Beijing calendar day. */
  deadlineDay: z.string(),
  state: ConsultationStateSchema,
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  opinions: z.array(OpinionSchema),
  history: z.array(z.object({ action: OpinionActionSchema, ...whoAndWhen, unit: z.string().optional(), note: z.string().optional() })),
  finalisedAt: z.string().optional(),
  finalisedBy: z.string().optional(),
  note: z.string().optional(),
  /** Named units (those the viewer sees) that have not answered. */
  waiting: z.array(z.string()),
  /** Whether the deadline has passed. */
  pastDeadline: z.boolean(),
  /** A results notice's draft seen by a unit: its own line as the draft stands now. */
  line: z
    .object({
      averageScore: z.number().nullable(),
      grades: z.record(z.string(), z.number()),
      notices: z.record(z.string(), z.number()),
      assessment: z.object({ total: z.number().nullable(), rank: z.number().nullable() }),
    })
    .optional(),
});
export type ConsultationView = z.infer<typeof ConsultationViewSchema>;
export const ConsultationListSchema = z.object({ opinions: z.array(ConsultationViewSchema) });
export const OpinionListQuerySchema = z.object({ year: YearParamSchema.optional(), state: ConsultationStateSchema.optional() });

export const HandoverSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  unit: z.string(),
  subject: z.union([
    z.object({ kind: z.literal("finding"), project: z.string(), form: FormKindSchema, rule: z.string(), row: z.number().int().optional() }),
    z.object({ kind: z.literal("rectification"), id: z.string(), project: z.string(), form: FormKindSchema }),
    z.object({ kind: z.literal("conclusion"), id: z.string(), project: z.string() }),
  ]),
  department: z.string(),
  date: z.string(),
  reference: z.string(),
  summary: z.string(),
  ...whoAndWhen,
  /** What was handed on, in words. */
  what: z.string(),
});
export type HandoverView = z.infer<typeof HandoverSchema>;
export const HandoverListSchema = z.object({ handovers: z.array(HandoverSchema) });
export const HandoverListQuerySchema = z.object({ year: YearParamSchema.optional(), unit: CodeSchema.optional() });
