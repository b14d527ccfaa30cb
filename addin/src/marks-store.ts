// The finding marks kept between checks, per workbook: stored under the workbook's id from its
// metadata sheet (shared/sheet/workbook-id.ts), since browser storage is shared by every workbook
// the add-in opens in; a workbook without an id (not inserted by the pane) keeps its marks for the
// pane's session only. Marks are put back only on sheets the workbook still has. Reads are
// guarded: unreadable marks are no marks (the next check paints afresh).
import type { Marks } from "../excel/marks.ts";
import { marksKey, type KeyValueStore } from "./storage.ts";

export async function loadMarks(store: KeyValueStore, workbookId: string | undefined): Promise<Marks | undefined> {
  if (!workbookId) return undefined;
  try {
    const text = await store.get(marksKey(workbookId));
    const parsed = text ? (JSON.parse(text) as Marks) : undefined;
    return parsed && Array.isArray(parsed.marks) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function saveMarks(store: KeyValueStore, workbookId: string | undefined, marks: Marks): Promise<void> {
  if (workbookId) await store.set(marksKey(workbookId), JSON.stringify(marks));
}

export async function forgetMarks(store: KeyValueStore, workbookId: string | undefined): Promise<void> {
  if (workbookId) await store.remove(marksKey(workbookId));
}

/** The marks whose sheet the workbook still has (a renamed or deleted sheet's marks are dropped). */
export function marksOnSheets(marks: Marks | undefined, sheets: readonly { name: string }[]): Marks | undefined {
  if (!marks) return undefined;
  const present = new Set(sheets.map((s) => s.name));
  return { marks: marks.marks.filter((m) => present.has(m.sheet)) };
}
