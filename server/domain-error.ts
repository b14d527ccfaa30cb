// What the services (workflow.ts, cycle/, treasury/), the store and the request parsing
// (validation.ts) throw when something cannot be done: a code from the contract's one list
// (shared/api/errors.ts) and a message in Chinese and English. They know nothing of HTTP; the
// HTTP layer (errors.ts, app.ts) answers each code with its status (docs/architecture.md).
import type { z } from "zod";
import type { ErrorBody, ErrorCode } from "../shared/api/errors.ts";

export class DomainError extends Error {
  constructor(
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

/** The problems more than one place raises. */
export const problems = {
  badJson: () => new DomainError("invalid_json", "请求内容不是有效的 JSON", "The request body is not valid JSON"),
  notJson: () =>
    new DomainError("unsupported_media_type", "请求内容须为 JSON（Content-Type: application/json）", "The request body must be JSON (Content-Type: application/json)", [
      { path: "Content-Type", message: "application/json" },
    ]),
  tooDeep: (path: string, max: number) =>
    new DomainError("invalid_body", `请求内容嵌套超过 ${max} 层`, `The request body is nested more than ${max} levels deep`, [{ path, message: `nested more than ${max} levels deep` }]),
  badBody: (issues: readonly z.core.$ZodIssue[]) => new DomainError("invalid_body", "请求内容不符合要求", "The request body is not valid", zodDetails(issues)),
  badQuery: (issues: readonly z.core.$ZodIssue[]) => new DomainError("invalid_query", "查询参数不符合要求", "The query parameters are not valid", zodDetails(issues)),
  badPath: (issues: readonly z.core.$ZodIssue[]) => new DomainError("invalid_path", "地址中的代码不符合要求", "A code in the path is not valid", zodDetails(issues)),
  // a token that is not (or no longer) live: also raised by a save that finds its token revoked
  unauthorized: () => new DomainError("unauthorized", "需要有效的令牌（Authorization: Bearer …）", "A valid token is required (Authorization: Bearer …)"),
  forbidden: () => new DomainError("forbidden", "无权执行此操作", "You are not allowed to do this"),
  notFound: () => new DomainError("not_found", "未找到", "Not found"),
  internal: () => new DomainError("internal", "服务器内部错误，请稍后再试", "Internal server error: please try again later"),
};
