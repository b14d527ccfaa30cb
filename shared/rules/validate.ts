// The rule engine's entry: every rule of SPEC §6 that needs only the form, the library and the
// policy. (X601/X602 need the server's other forms: see their own modules.)
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Library } from "../library.ts";
import type { Policy } from "../policy.ts";

export function validate(_form: Form, _library: Library, _policy: Policy = _library.policy): Issue[] {
  // The catalogue's rules land with the rule-engine issue; until then only schema findings exist.
  return [];
}
