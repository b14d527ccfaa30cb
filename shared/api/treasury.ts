// The treasury's data on the wire (docs/treasury.md): what an import of payments or budgets
// answers, the approved budgets, and paid-to-date by project with its light.
import { z } from "zod";
import { LightSchema } from "./check-result.ts";
import { projectOfYearFields } from "../form.ts";
import { CodeSchema } from "../library.ts";
import { YearParamSchema } from "./params.ts";

const RowProblemSchema = z.object({ row: z.number().int(), column: z.string().optional(), message: z.object({ zh: z.string(), en: z.string() }) });
const PaidSchema = z.object({ date: z.string(), unit: z.string(), project: z.string(), amountWan: z.number() });

/** What every import of a file answers: the CSV's encoding, the rows read, and the rows refused with what to do. */
const FileImportSchema = z.object({ encoding: z.string().optional(), read: z.number().int(), rejected: z.number().int(), rejectedRows: z.array(RowProblemSchema) });

export const PaymentImportResultSchema = FileImportSchema.extend({
  imported: z.number().int(),
  duplicates: z.number().int(),
  conflicts: z.number().int(),
  unknown: z.number().int(),
  paidWan: z.number(),
  conflictRows: z.array(z.object({ row: z.number().int(), voucher: z.string(), stored: PaidSchema, incoming: PaidSchema })),
  unknownRows: z.array(z.object({ row: z.number().int(), voucher: z.string(), unit: z.string(), project: z.string(), reason: z.enum(["unit", "project"]) })),
});

export const BudgetImportResultSchema = FileImportSchema.extend({
  added: z.number().int(),
  replaced: z.number().int(),
  unknownUnits: z.array(z.object({ row: z.number().int(), unit: z.string() })),
});

/** A project's approved budget for a year (shared/treasury/budgets.ts). */
export const BudgetSchema = z.object({
  ...projectOfYearFields,
  /** 万元 */
  approved: z.number(),
  adjusted: z.number().optional(),
  unitName: z.string().optional(),
  projectName: z.string().optional(),
});
export const BudgetListSchema = z.object({ budgets: z.array(BudgetSchema) });

export const TreasuryScopeQuerySchema = z.object({ year: YearParamSchema, unit: CodeSchema.optional(), project: CodeSchema.optional() });

export const ExecutionViewSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  projects: z.array(
    z.object({
      unit: z.string(),
      project: z.string(),
      projectName: z.string().optional(),
      budgetWan: z.number().optional(),
      paidWan: z.number(),
      byMonthWan: z.array(z.number()).length(12),
      rate: z.number().optional(),
      timeProgress: z.number().optional(),
      light: LightSchema.optional(),
    }),
  ),
});
