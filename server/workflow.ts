// The submission workflow (docs/workflow.md): save a draft, submit, return, approve. Every save is checked
// again here with the current library and the forms only the server holds (X601, X602): what the
// client says it checked is never trusted. Every transition goes to the audit log and the event bus.
import type { AuditEvent } from "./store/audit-event.ts";
import { checkFormIn, type CheckResult } from "../shared/check.ts";
import { statusTerms } from "../shared/glossary.ts";
import { FormSchema, type Form, type TargetForm } from "../shared/form.ts";
import { hasErrors, type Issue } from "../shared/issue.ts";
import type { Library } from "../shared/library.ts";
import type { Policy } from "../shared/policy.ts";
import { indicatorSetFingerprint } from "../shared/rules/across-forms.ts";
import type { FingerprintedForm } from "../shared/rules/context.ts";
import { serverRulesIn } from "../shared/rules/validate.ts";
import { withIdentity } from "./form-identity.ts";
import { treasuryFacts } from "./treasury/facts.ts";
import { DomainError, problems } from "./domain-error.ts";
import { unitBytesRefusal } from "./unit-bytes.ts";
import type { ApprovedLockedDetails, FormHasErrorsDetails, StaleRevisionDetails } from "../shared/api/submissions.ts";
import type { Announcer } from "./announce.ts";
import { ByteLru } from "./store/byte-lru.ts";
import { keyString, type LibraryVersion, type SameSetForm, type SaveContext, type UnitUsage, type Saved, type CellComment, type AuditOf, type Transition, type LibraryStore, type Status, type Store, type Submission, type SubmissionKey } from "./store/store.ts";

export interface WorkflowContext {
  store: Store;
  bus: Announcer;
  now: () => Date;
}

/** Who acts, as the audit log names them (`unit:U01#ab12cd34`); the routes pass their caller. */
export interface Actor {
  actor: string;
  /** The token the request came with: a save checks it is still live in its one read (auth.ts, `checkedLater`). */
  tokenId?: string;
}

export async function currentLibrary(store: LibraryStore): Promise<Library> {
  return libraryOf(await store.currentLibrary());
}

function libraryOf(entry: LibraryVersion | undefined): Library {
  if (!entry) throw new DomainError("no_library", "尚未发布指标库", "No indicator library has been published yet");
  return entry.library;
}

// Stored forms are immutable objects (the store hands out the same object while it is cached), so
// their parse is remembered: X602 reads every form of the unit on each save.
const parsedForms = new WeakMap<object, Form | null>();
function parseStored(form: Record<string, unknown> | undefined): Form | undefined {
  if (!form) return undefined;
  let parsed = parsedForms.get(form);
  if (parsed === undefined) {
    const r = FormSchema.safeParse(form);
    parsed = r.success ? r.data : null;
    parsedForms.set(form, parsed);
  }
  return parsed ?? undefined;
}

/** checkForm, then the checks across forms when the form is readable. */
export async function checkWithServerForms(store: Store, library: Library, input: unknown): Promise<CheckResult> {
  return (await checkAcrossForms(store, library, input)).check;
}

/**
 * checkWithServerForms, with the form's indicator-set fingerprint (undefined when the form has none
 * or is unreadable) for the save to keep in the head: one save parses the form once, builds its rule
 * context once (the rules across forms read the one checkFormIn built) and takes its fingerprint once.
 * A save passes what it read already (`read`, for its key): used when the form is of that key.
 */
async function checkAcrossForms(store: Store, library: Library, input: unknown, read?: SaveContext & { key: SubmissionKey }): Promise<{ check: CheckResult; fingerprint: string | undefined }> {
  const { result, context } = checkFormIn(input, library);
  const form = result.form;
  if (!form || !context) return { check: result, fingerprint: undefined };
  const own = read && form.year === read.key.year && form.unit.code === read.key.unit && form.project.code === read.key.project && form.kind === read.key.kind ? read : undefined;
  let baseline: TargetForm | undefined;
  if (form.kind !== "target") {
    const target = own ? own.approvedTarget : await store.getSubmission({ year: form.year, unit: form.unit.code, project: form.project.code, kind: "target" });
    if (target?.status === "approved") {
      const parsed = parseStored(target.latest.form);
      if (parsed?.kind === "target") baseline = parsed;
    }
  }
  // X602 asks the store for the forms with the same indicator set only: the cost does not grow with the unit's forms.
  const others: FingerprintedForm[] = [];
  const mine = indicatorSetFingerprint(form);
  const same = mine === undefined ? [] : own?.sameSet?.fingerprint === mine ? own.sameSet.forms : await store.sameIndicatorSet(form.year, form.unit.code, form.kind, mine);
  // an indexed loop with no await in it (a form stored before fingerprints were kept is the rare
  // one that waits): a for-of holding an await allocated an iterator result per form, every save
  for (let i = 0; i < same.length; i++) {
    const m = same[i]!;
    if (m.key.project === form.project.code) continue;
    const fingerprint = m.fingerprint !== undefined ? m.fingerprint : await fingerprintOf(store, m);
    others.push({ year: m.key.year, unit: m.key.unit, project: m.key.project, projectName: m.projectName ?? m.key.project, fingerprint });
  }
  const treasury = own ? own.treasury : await treasuryFacts(store, form.year, form.unit.code, form.project.code);
  const across = serverRulesIn(context, { baseline, others, treasury, fingerprint: mine });
  return { check: { ...result, issues: [...result.issues, ...across] }, fingerprint: mine };
}

// Forms stored before fingerprints were kept (a data folder or database of the first layout) have
// none in their head: their fingerprint is taken from the form once and remembered by revision.
const legacyFingerprints = new ByteLru<string | null>(4 * 1024 * 1024);
async function fingerprintOf(store: Store, m: SameSetForm): Promise<string | undefined> {
  if (m.fingerprint !== undefined) return m.fingerprint;
  const id = `${keyString(m.key)}@${m.revision}`;
  const known = legacyFingerprints.get(id);
  if (known !== undefined) return known ?? undefined;
  const parsed = parseStored((await store.getSubmission(m.key))?.latest.form);
  const fp = parsed ? (indicatorSetFingerprint(parsed) ?? null) : null;
  legacyFingerprints.set(id, fp, id.length + 24);
  return fp ?? undefined;
}

/**
 * What the stored head keeps of a form: its rows (for the limit) and its indicator set's fingerprint
 * (for X602); `known` is the fingerprint a save already took of this form (checkAcrossForms).
 */
export function describeForm(form: Form | undefined, body: unknown, known?: { fingerprint: string | undefined }): { rows: number; fingerprint?: string } {
  if (form) {
    const fingerprint = known ? known.fingerprint : indicatorSetFingerprint(form);
    return fingerprint === undefined ? { rows: form.indicators.length } : { rows: form.indicators.length, fingerprint };
  }
  const rows = (body as { indicators?: unknown } | null)?.indicators;
  return { rows: Array.isArray(rows) ? rows.length : 0 };
}

function latest(s: Submission) {
  return s.latest;
}

function staleError(current: Submission): DomainError {
  const r = latest(current);
  return new DomainError(
    "stale_revision",
    `表单已被他人更新（当前版本 ${current.revision}），请先载入最新版本`,
    `The form was changed by someone else (now revision ${current.revision}): load the latest first`,
    { revision: current.revision, status: current.status, form: r.form, by: r.by, at: r.at } satisfies StaleRevisionDetails,
  );
}

/** The stored form a transition acts on, as the caller last saw it: refused when absent or when it has moved on (If-Match). */
function asSeen(existing: Submission | undefined, basedOn: number | undefined): Submission {
  if (!existing) throw notFound();
  if (basedOn !== undefined && basedOn !== existing.revision) throw staleError(existing);
  return existing;
}

async function storedAt(ctx: WorkflowContext, key: SubmissionKey, basedOn: number | undefined): Promise<Submission> {
  return asSeen(await ctx.store.getSubmission(key), basedOn);
}

function approvedError(current: Submission): DomainError {
  return new DomainError(
    "approved_locked",
    "表单已审核通过并锁定，不能再修改；如确需调整，请财政局撤销审核后再改",
    "The form has been approved and is locked: if it must change, finance can withdraw the approval",
    { revision: current.revision, status: current.status, statusAt: current.statusAt } satisfies ApprovedLockedDetails,
  );
}

function notFound(): DomainError {
  return problems.notFound();
}

/** The audit event of a status change; written by the store with the change itself. */
function statusEvent(auth: Actor, s: Pick<Submission, "key" | "status" | "revision" | "statusAt">, from: Status | null, extra?: Record<string, unknown>): AuditEvent {
  return {
    at: s.statusAt,
    actor: auth.actor,
    action: `submission.${s.status}`,
    target: keyString(s.key),
    details: { from, to: s.status, revision: s.revision, ...extra },
  };
}

/**
 * Moves the form on from the revision `existing` is at, if its status is still one of `from`; the
 * store writes `audit` with the change. Changed by someone in between: `lost` may name why, else
 * it is stale. The new status is announced.
 */
async function move(
  ctx: WorkflowContext,
  existing: Submission,
  from: Status[],
  change: Transition,
  audit: AuditOf,
  lost: (current: Submission) => DomainError | undefined = () => undefined,
): Promise<Submission> {
  const result = await ctx.store.transition(existing.key, { revision: existing.revision, statusIn: from }, change, audit);
  if (!result.ok) throw result.current ? (lost(result.current) ?? staleError(result.current)) : notFound();
  announceStatus(ctx, result.submission);
  return result.submission;
}

function announceStatus(ctx: WorkflowContext, s: Submission) {
  ctx.bus.publish({
    type: "submission.status",
    data: { ...s.key, status: s.status, revision: s.revision, at: s.statusAt },
  });
}

export interface SaveResult {
  created: boolean;
  submission: Submission;
  check: CheckResult;
  /** `JSON.stringify(check.issues)`, made once for the stored record and the save's answer. */
  issuesJson: string;
}

/** A form as stored: `project.key` is finance's mark (POST /api/projects/…/key), never the unit's word. */
function withoutClientFlags(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const project = (body as Record<string, unknown>).project;
  if (project === null || typeof project !== "object" || Array.isArray(project) || !("key" in project)) return body;
  const { key: _key, ...rest } = project as Record<string, unknown>;
  return { ...body, project: rest };
}

/**
 * The limits of the policy a save must keep (policy.limits): checked before the rules run, so an
 * oversized form costs no checking. Each refusal names its limit, in both languages.
 */
function checkLimits(usage: UnitUsage, limits: Policy["limits"], key: SubmissionKey, body: unknown, creating: boolean): void {
  const rows = (body as { indicators?: unknown } | null)?.indicators;
  const count = Array.isArray(rows) ? rows.length : 0;
  if (count > limits.rowsPerForm) {
    throw new DomainError(
      "limit_rows_per_form",
      `表单有 ${count} 行指标，超过每张表 ${limits.rowsPerForm} 行的上限（policy.limits.rowsPerForm），请拆分或精简后再保存`,
      `The form has ${count} indicator rows, over the limit of ${limits.rowsPerForm} per form (policy.limits.rowsPerForm): split or trim it`,
      [{ path: "indicators", message: `at most ${limits.rowsPerForm} rows` }],
    );
  }
  if (creating) {
    const thisYear = usage.forms;
    if (thisYear >= limits.formsPerUnitYear) {
      throw new DomainError(
        "limit_forms_per_unit_year",
        `单位 ${key.unit} 在 ${key.year} 年已有 ${thisYear} 张表，达到上限 ${limits.formsPerUnitYear}（policy.limits.formsPerUnitYear），请联系财政部门`,
        `Unit ${key.unit} already has ${thisYear} forms for ${key.year}, the limit (policy.limits.formsPerUnitYear = ${limits.formsPerUnitYear}): ask the finance bureau`,
      );
    }
  }
  const refusal = unitBytesRefusal(key.unit, usage.bytes, limits.bytesPerUnit);
  if (refusal) throw refusal;
}

/** PUT: a new revision as a draft. `basedOn` is the If-Match revision (undefined: none given). */
export async function saveDraft(ctx: WorkflowContext, auth: Actor, key: SubmissionKey, input: unknown, basedOn: number | undefined, attempt = 0): Promise<SaveResult> {
  // Everything the save decides on is read at once (Store.saveContext in server/store/store.ts): on PostgreSQL one round trip.
  const read = await ctx.store.saveContext(key, auth.tokenId === undefined ? {} : { tokenId: auth.tokenId });
  // a token revoked since the request's token was taken from memory (or since it was checked) saves nothing
  if (read.tokenLive === false) throw problems.unauthorized();
  // what a county layout lacks (unit code, project code, field, …) comes from where the form is saved
  const body = withIdentity(read, key, withoutClientFlags(input));
  const existing = read.existing;
  if (existing && basedOn === undefined) {
    throw new DomainError(
      "if_match_required",
      `表单已存在（版本 ${existing.revision}），保存时须带 If-Match 指明所基于的版本`,
      `The form exists (revision ${existing.revision}): send If-Match with the revision your changes are based on`,
      { revision: existing.revision },
    );
  }
  if (existing?.status === "approved") throw approvedError(existing);
  if (existing?.status === "submitted") throw submittedError(existing);
  if (existing && existing.revision !== basedOn) throw staleError(existing);
  if (!existing && basedOn !== undefined) {
    throw new DomainError("stale_revision", "表单不存在，不能基于已有版本保存", "The form does not exist: save it without If-Match", {
      revision: null,
    });
  }
  const library = libraryOf(read.library);
  const limits = library.policy.limits;
  checkLimits(read.usage, limits, key, body, !existing);
  const { check, fingerprint } = await checkAcrossForms(ctx.store, library, body, { ...read, key });
  const at = ctx.now().toISOString();
  // serialised once, for the record and the answer (issues-json.ts)
  const issuesJson = JSON.stringify(check.issues);
  const revision = {
    form: (check.form ?? body) as Record<string, unknown>,
    by: auth.actor,
    at,
    libraryVersion: library.version,
    issues: check.issues,
    issuesJson,
    ...(check.score ? { score: check.score } : {}),
    ...(check.lights ? { lights: check.lights } : {}),
    ...describeForm(check.form, body, { fingerprint }),
  };
  // The status read above must still hold, so the change is logged from the status the form really
  // left: when a submit or a return lands between the read and the write, the save starts again.
  // A submitted form is never changed by a save (issue 17): the unit recalls it first (recall below).
  const statusIn = existing ? [existing.status] : (["draft", "returned"] as const);
  // The save and its audit events are written together (docs/storage.md): no revision is ever unaudited.
  const audit = (s: Saved): AuditEvent[] => {
    const events: AuditEvent[] = [saveEvent(at, auth.actor, key, s, library.version)];
    // a status change by a save happens at the save's time
    if (s.from !== s.status) events.push(statusEvent(auth, { key, status: s.status, revision: s.revision, statusAt: s.at }, s.from));
    return events;
  };
  const result = await ctx.store.saveRevision(key, { revision: basedOn ?? null, statusIn }, revision, "draft", { keepRevisions: limits.revisionsKept, audit });
  if (!result.ok) {
    if (attempt < 2 && existing && result.current?.revision === existing.revision) return saveDraft(ctx, auth, key, body, basedOn, attempt + 1);
    if (result.current?.status === "approved") throw approvedError(result.current);
    if (result.current?.status === "submitted") throw submittedError(result.current);
    if (result.current) throw staleError(result.current);
    throw new DomainError("stale_revision", "表单已被删除或尚未创建", "The form is gone or was never created", { revision: null });
  }
  const s = result.submission;
  if ((existing?.status ?? null) !== s.status) announceStatus(ctx, s);
  return { created: !existing, submission: s, check, issuesJson };
}

/** The audit event of a save, written with its revision (docs/storage.md); bench/server.ts's store's write writes it too. */
export function saveEvent(at: string, actor: string, key: SubmissionKey, s: Saved, libraryVersion: number): AuditEvent {
  return { at, actor, action: "submission.save", target: keyString(key), details: { revision: s.revision, counts: s.counts, libraryVersion } };
}

export async function submit(ctx: WorkflowContext, auth: Actor, key: SubmissionKey, basedOn: number | undefined): Promise<Submission> {
  // the stored form is checked again as a save checks it, from the same one read (Store.saveContext in server/store/store.ts)
  const read = await ctx.store.saveContext(key);
  const existing = asSeen(read.existing, basedOn);
  if (existing.status === "submitted") throw new DomainError("already_submitted", "表单已报送，等待财政审核", "The form is already submitted and awaits review");
  if (existing.status === "approved") throw approvedError(existing);
  const library = libraryOf(read.library);
  const { check } = await checkAcrossForms(ctx.store, library, latest(existing).form, { ...read, key });
  if (hasErrors(check.issues)) {
    throw new DomainError("form_has_errors", "表单有错误，不能报送", "The form has errors and cannot be submitted", {
      revision: existing.revision,
      libraryVersion: library.version,
      issues: check.issues,
    } satisfies FormHasErrorsDetails);
  }
  return move(ctx, existing, ["draft", "returned"], { to: "submitted", at: ctx.now().toISOString() }, (s, from) => [statusEvent(auth, s, from)]);
}

export async function returnForm(
  ctx: WorkflowContext,
  auth: Actor,
  key: SubmissionKey,
  body: { comment: string; cells?: CellComment[] | undefined },
  basedOn: number | undefined,
): Promise<Submission> {
  const existing = await storedAt(ctx, key, basedOn);
  if (existing.status !== "submitted") throw notSubmitted(existing);
  const at = ctx.now().toISOString();
  const returned = { comment: body.comment, cells: body.cells ?? [], by: auth.actor, at, revision: existing.revision };
  return move(ctx, existing, ["submitted"], { to: "returned", at, returned }, (s, from) => [statusEvent(auth, s, from, { comment: body.comment, cells: returned.cells.length })]);
}

export async function approve(ctx: WorkflowContext, auth: Actor, key: SubmissionKey, basedOn: number | undefined): Promise<Submission> {
  const existing = await storedAt(ctx, key, basedOn);
  if (existing.status !== "submitted") throw notSubmitted(existing);
  return move(ctx, existing, ["submitted"], { to: "approved", at: ctx.now().toISOString() }, (s, from) => [statusEvent(auth, s, from)]);
}

function notSubmitted(s: Submission): DomainError {
  return new DomainError(
    "not_submitted",
    `只有已报送的表单才能退回或审核通过（当前状态：${statusTerms[s.status].zh}）`,
    `Only a submitted form can be returned or approved (it is ${statusTerms[s.status].en})`,
    { status: s.status, revision: s.revision },
  );
}

function submittedError(current: Submission): DomainError {
  return new DomainError(
    "already_submitted",
    "表单已报送，等待财政审核：如需修改，请先撤回（财政审核前可撤回），撤回后再保存",
    "The form is submitted and awaits review: to change it, recall it first (possible until finance acts), then save",
    { revision: current.revision, status: current.status },
  );
}

/**
 * 撤回: the unit takes back a form it submitted, before finance has acted on it, to change it; the
 * form is a draft again. Only this makes a submitted form editable (a save never does), and it is
 * audited as `submission.draft` from `submitted` with `recalled: true`.
 */
export async function recall(ctx: WorkflowContext, auth: Actor, key: SubmissionKey, basedOn: number | undefined): Promise<Submission> {
  const existing = await storedAt(ctx, key, basedOn);
  if (existing.status !== "submitted") {
    throw new DomainError(
      "not_submitted",
      `只有已报送、财政尚未处理的表单才能撤回（当前状态：${statusTerms[existing.status].zh}）`,
      `Only a submitted form finance has not acted on can be recalled (it is ${statusTerms[existing.status].en})`,
      { status: existing.status, revision: existing.revision },
    );
  }
  return move(
    ctx,
    existing,
    ["submitted"],
    { to: "draft", at: ctx.now().toISOString() },
    (s) => [statusEvent(auth, s, "submitted", { recalled: true })],
    // finance returned or approved it in the meantime: it is theirs now
    (current) => (current.status === "approved" ? approvedError(current) : undefined),
  );
}

/**
 * 撤销审核: finance takes back an approval, with a reason, and the form is submitted again (to be
 * returned or approved anew). Audited as `submission.approval_withdrawn`, not as a submission: a
 * notice's first-submitted time (cycle/facts.ts) must not move.
 */
export async function withdrawApproval(ctx: WorkflowContext, auth: Actor, key: SubmissionKey, reason: string, basedOn: number | undefined): Promise<Submission> {
  const existing = await storedAt(ctx, key, basedOn);
  if (existing.status !== "approved") {
    throw new DomainError(
      "not_approved",
      `只有已审核的表单才能撤销审核（当前状态：${statusTerms[existing.status].zh}）`,
      `Only an approved form's approval can be withdrawn (it is ${statusTerms[existing.status].en})`,
      { status: existing.status, revision: existing.revision },
    );
  }
  return move(ctx, existing, ["approved"], { to: "submitted", at: ctx.now().toISOString() }, (s) => [
    {
      at: s.statusAt,
      actor: auth.actor,
      action: "submission.approval_withdrawn",
      target: keyString(s.key),
      details: { from: "approved", to: s.status, revision: s.revision, reason },
    },
  ]);
}
