// A saved form's identity from where it is saved (docs/reading-forms.md): the year, unit and
// project of the path, the unit's name and field from the directory, and — for a monitoring or
// self-evaluation form whose layout has none — project code, field, attribute and
// serves-the-public from the approved target form of the same project. Only what the form
// leaves blank is filled: a value the form gives is kept, and checked as before.
import type { SaveContext } from "./store/store.ts";
import type { SubmissionKey } from "./store/store.ts";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function objectAt(o: Record<string, unknown>, k: string): Record<string, unknown> {
  const v = o[k];
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  o[k] = fresh;
  return fresh;
}

function fill(o: Record<string, unknown>, k: string, v: unknown): void {
  if (blank(o[k]) && !blank(v)) o[k] = v;
}

/** The body with its identity filled in from the path, the directory and the approved target form, as the save read them (saveContext, store.ts). */
export function withIdentity(known: Pick<SaveContext, "unit" | "approvedTarget">, key: SubmissionKey, body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const form = { ...(body as Record<string, unknown>) };
  fill(form, "kind", key.kind);
  fill(form, "year", key.year);
  const unit = (form.unit = { ...objectAt(form, "unit") });
  const project = (form.project = { ...objectAt(form, "project") });
  fill(unit, "code", key.unit);
  fill(project, "code", key.project);
  const entry = known.unit;
  fill(unit, "name", entry?.name);
  if (key.kind !== "target") {
    const approved = known.approvedTarget?.status === "approved" ? known.approvedTarget.latest.form : undefined;
    const from = approved && typeof approved.project === "object" && approved.project !== null ? (approved.project as Record<string, unknown>) : {};
    for (const k of ["field", "attribute", "servesPublic"]) fill(project, k, from[k]);
  }
  fill(project, "field", entry?.field);
  return form;
}
