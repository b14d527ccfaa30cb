// A form's identity: year, unit, project and kind. It names a submission in the store, in the
// API's paths (/api/submissions/2025/U01/P001/target) and in the pane's outbox; one type, one
// path, so no side spells it differently (docs/api.md).
import { z } from "zod";
import { FormKindSchema, projectOfYearFields } from "../form.ts";

export const FormIdSchema = z.object({ ...projectOfYearFields, kind: FormKindSchema });
export type FormId = z.infer<typeof FormIdSchema>;

/** The project a form belongs to: a FormId without its kind (key projects are marked per project). */
export type ProjectId = Omit<FormId, "kind">;

/** `/api/submissions/2025/U01/P001/target` */
export function formIdPath(id: FormId): string {
  return `/api/submissions/${id.year}/${encodeURIComponent(id.unit)}/${encodeURIComponent(id.project)}/${id.kind}`;
}

/** `2025/U01/P001/target`: the identity as one string (a map key, an audit target). */
export function formIdString(id: FormId): string {
  return `${id.year}/${id.unit}/${id.project}/${id.kind}`;
}

/** The identity a form states in its header. */
export function formIdOf(form: { year: number; kind: FormId["kind"]; unit: { code: string }; project: { code: string } }): FormId {
  return { year: form.year, unit: form.unit.code, project: form.project.code, kind: form.kind };
}
