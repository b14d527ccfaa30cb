// Problems handed on (问题移送, docs/opinions.md): finance records that a finding, a rectification
// item or an evaluation conclusion was handed to a supervision department. What it names must
// exist: the finding in one of the form's revisions (the rule at the row), the item, the draft of
// a conclusion. Recorded once, audited (`handover.record`), never changed.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { findingRow, type Handover, type HandoverInputSchema, type HandoverSubject } from "../../shared/cycle/handover.ts";
import { DomainError } from "../domain-error.ts";
import type { CycleContext } from "./facts.ts";

type Input = z.output<typeof HandoverInputSchema>;

/** The year, the unit and the subject as stored, from what the input names; throws when it names nothing. */
async function resolve(ctx: CycleContext, s: Input["subject"], mayTouch: (unit: string) => boolean): Promise<{ year: number; unit: string; subject: HandoverSubject }> {
  if (s.kind === "finding") {
    if (!mayTouch(s.unit)) throw new DomainError("forbidden", "无权处理该单位的问题", "You may not act on this unit's problems");
    const key = { year: s.year, unit: s.unit, project: s.project, kind: s.form };
    const sub = await ctx.store.getSubmission(key);
    if (!sub) throw new DomainError("no_such_form", "要移送问题的表单不存在", "There is no such form", key);
    const found = (await ctx.store.listRevisions(sub.key)).some((rev) => rev.issues.some((i) => i.rule === s.rule && (s.row === undefined || findingRow(i) === s.row)));
    if (!found) {
      const where = s.row !== undefined ? `第${s.row}行的 ` : "";
      throw new DomainError("no_such_finding", `表单的各版本中都没有${where}${s.rule} 问题`, `No revision of the form has a ${s.rule} finding${s.row !== undefined ? ` at row ${s.row}` : ""}`, [
        { path: s.row !== undefined ? "subject.row" : "subject.rule", message: "not found in the form's revisions" },
      ]);
    }
    const subject: HandoverSubject = { kind: "finding", project: s.project, form: s.form, rule: s.rule };
    if (s.row !== undefined) subject.row = s.row;
    return { year: s.year, unit: s.unit, subject };
  }
  if (s.kind === "rectification") {
    const r = await ctx.store.getRectification(s.id);
    // another unit's item answers as if it did not exist
    if (!r || !mayTouch(r.unit)) throw new DomainError("no_such_finding", `没有整改事项 ${s.id}`, `No rectification item ${s.id}`, [{ path: "subject.id", message: "no such item" }]);
    return { year: r.year, unit: r.unit, subject: { kind: "rectification", id: r.id, project: r.project, form: r.kind } };
  }
  const c = await ctx.store.opinions.get(s.id);
  if (!c || c.subject.kind !== "conclusion" || !mayTouch(c.subject.unit)) throw new DomainError("no_such_finding", `没有评价结论 ${s.id}`, `No evaluation conclusion ${s.id}`, [{ path: "subject.id", message: "no such conclusion" }]);
  return { year: c.year, unit: c.subject.unit, subject: { kind: "conclusion", id: c.id, project: c.subject.project } };
}

/** Records a problem handed on; `mayTouch` says whether the caller may act on the unit it names. */
export async function handOn(ctx: CycleContext, actor: string, input: Input, mayTouch: (unit: string) => boolean): Promise<Handover> {
  const { year, unit, subject } = await resolve(ctx, input.subject, mayTouch);
  const at = ctx.now().toISOString();
  const h: Handover = { id: `H${year}-${randomBytes(4).toString("hex")}`, year, unit, subject, department: input.department, date: input.date, reference: input.reference, summary: input.summary, by: actor, at };
  if (!(await ctx.store.handovers.add(h))) throw new DomainError("stale_opinion", "编号冲突，请重试", "The id is taken: try again");
  await ctx.store.appendAudit({ at, actor, action: "handover.record", target: h.id, details: { year, unit, subject, department: h.department, date: h.date, reference: h.reference } });
  return h;
}
