// A unit's bytes against policy.limits.bytesPerUnit (docs/storage.md): its forms' revisions and its
// documents' versions together (UnitUsage.bytes), checked before a save and before an upload.
import { DomainError } from "./domain-error.ts";

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/**
 * The refusal when a unit storing `stored` bytes has reached `limit`, or would pass it by `adding`
 * (an upload's size; 0 for a save, which is checked before it is written); undefined otherwise.
 */
export function unitBytesRefusal(unit: string, stored: number, limit: number, adding = 0): DomainError | undefined {
  if (stored < limit && stored + adding <= limit) return undefined;
  const file = adding > 0 ? { zh: `，加上这个 ${mb(adding)} MB 的文件将超过`, en: `; this ${mb(adding)} MB file would take it past` } : { zh: "，达到", en: ", the limit" };
  return new DomainError(
    "limit_bytes_per_unit",
    `单位 ${unit} 已存 ${mb(stored)} MB（表单与文件合计）${file.zh}上限 ${mb(limit)} MB（policy.limits.bytesPerUnit），请联系财政部门`,
    `Unit ${unit} stores ${mb(stored)} MB (forms and documents together)${file.en} (policy.limits.bytesPerUnit = ${mb(limit)} MB): ask the finance bureau`,
  );
}
