// Rules across forms (SPEC §6 X601, X602): they need forms the server holds, so the server
// passes them in.
import type { Form, TargetForm } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";

/** X601: a monitoring or self-evaluation form must keep the indicators of the approved target form. */
export function checkAgainstBaseline(_form: Form, _baseline: TargetForm | undefined): Issue[] {
  return [];
}

/** X602: the same set of level-3 indicators copied across `policy.copiedAcrossProjects` or more projects of a unit. */
export function checkCopiedIndicators(_form: Form, _otherFormsOfUnit: readonly Form[], _policy: Policy): Issue[] {
  return [];
}
