// The consolidation (汇总) on the wire: GET /api/consolidated?format=json answers the workbook's
// sheets as arrays of their rows under the sheets' ids (shared/consolidate/rows.ts says what each
// field is), and GET /api/overview the finance overview built from the same first pass
// (shared/overview.ts). The rows are streamed by server/consolidate/json.ts; these schemas are
// what a client parses, and the tests parse the routes' answers with them.
import { z } from "zod";
import { FormKindSchema, Typed } from "../form.ts";
import { SeveritySchema } from "../issue.ts";
import { Level1Schema, Level2Schema, OperatorSchema } from "../library.ts";
import { LightSchema, RatingSchema } from "./check-result.ts";
import { YearParamSchema } from "./params.ts";
import { StatusSchema } from "./submissions.ts";

const n = z.number();
const int = z.number().int();
const nn = z.number().nullable();

export const SummaryRowSchema = z.object({
  unitCode: z.string(), unitName: z.string(), confidential: z.boolean(), kind: FormKindSchema,
  expected: int, received: int, draft: int, submitted: int, returned: int, approved: int, pending: int,
  projectsMissing: z.array(z.string()),
  fundsTotal: nn, executionRate: nn, averageScore: nn, lowestScore: nn,
  excellent: int, good: int, fair: int, poor: int, red: int, yellow: int, errors: int, warnings: int,
  onTime: nn, late: nn, due: nn, notSent: nn, rectOpen: nn, rectOverdue: nn, rectClosed: nn, assessment: nn, rank: nn,
});

export const FormRowSchema = z.object({
  unitCode: z.string(), unitName: z.string(), projectCode: z.string(), projectName: z.string(), kind: FormKindSchema, status: StatusSchema,
  revision: int, updatedAt: z.string().nullable(), readable: z.boolean(),
  fundsTotal: nn, executionRate: nn, score: nn, grade: RatingSchema.nullable(), budgetLight: LightSchema.nullable(),
  red: int, yellow: int, errors: int, warnings: int, indicators: int,
});

export const IndicatorLineSchema = z.object({
  unitCode: z.string(), unitName: z.string(), projectCode: z.string(), projectName: z.string(), kind: FormKindSchema, status: StatusSchema,
  row: int, level1: Level1Schema, level2: Level2Schema, name: z.string().nullable(), code: z.string().nullable(), operator: OperatorSchema.nullable(),
  target: Typed.nullable(), targetHigh: Typed.nullable(), unit: z.string().nullable(), value: Typed.nullable(), weight: Typed.nullable(),
  score: nn, light: LightSchema.nullable(), na: z.boolean(), findings: z.string(),
});

export const MissingLineSchema = z.object({
  unitCode: z.string(), unitName: z.string(), confidential: z.boolean(), kind: FormKindSchema, expected: int, drafts: int, projects: z.array(z.string()),
});

export const FindingLineSchema = z.object({
  unitCode: z.string(), unitName: z.string(), projectCode: z.string(), projectName: z.string(), kind: FormKindSchema, status: StatusSchema,
  rule: z.string(), severity: SeveritySchema, cell: z.string().nullable(), path: z.string(), zh: z.string(), en: z.string(),
});

/** 国库支付: a project's budget, reported execution and the treasury's payments (docs/treasury.md). */
export const TreasuryLineSchema = z.object({
  unitCode: z.string(), unitName: z.string(), projectCode: z.string(), projectName: z.string(),
  budgetWan: nn, reportedWan: nn, reportedAsOf: z.string().nullable(), paidAtReportWan: nn, differenceWan: nn,
  paidToDateWan: n, asOf: z.string(), rate: nn, timeProgress: nn, light: LightSchema.nullable(),
});

export const ConsolidatedQuerySchema = z.object({ year: YearParamSchema, kind: FormKindSchema.optional(), format: z.enum(["json", "xlsx"]).default("json") });

/** GET /api/consolidated?format=json: the head, then each sheet's rows under its id (国库支付 only with the treasury's data). */
export const ConsolidatedJsonSchema = z.object({
  year: int,
  kind: FormKindSchema.nullable(),
  kinds: z.array(FormKindSchema),
  generatedAt: z.string(),
  counts: z.object({ summary: int, forms: int, rows: int, missing: int, findings: int }),
  summary: z.array(SummaryRowSchema),
  forms: z.array(FormRowSchema),
  rows: z.array(IndicatorLineSchema),
  missing: z.array(MissingLineSchema),
  findings: z.array(FindingLineSchema),
  treasury: z.array(TreasuryLineSchema).optional(),
});
export type ConsolidatedJson = z.infer<typeof ConsolidatedJsonSchema>;
/** The head the route writes before the rows (server/consolidate/json.ts builds it typed by this). */
export const ConsolidatedHeadSchema = ConsolidatedJsonSchema.pick({ year: true, kind: true, kinds: true, generatedAt: true, counts: true });
export type ConsolidatedHead = z.infer<typeof ConsolidatedHeadSchema>;

// ---- the overview (总览)

const unitName = { unit: z.string(), unitName: z.string() };

export const OverviewQuerySchema = z.object({ year: YearParamSchema, kind: FormKindSchema.optional() });

/** GET /api/overview (shared/overview.ts), with the treasury's payment warnings and when it was computed. */
export const OverviewViewSchema = z.object({
  year: int,
  kind: FormKindSchema.optional(),
  totals: z.object({ expected: int, received: int, approved: int, drafts: int, onTime: int, late: int, due: int, missing: int }),
  progress: z.array(z.object({ ...unitName, expected: int, received: int, approved: int, onTime: int, late: int, due: int, missing: int })),
  timeElapsed: n,
  execution: z.array(z.object({ ...unitName, rate: n })),
  lights: z.record(LightSchema, int),
  redUnits: z.array(z.object({ ...unitName, red: int, yellow: int })),
  grades: z.record(RatingSchema, int),
  lowest: z.array(z.object({ ...unitName, project: z.string(), projectName: z.string(), score: n, grade: RatingSchema.nullable() })),
  rectifications: z.object({ open: int, overdue: int, closed: int, byUnit: z.array(z.object({ ...unitName, open: int, overdue: int })) }),
  paymentWarnings: z.array(TreasuryLineSchema),
  at: z.string(),
});
export type OverviewView = z.infer<typeof OverviewViewSchema>;
