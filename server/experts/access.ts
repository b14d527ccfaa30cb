// What of a project an expert may read (docs/experts.md): a document only when it is the item of
// an assignment naming them (an evaluation plan or report); never a project's list of documents,
// never a document of another kind. auth.ts's mayReadProject asks this for every expert.
import { documentOf } from "../../shared/expert/review.ts";
import type { DocumentKind } from "../../shared/documents.ts";
import type { Store } from "../store/store.ts";

export async function expertMayRead(store: Store, auth: { expert?: string }, item: { year: number; unit: string; project: string; document?: DocumentKind }): Promise<boolean> {
  if (!auth.expert || item.document === undefined) return false;
  const mine = await store.experts.listAssignments({ year: item.year, unit: item.unit, project: item.project, expert: auth.expert });
  return mine.some((a) => documentOf(a.kind) === item.document);
}
