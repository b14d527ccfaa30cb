// A workbook's own id, kept in its metadata sheet as the workbook-wide row `* | workbook.id | …`.
// Browser storage is shared by every workbook the add-in opens in (it is partitioned by the
// add-in's address, not by file), so what belongs to one workbook — the pane's finding marks — is
// stored under this id (addin/src/marks-store.ts). Written once, on the first insert into a
// workbook, and kept by every later insert (place.ts).
import { type GridValue } from "./parse.ts";
import { readMeta } from "./workbook.ts";

export const workbookIdKey = "workbook.id";

/** The id in a metadata sheet's values, if it has one. */
export function workbookIdOf(metaValues: readonly (readonly GridValue[])[] | undefined): string | undefined {
  if (!metaValues) return undefined;
  const id = readMeta(metaValues as GridValue[][]).get("*")?.[workbookIdKey];
  return id ? id : undefined;
}

/** 128 random bits as 32 hex digits, from the bytes given (crypto.getRandomValues). */
export function newWorkbookId(random: Uint8Array): string {
  if (random.length < 16) throw new Error("newWorkbookId: 16 random bytes needed");
  return Array.from(random.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}
