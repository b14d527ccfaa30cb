// The value reader (docs/domain.md): a cell's content as units type it — `95`, `95%`, `≥95%`, `1,200`,
// `９５％`, `1.2万`, `≥50万亩`, `80-95` — read into a number with the operator and unit typed
// beside it, a qualitative grade, a placeholder, or text that is neither.
import { gradeTerms, type Operator, type QualitativeGrade } from "./glossary.ts";
import { isWanBased, knownUnitsLongestFirst, normaliseUnit } from "./measure-units.ts";

export type CellValue = string | number | boolean | null | undefined;

export type ReadValue =
  | { kind: "empty" }
  | { kind: "placeholder"; text: string }
  | { kind: "number"; value: number; high?: number; operator?: Operator; unit?: string }
  | { kind: "grade"; grade: QualitativeGrade }
  | { kind: "text"; text: string };

/** `-`, `*`, `/`, `无`, `—` stand in for "no value"; they are never a value. */
const placeholders = new Set(["-", "*", "/", "无", "—", "——", "－", "–", "N/A", "n/a", "NA"]);
/** The longest placeholder: longer text is not looked up (most cells are). */
const placeholderLength = Math.max(...[...placeholders].map((p) => p.length));

const operatorPrefixes: [string, Operator][] = [
  ["不低于", ">="],
  ["不少于", ">="],
  ["不小于", ">="],
  ["不高于", "<="],
  ["不超过", "<="],
  ["不大于", "<="],
  ["不多于", "<="],
  ["大于等于", ">="],
  ["小于等于", "<="],
  ["大于", ">"],
  ["高于", ">"],
  ["小于", "<"],
  ["低于", "<"],
  ["等于", "="],
  [">=", ">="],
  ["=>", ">="],
  ["<=", "<="],
  ["=<", "<="],
  ["≥", ">="],
  ["≧", ">="],
  ["≤", "<="],
  ["≦", "<="],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
];

/** operatorPrefixes by their first character, each list in the order above (most text starts with a digit: none). */
const prefixesByFirst = new Map<number, [string, Operator][]>();
for (const entry of operatorPrefixes) {
  const first = entry[0].charCodeAt(0);
  const list = prefixesByFirst.get(first);
  if (list) list.push(entry);
  else prefixesByFirst.set(first, [entry]);
}

const operatorSuffixes: [string, Operator][] = [
  ["及以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["以下", "<="],
];

const NUMBER = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+`;
const numberOnly = new RegExp(`^(${NUMBER})`);
const rangePattern = new RegExp(`^(${NUMBER})\\s*(?:-|~|至|到)\\s*(${NUMBER})`);

function toNumber(text: string): number {
  return Number(text.includes(",") ? text.replace(/,/g, "") : text);
}

/** Full-width digits, signs and letters folded to ASCII; spaces dropped. */
export function normaliseText(text: string): string {
  return settledText(text) ?? text.normalize("NFKC").replace(/[～〜]/g, "~").replace(/[－―−]/g, "-").replace(/[\s\u00a0\u3000]+/g, "");
}

/**
 * What normaliseText makes of text typed the common ways, without NFKC: printable ASCII (`1,200`,
 * `>=95%`) is left as it is, full-width ASCII (`９５％`, `１，２００`) is folded to it, and the CJK
 * ideographs and ≥ ≤ beside them (`≥50万亩`) are kept. NFKC does the same to each of these
 * characters and never joins two of them, and none is a space. Undefined for any other character:
 * the general path then runs.
 */
function settledText(text: string): string | undefined {
  let folded = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c >= 0xff01 && c <= 0xff5e) folded = true;
    else if (!((c >= 0x4e00 && c <= 0x9fff) || c === 0x2265 || c === 0x2264)) return undefined;
  }
  if (!folded) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : text[i];
  }
  return out;
}

const gradeByLabel = new Map<string, QualitativeGrade>();
for (const [key, term] of Object.entries(gradeTerms) as [QualitativeGrade, { zh: string; en: string }][]) {
  gradeByLabel.set(key.toLowerCase(), key);
  gradeByLabel.set(term.zh, key);
  gradeByLabel.set(term.en.toLowerCase(), key);
}

function gradeOf(text: string): QualitativeGrade | undefined {
  const t = text.trim();
  const exact = gradeByLabel.get(t) ?? gradeByLabel.get(t.toLowerCase());
  if (exact) return exact;
  // Short forms seen on county forms. 未达成 before 达成, since one contains the other.
  if (/^未达成/.test(t)) return "notAchieved";
  if (/^部分达成/.test(t)) return "partial";
  if (/^(已)?达成|^完成$|^达到$/.test(t)) return "achieved";
  return undefined;
}

export interface ReadOptions {
  /** The indicator's canonical unit: `1.2万` is 12000 unless this unit is itself 万-based. */
  unit?: string | undefined;
}

// Most cells hold a plain ASCII number: read those without the general path (validation of a
// 10,000-row form spends much of its time here).
const plainNumber = /^-?\d+(\.\d+)?$/;

/** Reads one cell's content. Never throws. */
export function readValue(cell: CellValue, options: ReadOptions = {}): ReadValue {
  return readValueIn(cell, options.unit);
}

/** readValue with the indicator's unit given as itself (the rules read every row's target so: no options object a row). */
export function readValueIn(cell: CellValue, indicatorUnit: string | undefined): ReadValue {
  if (cell === null || cell === undefined) return { kind: "empty" };
  if (typeof cell === "number") return Number.isFinite(cell) ? { kind: "number", value: cell } : { kind: "text", text: String(cell) };
  if (typeof cell === "boolean") return { kind: "text", text: String(cell) };
  const raw = String(cell);
  if (plainNumber.test(raw)) return { kind: "number", value: Number(raw) };
  const text = normaliseText(raw);
  if (text === "") return { kind: "empty" };
  const trimmed = raw.trim();
  if ((text.length <= placeholderLength && placeholders.has(text)) || (trimmed.length <= placeholderLength && placeholders.has(trimmed))) return { kind: "placeholder", text: trimmed };
  // A grade is words (达成年度指标, achieved); text that starts as a number or a comparison does not need the look.
  const grade = startsAsNumberOrComparison(text) ? undefined : gradeOf(raw);
  if (grade) return { kind: "grade", grade };

  let rest = text;
  let operator: Operator | undefined;
  const prefixes = prefixesByFirst.get(rest.charCodeAt(0));
  if (prefixes !== undefined) {
    for (const [prefix, op] of prefixes) {
      if (rest.startsWith(prefix)) {
        operator = op;
        rest = rest.slice(prefix.length);
        break;
      }
    }
  }

  let value: number;
  let high: number | undefined;
  const range = operator === undefined ? rangePattern.exec(rest) : null;
  if (range) {
    value = toNumber(range[1]!);
    high = toNumber(range[2]!);
    operator = "range";
    rest = rest.slice(range[0].length);
  } else {
    const m = numberOnly.exec(rest);
    if (!m) return { kind: "text", text: raw };
    value = toNumber(m[1]!);
    rest = rest.slice(m[0].length);
  }
  if (!Number.isFinite(value) || (high !== undefined && !Number.isFinite(high))) return { kind: "text", text: raw };

  // most numbers end where the text does (`1,200`, `９５`): no suffix to look for
  if (rest !== "" && operator === undefined) {
    for (const [suffix, op] of operatorSuffixes) {
      if (rest.endsWith(suffix)) {
        operator = op;
        rest = rest.slice(0, -suffix.length);
        break;
      }
    }
  }

  let unit: string | undefined;
  if (rest !== "") {
    const expected = indicatorUnit !== undefined ? normaliseUnit(indicatorUnit) : undefined;
    if (expected !== undefined && normaliseUnit(rest) === expected) {
      unit = expected;
    } else if (knownUnitsLongestFirst.includes(rest)) {
      unit = rest;
    } else if (rest === "万" || rest === "亿") {
      // 1.2万 with no unit: a multiplier, unless the indicator's unit already counts in 万.
      const factor = rest === "万" ? 1e4 : 1e8;
      if (!(rest === "万" && isWanBased(indicatorUnit))) {
        value *= factor;
        if (high !== undefined) high *= factor;
      }
    } else if (rest.startsWith("万") && expected !== undefined && normaliseUnit(rest.slice(1)) === expected) {
      // 1.2万人 against 人: the multiplier, then the unit.
      value *= 1e4;
      if (high !== undefined) high *= 1e4;
      unit = expected;
    } else {
      return { kind: "text", text: raw };
    }
  }

  const result: ReadValue = { kind: "number", value: roundNoise(value) };
  if (high !== undefined) result.high = roundNoise(high);
  if (operator !== undefined) result.operator = operator;
  if (unit !== undefined) result.unit = unit;
  return result;
}

/**
 * A digit, a sign, a decimal point or a comparison (< = > ≥ ≤) first. A grade's words start with a
 * letter or an ideograph, which normalising keeps first, so such text is never a grade.
 */
function startsAsNumberOrComparison(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || (c >= 60 && c <= 62) || c === 0x2264 || c === 0x2265;
}

function roundNoise(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(12));
}

/** Reads a cell that must hold an amount or a count; undefined when it holds no number. */
export function readNumber(cell: CellValue, options: ReadOptions = {}): number | undefined {
  const v = readValue(cell, options);
  return v.kind === "number" ? v.value : undefined;
}

/** True when a field holds nothing: absent, null, or blank text (docs/domain.md). */
export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && normaliseText(cell) === "");
}
