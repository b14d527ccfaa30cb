// What the 409 bar shows: who saved the server's revision and when, in the pane's words, and the
// two versions side by side as lines, each marked where it differs from the other side, so a
// change anywhere in the form (funds, goals, an indicator) is visible, not only in the rows.
import type { FormInput } from "../../shared/form.ts";
import { level2Terms } from "../../shared/glossary.ts";
import type { Lang, T } from "./messages.ts";
import { beijingMinute } from "../../shared/beijing.ts";

export interface CompareLine {
  text: string;
  /** not on the other side */
  differs: boolean;
}

const v = (x: unknown) => (x === null || x === undefined ? "" : String(x));

/** A form as the lines a person compares. */
export function formLines(f: FormInput, t: T, lang: Lang): string[] {
  return [
    `${f.project.name} (${f.project.code})`,
    `${t("funds")}: ${v(f.funds.total)} / ${v(f.funds.fiscal)} / ${v(f.funds.other)}`,
    `${t("goalOverall")}: ${v(f.goals.overall)}`,
    `${t("goalAnnual")}: ${v(f.goals.annual)}`,
    ...(f.goals.actual ? [`${t("goalActual")}: ${f.goals.actual}`] : []),
    ...f.indicators.map((r) => {
      const row = r as typeof r & { toDate?: unknown; expected?: unknown; actual?: unknown; weight?: unknown };
      const extra = [row.toDate, row.expected, row.actual, row.weight].filter((x) => x !== undefined && x !== null).map(v);
      return `${level2Terms[r.level2]?.[lang] ?? r.level2} · ${v(r.name)} ${v(r.operator)} ${v(r.target)}${v(r.unit)}${extra.length ? ` (${extra.join(" / ")})` : ""}`;
    }),
  ];
}

/** Both sides' lines, each marked where the other side has no such line. */
export function compareForms(mine: FormInput, theirs: FormInput | undefined, t: T, lang: Lang): { mine: CompareLine[]; theirs: CompareLine[] } {
  const a = formLines(mine, t, lang);
  const b = theirs ? formLines(theirs, t, lang) : [];
  const inA = new Set(a);
  const inB = new Set(b);
  return {
    mine: a.map((text) => ({ text, differs: !!theirs && !inB.has(text) })),
    theirs: b.map((text) => ({ text, differs: !inA.has(text) })),
  };
}

/** `unit:U01#a1b2c3d4` → `U01`; finance and admin by their role; anything else as it came. */
export function who(by: string | undefined, t: T): string {
  if (!by) return "?";
  const m = /^(unit|finance|admin):?([^#]*)/.exec(by);
  if (!m) return by;
  if (m[1] === "finance") return t("roleFinance");
  if (m[1] === "admin") return t("roleAdmin");
  return m[2] || by;
}

/**
 * A time as the bureau reads it, whatever the time zone of the accountant's computer: an instant in
 * Beijing time to the minute (a deadline, stored as 23:59:59.999 Beijing time of its day, shows as
 * that day's 23:59), a bare day `YYYY-MM-DD` as that day, anything unparsable as it came
 * (docs/workflow.md). The browser's own zone would move a deadline to the day before west of
 * Greenwich.
 */
export function when(at: string | undefined): string {
  if (!at) return "";
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : beijingMinute(at);
}
