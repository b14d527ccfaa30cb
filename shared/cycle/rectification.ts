// Rectification (整改): finance opens an item on a unit's form or on one finding in it, with a
// requirement and a deadline; the unit answers with the measures taken and evidence; finance
// accepts it (closed) or reopens it. The state machine is here, pure; the server stores each
// step with a version (compare-and-set) and writes it to the audit log.
//
//   open ──answer──▶ answered ──accept──▶ closed
//     ▲   (unit)     │  ▲ answer again        │
//     └──reopen──────┘  (before review)       │
//     └──reopen (finance) ────────────────────┘
import { z } from "zod";
import { FormKindSchema, projectOfYearFields } from "../form.ts";
import { DeadlineSchema, type FormKind } from "./notice.ts";

export const RectStateSchema = z.enum(["open", "answered", "closed"]);
export type RectState = z.infer<typeof RectStateSchema>;
export const RectActionSchema = z.enum(["open", "answer", "accept", "reopen"]);
export type RectAction = z.infer<typeof RectActionSchema>;

export const RectOpenSchema = z.object({
  ...projectOfYearFields,
  kind: FormKindSchema,
  /** A finding in the form (a rule's issue at a cell), or finance's own finding as text; absent: the form as a whole. */
  finding: z
    .object({
      rule: z.string().regex(/^[A-Z]\d{3}$/, "a rule id such as R101").optional(),
      cell: z.string().max(200).optional(),
      text: z.string().trim().max(5000).optional(),
    })
    .optional(),
  requirement: z.string().trim().min(1).max(5000),
  deadline: DeadlineSchema,
});
export type RectOpenInput = z.input<typeof RectOpenSchema>;

export const RectAnswerSchema = z.object({
  measures: z.string().trim().min(1).max(20_000),
  evidence: z.string().trim().min(1).max(20_000),
});

export const RectAcceptSchema = z.object({ comment: z.string().trim().max(5000).optional() });

export const RectReopenSchema = z.object({
  comment: z.string().trim().min(1).max(5000),
  /** A new deadline; the old one stays when absent. */
  deadline: DeadlineSchema.optional(),
});

export interface RectAnswer {
  measures: string;
  evidence: string;
  by: string;
  at: string;
}

export interface RectStep {
  action: RectAction;
  from: RectState | null;
  to: RectState;
  by: string;
  at: string;
  comment?: string;
  deadline?: string;
}

export interface Rectification {
  id: string;
  year: number;
  unit: string;
  project: string;
  kind: FormKind;
  finding?: { rule?: string; cell?: string; text?: string };
  requirement: string;
  /** ISO instant */
  deadline: string;
  state: RectState;
  /** Bumped by every step: the store's compare-and-set. */
  version: number;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  answers: RectAnswer[];
  history: RectStep[];
  closedAt?: string;
  closedBy?: string;
}

export const allowedFrom: Record<Exclude<RectAction, "open">, readonly RectState[]> = {
  answer: ["open", "answered"],
  accept: ["answered"],
  reopen: ["answered", "closed"],
};

export function newRectification(id: string, input: z.output<typeof RectOpenSchema>, by: string, at: string): Rectification {
  const r: Rectification = {
    id,
    year: input.year,
    unit: input.unit,
    project: input.project,
    kind: input.kind,
    requirement: input.requirement,
    deadline: input.deadline,
    state: "open",
    version: 1,
    openedBy: by,
    openedAt: at,
    updatedAt: at,
    answers: [],
    history: [{ action: "open", from: null, to: "open", by, at, deadline: input.deadline }],
  };
  if (input.finding && (input.finding.rule || input.finding.cell || input.finding.text)) r.finding = clean(input.finding);
  return r;
}

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}

export type StepInput =
  | { action: "answer"; measures: string; evidence: string }
  | { action: "accept"; comment?: string | undefined }
  | { action: "reopen"; comment: string; deadline?: string | undefined };

/** The item after a step, or null when the step is not allowed from its state. */
export function applyStep(r: Rectification, step: StepInput, by: string, at: string): Rectification | null {
  if (!allowedFrom[step.action].includes(r.state)) return null;
  const next: Rectification = { ...r, version: r.version + 1, updatedAt: at, answers: [...r.answers], history: [...r.history] };
  const h: RectStep = { action: step.action, from: r.state, to: r.state, by, at };
  if (step.action === "answer") {
    next.answers.push({ measures: step.measures, evidence: step.evidence, by, at });
    next.state = "answered";
  } else if (step.action === "accept") {
    next.state = "closed";
    next.closedAt = at;
    next.closedBy = by;
    if (step.comment) h.comment = step.comment;
  } else {
    next.state = "open";
    delete next.closedAt;
    delete next.closedBy;
    h.comment = step.comment;
    if (step.deadline) {
      next.deadline = step.deadline;
      h.deadline = step.deadline;
    }
  }
  h.to = next.state;
  next.history.push(h);
  return next;
}

export function isOverdue(r: Rectification, now: string): boolean {
  return r.state !== "closed" && now > r.deadline;
}

/**
 * Closed on time: accepted, and the answer finance accepted was given by the deadline (finance's
 * own time to review does not count against the unit).
 */
export function closedOnTime(r: Rectification): boolean {
  if (r.state !== "closed") return false;
  const last = r.answers[r.answers.length - 1];
  return last !== undefined && last.at <= r.deadline;
}

export interface RectCounts {
  /** not closed (open or answered, awaiting finance) */
  open: number;
  /** not closed and past the deadline */
  overdue: number;
  closed: number;
  closedOnTime: number;
}

export function rectCounts(items: readonly Rectification[], now: string): RectCounts {
  const c: RectCounts = { open: 0, overdue: 0, closed: 0, closedOnTime: 0 };
  for (const r of items) {
    if (r.state === "closed") {
      c.closed++;
      if (closedOnTime(r)) c.closedOnTime++;
    } else {
      c.open++;
      if (isOverdue(r, now)) c.overdue++;
    }
  }
  return c;
}
