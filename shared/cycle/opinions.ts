// Opinions on results (征求意见, docs/opinions.md): before a results notice or a key project's
// evaluation conclusion is final, finance sends the draft to the units it names with a deadline
// (a Beijing calendar day); each unit answers agree or disagree with its reasons and evidence;
// finance answers each objection — accepted (the draft changes) or not accepted (with the reason)
// — and then finalises. A unit silent at the deadline is recorded as agreeing, in those words
// (逾期未反馈，视为无异议). The steps are here, pure; the server stores each one with a version
// (compare-and-set) and writes it to the audit log.
//
//   open ──answer (unit, by the deadline)──▶ opinion ──reply (finance, an objection)──▶ handled
//   open ──finalise (finance: every unit answered, or the deadline passed; every objection handled)──▶ final
import { z } from "zod";
import { beijingDay } from "../beijing.ts";
import { BudgetYearSchema } from "../form.ts";
import { documentKinds, type DocumentKind } from "../documents.ts";
import { codesOf, ratings, ratingTerms, type Rating } from "../glossary.ts";
import { CodeSchema } from "../library.ts";
import { DeadlineSchema } from "./notice.ts";

/** Where a draft stands: open for opinions, or final. */
export const ConsultationStateSchema = z.enum(["open", "final"]);
export type ConsultationState = z.infer<typeof ConsultationStateSchema>;
export const OpinionActionSchema = z.enum(["send", "answer", "reply", "finalise"]);
export type OpinionAction = z.infer<typeof OpinionActionSchema>;

/** What a unit silent at the deadline is recorded as saying. */
export const SILENCE_ZH = "逾期未反馈，视为无异议";
export const SILENCE_EN = "No answer by the deadline: taken as no objection";

export const stanceTerms = { agree: { zh: "无异议", en: "agrees" }, disagree: { zh: "有异议", en: "objects" } } as const;
export const decisionTerms = { accepted: { zh: "采纳", en: "accepted" }, rejected: { zh: "不予采纳", en: "not accepted" } } as const;
export const subjectTerms = { results: { zh: "绩效评价结果通报", en: "results notice" }, conclusion: { zh: "评价结论", en: "evaluation conclusion" } } as const;
export const StanceSchema = z.enum(codesOf(stanceTerms));
export type Stance = z.infer<typeof StanceSchema>;
export const DecisionSchema = z.enum(codesOf(decisionTerms));
export type Decision = z.infer<typeof DecisionSchema>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const DraftSchema = z.object({
  /** The draft's wording: the notice's text, or the conclusion as the report states it. */
  text: Text(20_000),
  /** A conclusion's grade (优/良/中/差). */
  grade: z.enum(ratings).optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const SubjectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("results") }),
  z.object({ kind: z.literal("conclusion"), unit: CodeSchema, project: CodeSchema }),
]);
export type Subject = z.infer<typeof SubjectSchema>;

export const ConsultationInputSchema = z
  .object({
    year: BudgetYearSchema,
    subject: SubjectSchema,
    title: Text(200),
    draft: DraftSchema,
    /** The units asked (征求意见单位). */
    units: z.array(CodeSchema).min(1).max(1000),
    /** The last Beijing calendar day to answer (`YYYY-MM-DD`: to 24:00 Beijing time). */
    deadline: DeadlineSchema,
  })
  .superRefine((v, ctx) => {
    if (v.subject.kind === "conclusion" && v.draft.grade === undefined) {
      ctx.addIssue({ code: "custom", path: ["draft", "grade"], message: "an evaluation conclusion needs its grade: excellent, good, fair or poor (优/良/中/差)" });
    }
    if (new Set(v.units).size !== v.units.length) ctx.addIssue({ code: "custom", path: ["units"], message: "a unit is named twice" });
  });
export type ConsultationInput = z.input<typeof ConsultationInputSchema>;

export const AnswerSchema = z
  .object({
    stance: StanceSchema,
    /** Why (反馈意见及理由); required when the unit objects. */
    reasons: z.string().trim().max(20_000).default(""),
    /** The evidence as text: what it is and where (a document's number, a page). */
    evidence: z.string().trim().max(20_000).optional(),
    /** A document the unit uploaded to one of its projects of the draft's year (docs/documents.md), as evidence. */
    document: z.object({ project: CodeSchema, kind: z.enum(documentKinds), version: z.number().int().min(1) }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.stance === "disagree" && v.reasons === "") ctx.addIssue({ code: "custom", path: ["reasons"], message: "an objection needs its reasons (异议须说明理由)" });
  });
export type AnswerInput = z.input<typeof AnswerSchema>;

export const ReplySchema = z.object({
  /** Whose objection this answers. */
  unit: CodeSchema,
  decision: DecisionSchema,
  /** Accepted: what was changed; not accepted: why (不予采纳的理由). */
  reason: Text(5000),
  /** Accepted: the draft as changed (a conclusion's text or grade must change; a results notice may change in its data instead). */
  draft: z.object({ text: Text(20_000).optional(), grade: z.enum(ratings).optional() }).optional(),
});
export type ReplyInput = z.input<typeof ReplySchema>;

export const FinaliseSchema = z.object({ note: z.string().trim().max(5000).optional() });

export interface Handling {
  decision: Decision;
  reason: string;
  by: string;
  at: string;
  /** The draft version the acceptance made. */
  draft?: number;
}

/** An uploaded document given as evidence: the unit's own project of the draft's year. */
export interface EvidenceDocument {
  project: string;
  kind: DocumentKind;
  version: number;
  name: string;
}

export interface Opinion {
  unit: string;
  stance: Stance;
  reasons: string;
  evidence?: string;
  document?: EvidenceDocument;
  by: string;
  at: string;
  /** Recorded at finalising for a unit that did not answer by the deadline. */
  silent?: true;
  handling?: Handling;
}

export interface DraftVersion extends Draft {
  n: number;
  by: string;
  at: string;
  /** The unit whose objection, accepted, made this version. */
  because?: string;
}

export interface OpinionStep {
  action: OpinionAction;
  by: string;
  at: string;
  unit?: string;
  note?: string;
}

export interface Consultation {
  id: string;
  year: number;
  subject: { kind: "results" } | { kind: "conclusion"; unit: string; project: string; projectName?: string };
  title: string;
  /** Every version of the draft, the first as sent; the last is current. */
  drafts: DraftVersion[];
  units: string[];
  /** ISO instant: the end of the deadline's Beijing day. */
  deadline: string;
  state: ConsultationState;
  /** Bumped by every step: the store's compare-and-set. */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  opinions: Opinion[];
  history: OpinionStep[];
  finalisedAt?: string;
  finalisedBy?: string;
  note?: string;
}

/** Why a step cannot be taken: the error code and the message in both languages. */
export interface Refusal {
  code: "opinion_closed" | "already_answered" | "not_asked" | "no_objection" | "already_handled" | "draft_unchanged" | "opinions_pending" | "objections_unanswered";
  zh: string;
  en: string;
  details?: unknown;
}
export type Stepped = { ok: true; next: Consultation } | { ok: false; refusal: Refusal };

export function newConsultation(id: string, input: z.output<typeof ConsultationInputSchema>, by: string, at: string, projectName?: string): Consultation {
  const subject: Consultation["subject"] =
    input.subject.kind === "results" ? { kind: "results" } : { kind: "conclusion", unit: input.subject.unit, project: input.subject.project, ...(projectName ? { projectName } : {}) };
  const draft: DraftVersion = { n: 1, text: input.draft.text, by, at };
  if (input.draft.grade !== undefined) draft.grade = input.draft.grade;
  return {
    id,
    year: input.year,
    subject,
    title: input.title,
    drafts: [draft],
    units: [...input.units],
    deadline: input.deadline,
    state: "open",
    version: 1,
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    opinions: [],
    history: [{ action: "send", by, at }],
  };
}

export function currentDraft(c: Consultation): DraftVersion {
  return c.drafts[c.drafts.length - 1]!;
}

function bump(c: Consultation, at: string, step: OpinionStep): Consultation {
  return { ...c, version: c.version + 1, updatedAt: at, opinions: [...c.opinions], drafts: [...c.drafts], history: [...c.history, step] };
}

const no = (code: Refusal["code"], zh: string, en: string, details?: unknown): Stepped => ({ ok: false, refusal: { code, zh, en, ...(details !== undefined ? { details } : {}) } });

function closed(c: Consultation): Stepped | null {
  if (c.state === "final") return no("opinion_closed", "该征求意见已定稿，不能再反馈或处理", "The draft is final: nothing more can be answered or handled", { state: c.state });
  return null;
}

/** A named unit answers, by the deadline, once. */
export function answer(c: Consultation, unit: string, input: z.output<typeof AnswerSchema>, by: string, at: string, document?: EvidenceDocument): Stepped {
  const shut = closed(c);
  if (shut) return shut;
  if (!c.units.includes(unit)) return no("not_asked", "未向本单位征求该意见", "Your unit was not asked for its opinion on this draft");
  if (at > c.deadline) {
    return no("opinion_closed", `反馈截止时间已过（${deadlineDay(c.deadline)}），不能再反馈`, `The deadline (${deadlineDay(c.deadline)}, Beijing time) has passed: answers are closed`, { deadline: c.deadline });
  }
  if (c.opinions.some((o) => o.unit === unit)) return no("already_answered", "本单位已反馈意见", "Your unit has already answered");
  const next = bump(c, at, { action: "answer", by, at, unit });
  const o: Opinion = { unit, stance: input.stance, reasons: input.reasons, by, at };
  if (input.evidence) o.evidence = input.evidence;
  if (document) o.document = document;
  next.opinions.push(o);
  return { ok: true, next };
}

/** Finance answers one unit's objection: accepted (the draft changes) or not accepted (with the reason). */
export function reply(c: Consultation, input: z.output<typeof ReplySchema>, by: string, at: string): Stepped {
  const shut = closed(c);
  if (shut) return shut;
  const i = c.opinions.findIndex((o) => o.unit === input.unit);
  const o = c.opinions[i];
  if (!o || o.stance !== "disagree") return no("no_objection", `${input.unit} 没有提出异议，无需处理`, `${input.unit} raised no objection: there is nothing to answer`, { unit: input.unit });
  if (o.handling) return no("already_handled", `${input.unit} 的异议已处理（${decisionTerms[o.handling.decision].zh}）`, `${input.unit}'s objection was already answered (${o.handling.decision})`, { unit: input.unit });
  const next = bump(c, at, { action: "reply", by, at, unit: input.unit, note: input.decision });
  const handling: Handling = { decision: input.decision, reason: input.reason, by, at };
  if (input.decision === "accepted") {
    const cur = currentDraft(c);
    const text = input.draft?.text ?? cur.text;
    const grade = input.draft?.grade ?? cur.grade;
    const changed = text !== cur.text || grade !== cur.grade;
    if (!changed && c.subject.kind === "conclusion") {
      return no("draft_unchanged", "采纳异议须修改评价结论（结论文字或等级）", "Accepting an objection to a conclusion changes it: give the new text or grade", [{ path: "draft", message: "the same as the current draft" }]);
    }
    if (changed) {
      const v: DraftVersion = { n: cur.n + 1, text, by, at, because: input.unit };
      if (grade !== undefined) v.grade = grade;
      next.drafts.push(v);
      handling.draft = v.n;
    }
  }
  next.opinions[i] = { ...o, handling };
  return { ok: true, next };
}

/**
 * Finalises the draft. Refused while objections are unanswered, and before the deadline while
 * named units are silent (unless every unit answered). At finalising, each silent unit is
 * recorded as agreeing, in those words.
 */
export function finalise(c: Consultation, by: string, at: string, note?: string): Stepped {
  const shut = closed(c);
  if (shut) return shut;
  const silent = c.units.filter((u) => !c.opinions.some((o) => o.unit === u));
  if (silent.length > 0 && at <= c.deadline) {
    return no(
      "opinions_pending",
      `反馈截止时间（${deadlineDay(c.deadline)}）未到，以下单位尚未反馈：${silent.join("、")}；请待截止后或各单位均反馈后再定稿`,
      `The deadline (${deadlineDay(c.deadline)}, Beijing time) has not passed and these units have not answered: ${silent.join(", ")}. Finalise after the deadline or once every unit has answered`,
      { units: silent, deadline: c.deadline },
    );
  }
  const open = c.opinions.filter((o) => o.stance === "disagree" && !o.handling).map((o) => o.unit);
  if (open.length > 0) {
    return no("objections_unanswered", `以下单位的异议尚未处理：${open.join("、")}；请逐条答复（采纳或不予采纳）后再定稿`, `These units' objections are not answered yet: ${open.join(", ")}. Answer each (accepted or not) before finalising`, { units: open });
  }
  const next = bump(c, at, { action: "finalise", by, at, ...(note ? { note } : {}) });
  for (const unit of silent) next.opinions.push({ unit, stance: "agree", reasons: SILENCE_ZH, by, at, silent: true });
  next.opinions.sort((a, b) => c.units.indexOf(a.unit) - c.units.indexOf(b.unit));
  next.state = "final";
  next.finalisedAt = at;
  next.finalisedBy = by;
  if (note) next.note = note;
  return { ok: true, next };
}

/** The deadline as the Beijing calendar day it ends. */
export function deadlineDay(deadline: string): string {
  return beijingDay(Date.parse(deadline));
}

/** What one unit may see: only a draft sent to it, and only its own answer (`units` for an office: its tree). */
export function viewFor(c: Consultation, sees: (unit: string) => boolean): Consultation {
  return {
    ...c,
    // a version made on another unit's objection does not say whose it was
    drafts: c.drafts.map((d) => (d.because === undefined || sees(d.because) ? d : (({ because: _b, ...rest }) => rest)(d))),
    units: c.units.filter(sees),
    opinions: c.opinions.filter((o) => sees(o.unit)),
    history: c.history.filter((h) => h.unit === undefined || sees(h.unit)),
  };
}

export interface OpinionCounts {
  /** drafts sent (征求意见稿) */
  consultations: number;
  bySubject: Record<Subject["kind"], number>;
  final: number;
  /** units asked, counted once per draft */
  asked: number;
  /** answers received (not counting silence) */
  answered: number;
  agreed: number;
  objected: number;
  /** silent at the deadline, taken as agreeing */
  silent: number;
  accepted: number;
  rejected: number;
  /** objections not answered yet */
  pending: number;
}

/** The drafts as they stood at `at` (ISO; all of it when absent): later drafts, answers and steps are not counted. */
export function opinionCounts(list: readonly Consultation[], at?: string): OpinionCounts {
  const by = (x: string) => at === undefined || x <= at;
  const c: OpinionCounts = { consultations: 0, bySubject: { results: 0, conclusion: 0 }, final: 0, asked: 0, answered: 0, agreed: 0, objected: 0, silent: 0, accepted: 0, rejected: 0, pending: 0 };
  for (const x of list) {
    if (!by(x.createdAt)) continue;
    c.consultations++;
    c.bySubject[x.subject.kind]++;
    if (x.finalisedAt !== undefined && by(x.finalisedAt)) c.final++;
    c.asked += x.units.length;
    for (const o of x.opinions) {
      if (!by(o.at)) continue;
      if (o.silent) {
        c.silent++;
        continue;
      }
      c.answered++;
      if (o.stance === "agree") c.agreed++;
      else if (o.handling && by(o.handling.at)) c[o.handling.decision]++;
      else c.pending++;
      if (o.stance === "disagree") c.objected++;
    }
  }
  return c;
}

/** One line of the final notice's list of opinions: who, what they said, how it was handled. */
export interface OpinionLine {
  unit: string;
  stance: Stance;
  /** 无异议 / 有异议 / 逾期未反馈，视为无异议 */
  said: string;
  reasons: string;
  evidence?: string;
  /** 采纳 / 不予采纳, with the reason; "" for no objection */
  handled: string;
}

export function opinionLines(c: Consultation): OpinionLine[] {
  return c.opinions.map((o) => {
    const line: OpinionLine = {
      unit: o.unit,
      stance: o.stance,
      said: o.silent ? SILENCE_ZH : stanceTerms[o.stance].zh,
      reasons: o.silent ? "" : o.reasons,
      handled: o.handling ? `${decisionTerms[o.handling.decision].zh}：${o.handling.reason}` : "",
    };
    const evidence = [o.evidence, o.document ? `${o.document.name}（${o.document.project} 第${o.document.version}版）` : undefined].filter(Boolean).join("；");
    if (evidence) line.evidence = evidence;
    return line;
  });
}

export function gradeWord(g: Rating | undefined): string {
  return g ? ratingTerms[g].zh : "";
}
