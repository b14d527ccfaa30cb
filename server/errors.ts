// One error shape for the whole API: `{ error: { code, message, details? } }`, the message in
// Chinese and English. The services throw DomainError (domain-error.ts); routes throw ApiError
// or let a DomainError through; app.onError answers either with the status of its code
// (shared/api/errors.ts), and anything else as `internal`, without its stack.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorStatus } from "../shared/api/errors.ts";
import { DomainError, problems } from "./domain-error.ts";

export { zodDetails } from "./domain-error.ts";

/** A DomainError raised by the HTTP layer itself (a header, a media type, a method). */
export class ApiError extends DomainError {}

/** The status an error is answered with: its code's. */
export function statusOf(err: DomainError): ContentfulStatusCode {
  return errorStatus[err.code] as ContentfulStatusCode;
}

export const errors = {
  ...problems,
  methodNotAllowed: (allowed: readonly string[]) =>
    new ApiError("method_not_allowed", `此地址只接受 ${allowed.join("、")} 请求`, `This address takes ${allowed.join(", ")} only`, { allow: allowed }),
  tooLarge: () => new ApiError("payload_too_large", "请求内容过大", "The request body is too large"),
};
