// One error shape for the whole API: `{ error: { code, message, details? } }`, the message in
// Chinese and English. Routes throw ApiError; app.onError turns it (and anything else, without
// its stack) into that shape.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ErrorBody, ErrorCode } from "../shared/api/errors.ts";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(`${zh} / ${en}`);
  }

  body(): ErrorBody {
    const error: ErrorBody["error"] = { code: this.code, message: this.message };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** zod issues as `[{ path: "indicators[0].code", message }]`. */
export function zodDetails(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((i) => ({
    path: i.path.reduce<string>(
      (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc === "" ? String(p) : `${acc}.${String(p)}`),
      "",
    ) || "(body)",
    message: i.message,
  }));
}

export const errors = {
  badJson: () => new ApiError(400, "invalid_json", "请求内容不是有效的 JSON", "The request body is not valid JSON"),
  notJson: () =>
    new ApiError(415, "unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）", "The request body must be JSON (Content-Type: application/json)", [
      { path: "Content-Type", message: "application/json" },
    ]),
  tooDeep: (path: string, max: number) =>
    new ApiError(400, "invalid_body", `请求内容嵌套超过 ${max} 层`, `The request body is nested more than ${max} levels deep`, [{ path, message: `nested more than ${max} levels deep` }]),
  badBody: (issues: readonly z.core.$ZodIssue[]) =>
    new ApiError(400, "invalid_body", "请求内容不符合要求", "The request body is not valid", zodDetails(issues)),
  badQuery: (issues: readonly z.core.$ZodIssue[]) =>
    new ApiError(400, "invalid_query", "查询参数不符合要求", "The query parameters are not valid", zodDetails(issues)),
  badPath: (issues: readonly z.core.$ZodIssue[]) =>
    new ApiError(400, "invalid_path", "地址中的代码不符合要求", "A code in the path is not valid", zodDetails(issues)),
  unauthorized: () =>
    new ApiError(401, "unauthorized", "需要有效的令牌（Authorization: Bearer …）", "A valid token is required (Authorization: Bearer …)"),
  forbidden: () => new ApiError(403, "forbidden", "无权执行此操作", "You are not allowed to do this"),
  notFound: () => new ApiError(404, "not_found", "未找到", "Not found"),
  methodNotAllowed: (allowed: readonly string[]) =>
    new ApiError(405, "method_not_allowed", `此地址只接受 ${allowed.join("、")} 请求`, `This address takes ${allowed.join(", ")} only`, { allow: allowed }),
  tooLarge: () => new ApiError(413, "payload_too_large", "请求内容过大", "The request body is too large"),
  internal: () => new ApiError(500, "internal", "服务器内部错误，请稍后再试", "Internal server error: please try again later"),
};
