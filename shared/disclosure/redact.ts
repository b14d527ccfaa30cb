// Public data never carries personal data: phone numbers, ID numbers, bank card numbers, e-mail
// addresses and the names forms put after a contact label or a title are taken out of free text
// (and phone or ID numbers typed into numeric fields) before anything is disclosed. Patterns, not
// a dictionary: a person's name is recognised by the label or title in front of it, so everything
// from there to the next punctuation goes (several names joined by 、/和/及 too), in any script and
// of any length. Matching runs on a folded copy of the text (full-width letters, digits and @ as
// ASCII; the folding keeps every position), so `１３８…` and `x＠example.com` are caught as well.
// The catalogue of probes is test/disclosure/redaction-catalogue.test.ts; finance sees what was
// taken out before a year goes public (GET /api/disclosure/preview).

export type PersonalKind = "id" | "card" | "phone" | "email" | "name";

export const masks: Record<PersonalKind, string> = {
  id: "[身份证号已隐去]",
  card: "[卡号已隐去]",
  phone: "[电话已隐去]",
  email: "[邮箱已隐去]",
  name: "[已隐去]",
};

/** What was taken out of one text. */
export interface Removal {
  kind: PersonalKind;
  text: string;
}

/** Full-width ASCII (U+FF01–FF5E) to ASCII, the ideographic space to a space, dashes to `-`: one code unit for one. */
function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (c >= 0x2010 && c <= 0x2015) out += "-";
    else if (c === 0x2212 || c === 0xfe63) out += "-";
    else out += text[i];
  }
  return out;
}

// Separators people put between a number's digit groups.
const SEP = "[ .\\-]?";
const D = "\\d";

/** Labels a contact's name follows. Each character may be spaced out (`联 系 人`). */
const contactLabels = [
  "项目联系人", "联系人", "项目负责人", "负责人", "责任人", "经办人", "填报人", "填表人", "审核人", "审批人", "复核人", "联络员", "申报人",
  "分管领导", "主管领导", "单位负责人", "财务负责人", "法定代表人", "法人代表", "姓名", "contact person", "contact", "Contact",
];
/** Titles a name follows (`局长李四`); taken only where the title starts a word, not in `班主任`. */
const titles = [
  "项目经理", "总经理", "经理", "副局长", "局长", "副主任", "主任", "副科长", "科长", "副处长", "处长", "书记", "院长", "校长", "站长", "所长",
  "队长", "部长", "厅长", "县长", "镇长", "乡长", "村长", "组长", "会计", "出纳",
];
const spaced = (label: string) => [...label].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*");
const alternation = (labels: string[]) => [...labels].sort((a, b) => b.length - a.length).map(spaced).join("|");
// A name: a run of Han characters (with the middle dots of transliterated names), or words in any
// other script joined by single spaces, dots, hyphens or apostrophes.
const HAN_NAME = "[\\p{Script=Han}·•‧・]+";
const OTHER = "(?:(?!\\p{Script=Han})[\\p{L}\\p{M}])";
const OTHER_NAME = `${OTHER}+(?:[ .'’\\-]${OTHER}+)*`;
const NAME = `(?:${HAN_NAME}|${OTHER_NAME})`;
// After a title the name is not followed by punctuation as often (`局长李四主持`): two or three Han characters.
const TITLED_NAME = `(?:[\\p{Script=Han}·]{2,3}|${OTHER_NAME})`;
// Words a title starts that are not followed by a name (`局长办公会`, `主任信箱`).
const titleCompounds = "办公|信箱|热线|助理|职责|岗位|会议|负责制|接待|专线|公开";
const JOIN = "\\s*[、/&和及与]\\s*";
const LEAD = "\\s*(?:[:：]\\s*)?(?:为|是)?\\s*";

/** Each pattern's `v` group (or the whole match) is what is taken out; earlier patterns win overlaps. */
const patterns: [PersonalKind, RegExp][] = [
  // e-mail, IDN too (`李四@政府.中国`); a label in front (`邮箱李四@…`) is not part of the address
  ["email", /(?:(?:电子)?邮[箱件](?:地址)?[:：]?\s*)?(?<v>[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)/gu],
  // resident ID: 18 digits (the last may be X) with a birth date inside, optionally spaced 6-8-4; and the old 15
  ["id", /(?<![\dA-Za-z])[1-9]\d{5}[ ]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ ]?\d{3}[\dXx](?![\dA-Za-z])/g],
  ["id", /(?<![\dA-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![\dA-Za-z])/g],
  // mobile: 11 digits from 13–19, any separators between digits, with +86 / 0086 / 86 / (+86) in front or not
  ["phone", new RegExp(`(?<![\\d])(?:(?:\\+|00)?86[ .\\-]*|\\(\\+?86\\)[ ]*)?1[3-9]${D}(?:${SEP}${D}){8}(?![\\d])`, "g")],
  // landline: area code (in brackets or not, or +86 without its 0), 7–8 digits in groups, an extension
  ["phone", new RegExp(`(?<![\\d])(?:\\(0\\d{2,3}\\)|0\\d{2,3}|(?:\\+|00)86[ .\\-]*[1-9]\\d{1,2})[ .\\-]?\\d{3,4}[ .\\-]?\\d{4}(?:[ ]*(?:转|-|ext\\.?|分机)[ ]*\\d{1,5})?(?![\\d])`, "g")],
  // a number after a phone label, however written: `电话 88886666`, `Tel: 8888-6666`
  ["phone", /(?:电\s*话|手\s*机|座\s*机|传\s*真|热\s*线|联系方式|号码|tel|Tel|TEL|phone|Phone|mobile|Mobile)\s*(?:号码)?\s*(?:[:：]\s*)?(?<v>\d[\d .\-]{5,16}\d)(?![\d])/g],
  // bank card numbers: 16–19 digits
  ["card", /(?<![\d])[1-9]\d{15,18}(?![\d])/g],
  // names after a contact label (to the next punctuation), or after a title; several joined by 、 和 及 与 / &
  ["name", new RegExp(`(?:${alternation(contactLabels)})${LEAD}(?<v>${NAME}(?:${JOIN}${NAME})*)`, "gu")],
  ["name", new RegExp(`(?<!\\p{Script=Han})(?:${alternation(titles)})(?!${titleCompounds})${LEAD}(?<v>${TITLED_NAME}(?:${JOIN}${TITLED_NAME})*)`, "gu")],
];

interface Span {
  start: number;
  end: number;
  kind: PersonalKind;
}

function spansOf(text: string): Span[] {
  const folded = fold(text);
  const taken: Span[] = [];
  const overlaps = (s: Span) => taken.some((t) => s.start < t.end && t.start < s.end);
  for (const [kind, re] of patterns) {
    const withIndices = new RegExp(re.source, `${re.flags}d`);
    for (const m of folded.matchAll(withIndices)) {
      const at = m.indices?.groups?.v ?? m.indices?.[0];
      if (!at || at[1] <= at[0]) continue;
      const s = { start: at[0], end: at[1], kind };
      if (!overlaps(s)) taken.push(s);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** One text with its personal data taken out, and what was taken. */
export function redactText(text: string): { text: string; removed: Removal[] } {
  const spans = spansOf(text);
  if (spans.length === 0) return { text, removed: [] };
  let out = "";
  let at = 0;
  const removed: Removal[] = [];
  for (const s of spans) {
    out += text.slice(at, s.start) + masks[s.kind];
    removed.push({ kind: s.kind, text: text.slice(s.start, s.end) });
    at = s.end;
  }
  return { text: out + text.slice(at), removed };
}

/** Removes personal data from one piece of free text. */
export function redactPersonalData(text: string): string {
  return redactText(text).text;
}

/**
 * A number typed where a figure belongs that is really a phone or an ID number: an 11-digit
 * mobile (with 86 in front or not), or anything of 15 digits or more (no figure in a form is).
 */
export function personalNumber(n: number): PersonalKind | undefined {
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 0) return undefined;
  const digits = n.toFixed(0);
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) return "phone";
  if (digits.length >= 15) return "id";
  return undefined;
}

/** Where something was taken out of a JSON-like value: its path, what kind, the text. */
export interface PathRemoval extends Removal {
  path: string;
}

/** Redacts every string (and phone-like number) inside a JSON-like value, reporting what went where. */
export function redactWithReport<T>(value: T, path = ""): { value: T; removed: PathRemoval[] } {
  const removed: PathRemoval[] = [];
  const walk = (v: unknown, p: string): unknown => {
    if (typeof v === "string") {
      const r = redactText(v);
      for (const x of r.removed) removed.push({ path: p, ...x });
      return r.text;
    }
    if (typeof v === "number") {
      const kind = personalNumber(v);
      if (!kind) return v;
      removed.push({ path: p, kind, text: String(v) });
      return masks[kind];
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${p}[${i}]`));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, p ? `${p}.${k}` : k);
      return out;
    }
    return v;
  };
  return { value: walk(value, path) as T, removed };
}

/** Redacts every string (and phone-like number) inside a JSON-like value, leaving its shape as it was. */
export function redactDeep<T>(value: T): T {
  return redactWithReport(value).value;
}
