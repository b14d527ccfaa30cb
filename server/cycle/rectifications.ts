// Rectification items: finance opens one on a saved form (or a finding in it); the unit answers;
// finance accepts or reopens. Each step is a compare-and-set on the item's version, goes to the
// audit log (`rectification.open|answer|accept|reopen`, with from and to) and to the event bus.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { allowedFrom, applyStep, newRectification, type RectAction, type Rectification, type RectOpenSchema, type StepInput } from "../../shared/cycle/rectification.ts";
import { DomainError, problems } from "../domain-error.ts";
import type { CycleContext } from "./facts.ts";

async function record(ctx: CycleContext, actor: string, r: Rectification, action: RectAction, from: string | null, extra: Record<string, unknown> = {}) {
  await ctx.store.appendAudit({
    at: r.updatedAt,
    actor,
    action: `rectification.${action}`,
    target: r.id,
    details: { year: r.year, unit: r.unit, project: r.project, kind: r.kind, from, to: r.state, version: r.version, deadline: r.deadline, ...extra },
  });
  ctx.bus?.publish({
    type: "rectification.state",
    data: { id: r.id, year: r.year, unit: r.unit, project: r.project, kind: r.kind, action, state: r.state, deadline: r.deadline, at: r.updatedAt },
  });
}

export async function openRectification(ctx: CycleContext, actor: string, input: z.output<typeof RectOpenSchema>): Promise<Rectification> {
  const sub = await ctx.store.getSubmission({ year: input.year, unit: input.unit, project: input.project, kind: input.kind });
  if (!sub) {
    throw new DomainError("no_such_form", "要整改的表单不存在", "There is no such form to rectify", {
      year: input.year,
      unit: input.unit,
      project: input.project,
      kind: input.kind,
    });
  }
  const rule = input.finding?.rule;
  if (rule !== undefined && !(await ctx.store.listRevisions(sub.key)).some((rev) => rev.issues.some((i) => i.rule === rule))) {
    throw new DomainError("no_such_finding", `表单的各版本中都没有 ${rule} 问题`, `No revision of the form has a ${rule} finding`, [
      { path: "finding.rule", message: `not found in the form's revisions` },
    ]);
  }
  const at = ctx.now().toISOString();
  const item = newRectification(`R${input.year}-${randomBytes(4).toString("hex")}`, input, actor, at);
  if (!(await ctx.store.createRectification(item))) throw new DomainError("rectification_exists", "整改编号冲突，请重试", "The item id is taken: try again");
  await record(ctx, actor, item, "open", null, { requirement: item.requirement, finding: item.finding ?? null });
  return item;
}

const stateZh = { open: "整改中", answered: "待审核", closed: "已办结" } as const;

export async function stepRectification(ctx: CycleContext, actor: string, id: string, step: StepInput, viewer: { unit?: string | undefined }): Promise<Rectification> {
  const current = await ctx.store.getRectification(id);
  // Another unit's item answers as if it did not exist.
  if (!current || (viewer.unit !== undefined && current.unit !== viewer.unit)) throw problems.notFound();
  const at = ctx.now().toISOString();
  const next = applyStep(current, step, actor, at);
  if (!next) {
    throw new DomainError(
      "invalid_transition",
      `整改事项当前为“${stateZh[current.state]}”，不能${step.action === "answer" ? "回复" : step.action === "accept" ? "验收办结" : "重新打开"}`,
      `The item is ${current.state}: it cannot be ${step.action === "answer" ? "answered" : step.action === "accept" ? "accepted" : "reopened"} (allowed from ${allowedFrom[step.action].join(", ")})`,
      { state: current.state, version: current.version },
    );
  }
  const result = await ctx.store.updateRectification(next, current.version);
  if (!result.ok) {
    throw new DomainError("stale_rectification", "整改事项已被他人更新，请刷新后重试", "The item was changed by someone else: reload and try again", {
      version: result.current?.version ?? null,
      state: result.current?.state ?? null,
    });
  }
  const extra: Record<string, unknown> = {};
  if (step.action === "answer") extra.answers = next.answers.length;
  if (step.action !== "answer" && step.comment) extra.comment = step.comment;
  await record(ctx, actor, result.item, step.action, current.state, extra);
  return result.item;
}
