// What was read, in words (docs/reading-forms.md): the kind and where it came from, each header
// label with its cell and its value's cell, each column's field, each row passed over and why.
// `jixiao validate --explain` prints it; the pane's check shows it for one sheet.
import { fieldLabel } from "../field-labels.ts";
import { kindTerms } from "../glossary.ts";
import { quoteSheet } from "./a1.ts";
import type { Explanation } from "./parse.ts";

export type ExplainLang = "zh" | "en";

export interface ExplainSection {
  title: string;
  lines: string[];
}

export interface ExplainText {
  head: string;
  sections: ExplainSection[];
}

const kindFromWords: Record<ExplainLang, Record<Explanation["kindFrom"], string>> = {
  zh: { metadata: "表样信息", title: "标题", columns: "表头各列" },
  en: { metadata: "the template metadata", title: "the title", columns: "the grid's columns" },
};
const whyWords: Record<ExplainLang, Record<Explanation["skipped"][number]["why"], string>> = {
  zh: { level: "只有指标级别的标题行", filler: "占位或小计行", end: "表格到此结束" },
  en: { level: "a row with level labels only", filler: "a filler or subtotal row", end: "the table ends here" },
};

/** A label as printed, its line breaks and runs of spaces shown as one space. */
const oneLine = (t: string) => t.replace(/\s+/gu, " ").trim();

function fieldName(path: string, lang: ExplainLang): string {
  const t = fieldLabel(path);
  return lang === "zh" ? `${t.zh}（${path}）` : `${t.en} (${path})`;
}

function columnName(field: string, lang: ExplainLang): string {
  const t = fieldLabel(`indicators[0].${field}`);
  const name = lang === "zh" ? t.zh.replace(/^第1行指标的/u, "") : t.en.replace(/ of indicator row 1$/u, "").replace(/^the /u, "");
  return lang === "zh" ? `${name}（${field}）` : `${name} (${field})`;
}

/** `withSheet: false` drops the sheet from every cell address (the pane names the sheet once, in the head). */
export function explainText(sheet: string, e: Explanation, lang: ExplainLang, options: { withSheet?: boolean } = {}): ExplainText {
  if (options.withSheet === false) {
    const prefix = `${quoteSheet(sheet)}!`;
    const full = explainText(sheet, e, lang);
    return { head: full.head, sections: full.sections.map((x) => ({ title: x.title, lines: x.lines.map((l) => l.split(prefix).join("")) })) };
  }
  const kind = kindTerms[e.kind][lang];
  const head =
    lang === "zh"
      ? `[${sheet}] ${kind}（依据${kindFromWords.zh[e.kindFrom]}），读入 ${e.rows} 行指标`
      : `[${sheet}] ${kind} (from ${kindFromWords.en[e.kindFrom]}), ${e.rows} indicator row${e.rows === 1 ? "" : "s"} read`;
  const header = e.header.map((h) => {
    const field = fieldName(h.field === "period" ? "project.periodStart" : h.field, lang);
    return lang === "zh" ? `${h.labelAt}“${oneLine(h.label)}” → ${field}，取值于 ${h.valueAt}` : `${h.labelAt} “${oneLine(h.label)}” → ${field}, value from ${h.valueAt}`;
  });
  const columns = e.columns.map((c) => (lang === "zh" ? `${c.at}“${oneLine(c.label)}” → ${columnName(c.field, lang)}` : `${c.at} “${oneLine(c.label)}” → ${columnName(c.field, lang)}`));
  const skipped = e.skipped.map((s) => (lang === "zh" ? `${s.at}“${oneLine(s.text)}”：${whyWords.zh[s.why]}` : `${s.at} “${oneLine(s.text)}”: ${whyWords.en[s.why]}`));
  const sections: ExplainSection[] = [
    { title: lang === "zh" ? "表头字段" : "Header fields", lines: header },
    { title: lang === "zh" ? "指标列" : "Indicator columns", lines: columns },
  ];
  if (skipped.length > 0) sections.push({ title: lang === "zh" ? "未作为指标读入的行" : "Rows not read as indicators", lines: skipped });
  return { head, sections };
}
