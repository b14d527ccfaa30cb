// The API's one error shape, `{ error: { code, message, details? } }`, and every code it can carry
// (docs/api.md lists them). The message is Chinese and English; `details` says which field or
// gives what the client needs to recover (a 409's current revision).
import { z } from "zod";

export const errorCodes = [
  // the request itself
  "invalid_json", "invalid_body", "invalid_query", "invalid_path", "invalid_if_match", "identity_mismatch",
  "unsupported_media_type", "payload_too_large", "method_not_allowed", "not_found", "http_error",
  "invalid_xlsx", "xlsx_is_xls", "xlsx_too_large", "xlsx_too_complex", "xlsx_too_many_merged_cells", "invalid_file", "invalid_text", "invalid_library", "unknown_units", "no_such_finding", "no_such_form",
  // who asks
  "unauthorized", "forbidden",
  // the state of things (409: the client's picture is out of date, or the thing is final)
  "stale_revision", "approved_locked", "if_match_required", "already_submitted", "not_submitted", "not_approved", "invalid_transition",
  "library_conflict", "unit_exists", "token_revoked", "own_token", "notice_exists", "rectification_exists", "stale_rectification",
  // the rules
  "form_has_errors",
  // what a bureau lets one unit store (policy.limits, docs/storage.md), and history compacted under it
  "limit_rows_per_form", "limit_forms_per_unit_year", "limit_bytes_per_unit", "revision_compacted",
  // the server
  "no_library", "busy", "rate_limited", "insufficient_storage", "internal",
] as const;
export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

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
