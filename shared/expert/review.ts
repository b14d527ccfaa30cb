// Expert review (专家评审, docs/experts.md): experts (绩效专家, 行业专家), the items finance assigns
// them (a project's target or self-evaluation form, its evaluation plan or report) with a due
// date, and the review sheet each expert fills: a score and a comment per criterion, and comments
// on the form's cells. Pure: what is valid and how a sheet adds up.
import { z } from "zod";
import { codesOf, type Term } from "../glossary.ts";
import { documentKindTerms, type DocumentKind } from "../documents.ts";
import { DeadlineSchema } from "../cycle/notice.ts";
import { projectOfYearFields } from "../form.ts";
import { CodeSchema } from "../library.ts";
import type { ExpertPolicy, ReviewSheet } from "./policy.ts";

export const expertFieldTerms = {
  performance: { zh: "绩效专家", en: "performance expert" },
  industry: { zh: "行业专家", en: "industry expert" },
} as const satisfies Record<string, Term>;
export type ExpertField = keyof typeof expertFieldTerms;
export const ExpertFieldSchema = z.enum(codesOf(expertFieldTerms));

export const ExpertSchema = z.strictObject({
  code: CodeSchema,
  name: z.string().trim().min(1, "a name 姓名不能为空").max(50),
  field: ExpertFieldSchema,
});
export type Expert = z.infer<typeof ExpertSchema>;

/** What an expert can be asked to review. Forms are read from the project's saved forms; plans and reports are the project's documents, named as documents are. */
export const itemKindTerms = {
  target: { zh: "绩效目标表", en: "target form" },
  selfEval: { zh: "绩效自评表", en: "self-evaluation form" },
  plan: documentKindTerms.evalPlan,
  report: documentKindTerms.evalReport,
} as const satisfies Record<string, Term>;
export type ItemKind = keyof typeof itemKindTerms;
export const ItemKindSchema = z.enum(codesOf(itemKindTerms));

/** Whether the item is one of the project's forms (its cells can be commented on). */
export function isFormItem(kind: ItemKind): kind is "target" | "selfEval" {
  return kind === "target" || kind === "selfEval";
}

/** The project document a plan or report item is (docs/documents.md); none for a form. */
export function documentOf(kind: ItemKind): DocumentKind | undefined {
  return kind === "plan" ? "evalPlan" : kind === "report" ? "evalReport" : undefined;
}

/** The round of a review: plans are round 1 and reports round 2 of a project's evaluation (双监控); a form's review is its one round. */
export function roundOf(kind: ItemKind): 1 | 2 {
  return kind === "report" ? 2 : 1;
}

export function sheetFor(policy: ExpertPolicy, kind: ItemKind): ReviewSheet {
  return policy.sheets[kind];
}

export const AssignmentInputSchema = z.strictObject({
  ...projectOfYearFields,
  kind: ItemKindSchema,
  experts: z
    .array(CodeSchema)
    .min(1, "at least one expert 至少指派一位专家")
    .max(15)
    .refine((a) => new Set(a).size === a.length, "an expert named twice 专家重复"),
  /** YYYY-MM-DD (the end of that day, Beijing time) or an ISO instant */
  due: DeadlineSchema,
});
export type AssignmentInput = z.input<typeof AssignmentInputSchema>;

export const verdictTerms = {
  pass: { zh: "通过", en: "passed" },
  revise: { zh: "修改后通过", en: "passed once revised" },
  fail: { zh: "不通过", en: "not passed" },
} as const satisfies Record<string, Term>;
export type Verdict = keyof typeof verdictTerms;
export const VerdictSchema = z.enum(codesOf(verdictTerms));

export const ConclusionInputSchema = z.strictObject({
  verdict: VerdictSchema,
  text: z.string().trim().min(1, "the panel's conclusion 专家组结论不能为空").max(4000),
});

export interface Conclusion {
  verdict: Verdict;
  text: string;
  by: string;
  at: string;
}

/** An item assigned to experts: its sheet is copied from the policy when assigned, so a later policy does not change a review under way. */
export interface Assignment {
  id: string;
  year: number;
  unit: string;
  project: string;
  kind: ItemKind;
  round: 1 | 2;
  experts: string[];
  /** ISO instant */
  due: string;
  sheet: ReviewSheet;
  by: string;
  at: string;
  conclusion?: Conclusion;
  /** 1 on creation, +1 on each change (compare-and-set) */
  version: number;
}

/** `A2025-0a1b2c3d` */
export const AssignmentIdSchema = z.string().regex(/^A\d{4}-[0-9a-f]{8}$/, "an assignment id such as A2025-0a1b2c3d");

/** A cell of the form: a field path (`goals.annual`) or an indicator row and column (`indicators[2].target`), as shared/field-labels.ts names it. */
export const CellPathSchema = z
  .string()
  .regex(/^(?:[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)?|indicators\[\d{1,4}\](?:\.[a-z][A-Za-z0-9]*)?)$/, "a field such as goals.annual or indicators[2].target");

const Comment = z.string().trim().max(2000);

export const SheetInputSchema = z.strictObject({
  /** criterion id → points, 0 to the criterion's weight */
  scores: z.record(z.string().max(32), z.number().min(0).max(100)).default({}),
  /** criterion id → comment */
  comments: z.record(z.string().max(32), Comment).default({}),
  /** comments on the form's cells (forms only) */
  cells: z.array(z.strictObject({ cell: CellPathSchema, comment: Comment.min(1) })).max(500).default([]),
  /** the expert's overall opinion */
  comment: Comment.optional(),
});
export type SheetInput = z.infer<typeof SheetInputSchema>;

export interface Review extends SheetInput {
  assignment: string;
  expert: string;
  savedAt: string;
  submittedAt?: string;
}

export interface SheetProblem {
  path: string;
  message: string;
}

/**
 * What is wrong with a sheet for this assignment: unknown criteria, scores above a weight or not
 * in half points, cell comments on a document; with `complete`, every criterion must be scored.
 */
export function sheetProblems(sheet: ReviewSheet, kind: ItemKind, input: SheetInput, complete: boolean): SheetProblem[] {
  const out: SheetProblem[] = [];
  const byId = new Map(sheet.criteria.map((c) => [c.id, c]));
  for (const [id, v] of Object.entries(input.scores)) {
    const c = byId.get(id);
    if (!c) out.push({ path: `scores.${id}`, message: `评审表没有 ${id} 这一项 / the sheet has no criterion ${id}` });
    else if (v > c.weight) out.push({ path: `scores.${id}`, message: `${c.name}最多 ${c.weight} 分，填了 ${v} / ${c.name} is worth at most ${c.weight}, got ${v}` });
    else if (Math.round(v * 2) !== v * 2) out.push({ path: `scores.${id}`, message: `${c.name}按 0.5 分计分，填了 ${v} / ${c.name} is scored in half points, got ${v}` });
  }
  for (const id of Object.keys(input.comments)) if (!byId.has(id)) out.push({ path: `comments.${id}`, message: `评审表没有 ${id} 这一项 / the sheet has no criterion ${id}` });
  if (!isFormItem(kind) && input.cells.length > 0) {
    out.push({ path: "cells", message: `${itemKindTerms[kind].zh}不是表格，意见写在各评审项下 / a ${itemKindTerms[kind].en} has no cells: comment under each criterion` });
  }
  if (complete) {
    for (const c of sheet.criteria) {
      if (input.scores[c.id] === undefined) out.push({ path: `scores.${c.id}`, message: `请为“${c.name}”打分后再提交 / score ${c.name} before submitting` });
    }
  }
  return out;
}

/** The sheet's total: the sum of the criteria scored. */
export function sheetTotal(sheet: ReviewSheet, scores: Readonly<Record<string, number>>): number {
  let t = 0;
  for (const c of sheet.criteria) t += scores[c.id] ?? 0;
  return Math.round(t * 100) / 100;
}
