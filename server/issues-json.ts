// A save's findings serialised once: the store writes them into the revision's record and the
// save's answer carries them (docs/api.md), and serialising them is the dearer part of both (their
// words in two languages, each finding read through its getters: shared/rules/messages.ts). The
// save (workflow.ts, saveDraft) serialises them and hands the text to both; nothing keeps it after.

/**
 * `JSON.stringify({ ...head, issues, ...tail })` where `issuesJson` is `JSON.stringify(issues)`:
 * `head` and `tail` are serialised as they are (no key of theirs may be `issues`; either may be empty).
 */
export function withIssuesJson(head: object, issuesJson: string, tail: object): string {
  const h = JSON.stringify(head);
  const t = JSON.stringify(tail);
  return `${h.length > 2 ? `${h.slice(0, -1)},` : "{"}"issues":${issuesJson}${t.length > 2 ? `,${t.slice(1)}` : "}"}`;
}
