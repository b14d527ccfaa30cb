// Notices (通知) and their deadlines: finance asks units for forms of one kind by a deadline; for
// each unit the forms it owes are on time, late (first submitted after the deadline), still due
// (not submitted, deadline ahead) or missing (not submitted, deadline passed). Pure: the server
// hands in the facts (forms of the year with their first submission time) and the clock.
import { type Rating, type SubmissionStatus } from "../glossary.ts";
import { z } from "zod";
import { BudgetYearSchema, FormKindSchema } from "../form.ts";
import { CodeSchema } from "../library.ts";
import { beijingDay } from "../beijing.ts";

export type FormKind = z.infer<typeof FormKindSchema>;

/**
 * A deadline as finance writes it: a date `YYYY-MM-DD` (the end of that day, Beijing time, UTC+8)
 * or an ISO date-time with its offset. Stored as an ISO instant (UTC, `…Z`).
 */
export const DeadlineSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    let t: number;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      t = Date.parse(`${s}T23:59:59.999+08:00`);
      // 2025-02-30 parses in some engines as March 2: refuse a day that does not round-trip.
      if (Number.isFinite(t) && beijingDay(t) !== s) t = Number.NaN;
    } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
      t = Date.parse(s);
    } else {
      t = Number.NaN;
    }
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: "custom", message: "a date YYYY-MM-DD or an ISO date-time with offset" });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

export const NoticeInputSchema = z.object({
  year: BudgetYearSchema,
  kind: FormKindSchema,
  /** `"all"`: every unit in the directory at the time the notice is read. */
  units: z.union([z.literal("all"), z.array(CodeSchema).min(1).max(10_000)]),
  deadline: DeadlineSchema,
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(20_000),
  /** A blank template of this kind goes with the notice (GET /api/templates/:kind). */
  template: FormKindSchema.optional(),
});
export type NoticeInput = z.input<typeof NoticeInputSchema>;

export interface Notice {
  id: string;
  year: number;
  kind: FormKind;
  units: "all" | string[];
  /** ISO instant */
  deadline: string;
  title: string;
  text: string;
  template?: FormKind;
  issuedBy: string;
  issuedAt: string;
  /** When the passing of the deadline was announced (once, by one server). */
  overdueAt?: string;
}

/** What the cycle needs to know of one saved form of the year. */
export interface FormFact {
  year: number;
  unit: string;
  project: string;
  kind: FormKind;
  projectName?: string;
  status: SubmissionStatus;
  /** First `submission.submitted` in the audit log; absent: never submitted. */
  firstSubmittedAt?: string;
  /** How many times finance returned it. */
  returns: number;
  /** Errors of the first revision saved to the server. */
  firstErrors: number;
  /** Self-evaluation: the latest revision's total and grade. */
  total?: number;
  grade?: Rating;
  /** Monitoring: light counts of the latest revision (budget light included). */
  lights?: { red: number; yellow: number; green: number };
}

/** Where a form stands against its notice's deadline. */
export const DeadlineStateSchema = z.enum(["onTime", "late", "due", "missing"]);
export type DeadlineState = z.infer<typeof DeadlineStateSchema>;

export interface NoticeItem {
  notice: string;
  unit: string;
  /** null: the unit has no form of this kind at all. */
  project: string | null;
  kind: FormKind;
  state: DeadlineState;
  firstSubmittedAt?: string;
}

export function addressedTo(n: Pick<Notice, "units">, unit: string): boolean {
  return n.units === "all" || n.units.includes(unit);
}

export function targetedUnits(n: Pick<Notice, "units">, allUnits: readonly string[]): string[] {
  return n.units === "all" ? [...allUnits] : [...n.units];
}

function stateOf(deadline: string, now: string, firstSubmittedAt: string | undefined): DeadlineState {
  if (firstSubmittedAt !== undefined) return firstSubmittedAt <= deadline ? "onTime" : "late";
  return now > deadline ? "missing" : "due";
}

/**
 * The forms `unit` owes under `notice`: every form of the notice's kind it has saved, and for
 * monitoring and self-evaluation also every project with a target form that lacks one; a unit
 * with none of these owes one form (project null).
 */
export function unitItems(notice: Notice, unit: string, forms: readonly FormFact[], now: string): NoticeItem[] {
  const mine = forms.filter((f) => f.year === notice.year && f.unit === unit);
  const projects = new Map<string, FormFact | undefined>();
  for (const f of mine) if (f.kind === notice.kind) projects.set(f.project, f);
  if (notice.kind !== "target") {
    for (const f of mine) if (f.kind === "target" && !projects.has(f.project)) projects.set(f.project, undefined);
  }
  const base = { notice: notice.id, unit, kind: notice.kind };
  if (projects.size === 0) return [{ ...base, project: null, state: stateOf(notice.deadline, now, undefined) }];
  return [...projects.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, f]) => {
      const item: NoticeItem = { ...base, project, state: stateOf(notice.deadline, now, f?.firstSubmittedAt) };
      if (f?.firstSubmittedAt) item.firstSubmittedAt = f.firstSubmittedAt;
      return item;
    });
}

/** Every item of one notice, unit by unit. */
export function noticeItems(notice: Notice, allUnits: readonly string[], forms: readonly FormFact[], now: string): NoticeItem[] {
  return targetedUnits(notice, allUnits).flatMap((u) => unitItems(notice, u, forms, now));
}

/**
 * The notice that governs a unit's forms of one kind in a year: of the notices addressed to it,
 * the one with the latest deadline (a later notice extends an earlier one).
 */
export function governingNotice(notices: readonly Notice[], year: number, kind: FormKind, unit: string): Notice | undefined {
  let best: Notice | undefined;
  for (const n of notices) {
    if (n.year !== year || n.kind !== kind || !addressedTo(n, unit)) continue;
    if (!best || n.deadline > best.deadline || (n.deadline === best.deadline && n.issuedAt > best.issuedAt)) best = n;
  }
  return best;
}

/** Every form a unit owes in a year, each under its governing notice. */
export function yearItems(notices: readonly Notice[], year: number, unit: string, forms: readonly FormFact[], now: string): NoticeItem[] {
  const out: NoticeItem[] = [];
  for (const kind of FormKindSchema.options) {
    const n = governingNotice(notices, year, kind, unit);
    if (n) out.push(...unitItems(n, unit, forms, now));
  }
  return out;
}

export type StateCounts = Record<DeadlineState, number>;

export function countStates(items: readonly NoticeItem[]): StateCounts {
  const c: StateCounts = { onTime: 0, late: 0, due: 0, missing: 0 };
  for (const i of items) c[i.state]++;
  return c;
}

/** Open for a unit: its deadline is ahead, or some of its forms are still due or missing. */
export function isOpenFor(items: readonly NoticeItem[], notice: Notice, now: string): boolean {
  return now <= notice.deadline || items.some((i) => i.state === "due" || i.state === "missing");
}
