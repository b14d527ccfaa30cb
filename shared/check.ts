// One entry point for "check this form": schema, rules, and the self-evaluation score or the
// monitoring lights. The API, the CLI and the task pane all call this, so they agree.
import type { Issue } from "./issue.ts";
import type { Library } from "./library.ts";
import { readForm } from "./read-form.ts";
import { validate } from "./rules/validate.ts";
import type { Form } from "./form.ts";

export interface FormScore {
  budget: number;
  rows: number[];
  total: number;
  grade: "excellent" | "good" | "fair" | "poor";
}

export interface FormLights {
  budget: "green" | "yellow" | "red" | null;
  rows: ("green" | "yellow" | "red" | null)[];
}

export interface CheckResult {
  form?: Form;
  issues: Issue[];
  score?: FormScore;
  lights?: FormLights;
}

/** Checks a form given as untrusted JSON. Never throws on bad input. */
export function checkForm(input: unknown, library: Library): CheckResult {
  const read = readForm(input);
  if (!read.form) return { issues: read.issues };
  const issues = validate(read.form, library, library.policy);
  return { form: read.form, issues };
}
