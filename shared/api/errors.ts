// The API's one error shape, `{ error: { code, message, details? } }`, and every code it can carry
// (docs/api.md lists them). The message is Chinese and English; `details` says which field or
// gives what the client needs to recover (a 409's current revision).
import { z } from "zod";

export const errorCodes = [
  // the request itself
  "invalid_json", "invalid_body", "https_required", "invalid_query", "invalid_path", "invalid_if_match", "identity_mismatch",
  "unsupported_media_type", "payload_too_large", "method_not_allowed", "not_found", "http_error",
  "invalid_xlsx", "xlsx_is_xls", "xlsx_too_large", "xlsx_too_complex", "xlsx_too_many_merged_cells", "invalid_file", "invalid_text", "invalid_library", "unknown_units", "no_such_finding", "no_such_form",
  // who asks
  "unauthorized", "forbidden",
  // the state of things (409: the client's picture is out of date, or the thing is final)
  "stale_revision", "approved_locked", "if_match_required", "already_submitted", "not_submitted", "not_approved", "invalid_transition",
  "library_conflict", "unit_exists", "token_revoked", "own_token", "notice_exists", "rectification_exists", "stale_rectification",
  // expert review (docs/experts.md)
  "expert_exists", "no_such_expert", "review_submitted", "review_incomplete", "stale_assignment", "plan_not_concluded", "review_not_done", "no_such_document",
  // opinions on results (征求意见) and problems handed on (docs/opinions.md)
  "opinion_closed", "already_answered", "not_asked", "no_objection", "already_handled", "draft_unchanged", "opinions_pending", "objections_unanswered", "stale_opinion", "not_key_project",
  // the rules
  "form_has_errors",
  // what a bureau lets one unit store (policy.limits, docs/storage.md), and history compacted under it
  "limit_rows_per_form", "limit_forms_per_unit_year", "limit_bytes_per_unit", "revision_compacted",
  // a project's documents (docs/documents.md): a file over the policy's size, versions beyond the limit, a file that is not a PDF, .docx or .xlsx
  "limit_document_bytes", "limit_document_versions", "unsupported_document",
  // the server
  "no_library", "busy", "rate_limited", "insufficient_storage", "internal",
] as const;
export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The HTTP status each code is answered with: a code means one status, wherever it is raised. */
export const errorStatus = {
  invalid_json: 400, invalid_body: 400, https_required: 400, invalid_query: 400, invalid_path: 400, invalid_if_match: 400, identity_mismatch: 400,
  unsupported_media_type: 415, payload_too_large: 413, method_not_allowed: 405, not_found: 404, http_error: 400,
  invalid_xlsx: 400, xlsx_is_xls: 400, xlsx_too_large: 413, xlsx_too_complex: 413, xlsx_too_many_merged_cells: 413, invalid_file: 400, invalid_text: 400, invalid_library: 400, unknown_units: 400, no_such_finding: 400, no_such_form: 404,
  unauthorized: 401, forbidden: 403,
  stale_revision: 409, approved_locked: 409, if_match_required: 428, already_submitted: 409, not_submitted: 409, not_approved: 409,
  invalid_transition: 409, library_conflict: 409, unit_exists: 409, token_revoked: 409, own_token: 409, notice_exists: 409,
  rectification_exists: 409, stale_rectification: 409,
  expert_exists: 409, no_such_expert: 400, review_submitted: 409, review_incomplete: 422, stale_assignment: 409, plan_not_concluded: 409, review_not_done: 409, no_such_document: 404,
  opinion_closed: 409, already_answered: 409, not_asked: 403, no_objection: 409, already_handled: 409, draft_unchanged: 400, opinions_pending: 409, objections_unanswered: 409, stale_opinion: 409, not_key_project: 409,
  form_has_errors: 422,
  limit_rows_per_form: 413, limit_forms_per_unit_year: 409, limit_bytes_per_unit: 413, revision_compacted: 410,
  limit_document_bytes: 413, limit_document_versions: 409, unsupported_document: 415,
  no_library: 503, busy: 503, rate_limited: 429, insufficient_storage: 507, internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** Which field is wrong and how: `[{ path: "indicators[0].code", message }]`. */
export const FieldProblemSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    /** `中文 / English` */
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
