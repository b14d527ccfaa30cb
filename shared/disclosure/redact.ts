// Public data never carries personal data (SPEC §9): phone numbers, ID numbers, e-mail
// addresses and the names that forms put after 联系人/负责人 are taken out of free text before
// anything is disclosed. Patterns, not a dictionary: a person's name is only recognisable by
// the label in front of it, so the label and what follows it go together.

const patterns: [RegExp, string][] = [
  // 18-digit resident ID (last digit may be X), and the old 15-digit form
  [/(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g, "[身份证号已隐去]"],
  [/(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g, "[身份证号已隐去]"],
  // mobile numbers, with or without +86 and separators
  [/(?:\+?86[\s-]?)?(?<![0-9])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])/g, "[电话已隐去]"],
  // landlines: area code 0xx(x), optional brackets, 7–8 digits, optional extension
  [/[（(]?0\d{2,3}[）)]?[\s-]?\d{7,8}(?:[-转]\d{1,5})?(?![0-9])/g, "[电话已隐去]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[邮箱已隐去]"],
  // a name after a contact label: 联系人：张三 / 负责人 李四 / 经办人:王小明
  [
    /(联系人|负责人|项目负责人|经办人|填报人|填表人|审核人|联络员|联系电话|联系方式|电话|手机)\s*[:：]?\s*[\u4e00-\u9fa5·]{2,4}(?=$|[\s，,。；;、)）(（\d])/g,
    "$1：[已隐去]",
  ],
];

/** Removes personal data from one piece of free text. */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, replacement] of patterns) out = out.replace(re, replacement);
  return out;
}

/** Redacts every string inside a JSON-like value, leaving its shape as it was. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
