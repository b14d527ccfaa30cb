// Problems handed on (问题移送, docs/opinions.md): finance records that a finding in a unit's form
// (a rule's finding at a row), a rectification item or an evaluation conclusion was handed to a
// supervision department (区纪委监委, 审计局, …) on a day, under a reference number. The record
// shows in the results notice and in the unit's assessment; it does not change a score.
import { z } from "zod";
import { FormKindSchema, projectOfYearFields } from "../form.ts";
import { kindTerms, type FormKind } from "../glossary.ts";
import type { Issue } from "../issue.ts";
import { splitAddress } from "../sheet/a1.ts";

/** A Beijing calendar day, `YYYY-MM-DD`, that exists. */
export const DaySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, "a date that exists");

export const HandoverSubjectSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("finding"),
    ...projectOfYearFields,
    form: FormKindSchema,
    rule: z.string().regex(/^[A-Z]\d{3}$/, "a rule id such as I208"),
    /** The row the finding names: the sheet row when the form came from a sheet, else the indicator row. */
    row: z.number().int().min(1).max(1_000_000).optional(),
  }),
  z.object({ kind: z.literal("rectification"), id: z.string().regex(/^R\d{4}-[0-9a-f]{8}$/, "an item id such as R2025-0a1b2c3d") }),
  z.object({ kind: z.literal("conclusion"), id: z.string().regex(/^O\d{4}-[0-9a-f]{8}$/, "a draft id such as O2025-0a1b2c3d") }),
]);

export const HandoverInputSchema = z.object({
  subject: HandoverSubjectSchema,
  /** The supervision department (移送单位), e.g. 区纪委监委, 区审计局. */
  department: z.string().trim().min(2).max(100),
  /** The day it was handed on (移送日期). */
  date: DaySchema,
  /** The reference number of the handing-on letter (移送文号), e.g. 财绩移〔2025〕3号. */
  reference: z.string().trim().min(1).max(100),
  /** The problem as handed on (问题描述). */
  summary: z.string().trim().min(1).max(5000),
});
export type HandoverInput = z.input<typeof HandoverInputSchema>;

export type HandoverSubject =
  | { kind: "finding"; project: string; form: FormKind; rule: string; row?: number }
  | { kind: "rectification"; id: string; project: string; form: FormKind }
  | { kind: "conclusion"; id: string; project: string };

export interface Handover {
  id: string;
  year: number;
  unit: string;
  subject: HandoverSubject;
  department: string;
  date: string;
  reference: string;
  summary: string;
  by: string;
  at: string;
}

/** The row a finding names: the sheet row of its cell (`'表'!F16` → 16), else its indicator row (`indicators[2]` → 3). */
export function findingRow(issue: Pick<Issue, "cell" | "path">): number | undefined {
  if (issue.cell) {
    const m = /\$?[A-Z]{1,3}\$?(\d+)$/i.exec(splitAddress(issue.cell).local);
    if (m) return Number(m[1]);
  }
  const i = /^indicators\[(\d+)\]/.exec(issue.path);
  return i ? Number(i[1]) + 1 : undefined;
}

/** What was handed on, in words: `P1 绩效目标 I208 第16行`, `整改 R2025-…`, `评价结论 O2025-…`. */
export function handoverWhat(h: Handover): string {
  const s = h.subject;
  if (s.kind === "finding") return `${s.project} ${kindTerms[s.form].zh} ${s.rule}${s.row !== undefined ? ` 第${s.row}行` : ""}`;
  if (s.kind === "rectification") return `${s.project} ${kindTerms[s.form].zh} 整改事项 ${s.id}`;
  return `${s.project} 评价结论 ${s.id}`;
}

/** One line as the results notice and the assessment show it. */
export interface HandoverLine {
  id: string;
  what: string;
  department: string;
  date: string;
  reference: string;
  summary: string;
}

export function handoverLine(h: Handover): HandoverLine {
  return { id: h.id, what: handoverWhat(h), department: h.department, date: h.date, reference: h.reference, summary: h.summary };
}

export interface HandoverCounts {
  total: number;
  /** units with at least one */
  units: number;
  byKind: Record<HandoverSubject["kind"], number>;
  byDepartment: Record<string, number>;
}

/** The records made by `at` (ISO; all when absent). */
export function handoverCounts(all: readonly Handover[], at?: string): HandoverCounts {
  const list = all.filter((h) => at === undefined || h.at <= at);
  const c: HandoverCounts = { total: list.length, units: new Set(list.map((h) => h.unit)).size, byKind: { finding: 0, rectification: 0, conclusion: 0 }, byDepartment: {} };
  for (const h of list) {
    c.byKind[h.subject.kind]++;
    c.byDepartment[h.department] = (c.byDepartment[h.department] ?? 0) + 1;
  }
  return c;
}
