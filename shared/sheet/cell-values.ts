// A cell's text → the value of a field: a choice from a glossary table (a key, or "?" when the
// text names none), yes/no, a year, a month, a project period. Blank and placeholders are missing.
import type { IndicatorRow } from "../form.ts";
import { keyOf, fieldTerms, type Field, type Operator, type Term } from "../glossary.ts";
import { normaliseText } from "../values.ts";
import { isPlaceholder, text, type Cell } from "./grid.ts";

const yesWords = new Set(["是", "√", "✓", "✔", "☑", "☒", "■", "●", "y", "yes", "true", "1", "有", "对"]);
const noWords = new Set(["否", "×", "x", "n", "no", "false", "0", "无", "不是", "□", "☐"]);

export function yesNo(v: Cell): boolean | undefined | "?" {
  if (v === null) return undefined;
  if (typeof v === "boolean") return v;
  const t = normaliseText(String(v)).toLowerCase();
  if (t === "" || isPlaceholder(v)) return undefined;
  if (yesWords.has(t)) return true;
  if (noWords.has(t)) return false;
  return "?";
}

const boxes = /[□☐☑☒■√✓✔]/u;
const ticks = /[☑☒■√✓✔]/u;

/**
 * A printed choice list: `☑确定能 □有可能 □完全不可能` (box before each choice) or `新增项目□ 延续项目√`,
 * `1、常年性项目 □ √ 2、延续性项目 □` (boxes after). The ticked choice's text; "" when none is
 * ticked (the field is blank); undefined when the text is no such list or more than one is ticked.
 */
function tickedChoice(t: string): string | undefined {
  const n = normaliseText(t);
  if (!boxes.test(n)) return undefined;
  const before = boxes.test(n[0]!);
  const parts = before ? n.split(/(?=[□☐☑☒■√✓✔])/u) : n.split(/(?<=[□☐☑☒■√✓✔])(?![□☐☑☒■√✓✔])/u);
  const items = parts
    .map((p) => ({ label: p.replace(/[□☐☑☒■√✓✔]/gu, "").replace(/^\d+[、.]/u, ""), ticked: ticks.test(p) }))
    .filter((i) => i.label !== "");
  if (items.length < 2 && !(items.length === 1 && !before)) return undefined;
  const ticked = items.filter((i) => i.ticked);
  if (ticked.length === 0) return "";
  return ticked.length === 1 ? ticked[0]!.label : undefined;
}

export function termKey<K extends string>(terms: Record<K, Term>, v: Cell, extra: Record<string, K> = {}): K | undefined | "?" {
  const t = text(v);
  // blank means missing: the rule that asks for the field fires, never a type error
  if (t === undefined || isPlaceholder(v)) return undefined;
  const key = keyOf(terms, t) ?? keyOf(terms, normaliseText(t));
  if (key) return key;
  const n = normaliseText(t);
  if (Object.hasOwn(extra, n)) return extra[n];
  const choice = tickedChoice(t);
  if (choice === "") return undefined;
  if (choice !== undefined && choice !== n) return termKey(terms, choice, extra);
  return "?";
}

export const operatorExtra: Record<string, Operator> = { "≥": ">=", "≤": "<=", ">=": ">=", "≧": ">=", "<=": "<=", "≦": "<=", "=": "=", "＝": "=", 区间: "range", 定性: "qualitative", "~": "range" };
export const basisExtra: Record<string, IndicatorRow["basis"] & string> = { 计划: "plan", 行业: "industry", 历史: "history", 其他: "other", 计划标准: "plan" };
/** What county forms write in 所属领域 for the fields the glossary names longer (`农业` for 农业农村). */
export const fieldExtra: Record<string, Field> = {
  林草: "forestry",
  林业和草原: "forestry",
  交通: "roads",
  公路: "roads",
  交通运输: "roads",
  卫生: "health",
  卫生健康: "health",
  医疗卫生: "health",
  卫生健康委: "health",
  农业: "agriculture",
  农村: "agriculture",
  农林水: "agriculture",
  旅游: "tourism",
  文旅: "tourism",
  文化和旅游: "tourism",
  环保: "environment",
  环境保护: "environment",
  节能环保: "environment",
  社保: "socialSecurity",
  社会保障和就业: "socialSecurity",
  住建: "housing",
  城乡社区: "housing",
  应急: "emergency",
  一般公共服务: "admin",
  行政: "admin",
};
/** A field as typed → its key when it names one; else the text, which the rules report. */
export function fieldKey(t: string): string {
  const n = normaliseText(t);
  return keyOf(fieldTerms, t) ?? keyOf(fieldTerms, n) ?? (Object.hasOwn(fieldExtra, n) ? fieldExtra[n]! : t);
}
export const attributeExtra: Record<string, "new" | "continuing"> = {
  新增: "new", 新建: "new", 新增项目: "new", 新增性项目: "new", 一次性项目: "new",
  延续: "continuing", 延续项目: "continuing", 续建: "continuing", 经常性项目: "continuing", 持续性项目: "continuing", 延续性项目: "continuing", 常年性项目: "continuing", 持续性: "continuing",
};

export function yearOf(v: Cell): number | Cell {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const t = normaliseText(v).replace(/年度?$/, "");
  return /^\d{4}$/.test(t) ? Number(t) : v;
}

export function monthOf(v: Cell): number | Cell {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const t = normaliseText(v);
  // `6`, `6月`, `1-6月`, and a 监控时点 as a date: `2025年6月30日`, `截至2025年6月底`, `2025-06-30`
  const m =
    /^(?:1[-~至到])?(\d{1,2})月?(?:份|底|末)?$/.exec(t) ??
    /^(?:截至|截止)?(?:\d{4}年)?(\d{1,2})月(?:\d{1,2}日)?(?:底|末)?$/.exec(t) ??
    /^\d{4}[-./](\d{1,2})(?:[-./]\d{1,2})?$/.exec(t);
  return m ? Number(m[1]) : v;
}

/** `2025-01至2025-12`, `2025年1月-2025年12月`, `2025.01~2025.12`, an ISO date: the two periods. */
export function periodOf(v: Cell): { start?: string; end?: string } {
  const t = text(v);
  if (t === undefined) return {};
  const n = normaliseText(t);
  // `2021年度`: the whole year
  const year = /^(\d{4})年度?$/u.exec(n);
  if (year) return { start: `${year[1]}-01`, end: `${year[1]}-12` };
  const date = String.raw`(\d{4})[-./年](\d{1,2})(?:[-./月](\d{1,2})日?|月)?`;
  const one = new RegExp(`^${date}$`);
  const two = new RegExp(`^${date}(?:至|到|~|-|—|–)${date}$`);
  const fmt = (y?: string, m?: string, d?: string) => `${y}-${m!.padStart(2, "0")}${d ? `-${d.padStart(2, "0")}` : ""}`;
  let m = two.exec(n);
  if (m) return { start: fmt(m[1], m[2], m[3]), end: fmt(m[4], m[5], m[6]) };
  m = one.exec(n);
  if (m) return { start: fmt(m[1], m[2], m[3]) };
  const half = /^(.*?)(?:至|到|~)(.*)$/.exec(n);
  if (half) {
    const part = (p: string) => {
      const d = one.exec(p);
      return p === "" ? undefined : d ? fmt(d[1], d[2], d[3]) : p;
    };
    const out: { start?: string; end?: string } = {};
    const a = part(half[1]!);
    const b = part(half[2]!);
    if (a !== undefined) out.start = a;
    if (b !== undefined) out.end = b;
    return out;
  }
  return { start: t };
}

