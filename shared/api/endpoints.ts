// Every endpoint the pane and the CLI call, with the schemas of what it takes and answers: the
// routes validate with these, the pane's client (addin/src/api.ts) is typed from them, and
// docs/api.md is generated from this table (a test checks it is current).
import type { z } from "zod";
import { CreatedTokenSchema, TokenInputSchema, UnitInputSchema, UnitPatchSchema } from "../directory.ts";
import { LibrarySchema } from "../library.ts";
import { LibraryChangesQuerySchema, LibraryChangesViewSchema, PublishBodySchema, PublishResultSchema } from "./library.ts";
import { HealthSchema, ImportQuerySchema, ImportResultSchema, MeSchema, RevokedTokenSchema, TokenListSchema, UnitListSchema, UnitSchema, ValidateBodySchema, ValidateResultSchema } from "./session.ts";
import { ConsolidatedJsonSchema, ConsolidatedQuerySchema, OverviewQuerySchema, OverviewViewSchema } from "./consolidated.ts";
import {
  AssessmentViewSchema,
  NoticeInputSchema,
  NoticeListQuerySchema,
  NoticeListSchema,
  NoticeSchema,
  NoticeViewSchema,
  PublicResultsSchema,
  RectAcceptSchema,
  RectAnswerSchema,
  RectListQuerySchema,
  RectListSchema,
  RectOpenSchema,
  RectReopenSchema,
  RectViewSchema,
  ResultsMineSchema,
  ResultsNoticeSchema,
  ResultsQuerySchema,
} from "./cycle.ts";
import { ConfirmDisclosureBodySchema, ConfirmedDisclosureSchema, DisclosurePreviewQuerySchema, DisclosurePreviewSchema, DisclosureQuerySchema, PublicYearSchema } from "./disclosure.ts";
import { ReportQuerySchema, WorkReportSchema } from "./report.ts";
import { YearOnlyQuerySchema } from "./params.ts";
import type { ErrorCode } from "./errors.ts";
import {
  ApprovedLockedDetailsSchema,
  FormHasErrorsDetailsSchema,
  KeyProjectBodySchema,
  KeyProjectListQuerySchema,
  KeyProjectListSchema,
  KeyProjectMarkSchema,
  ReturnBodySchema,
  RevisionDetailSchema,
  RevisionListSchema,
  SaveBodySchema,
  SaveResultSchema,
  StaleRevisionDetailsSchema,
  SubmissionDetailSchema,
  SubmissionListQuerySchema,
  SubmissionListSchema,
  SubmissionSummarySchema,
  WithdrawBodySchema,
} from "./submissions.ts";
import { DocumentListSchema, DocumentUploadQuerySchema, DocumentVersionSchema } from "./documents.ts";
import { BudgetImportResultSchema, BudgetListSchema, ExecutionViewSchema, PaymentImportResultSchema, TreasuryScopeQuerySchema } from "./treasury.ts";
import { AssignmentDetailSchema, AssignmentInputSchema, AssignmentListSchema, AssignmentViewSchema, ConclusionInputSchema, ExpertListSchema, ExpertSchema, ReviewItemSchema, ReviewListQuerySchema, ReviewViewSchema, SheetInputSchema } from "./experts.ts";
import {
  AnswerSchema,
  ConsultationInputSchema,
  ConsultationListSchema,
  ConsultationViewSchema,
  FinaliseSchema,
  HandoverInputSchema,
  HandoverListQuerySchema,
  HandoverListSchema,
  HandoverSchema,
  OpinionListQuerySchema,
  ReplySchema,
} from "./opinions.ts";
import { z as zod } from "zod";

export interface Endpoint {
  method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** who may call it */
  who: string;
  summary: string;
  query?: z.ZodType;
  /** the JSON body, or a note for a body that is not JSON */
  body?: z.ZodType | string;
  /** `If-Match: "<revision>"` taken */
  ifMatch?: boolean;
  status: number;
  response: z.ZodType | string;
  /** the error codes this endpoint answers besides the ones every endpoint can */
  errors?: readonly string[];
}

/** The errors whose `details` a client reads to recover, with their schemas (docs/workflow.md). */
export const errorDetails = {
  stale_revision: StaleRevisionDetailsSchema,
  approved_locked: ApprovedLockedDetailsSchema,
  form_has_errors: FormHasErrorsDetailsSchema,
} as const satisfies Partial<Record<ErrorCode, z.ZodType>>;

export const endpoints: readonly Endpoint[] = [
  { method: "GET", path: "/api/me", who: "any token", summary: "The caller's role and unit.", status: 200, response: MeSchema },
  { method: "GET", path: "/api/library", who: "any token", summary: "The current indicator library with its policy; ETag and If-None-Match (304).", status: 200, response: LibrarySchema, errors: ["no_library"] },
  { method: "GET", path: "/api/library/changes", who: "any token", summary: "What changed since a version: the indicators added, changed, deprecated (with the replacement) and removed.", query: LibraryChangesQuerySchema, status: 200, response: LibraryChangesViewSchema },
  { method: "PUT", path: "/api/library", who: "admin, or finance allowed to publish", summary: "Publishes the next library version.", body: PublishBodySchema, status: 201, response: PublishResultSchema, errors: ["invalid_library", "library_conflict"] },
  { method: "POST", path: "/api/validate", who: "any token", summary: "Checks a form without saving it: the same checks as a save (the rules across forms only for the caller's own unit).", body: ValidateBodySchema, status: 200, response: ValidateResultSchema, errors: ["no_library"] },
  { method: "GET", path: "/api/submissions", who: "unit (its own), finance, admin", summary: "The saved forms, filtered.", query: SubmissionListQuerySchema, status: 200, response: SubmissionListSchema },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind", who: "unit (its own), finance, admin", summary: "One form: its latest revision, findings, score or lights, and finance's comments when returned; ETag is the revision.", status: 200, response: SubmissionDetailSchema },
  { method: "PUT", path: "/api/submissions/:year/:unit/:project/:kind", who: "unit (its own)", summary: "Saves a draft revision, checked again by the server (201 for a new form). If-Match names the revision it was made from (none for a new form).", body: SaveBodySchema, ifMatch: true, status: 200, response: SaveResultSchema, errors: ["identity_mismatch", "stale_revision", "approved_locked", "if_match_required", "limit_rows_per_form", "limit_forms_per_unit_year", "limit_bytes_per_unit"] },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind/revisions", who: "unit (its own), finance, admin", summary: "Every revision: who, when, against which library, how many findings.", status: 200, response: RevisionListSchema },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind/revisions/:n", who: "unit (its own), finance, admin", summary: "One revision with its form and findings (410 revision_compacted for one older than the kept ones).", status: 200, response: RevisionDetailSchema, errors: ["revision_compacted"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/submit", who: "unit (its own)", summary: "Submits the form to finance; refused while it has errors.", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["form_has_errors", "stale_revision", "approved_locked", "already_submitted"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/recall", who: "unit (its own)", summary: "Recalls a submitted form (撤回) before finance acts on it: it is a draft again and can change; a save never changes a submitted form.", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision", "approved_locked"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/return", who: "finance", summary: "Returns a submitted form to the unit with a comment and comments on cells.", body: ReturnBodySchema, ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/approve", who: "finance", summary: "Approves a submitted form; it is then final (approved_locked).", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/withdraw", who: "finance", summary: "Withdraws an approval (撤销审核) with a reason: the form is returned to the unit and can change again.", body: WithdrawBodySchema, ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_approved", "stale_revision"] },
  { method: "POST", path: "/api/projects/:year/:unit/:project/key", who: "finance", summary: "Marks a project key (重点项目), for disclosure.", body: KeyProjectBodySchema, status: 200, response: KeyProjectMarkSchema },
  { method: "GET", path: "/api/documents/:year/:unit/:project", who: "unit (its own), finance (an office: its units), admin", summary: "A project's documents (评价方案, 评价报告, 自评报告; kinds evalPlan, evalReport, selfEvalReport), every version: name, type, size, sha256, who uploaded it and when.", status: 200, response: DocumentListSchema },
  { method: "POST", path: "/api/documents/:year/:unit/:project/:kind", who: "unit (its own), finance (an office: its units)", summary: "Uploads the next version of a project's document; what it is is decided by its bytes (PDF, .docx, .xlsx), never by its name or Content-Type. The project needs a form first, and the unit's forms and documents together stay under policy.limits.bytesPerUnit.", query: DocumentUploadQuerySchema, body: "the file itself (any Content-Type), at most policy.limits.documentBytes (20 MB unless the policy says otherwise)", status: 201, response: DocumentVersionSchema, errors: ["limit_document_bytes", "limit_document_versions", "limit_bytes_per_unit", "unsupported_document", "invalid_file", "no_such_form"] },
  { method: "GET", path: "/api/documents/:year/:unit/:project/:kind/:version", who: "unit (its own), finance (an office: its units), admin", summary: "One version of a document, as uploaded: its Content-Type, Content-Disposition with its name (RFC 5987), X-Content-Type-Options: nosniff.", status: 200, response: "the file (PDF, .docx or .xlsx)" },
  { method: "POST", path: "/api/import", who: "any token", summary: "Checks an .xlsx workbook's forms; with save=1 also saves the caller's own forms as drafts.", query: ImportQuerySchema, body: "an .xlsx workbook (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), at most 10 MB", status: 200, response: ImportResultSchema, errors: ["invalid_xlsx", "xlsx_is_xls", "xlsx_too_large", "xlsx_too_complex", "xlsx_too_many_merged_cells", "busy"] },
  { method: "GET", path: "/api/templates/:kind", who: "any token", summary: "A blank form workbook of a kind (format=xlsx).", status: 200, response: "an .xlsx workbook" },
  { method: "GET", path: "/api/units", who: "admin", summary: "The units.", status: 200, response: UnitListSchema },
  { method: "POST", path: "/api/units", who: "admin", summary: "Adds a unit.", body: UnitInputSchema, status: 201, response: UnitSchema, errors: ["unit_exists"] },
  { method: "PATCH", path: "/api/units/:code", who: "admin", summary: "Renames a unit, sets its field or confidentiality.", body: UnitPatchSchema, status: 200, response: UnitSchema },
  { method: "GET", path: "/api/tokens", who: "admin", summary: "The tokens, never their secrets.", status: 200, response: TokenListSchema },
  { method: "POST", path: "/api/tokens", who: "admin", summary: "Creates a token; the secret is answered this once.", body: TokenInputSchema, status: 201, response: CreatedTokenSchema },
  { method: "GET", path: "/api/report", who: "the bureau's finance, admin", summary: "The performance work report (绩效工作报告) of a year or its first half (half=1), as .docx, or its sections and figures (format=json, this shape).", query: ReportQuerySchema, status: 200, response: WorkReportSchema, errors: ["no_library"] },
  { method: "POST", path: "/api/treasury/payments", who: "the bureau's finance, admin", summary: "Imports the payment platform's export (CSV in UTF-8 or GBK, or .xlsx); each voucher counted once.", body: "a CSV or .xlsx file (Content-Type text/csv or .xlsx)", status: 200, response: PaymentImportResultSchema, errors: ["invalid_file"] },
  { method: "GET", path: "/api/treasury/execution", who: "unit (its own), finance (an office: its units), admin", summary: "Paid to date and by month for each project with payments or a budget, with its budget light.", query: TreasuryScopeQuerySchema, status: 200, response: ExecutionViewSchema },
  { method: "POST", path: "/api/budgets", who: "the bureau's finance, admin", summary: "Imports the approved budgets of a year (?year=Y); a project's budget replaces the one stored.", body: "a CSV or .xlsx file", status: 200, response: BudgetImportResultSchema, errors: ["invalid_file"] },
  { method: "GET", path: "/api/budgets", who: "unit (its own), finance (an office: its units), admin", summary: "The approved budgets of a year.", query: TreasuryScopeQuerySchema, status: 200, response: BudgetListSchema },
  { method: "DELETE", path: "/api/tokens/:id", who: "admin", summary: "Revokes a token; its open event streams end.", status: 200, response: RevokedTokenSchema, errors: ["token_revoked", "own_token"] },
  // the server itself, and what an IT contact installs from it (docs/workflow.md)
  { method: "GET", path: "/api/health", who: "anyone, no token", summary: "The server answers, with its version.", status: 200, response: HealthSchema },
  { method: "GET", path: "/manifest.xml", who: "anyone, no token", summary: "The add-in manifest for the https address the server is reached at (a proxy's X-Forwarded-Proto/Host honoured): the file `jixiao manifest --url` writes.", status: 200, response: "the add-in manifest (application/xml)", errors: ["https_required"] },
  { method: "GET", path: "/ca.crt", who: "anyone, no token", summary: "The local certificate authority, when the server made its own certificates (404 otherwise).", status: 200, response: "a PEM certificate (application/x-x509-ca-cert)" },
  { method: "GET", path: "/api/events", who: "any token (also as ?access_token=)", summary: "Server-sent events, scoped by role: `ready`, then `submission.status`, `library.published`, `notice.*`, `rectification.*` and the like, with a keep-alive comment.", status: 200, response: "text/event-stream" },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind/xlsx", who: "unit (its own), finance, admin", summary: "The form's latest revision as an .xlsx workbook laid out from the current library, naming its revision (re-upload it with POST /api/import?save=1).", status: 200, response: "an .xlsx workbook" },
  { method: "GET", path: "/api/projects/key", who: "finance (an office: its units), admin", summary: "The projects marked key (重点项目) in a year.", query: KeyProjectListQuerySchema, status: 200, response: KeyProjectListSchema },
  // finance's views of the year
  { method: "GET", path: "/api/overview", who: "finance (an office: its units), admin", summary: "The overview (总览): who has sent, who is late, lights, grades, the lowest scores, rectification, and the treasury's payment warnings.", query: OverviewQuerySchema, status: 200, response: OverviewViewSchema, errors: ["no_library"] },
  { method: "GET", path: "/api/consolidated", who: "finance (an office: its units), admin", summary: "Every unit's latest forms consolidated (汇总): as a streamed .xlsx (format=xlsx) or as JSON, each sheet's rows under its id.", query: ConsolidatedQuerySchema, status: 200, response: ConsolidatedJsonSchema, errors: ["no_library"] },
  // the cycle: notices, rectification, the results notice, the assessment
  { method: "POST", path: "/api/notices", who: "finance (an office: to its units; \"all\" means them)", summary: "Issues a notice asking units for forms of one kind by a deadline (a date: the end of that day, Beijing time).", body: NoticeInputSchema, status: 201, response: NoticeSchema, errors: ["unknown_units", "notice_exists"] },
  { method: "GET", path: "/api/notices", who: "any token (a unit: the notices addressed to it, its own forms)", summary: "The notices with each addressed unit's forms on time, late, due or missing; open=1 for those whose deadline is ahead.", query: NoticeListQuerySchema, status: 200, response: NoticeListSchema },
  { method: "GET", path: "/api/notices/:id", who: "any token (a unit: a notice addressed to it)", summary: "One notice with the standing of each unit's forms.", status: 200, response: NoticeViewSchema },
  { method: "POST", path: "/api/rectifications", who: "finance (an office: its units)", summary: "Opens a rectification item (整改) on a unit's form or one finding in it, with a requirement and a deadline.", body: RectOpenSchema, status: 201, response: RectViewSchema, errors: ["no_such_form", "no_such_finding", "rectification_exists"] },
  { method: "GET", path: "/api/rectifications", who: "any token (a unit: its own)", summary: "The rectification items, filtered.", query: RectListQuerySchema, status: 200, response: RectListSchema },
  { method: "GET", path: "/api/rectifications/:id", who: "finance, the unit it is for", summary: "One item with its answers and history.", status: 200, response: RectViewSchema },
  { method: "POST", path: "/api/rectifications/:id/answer", who: "the unit it is for", summary: "Answers with the measures taken and the evidence.", body: RectAnswerSchema, status: 200, response: RectViewSchema, errors: ["invalid_transition", "stale_rectification"] },
  { method: "POST", path: "/api/rectifications/:id/accept", who: "finance", summary: "Accepts the answer: the item is closed.", body: RectAcceptSchema, status: 200, response: RectViewSchema, errors: ["invalid_transition", "stale_rectification"] },
  { method: "POST", path: "/api/rectifications/:id/reopen", who: "finance", summary: "Reopens an answered or closed item with a comment, and a new deadline if given.", body: RectReopenSchema, status: 200, response: RectViewSchema, errors: ["invalid_transition", "stale_rectification"] },
  { method: "GET", path: "/api/results", who: "the bureau's finance, admin", summary: "Issues the results notice (结果通报) of a year (audited): every unit's line (scope=full), or the public subset (scope=public, this shape), as JSON or .xlsx.", query: ResultsQuerySchema, status: 200, response: zod.union([ResultsNoticeSchema, PublicResultsSchema]) },
  { method: "GET", path: "/api/results/mine", who: "unit", summary: "The unit's own line of the results notice, once finance has issued it.", query: YearOnlyQuerySchema, status: 200, response: ResultsMineSchema },
  { method: "GET", path: "/api/assessment", who: "finance (an office: its units), admin", summary: "The assessment of units (考核) with the policy's weights.", query: YearOnlyQuerySchema, status: 200, response: AssessmentViewSchema },
  // disclosure
  { method: "GET", path: "/api/disclosure", who: "anyone, no token (rate-limited)", summary: "The year's disclosure (信息公开) as finance last confirmed it, as JSON (this shape), CSV or .xlsx; ETag, 304 on If-None-Match; 404 until confirmed.", query: DisclosureQuerySchema, status: 200, response: PublicYearSchema, errors: ["rate_limited"] },
  { method: "GET", path: "/api/disclosure/preview", who: "the bureau's finance, admin", summary: "What would go public now, what redaction takes out, and whether it differs from what is public.", query: DisclosurePreviewQuerySchema, status: 200, response: DisclosurePreviewSchema, errors: ["no_library"] },
  { method: "POST", path: "/api/disclosure/confirm", who: "the bureau's finance", summary: "Makes the year's disclosure public as previewed (audited); refused when the data changed after the preview whose hash is given.", body: ConfirmDisclosureBodySchema, status: 200, response: ConfirmedDisclosureSchema, errors: ["stale_revision"] },
  { method: "GET", path: "/api/experts", who: "the bureau's finance, admin", summary: "The experts (绩效专家, 行业专家) (docs/experts.md).", status: 200, response: ExpertListSchema },
  { method: "POST", path: "/api/experts", who: "admin", summary: "Adds an expert; their token is then created with role expert and this code.", body: ExpertSchema, status: 201, response: ExpertSchema, errors: ["expert_exists"] },
  { method: "POST", path: "/api/reviews", who: "the bureau's finance", summary: "Assigns an item (a project's target or self-evaluation form, its evaluation plan or report) to experts with a due date; the review sheet is the policy's. A report (round 2) needs the plan's conclusion (round 1).", body: AssignmentInputSchema, status: 201, response: AssignmentViewSchema, errors: ["no_such_expert", "no_such_form", "no_such_document", "plan_not_concluded"] },
  { method: "GET", path: "/api/reviews", who: "the bureau's finance, admin (all); an expert (those assigned to them)", summary: "The assignments, with how many experts have submitted and, for an expert, the state of their own sheet.", query: ReviewListQuerySchema, status: 200, response: AssignmentListSchema },
  { method: "GET", path: "/api/reviews/:id", who: "the bureau's finance, admin; an expert it names", summary: "One assignment. Finance: every sheet and the panel (per criterion and total: mean, spread, outliers). An expert: their own sheet; the others' and the panel only once theirs is submitted.", status: 200, response: AssignmentDetailSchema },
  { method: "GET", path: "/api/reviews/:id/item", who: "the bureau's finance, admin; an expert it names", summary: "The item under review, read-only: a form's latest revision; a plan's or report's uploaded versions, each with the address an assigned expert downloads it from.", status: 200, response: ReviewItemSchema },
  { method: "PUT", path: "/api/reviews/:id/sheet", who: "an expert it names", summary: "Saves the expert's sheet as a draft: scores and comments per criterion, comments on the form's cells.", body: SheetInputSchema, status: 200, response: ReviewViewSchema, errors: ["review_submitted"] },
  { method: "POST", path: "/api/reviews/:id/submit", who: "an expert it names", summary: "Submits the expert's sheet, every criterion scored; it never changes after.", body: SheetInputSchema, status: 200, response: ReviewViewSchema, errors: ["review_submitted", "review_incomplete"] },
  { method: "POST", path: "/api/reviews/:id/conclusion", who: "the bureau's finance", summary: "Records the panel's conclusion (通过, 修改后通过, 不通过) once, audited with the panel's figures.", body: ConclusionInputSchema, status: 200, response: AssignmentViewSchema, errors: ["review_not_done", "stale_assignment"] },
  { method: "POST", path: "/api/opinions", who: "finance (the results notice: the bureau's only; an office: its units)", summary: "Sends a draft for opinions (征求意见): the year's results notice or a key project's evaluation conclusion (text and grade), to the units named, with a deadline (a Beijing calendar day).", body: ConsultationInputSchema, status: 201, response: ConsultationViewSchema, errors: ["unknown_units", "not_key_project"] },
  { method: "GET", path: "/api/opinions", who: "unit (drafts sent to it, its own answer only), finance (an office: its units), admin", summary: "The drafts sent for opinions, with the answers and how each objection was handled.", query: OpinionListQuerySchema, status: 200, response: ConsultationListSchema },
  { method: "GET", path: "/api/opinions/:id", who: "unit (when asked; its own answer only), finance (an office: its units), admin", summary: "One draft: its versions, the answers, the handling, who has not answered.", status: 200, response: ConsultationViewSchema },
  { method: "POST", path: "/api/opinions/:id/answer", who: "unit (a named one)", summary: "Answers a draft by its deadline: agree or disagree, with reasons (required to disagree) and evidence: text, and an uploaded document of the unit's own project of the year (project, kind, version).", body: AnswerSchema, status: 200, response: ConsultationViewSchema, errors: ["opinion_closed", "already_answered", "stale_opinion", "no_such_document"] },
  { method: "POST", path: "/api/opinions/:id/reply", who: "finance", summary: "Answers one unit's objection: accepted (with the draft as changed) or not accepted (with the reason).", body: ReplySchema, status: 200, response: ConsultationViewSchema, errors: ["opinion_closed", "no_objection", "already_handled", "draft_unchanged", "stale_opinion"] },
  { method: "POST", path: "/api/opinions/:id/finalise", who: "finance", summary: "Finalises the draft: refused while objections are unanswered, and before the deadline while named units are silent; silent units are recorded as 逾期未反馈，视为无异议.", body: FinaliseSchema, status: 200, response: ConsultationViewSchema, errors: ["opinion_closed", "opinions_pending", "objections_unanswered", "stale_opinion"] },
  { method: "POST", path: "/api/handovers", who: "finance (an office: its units)", summary: "Records a problem handed on (问题移送) to a supervision department: a finding (rule and row), a rectification item or an evaluation conclusion, with the day and the reference number.", body: HandoverInputSchema, status: 201, response: HandoverSchema, errors: ["no_such_form", "no_such_finding"] },
  { method: "GET", path: "/api/handovers", who: "unit (its own), finance (an office: its units), admin", summary: "The problems handed on.", query: HandoverListQuerySchema, status: 200, response: HandoverListSchema },
];
