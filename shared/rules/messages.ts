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
 * findings are only counted, or that finds thousands, does not write two sentences for each. The
 * issue is a plain object either way: `message` is its own enumerable property (a getter), so
 * JSON, spreading, cloning and comparing see the words.
 */
export function issue(form: Form, rule: RuleId, severity: Severity, path: string, message: Text | (() => Text)): Issue {
  const out: Issue = typeof message === "function" ? lazyIssue(rule, severity, path, message) : { rule, severity, path, message };
  const cell = form.cells?.[path];
  if (typeof cell === "string" && cell !== "") out.cell = cell;
  return out;
}

function lazyIssue(rule: RuleId, severity: Severity, path: string, build: () => Text): Issue {
  return new LazyFinding(rule, severity, path, build) as unknown as Issue;
}

/**
 * A finding whose words are built when first read. `message` is an own, enumerable accessor, as a
 * data property would be; every instance shares one getter and one setter (the built text lives in
 * private fields), so instances share one shape and cost little more than a plain object.
 */
class LazyFinding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly path: string;
  #build: (() => Text) | undefined;
  #text: Text | undefined;
  constructor(rule: RuleId, severity: Severity, path: string, build: () => Text) {
    this.rule = rule;
    this.severity = severity;
    this.path = path;
    this.#build = build;
    Object.defineProperty(this, "message", messageProperty);
  }
  static read(f: LazyFinding): Text {
    if (f.#text === undefined) {
      f.#text = f.#build!();
      f.#build = undefined;
    }
    return f.#text;
  }
  static write(f: LazyFinding, text: Text): void {
    f.#text = text;
    f.#build = undefined;
  }
}

const messageProperty: PropertyDescriptor = {
  get(this: LazyFinding): Text {
    return LazyFinding.read(this);
  },
  set(this: LazyFinding, text: Text): void {
    LazyFinding.write(this, text);
  },
  enumerable: true,
  configurable: true,
};

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
