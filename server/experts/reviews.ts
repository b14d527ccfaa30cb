// Expert review as the server runs it (docs/experts.md): finance assigns an item to experts, each
// expert fills and submits a sheet, finance reads the panel and records its conclusion. Every
// step is audited. What an expert may read is decided here, in one place (`readable`).
import { randomBytes } from "node:crypto";
import type { AssignmentDetail, AssignmentView, ReviewItem, ReviewView } from "../../shared/api/experts.ts";
import { panelOf } from "../../shared/expert/panel.ts";
import {
  documentOf,
  isFormItem,
  itemKindTerms,
  roundOf,
  sheetFor,
  sheetProblems,
  sheetTotal,
  type Assignment,
  type AssignmentInput,
  type Expert,
  type Review,
  type SheetInput,
  type Verdict,
} from "../../shared/expert/review.ts";
import { resolvePolicy, type Policy } from "../../shared/policy.ts";
import type { Auth } from "../auth.ts";
import { DomainError, problems } from "../domain-error.ts";
import type { Store } from "../store/store.ts";

export interface ReviewContext {
  store: Store;
  now: () => Date;
}

const notFound = () => problems.notFound();

async function policyOf(ctx: ReviewContext): Promise<Policy> {
  return (await ctx.store.currentLibrary())?.library.policy ?? resolvePolicy();
}

/** The assignment if this caller may read it: the bureau's finance and the admin all, an expert those naming them; otherwise not found (an expert never learns what exists). */
export async function readable(ctx: ReviewContext, auth: Auth, id: string): Promise<Assignment> {
  const a = await ctx.store.experts.getAssignment(id);
  if (!a) throw notFound();
  if (auth.role === "expert") {
    if (!auth.expert || !a.experts.includes(auth.expert)) throw notFound();
  } else if (!((auth.role === "finance" || auth.role === "admin") && auth.scope === undefined)) {
    throw notFound();
  }
  return a;
}

async function audit(ctx: ReviewContext, actor: string, action: string, target: string, details: Record<string, unknown>): Promise<void> {
  await ctx.store.appendAudit({ at: ctx.now().toISOString(), actor, action, target, details });
}

export async function addExpert(ctx: ReviewContext, actor: string, expert: Expert): Promise<Expert> {
  if (!(await ctx.store.experts.addExpert(expert))) {
    throw new DomainError("expert_exists", `专家编号 ${expert.code} 已存在`, `An expert with code ${expert.code} exists`, { path: "code" });
  }
  await audit(ctx, actor, "expert.added", `expert/${expert.code}`, { name: expert.name, field: expert.field });
  return expert;
}

export async function assign(ctx: ReviewContext, actor: string, input: AssignmentInput & { due: string }): Promise<Assignment> {
  const missing: string[] = [];
  for (const code of input.experts) if (!(await ctx.store.experts.getExpert(code))) missing.push(code);
  if (missing.length > 0) {
    throw new DomainError("no_such_expert", `没有编号为 ${missing.join("、")} 的专家，请先由管理员添加`, `No expert with code ${missing.join(", ")}: the admin adds experts first`, { path: "experts", experts: missing });
  }
  if (isFormItem(input.kind)) {
    const sub = await ctx.store.getSubmission({ year: input.year, unit: input.unit, project: input.project, kind: input.kind });
    if (!sub) {
      throw new DomainError("no_such_form", `${input.unit} 的项目 ${input.project} 没有 ${input.year} 年的${itemKindTerms[input.kind].zh}`, `${input.unit} has no ${input.year} ${itemKindTerms[input.kind].en} for project ${input.project}`);
    }
  }
  const doc = documentOf(input.kind);
  if (doc) {
    const uploaded = (await ctx.store.documents.listDocuments(input)).some((v) => v.kind === doc);
    if (!uploaded) {
      throw new DomainError("no_such_document", `${input.unit} 的项目 ${input.project} 还没有上传${itemKindTerms[input.kind].zh}`, `${input.unit} has not uploaded the ${itemKindTerms[input.kind].en} of project ${input.project}`);
    }
  }
  if (input.kind === "report") {
    // round 2 follows round 1: the plan's panel concluded first (docs/experts.md, "Two rounds")
    const plans = (await ctx.store.experts.listAssignments({ year: input.year, unit: input.unit, project: input.project })).filter((a) => a.kind === "plan");
    if (!plans.some((p) => p.conclusion)) {
      throw new DomainError("plan_not_concluded", "评价报告评审（第二轮）须在评价方案评审（第一轮）形成结论之后", "The report's review (round 2) follows the plan's (round 1): record the plan panel's conclusion first");
    }
  }
  const policy = await policyOf(ctx);
  const a: Assignment = {
    id: `A${input.year}-${randomBytes(4).toString("hex")}`,
    year: input.year,
    unit: input.unit,
    project: input.project,
    kind: input.kind,
    round: roundOf(input.kind),
    experts: [...input.experts].sort(),
    due: input.due,
    sheet: sheetFor(policy.experts, input.kind),
    by: actor,
    at: ctx.now().toISOString(),
    version: 1,
  };
  if (!(await ctx.store.experts.createAssignment(a))) throw new Error("assignment id collision");
  await audit(ctx, actor, "review.assigned", a.id, { year: a.year, unit: a.unit, project: a.project, kind: a.kind, round: a.round, experts: a.experts, due: a.due });
  return a;
}

function reviewView(a: Assignment, r: Review, experts: readonly Expert[]): ReviewView {
  const v: ReviewView = { ...r, total: sheetTotal(a.sheet, r.scores) };
  const name = experts.find((e) => e.code === r.expert)?.name;
  if (name) v.expertName = name;
  return v;
}

export async function assignmentView(ctx: ReviewContext, a: Assignment, auth: Auth, reviews?: readonly Review[]): Promise<AssignmentView> {
  const all = reviews ?? (await ctx.store.experts.listReviews(a.id));
  const v: AssignmentView = { ...a, overdue: ctx.now().toISOString() > a.due && !a.conclusion, submitted: all.filter((r) => r.submittedAt).length };
  const [unit, sub] = await Promise.all([
    ctx.store.getUnit(a.unit),
    // the project's name, from any of its forms (a plan or report has none of its own)
    ctx.store.listSubmissions({ year: a.year, unit: a.unit, project: a.project }),
  ]);
  if (unit) v.unitName = unit.name;
  const projectName = sub.find((m) => m.projectName)?.projectName;
  if (projectName) v.projectName = projectName;
  if (auth.role === "expert") {
    const mine = all.find((r) => r.expert === auth.expert);
    v.mine = !mine ? "none" : mine.submittedAt ? "submitted" : "draft";
  }
  return v;
}

/** What GET /api/reviews/:id answers this caller: an expert sees others' sheets and the panel only once their own is submitted. */
export async function assignmentDetail(ctx: ReviewContext, auth: Auth, id: string): Promise<AssignmentDetail> {
  const a = await readable(ctx, auth, id);
  const [all, experts] = await Promise.all([ctx.store.experts.listReviews(a.id), ctx.store.experts.listExperts()]);
  const named = experts.filter((e) => a.experts.includes(e.code));
  const out: AssignmentDetail = { assignment: await assignmentView(ctx, a, auth, all), experts: named };
  const submitted = all.filter((r) => r.submittedAt);
  const rule = (await policyOf(ctx)).experts.outlier;
  const panel = () => panelOf(a.sheet.criteria, submitted, rule);
  if (auth.role === "expert") {
    const mine = all.find((r) => r.expert === auth.expert);
    if (mine) out.mine = reviewView(a, mine, named);
    if (mine?.submittedAt) {
      out.reviews = submitted.map((r) => reviewView(a, r, named));
      out.panel = panel();
    }
  } else {
    out.reviews = all.map((r) => reviewView(a, r, named));
    out.panel = panel();
  }
  return out;
}

function sheetError(found: readonly { path: string; message: string }[], submit: boolean): DomainError {
  const incomplete = submit && found.every((p) => p.path.startsWith("scores.") && p.message.includes("before submitting"));
  const [zh, en] = found[0]!.message.split(" / ");
  return incomplete
    ? new DomainError("review_incomplete", `评审表未填完：${zh}`, `The sheet is not complete: ${en ?? zh}`, found)
    : new DomainError("invalid_body", `评审表有误：${zh}`, `The sheet is not valid: ${en ?? zh}`, found);
}

function submittedAlready(at: string | undefined): DomainError {
  return new DomainError("review_submitted", "评审表已提交，不能再修改", "The sheet is submitted and can no longer change", { submittedAt: at });
}

/** Saves the expert's own sheet as a draft (`submit`: as final). A submitted sheet never changes. */
export async function saveSheet(ctx: ReviewContext, auth: Auth, id: string, input: SheetInput, submit: boolean): Promise<ReviewView> {
  if (auth.role !== "expert" || !auth.expert) throw problems.forbidden();
  const a = await readable(ctx, auth, id);
  const stored = await ctx.store.experts.getReview(a.id, auth.expert);
  if (stored?.submittedAt) throw submittedAlready(stored.submittedAt);
  const found = sheetProblems(a.sheet, a.kind, input, submit);
  if (found.length > 0) throw sheetError(found, submit);
  const at = ctx.now().toISOString();
  const review: Review = { ...input, assignment: a.id, expert: auth.expert, savedAt: at };
  if (submit) review.submittedAt = at;
  const written = await ctx.store.experts.saveReview(review);
  if (!written.ok) throw submittedAlready(written.current.submittedAt);
  if (submit) await audit(ctx, auth.actor, "review.submitted", a.id, { expert: auth.expert, total: sheetTotal(a.sheet, review.scores) });
  else await audit(ctx, auth.actor, "review.saved", a.id, { expert: auth.expert });
  const experts = await ctx.store.experts.listExperts();
  return reviewView(a, written.review, experts);
}

/** Records the panel's conclusion (once): at least one sheet submitted; the panel's figures go into the audit. */
export async function conclude(ctx: ReviewContext, auth: Auth, id: string, input: { verdict: Verdict; text: string }): Promise<Assignment> {
  const a = await readable(ctx, auth, id);
  if (a.conclusion) {
    throw new DomainError("stale_assignment", "该评审已有专家组结论", "The panel's conclusion is recorded already", { conclusion: a.conclusion });
  }
  const submitted = (await ctx.store.experts.listReviews(a.id)).filter((r) => r.submittedAt);
  if (submitted.length === 0) throw new DomainError("review_not_done", "还没有专家提交评审表，不能形成结论", "No expert has submitted a sheet yet: there is nothing to conclude");
  const panel = panelOf(a.sheet.criteria, submitted, (await policyOf(ctx)).experts.outlier);
  const written = await ctx.store.experts.concludeAssignment(a.id, { ...input, by: auth.actor, at: ctx.now().toISOString() }, a.version);
  if (!written.ok) throw new DomainError("stale_assignment", "该评审刚被他人修改，请刷新后再试", "Someone changed this review meanwhile: reload and try again");
  await audit(ctx, auth.actor, "review.concluded", a.id, {
    verdict: input.verdict,
    round: a.round,
    experts: panel.experts.map((e) => ({ expert: e.expert, total: e.total, outlier: e.outlier })),
    mean: panel.total.mean,
    spread: panel.total.spread,
  });
  return written.assignment;
}

/** The item under review, read-only: a form's latest revision, or the versions of the plan or report with where to download each. */
export async function reviewItem(ctx: ReviewContext, auth: Auth, id: string): Promise<ReviewItem> {
  const a = await readable(ctx, auth, id);
  const base = { kind: a.kind, year: a.year, unit: a.unit, project: a.project };
  const doc = documentOf(a.kind);
  if (doc) {
    const versions = (await ctx.store.documents.listDocuments(a)).filter((v) => v.kind === doc);
    return { ...base, documents: versions.map((v) => ({ ...v, href: `/api/documents/${v.year}/${encodeURIComponent(v.unit)}/${encodeURIComponent(v.project)}/${v.kind}/${v.version}` })) };
  }
  const sub = await ctx.store.getSubmission({ year: a.year, unit: a.unit, project: a.project, kind: a.kind as "target" | "selfEval" });
  if (!sub) throw notFound();
  return { ...base, revision: sub.revision, status: sub.status, form: sub.latest.form };
}
