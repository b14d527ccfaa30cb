// A save's findings as JSON text, made once: the store writes them into the revision's record and
// the save's answer carries them (docs/api.md), and serialising them is the dearer part of both
// (their words in two languages, each finding read through its getters: shared/rules/messages.ts).
// A check's list of findings is not changed once made, so its text is kept with the list.
import type { Issue } from "../shared/issue.ts";

const texts = new WeakMap<readonly Issue[], string>();

/** `JSON.stringify(issues)`, made once for each list. */
export function issuesJson(issues: readonly Issue[]): string {
  let text = texts.get(issues);
  if (text === undefined) texts.set(issues, (text = JSON.stringify(issues)));
  return text;
}

/**
 * `JSON.stringify({ ...head, issues, ...tail })` with the findings' text from issuesJson: `head`
 * and `tail` are serialised as they are (no key of theirs may be `issues`; `tail` may be empty).
 */
export function withIssuesJson(head: object, issues: readonly Issue[], tail: object): string {
  const h = JSON.stringify(head);
  const t = JSON.stringify(tail);
  return `${h.length > 2 ? `${h.slice(0, -1)},` : "{"}"issues":${issuesJson(issues)}${t.length > 2 ? `,${t.slice(1)}` : "}"}`;
}
