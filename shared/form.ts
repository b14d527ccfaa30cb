// The three forms (docs/domain.md) as typed data. Values a unit types stay as typed (a number, or the
// text the cell held) and are read by the value reader when checked, so nothing a unit wrote is
// lost or silently changed. `cells` remembers where each value came from on a sheet.
import { z } from "zod";
import { CodeSchema, Level1Schema, Level2Schema, OperatorSchema } from "./library.ts";
import { attributeTerms, basisTerms, codesOf, deviationCategoryTerms, formKinds, gradeTerms, possibilityTerms, ratings } from "./glossary.ts";

/** A number, or text as a cell held it (`≥95%`, `１,２００`, `-`). */
export const Typed = z.union([z.number(), z.string()]);
export type Typed = z.infer<typeof Typed>;

const Text = z.string();
const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, "YYYY-MM or YYYY-MM-DD");

export const FormKindSchema = z.enum(formKinds);
export const GradeSchema = z.enum(codesOf(gradeTerms));
export const RatingSchema = z.enum(ratings);
export const PossibilitySchema = z.enum(codesOf(possibilityTerms));
export const DeviationCategorySchema = z.enum(codesOf(deviationCategoryTerms));

/** A budget year (预算年度): the year a form, a notice or an assignment belongs to. */
export const BudgetYearSchema = z.number().int().min(2000).max(2100);

/**
 * A unit's project in a budget year, by their codes: what a form, an expert's assignment, a
 * rectification item or a handed-on finding is about. Spread into the schemas that name one.
 */
export const projectOfYearFields = { year: BudgetYearSchema, unit: CodeSchema, project: CodeSchema };

export const UnitRefSchema = z.object({ code: CodeSchema, name: Text });

export const ProjectSchema = z.object({
  code: CodeSchema,
  name: Text,
  field: Text,
  department: Text.nullish(),
  attribute: z.enum(codesOf(attributeTerms)),
  periodStart: Period.nullish(),
  periodEnd: Period.nullish(),
  servesPublic: z.boolean(),
  /** Marked by finance for disclosure (重点项目); units cannot set it. */
  key: z.boolean().optional(),
});

export const FundsSchema = z.object({
  total: Typed,
  fiscal: Typed,
  other: Typed,
  carryover: Typed.nullish(),
});

export const GoalsSchema = z.object({
  overall: Text.nullish(),
  annual: Text.nullish(),
  /** Self-evaluation: 实际完成情况. */
  actual: Text.nullish(),
});

export const IndicatorRowSchema = z.object({
  level1: Level1Schema,
  level2: Level2Schema,
  code: Text.nullish(),
  name: Text.nullish(),
  operator: OperatorSchema.nullish(),
  target: Typed.nullish(),
  targetHigh: Typed.nullish(),
  unit: Text.nullish(),
  basis: z.enum(codesOf(basisTerms)).nullish(),
  custom: z.boolean().default(false),
  na: z.boolean().optional(),
  // monitoring
  toDate: Typed.nullish(),
  expected: Typed.nullish(),
  possibility: PossibilitySchema.nullish(),
  deviationCategory: DeviationCategorySchema.nullish(),
  measures: Text.nullish(),
  // self-evaluation
  actual: Typed.nullish(),
  weight: Typed.nullish(),
  score: Typed.nullish(),
  deviation: Text.nullish(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

export const MonitorBudgetSchema = z.object({ annual: Typed, executedToDate: Typed });
export const SelfEvalBudgetSchema = z.object({
  initial: Typed.nullish(),
  adjusted: Typed,
  executed: Typed,
  reason: Text.nullish(),
});

/** Where a value came from: JSON path (`indicators[3].target`) → A1 address, with its sheet. */
export const CellsSchema = z.record(z.string(), z.string());

const base = {
  year: BudgetYearSchema,
  unit: UnitRefSchema,
  project: ProjectSchema,
  funds: FundsSchema,
  goals: GoalsSchema,
  indicators: z.array(IndicatorRowSchema),
  sheet: z.string().optional(),
  cells: CellsSchema.optional(),
};

export const TargetFormSchema = z.object({ kind: z.literal("target"), ...base });
export const MonitorFormSchema = z.object({
  kind: z.literal("monitor"),
  ...base,
  month: z.number().int().min(1).max(12),
  budget: MonitorBudgetSchema,
});
export const SelfEvalFormSchema = z.object({
  kind: z.literal("selfEval"),
  ...base,
  budget: SelfEvalBudgetSchema,
  totalScore: Typed.nullish(),
  grade: RatingSchema.nullish(),
});

export const FormSchema = z.discriminatedUnion("kind", [TargetFormSchema, MonitorFormSchema, SelfEvalFormSchema]);
export type Form = z.infer<typeof FormSchema>;
export type FormInput = z.input<typeof FormSchema>;
export type TargetForm = z.infer<typeof TargetFormSchema>;
export type MonitorForm = z.infer<typeof MonitorFormSchema>;
export type SelfEvalForm = z.infer<typeof SelfEvalFormSchema>;

/** `indicators[3].target` — the JSON path of a field, as issues and `cells` name it. */
export function pathOf(parts: readonly (string | number)[]): string {
  let out = "";
  for (const p of parts) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}
