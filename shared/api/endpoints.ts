// Every endpoint the pane and the CLI call, with the schemas of what it takes and answers: the
// routes validate with these, the pane's client (addin/src/api.ts) is typed from them, and
// docs/api.md is generated from this table (a test checks it is current).
import type { z } from "zod";
import { CreatedTokenSchema, TokenInputSchema, TokenViewSchema, UnitInputSchema, UnitPatchSchema } from "../directory.ts";
import { LibrarySchema } from "../library.ts";
import { LibraryChangesQuerySchema, LibraryChangesViewSchema, PublishBodySchema, PublishResultSchema } from "./library.ts";
import { ImportQuerySchema, ImportResultSchema, MeSchema, UnitSchema, ValidateBodySchema, ValidateResultSchema } from "./session.ts";
import {
  KeyProjectBodySchema,
  ReturnBodySchema,
  RevisionDetailSchema,
  RevisionListSchema,
  SaveBodySchema,
  SaveResultSchema,
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

const units = zod.object({ units: zod.array(UnitSchema) });
const tokens = zod.object({ tokens: zod.array(TokenViewSchema) });
const revoked = zod.object({ id: zod.string(), revokedAt: zod.string() });
const keyMark = zod.object({ key: zod.boolean() });

export const endpoints: readonly Endpoint[] = [
  { method: "GET", path: "/api/me", who: "any token", summary: "The caller's role and unit.", status: 200, response: MeSchema },
  { method: "GET", path: "/api/library", who: "any token", summary: "The current indicator library with its policy; ETag and If-None-Match (304).", status: 200, response: LibrarySchema, errors: ["no_library"] },
  { method: "GET", path: "/api/library/changes", who: "any token", summary: "What changed since a version: the indicators added, changed, deprecated (with the replacement) and removed.", query: LibraryChangesQuerySchema, status: 200, response: LibraryChangesViewSchema },
  { method: "PUT", path: "/api/library", who: "admin, or finance allowed to publish", summary: "Publishes the next library version.", body: PublishBodySchema, status: 201, response: PublishResultSchema, errors: ["invalid_library", "library_conflict"] },
  { method: "POST", path: "/api/validate", who: "any token", summary: "Checks a form without saving it: the same checks as a save (the rules across forms only for the caller's own unit).", body: ValidateBodySchema, status: 200, response: ValidateResultSchema, errors: ["no_library"] },
  { method: "GET", path: "/api/submissions", who: "unit (its own), finance, admin", summary: "The saved forms, filtered.", query: SubmissionListQuerySchema, status: 200, response: SubmissionListSchema },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind", who: "unit (its own), finance, admin", summary: "One form: its latest revision, findings, score or lights, and finance's comments when returned; ETag is the revision.", status: 200, response: SubmissionDetailSchema },
  { method: "PUT", path: "/api/submissions/:year/:unit/:project/:kind", who: "unit (its own)", summary: "Saves a draft revision, checked again by the server. If-Match names the revision it was made from (none for a new form).", body: SaveBodySchema, ifMatch: true, status: 200, response: SaveResultSchema, errors: ["identity_mismatch", "stale_revision", "approved_locked", "if_match_required", "limit_rows_per_form", "limit_forms_per_unit_year", "limit_bytes_per_unit"] },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind/revisions", who: "unit (its own), finance, admin", summary: "Every revision: who, when, against which library, how many findings.", status: 200, response: RevisionListSchema },
  { method: "GET", path: "/api/submissions/:year/:unit/:project/:kind/revisions/:n", who: "unit (its own), finance, admin", summary: "One revision with its form and findings (410 revision_compacted for one older than the kept ones).", status: 200, response: RevisionDetailSchema, errors: ["revision_compacted"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/submit", who: "unit (its own)", summary: "Submits the form to finance; refused while it has errors.", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["form_has_errors", "stale_revision", "approved_locked", "already_submitted"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/recall", who: "unit (its own)", summary: "Recalls a submitted form (撤回) before finance acts on it: it is a draft again and can change; a save never changes a submitted form.", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision", "approved_locked"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/return", who: "finance", summary: "Returns a submitted form to the unit with a comment and comments on cells.", body: ReturnBodySchema, ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/approve", who: "finance", summary: "Approves a submitted form; it is then final (approved_locked).", ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_submitted", "stale_revision"] },
  { method: "POST", path: "/api/submissions/:year/:unit/:project/:kind/withdraw", who: "finance", summary: "Withdraws an approval (撤销审核) with a reason: the form is returned to the unit and can change again.", body: WithdrawBodySchema, ifMatch: true, status: 200, response: SubmissionSummarySchema, errors: ["not_approved", "stale_revision"] },
  { method: "POST", path: "/api/projects/:year/:unit/:project/key", who: "finance", summary: "Marks a project key (重点项目), for disclosure.", body: KeyProjectBodySchema, status: 200, response: keyMark },
  { method: "GET", path: "/api/documents/:year/:unit/:project", who: "unit (its own), finance (an office: its units), admin", summary: "A project's documents (评价方案, 评价报告, 自评报告; kinds evalPlan, evalReport, selfEvalReport), every version: name, type, size, sha256, who uploaded it and when.", status: 200, response: DocumentListSchema },
  { method: "POST", path: "/api/documents/:year/:unit/:project/:kind", who: "unit (its own), finance (an office: its units)", summary: "Uploads the next version of a project's document; what it is is decided by its bytes (PDF, .docx, .xlsx), never by its name or Content-Type. The project needs a form first.", query: DocumentUploadQuerySchema, body: "the file itself (any Content-Type), at most policy.limits.documentBytes (20 MB unless the policy says otherwise)", status: 201, response: DocumentVersionSchema, errors: ["limit_document_bytes", "limit_document_versions", "unsupported_document", "invalid_file", "no_such_form"] },
  { method: "GET", path: "/api/documents/:year/:unit/:project/:kind/:version", who: "unit (its own), finance (an office: its units), admin", summary: "One version of a document, as uploaded: its Content-Type, Content-Disposition with its name (RFC 5987), X-Content-Type-Options: nosniff.", status: 200, response: "the file (PDF, .docx or .xlsx)" },
  { method: "POST", path: "/api/import", who: "any token", summary: "Checks an .xlsx workbook's forms; with save=1 also saves the caller's own forms as drafts.", query: ImportQuerySchema, body: "an .xlsx workbook (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), at most 10 MB", status: 200, response: ImportResultSchema, errors: ["invalid_xlsx", "xlsx_is_xls", "xlsx_too_large", "xlsx_too_complex", "xlsx_too_many_merged_cells", "busy"] },
  { method: "GET", path: "/api/templates/:kind", who: "any token", summary: "A blank form workbook of a kind (format=xlsx).", status: 200, response: "an .xlsx workbook" },
  { method: "GET", path: "/api/units", who: "admin", summary: "The units.", status: 200, response: units },
  { method: "POST", path: "/api/units", who: "admin", summary: "Adds a unit.", body: UnitInputSchema, status: 201, response: UnitSchema, errors: ["unit_exists"] },
  { method: "PATCH", path: "/api/units/:code", who: "admin", summary: "Renames a unit, sets its field or confidentiality.", body: UnitPatchSchema, status: 200, response: UnitSchema },
  { method: "GET", path: "/api/tokens", who: "admin", summary: "The tokens, never their secrets.", status: 200, response: tokens },
  { method: "POST", path: "/api/tokens", who: "admin", summary: "Creates a token; the secret is answered this once.", body: TokenInputSchema, status: 201, response: CreatedTokenSchema },
  { method: "GET", path: "/api/report", who: "the bureau's finance, admin", summary: "The performance work report (绩效工作报告) of a year or its first half (half=1), as .docx, or its sections and figures (format=json).", status: 200, response: "a .docx document, or its sections and figures as JSON" },
  { method: "POST", path: "/api/treasury/payments", who: "the bureau's finance, admin", summary: "Imports the payment platform's export (CSV in UTF-8 or GBK, or .xlsx); each voucher counted once.", body: "a CSV or .xlsx file (Content-Type text/csv or .xlsx)", status: 200, response: PaymentImportResultSchema, errors: ["invalid_file"] },
  { method: "GET", path: "/api/treasury/execution", who: "unit (its own), finance (an office: its units), admin", summary: "Paid to date and by month for each project with payments or a budget, with its budget light.", query: TreasuryScopeQuerySchema, status: 200, response: ExecutionViewSchema },
  { method: "POST", path: "/api/budgets", who: "the bureau's finance, admin", summary: "Imports the approved budgets of a year (?year=Y); a project's budget replaces the one stored.", body: "a CSV or .xlsx file", status: 200, response: BudgetImportResultSchema, errors: ["invalid_file"] },
  { method: "GET", path: "/api/budgets", who: "unit (its own), finance (an office: its units), admin", summary: "The approved budgets of a year.", query: TreasuryScopeQuerySchema, status: 200, response: BudgetListSchema },
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
  { method: "DELETE", path: "/api/tokens/:id", who: "admin", summary: "Revokes a token; its open event streams end.", status: 200, response: revoked, errors: ["token_revoked", "own_token"] },
];
