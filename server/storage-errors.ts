// A full disk, a quota reached, a read-only or unwritable data folder (or the same on PostgreSQL)
// is not a bug: the API answers 507 with what to do, once, in the one error shape, and `jixiao
// serve` says it in a line at start instead of a stack trace.
import { ApiError } from "./errors.ts";

const full = new Set(["ENOSPC", "EDQUOT", "53100" /* PostgreSQL disk_full */]);
const readOnly = new Set(["EROFS", "EACCES", "EPERM", "25006" /* PostgreSQL read_only_sql_transaction */]);

/** `full` or `read-only` when `err` (or an error it wraps) is one; undefined otherwise. */
export function storageProblem(err: unknown): "full" | "read-only" | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (full.has(code)) return "full";
    if (readOnly.has(code)) return "read-only";
  }
  return undefined;
}

const words = {
  full: {
    zh: "服务器存储空间已满，本次操作未保存：请联系管理员清理磁盘后重试",
    en: "The server's disk is full and nothing was saved: ask the administrator to free space, then try again",
  },
  "read-only": {
    zh: "服务器的数据文件夹为只读或无写入权限，本次操作未保存：请联系管理员",
    en: "The server's data folder is read-only or not writable and nothing was saved: ask the administrator",
  },
} as const;

/** The 507 answered for a storage problem. */
export function storageError(problem: "full" | "read-only"): ApiError {
  const w = words[problem];
  return new ApiError("insufficient_storage", w.zh, w.en, { problem });
}

/** The one line `jixiao serve` prints when it cannot start for a storage problem. */
export function storageStartMessage(problem: "full" | "read-only", where: string, err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  return problem === "full"
    ? `jixiao serve: 磁盘已满，无法在 ${where} 写入数据 / the disk is full: cannot write to ${where} (${code}). Free some space and start again.`
    : `jixiao serve: 数据文件夹 ${where} 为只读或没有写入权限 / the data folder ${where} is read-only or not writable (${code}): give the server's user write access, or choose another --data folder.`;
}
