// Opinions on results (征求意见, docs/opinions.md): finance sends a draft (the year's results
// notice, or a key project's evaluation conclusion) to the units it names; units answer; finance
// answers each objection and finalises. The steps are pure (shared/cycle/opinions.ts); here each
// one is a compare-and-set on the draft's version and an audit entry
// (`opinion.send|answer|reply|finalise`).
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import {
  answer,
  deadlineDay,
  finalise,
  newConsultation,
  reply,
  type AnswerSchema,
  type Consultation,
  type EvidenceDocument,
  type OpinionAction,
  type ConsultationInputSchema,
  type ReplySchema,
  type Stepped,
} from "../../shared/cycle/opinions.ts";
import { DomainError, problems } from "../domain-error.ts";
import type { CycleContext } from "./facts.ts";

async function record(ctx: CycleContext, actor: string, c: Consultation, action: OpinionAction, extra: Record<string, unknown> = {}) {
  await ctx.store.appendAudit({
    at: c.updatedAt,
    actor,
    action: `opinion.${action}`,
    target: c.id,
    details: { year: c.year, subject: c.subject.kind, state: c.state, version: c.version, draft: c.drafts.length, ...extra },
  });
  const unit = typeof extra.unit === "string" ? extra.unit : undefined;
  ctx.bus?.publish({ type: "opinion.step", data: { id: c.id, year: c.year, units: c.units, action, state: c.state, ...(unit ? { unit } : {}), at: c.updatedAt } });
}

export async function sendDraft(ctx: CycleContext, actor: string, input: z.output<typeof ConsultationInputSchema>): Promise<Consultation> {
  const known = new Set((await ctx.store.listUnits()).map((u) => u.code));
  const unknown = input.units.filter((u) => !known.has(u));
  if (unknown.length > 0) {
    throw new DomainError("unknown_units", `没有这些单位：${unknown.join("、")}`, `No such units: ${unknown.join(", ")}`, unknown.map((u) => ({ path: "units", message: `no unit ${u}` })));
  }
  const at = ctx.now().toISOString();
  if (input.deadline < at) {
    throw new DomainError("invalid_body", `反馈截止日期 ${deadlineDay(input.deadline)} 已过，请给各单位留出反馈时间`, `The deadline ${deadlineDay(input.deadline)} has passed: give the units time to answer`, [
      { path: "deadline", message: "in the past" },
    ]);
  }
  let projectName: string | undefined;
  if (input.subject.kind === "conclusion") {
    const { unit, project } = input.subject;
    const key = (await ctx.store.listKeyProjects(input.year)).some((k) => k.unit === unit && k.project === project && k.key);
    if (!key) {
      throw new DomainError("not_key_project", `${unit} 的项目 ${project} 不是 ${input.year} 年的重点项目：请先标记为重点项目`, `${unit}'s project ${project} is not a key project of ${input.year}: mark it key first`, [
        { path: "subject.project", message: "not a key project" },
      ]);
    }
    const forms = await ctx.store.listSubmissions({ year: input.year, unit, project });
    projectName = forms.find((f) => f.projectName)?.projectName;
  }
  const c = newConsultation(`O${input.year}-${randomBytes(4).toString("hex")}`, input, actor, at, projectName);
  if (!(await ctx.store.opinions.create(c))) throw new DomainError("stale_opinion", "编号冲突，请重试", "The id is taken: try again");
  await record(ctx, actor, c, "send", { units: c.units, deadline: c.deadline, title: c.title });
  return c;
}

export type OpinionStep =
  | { action: "answer"; unit: string; input: z.output<typeof AnswerSchema> }
  | { action: "reply"; input: z.output<typeof ReplySchema> }
  | { action: "finalise"; note?: string | undefined };

/** One step on a draft; `sees` is who may touch it (another's answers as if it did not exist). */
export async function stepDraft(ctx: CycleContext, actor: string, id: string, step: OpinionStep, sees: (c: Consultation) => boolean): Promise<Consultation> {
  const current = await ctx.store.opinions.get(id);
  if (!current || !sees(current)) throw problems.notFound();
  const at = ctx.now().toISOString();
  let out: Stepped;
  if (step.action === "answer") {
    const doc = step.input.document;
    let evidence: EvidenceDocument | undefined;
    if (doc) {
      // the unit's own upload, to a project of the draft's year
      const found = await ctx.store.documents.readDocument({ year: current.year, unit: step.unit, project: doc.project, kind: doc.kind }, doc.version);
      if (!found) {
        throw new DomainError("no_such_document", `本单位 ${current.year} 年项目 ${doc.project} 没有第 ${doc.version} 版该文件`, `Your unit has no version ${doc.version} of that document for project ${doc.project} in ${current.year}`, [
          { path: "document", message: "no such uploaded document" },
        ]);
      }
      evidence = { project: doc.project, kind: doc.kind, version: doc.version, name: found.meta.name };
    }
    out = answer(current, step.unit, step.input, actor, at, evidence);
  } else out = step.action === "reply" ? reply(current, step.input, actor, at) : finalise(current, actor, at, step.note);
  if (!out.ok) throw new DomainError(out.refusal.code, out.refusal.zh, out.refusal.en, out.refusal.details);
  const written = await ctx.store.opinions.update(out.next, current.version);
  if (!written.ok) {
    throw new DomainError("stale_opinion", "该征求意见已被他人更新，请刷新后重试", "The draft was changed by someone else: reload and try again", { version: written.current?.version ?? null });
  }
  const c = written.item;
  if (step.action === "answer") {
    await record(ctx, actor, c, "answer", { unit: step.unit, stance: step.input.stance });
  } else if (step.action === "reply") {
    const o = c.opinions.find((x) => x.unit === step.input.unit);
    await record(ctx, actor, c, "reply", { unit: step.input.unit, decision: step.input.decision, reason: step.input.reason, ...(o?.handling?.draft ? { draftVersion: o.handling.draft } : {}) });
  } else {
    const silent = c.opinions.filter((o) => o.silent).map((o) => o.unit);
    await record(ctx, actor, c, "finalise", { silent, ...(silent.length > 0 ? { note: "逾期未反馈，视为无异议" } : {}) });
  }
  return c;
}
