// /api/submissions: list, read, save (If-Match), revisions (each with its status) and one revision's form, submit, recall (撤回, the unit's, before finance acts), return, approve, withdraw an approval (撤销审核, with a reason).
import { Hono, type Context } from "hono";
import { z } from "zod";
import { FormSchema } from "../../shared/form.ts";
import { kindTerms } from "../../shared/glossary.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { renderWorkbook } from "../xlsx/render.ts";
import { attachment, XLSX_TYPE } from "./download.ts";
import {
  ReturnBodySchema,
  SaveBodySchema,
  SubmissionListQuerySchema,
  WithdrawBodySchema,
  type RevisionDetail,
  type RevisionListSchema,
  type SaveResult,
  type SubmissionDetail,
  type SubmissionListItem,
  type SubmissionListSchema,
  type SubmissionSummary,
} from "../../shared/api/submissions.ts";
import { canSeeUnit, requireRole, type AppEnv, type Auth } from "../auth.ts";
import { ApiError, errors } from "../errors.ts";
import { keyString, type AuditStore, type Status, type Submission, type SubmissionKey } from "../store/store.ts";
import { approve, currentLibrary, recall, returnForm, saveDraft, submit, withdrawApproval } from "../workflow.ts";
import { jsonBody, paramsOf, queryOf, SubmissionParams } from "../validation.ts";
import { withIssuesJson } from "../issues-json.ts";
import type { RouteContext } from "./context.ts";

type SubmissionList = z.infer<typeof SubmissionListSchema>;
type RevisionList = z.infer<typeof RevisionListSchema>;

const JSON_TYPE = { "Content-Type": "application/json" };

/** The path a save is PUT to (PUT /api/submissions/:year/:unit/:project/:kind). */
export const SAVE_PATH = /^\/api\/submissions\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/?$/;

const RevisionParams = SubmissionParams.extend({ n: z.string().regex(/^\d{1,9}$/, "a revision number").transform(Number) });

/** `If-Match: "3"` (or `3`, `W/"3"`) → 3; absent → undefined. */
export function ifMatchRevision(c: Context): number | undefined {
  const h = c.req.header("if-match");
  if (h === undefined || h.trim() === "") return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
  if (!m) {
    throw new ApiError("invalid_if_match", "If-Match 须为表单的版本号，例如 \"3\"", 'If-Match must be the form\'s revision, e.g. "3"', [
      { path: "If-Match", message: "a revision number" },
    ]);
  }
  return Number(m[1]);
}

function keyOf(c: Context, auth: Auth): SubmissionKey {
  const p = paramsOf(c, SubmissionParams);
  // Another unit's forms are refused before anything is looked up, so the answer never depends on whether they exist.
  if (!canSeeUnit(auth, p.unit)) throw errors.forbidden();
  return p;
}

/** A form's summary as the routes answer it (a save's answer starts with it; bench/server.ts's store's write answers with it too). */
export function summary(s: Submission): SubmissionSummary {
  const r = s.latest;
  return {
    ...s.key,
    status: s.status,
    revision: s.revision,
    updatedAt: s.updatedAt,
    statusAt: s.statusAt,
    libraryVersion: r?.libraryVersion,
    counts: r?.counts,
  };
}

/** The status each revision last had, from the audit log's status changes (the current one: the submission's own). */
async function revisionStatuses(store: AuditStore, s: Submission): Promise<Map<number, Status>> {
  const target = keyString(s.key);
  const out = new Map<number, Status>();
  for (const e of await store.findAudit({ targetPrefix: target })) {
    if (e.target !== target || !e.action.startsWith("submission.")) continue;
    const to = e.details?.to;
    const rev = e.details?.revision;
    if (typeof rev === "number" && (to === "draft" || to === "submitted" || to === "returned" || to === "approved")) out.set(rev, to);
  }
  out.set(s.revision, s.status);
  return out;
}

export function submissionRoutes(ctx: Pick<RouteContext, "store" | "bus" | "now">) {
  const { store } = ctx;
  const owner = requireRole("unit");
  const finance = requireRole("finance");
  /** A move on one form: who asks, the form's key and the revision it is based on (If-Match, read before any body), answered with the form's summary. */
  const move =
    (step: (auth: Auth, key: SubmissionKey, basedOn: number | undefined, c: Context<AppEnv>) => Promise<Submission>) =>
    async (c: Context<AppEnv>) => {
      const auth = c.get("auth");
      return c.json(summary(await step(auth, keyOf(c, auth), ifMatchRevision(c), c)));
    };
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const auth = c.get("auth");
      const q = queryOf(c, SubmissionListQuerySchema);
      if (auth.role === "unit") {
        if (q.unit !== undefined && q.unit !== auth.unit) return c.json({ submissions: [] } satisfies SubmissionList);
        q.unit = auth.unit;
      }
      const marks = new Set((await store.listKeyProjects(q.year)).filter((m) => m.key).map((m) => `${m.year}/${m.unit}/${m.project}`));
      const list = (await store.listSubmissions(q)).filter((m) => canSeeUnit(auth, m.key.unit)).map((m): SubmissionListItem => ({
        ...m.key,
        status: m.status,
        revision: m.revision,
        updatedAt: m.updatedAt,
        statusAt: m.statusAt,
        counts: m.counts,
        libraryVersion: m.libraryVersion,
        projectName: m.projectName,
        unitName: m.unitName,
        keyProject: marks.has(`${m.key.year}/${m.key.unit}/${m.key.project}`),
      }));
      return c.json({ submissions: list } satisfies SubmissionList);
    })
    .get("/:year/:unit/:project/:kind", async (c) => {
      const key = keyOf(c, c.get("auth"));
      const s = await store.getSubmission(key);
      if (!s) throw errors.notFound();
      const r = s.latest;
      const keyProject = (await store.listKeyProjects(key.year)).some((m) => m.unit === key.unit && m.project === key.project && m.key);
      c.header("ETag", `"${s.revision}"`);
      return c.json({
        ...summary(s),
        form: r.form,
        by: r.by,
        at: r.at,
        issues: r.issues,
        ...(r.score ? { score: r.score } : {}),
        ...(r.lights ? { lights: r.lights } : {}),
        comments: s.returned ? { comment: s.returned.comment, cells: s.returned.cells, by: s.returned.by, at: s.returned.at, revision: s.returned.revision } : null,
        keyProject,
      } satisfies SubmissionDetail);
    })
    .put("/:year/:unit/:project/:kind", owner, async (c) => {
      const auth = c.get("auth");
      const key = keyOf(c, auth);
      const basedOn = ifMatchRevision(c);
      const body = await jsonBody(c, SaveBodySchema);
      const mismatch: { path: string; message: string }[] = [];
      // what the form leaves out is the path's (saveDraft fills it in); what it gives must agree
      const given = (v: unknown) => v !== undefined && v !== null && v !== "";
      if (given(body.year) && body.year !== key.year) mismatch.push({ path: "year", message: `must be ${key.year} as in the URL` });
      if (given(body.kind) && body.kind !== key.kind) mismatch.push({ path: "kind", message: `must be ${key.kind} as in the URL` });
      if (given(body.unit?.code) && body.unit?.code !== key.unit) mismatch.push({ path: "unit.code", message: `must be ${key.unit} as in the URL` });
      if (given(body.project?.code) && body.project?.code !== key.project) mismatch.push({ path: "project.code", message: `must be ${key.project} as in the URL` });
      if (mismatch.length > 0) {
        throw new ApiError("identity_mismatch", "表单的年度、单位、项目或类型与地址不一致", "The form's year, unit, project or kind differs from the URL", mismatch);
      }
      const { created, submission, check, issuesJson } = await saveDraft(ctx, auth, key, body, basedOn);
      const tail: Omit<SaveResult, keyof SubmissionSummary | "issues"> = {};
      if (check.score) tail.score = check.score;
      if (check.lights) tail.lights = check.lights;
      c.header("ETag", `"${submission.revision}"`);
      // SaveResult's JSON, the findings' text the one the store wrote into the record (issues-json.ts)
      return c.body(withIssuesJson(summary(submission), issuesJson, tail), created ? 201 : 200, JSON_TYPE);
    })
    // The saved form as a workbook to fill outside Excel: its hidden metadata carries the revision,
    // so uploading it again (POST /api/import?save=1) updates that revision instead of being refused.
    .get("/:year/:unit/:project/:kind/xlsx", async (c) => {
      const key = keyOf(c, c.get("auth"));
      const s = await store.getSubmission(key);
      if (!s) throw errors.notFound();
      const form = FormSchema.safeParse(s.latest.form);
      if (!form.success) throw new ApiError("form_has_errors", "该表单无法生成工作簿，请在插件中重新保存", "This form cannot be laid out as a workbook: save it again from the add-in", form.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
      const library = await currentLibrary(store);
      const bytes = await renderWorkbook(layoutForm(key.kind, form.data, library, { serverRevision: s.revision }));
      c.header("Content-Type", XLSX_TYPE);
      c.header("Content-Disposition", attachment(`${form.data.project.name}-${kindTerms[key.kind].zh}-版本${s.revision}.xlsx`));
      c.header("ETag", `"${s.revision}"`);
      c.header("Cache-Control", "no-cache");
      return c.body(new Uint8Array(bytes));
    })
    .get("/:year/:unit/:project/:kind/revisions", async (c) => {
      const key = keyOf(c, c.get("auth"));
      const s = await store.getSubmission(key);
      if (!s) throw errors.notFound();
      const statuses = await revisionStatuses(store, s);
      return c.json({
        ...summary(s),
        revisions: (await store.listRevisions(key)).map((r) => ({
          revision: r.revision,
          by: r.by,
          at: r.at,
          libraryVersion: r.libraryVersion,
          counts: r.counts,
          status: statuses.get(r.revision) ?? "draft",
          ...(r.score ? { score: r.score.total } : {}),
        })),
      } satisfies RevisionList);
    })
    .get("/:year/:unit/:project/:kind/revisions/:n", async (c) => {
      const auth = c.get("auth");
      const p = paramsOf(c, RevisionParams);
      if (!canSeeUnit(auth, p.unit)) throw errors.forbidden();
      const key: SubmissionKey = { year: p.year, unit: p.unit, project: p.project, kind: p.kind };
      const s = await store.getSubmission(key);
      const r = s?.revision === p.n ? s.latest : s ? (await store.listRevisions(key)).find((x) => x.revision === p.n) : undefined;
      if (!s || !r) throw errors.notFound();
      if (!r.form) {
        throw new ApiError("revision_compacted", `第 ${p.n} 版已压缩：只保留填报人、时间和问题数（完整保留的版本数由 policy.limits.revisionsKept 决定）`, `Revision ${p.n} was compacted: only who saved it, when and its counts are kept (policy.limits.revisionsKept)`, { revision: p.n });
      }
      const statuses = await revisionStatuses(store, s);
      return c.json({ ...key, revision: r.revision, by: r.by, at: r.at, libraryVersion: r.libraryVersion, counts: r.counts, status: statuses.get(r.revision) ?? "draft", form: r.form, issues: r.issues } satisfies RevisionDetail);
    })
    .post("/:year/:unit/:project/:kind/submit", owner, move((auth, key, basedOn) => submit(ctx, auth, key, basedOn)))
    // 撤回: the unit takes its submitted form back to change it (workflow.ts, recall)
    .post("/:year/:unit/:project/:kind/recall", owner, move((auth, key, basedOn) => recall(ctx, auth, key, basedOn)))
    .post("/:year/:unit/:project/:kind/return", finance, move(async (auth, key, basedOn, c) => returnForm(ctx, auth, key, await jsonBody(c, ReturnBodySchema), basedOn)))
    .post("/:year/:unit/:project/:kind/approve", finance, move((auth, key, basedOn) => approve(ctx, auth, key, basedOn)))
    .post("/:year/:unit/:project/:kind/withdraw", finance, move(async (auth, key, basedOn, c) => withdrawApproval(ctx, auth, key, (await jsonBody(c, WithdrawBodySchema)).reason, basedOn)));
}
