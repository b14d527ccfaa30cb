// Building findings: every rule makes its issue here, so each one carries the path, the sheet
// cell when the form came from a sheet, and a message in Chinese and English that names the row.
import type { Form } from "../form.ts";
import type { Issue, RuleId, Severity } from "../issue.ts";

export interface Text {
  zh: string;
  en: string;
}

/**
 * An issue for `path`, with the cell the form's `cells` map gives for it. The message may be given
 * as a function: it is then built when first read (shown, sent, stored) and kept, so a check whose
 * findings are only counted, or that finds thousands, does not write two sentences for each (see
 * Finding).
 */
export function issue(form: Form, rule: RuleId, severity: Severity, path: string, message: Text | (() => Text)): Issue {
  const out: Issue = typeof message === "function" ? (new Finding(rule, severity, path, -1, "", message, undefined, undefined) as unknown as Issue) : { rule, severity, path, message };
  const cell = form.cells?.[path];
  if (typeof cell === "string" && cell !== "") out.cell = cell;
  return out;
}

/**
 * An issue for a field of the row at `row` (`indicators[3].target`), its words built when first
 * read: `words(a, b, row)`, so a rule that finds thousands (I215) passes a function of its own and
 * its two arguments rather than making a closure for each finding. The path's text too is made
 * when first read, unless the form's `cells` map needs it now.
 */
export function rowIssue<A, B>(form: Form, rule: RuleId, severity: Severity, row: number, field: string, words: (a: A, b: B, row: number) => Text, a?: A, b?: B): Issue {
  const finding = new Finding(rule, severity, undefined, row, field, words as (a: unknown, b: unknown, row: number) => Text, a, b) as unknown as Issue;
  if (form.cells !== undefined) {
    const cell = form.cells[finding.path];
    if (typeof cell === "string" && cell !== "") finding.cell = cell;
  }
  return finding;
}

/**
 * A finding whose path and words are made when first read (the rule id, the row and the words'
 * function are kept until then). `path` and `message` are read through the class's getters, so a
 * finding costs one small object: an own accessor on each finding (Object.defineProperty) cost
 * more than the rest of the finding on a form of thousands of findings. It reads as the plain
 * finding (docs/rules.md): its JSON (toJSON) is { rule, severity, path, message, cell? }, and reading
 * `path` or `message` gives the text; a copy made by spreading or structuredClone does not carry
 * the two getters, so a finding is copied with plainFinding.
 */
class Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  declare cell?: string;
  #path: string | undefined;
  #row: number;
  #field: string;
  #build: ((a: unknown, b: unknown, row: number) => Text) | undefined;
  #a: unknown;
  #b: unknown;
  #text: Text | undefined;
  constructor(rule: RuleId, severity: Severity, path: string | undefined, row: number, field: string, build: (a: unknown, b: unknown, row: number) => Text, a: unknown, b: unknown) {
    this.rule = rule;
    this.severity = severity;
    this.#path = path;
    this.#row = row;
    this.#field = field;
    this.#build = build;
    this.#a = a;
    this.#b = b;
    this.#text = undefined;
  }
  get path(): string {
    return (this.#path ??= `indicators[${this.#row}].${this.#field}`);
  }
  set path(path: string) {
    this.#path = path;
  }
  get message(): Text {
    if (this.#text === undefined) {
      this.#text = this.#build!(this.#a, this.#b, this.#row);
      this.#build = this.#a = this.#b = undefined;
    }
    return this.#text;
  }
  set message(text: Text) {
    this.#text = text;
    this.#build = this.#a = this.#b = undefined;
  }
  /** The plain finding, its keys in the order of a finding given its words at once. */
  toJSON(): Issue {
    return plainFinding(this as unknown as Issue);
  }
}

/** A finding as a plain object (own data properties only): what spreading a finding would give were its path and words its own. */
export function plainFinding(i: Issue): Issue {
  if (!(i instanceof Finding)) return { ...i };
  const out: Record<string, unknown> = { rule: i.rule, severity: i.severity, path: i.path, message: i.message };
  for (const [key, value] of Object.entries(i)) if (!(key in out)) out[key] = value;
  return out as Issue;
}

/** 第3行指标“森林管护面积” / row 3 (“森林管护面积”): rows are numbered from 1 as people count. */
export function rowRef(index: number, name: string | null | undefined): Text {
  const n = index + 1;
  const shown = clip(name ?? "");
  return shown === ""
    ? { zh: `第${n}行指标`, en: `Indicator row ${n}` }
    : { zh: `第${n}行指标“${shown}”`, en: `Indicator row ${n} (“${shown}”)` };
}

/** Shortens free text quoted in a message. */
export function clip(text: string, max = 40): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** A number as a message shows it: at most four decimals, no binary noise. */
export function num(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toFixed(4)));
}

/** A score or a percentage as people read them: two decimals at most (19.67, not 19.6667). */
export function pts(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(2))) : String(x);
}

/** English sentences start with a capital: `total funds` → `Total funds`. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Quoted value as typed. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return "";
  return clip(String(value));
}
