// `jixiao validate --explain FILE.xlsx`: for each sheet, in Chinese or English, which label was read
// from which cell into which field, which column fills which row field, and which rows were passed
// over and why, so a clerk can see how a county's own layout was understood.
import { fieldLabel } from "../../shared/field-labels.ts";
import { kindTerms } from "../../shared/glossary.ts";
import type { LoadedForm } from "./load-forms.ts";

type Lang = "zh" | "en";

const kindFromWords: Record<Lang, Record<string, string>> = {
  zh: { metadata: "表样信息", title: "标题", columns: "表头各列" },
  en: { metadata: "the template metadata", title: "the title", columns: "the grid's columns" },
};
const whyWords: Record<Lang, Record<string, string>> = {
  zh: { level: "只有指标级别的标题行", filler: "占位或小计行", end: "表格到此结束" },
  en: { level: "a row with level labels only", filler: "a filler or subtotal row", end: "the table ends here" },
};

/** A label as printed, its line breaks and runs of spaces shown as one space. */
const oneLine = (t: string) => t.replace(/\s+/gu, " ").trim();

function fieldName(path: string, lang: Lang): string {
  const t = fieldLabel(path);
  return lang === "zh" ? `${t.zh}（${path}）` : `${t.en} (${path})`;
}

/** The explanation of every sheet of a loaded file; a .json file has no labels to explain. */
export function explainReport(file: string, forms: readonly LoadedForm[], lang: Lang): string {
  const lines = [file];
  if (forms.every((f) => f.explain === undefined)) {
    lines.push(lang === "zh" ? "  没有可说明的工作表（--explain 用于 .xlsx 表样）" : "  nothing to explain (--explain reads .xlsx sheets)", "");
    return `${lines.join("\n")}\n`;
  }
  for (const f of forms) {
    const e = f.explain;
    if (!e) {
      lines.push(`  [${f.sheet ?? ""}] ${lang === "zh" ? "不是绩效表样" : "not a form"}`);
      continue;
    }
    const kind = kindTerms[e.kind][lang];
    lines.push(
      lang === "zh"
        ? `  [${f.sheet}] ${kind}（依据${kindFromWords.zh[e.kindFrom]}），读入 ${e.rows} 行指标`
        : `  [${f.sheet}] ${kind} (from ${kindFromWords.en[e.kindFrom]}), ${e.rows} indicator row${e.rows === 1 ? "" : "s"} read`,
    );
    lines.push(lang === "zh" ? "    表头字段" : "    Header fields");
    for (const h of e.header) {
      const field = fieldName(h.field === "period" ? "project.periodStart" : h.field, lang);
      lines.push(lang === "zh" ? `      ${h.labelAt}“${oneLine(h.label)}” → ${field}，取值于 ${h.valueAt}` : `      ${h.labelAt} “${oneLine(h.label)}” → ${field}, value from ${h.valueAt}`);
    }
    lines.push(lang === "zh" ? "    指标列" : "    Indicator columns");
    for (const c of e.columns) {
      const t = fieldLabel(`indicators[0].${c.field}`);
      const name = lang === "zh" ? t.zh.replace(/^第1行指标的/u, "") : t.en.replace(/ of indicator row 1$/u, "").replace(/^the /u, "");
      lines.push(lang === "zh" ? `      ${c.at}“${oneLine(c.label)}” → ${name}（${c.field}）` : `      ${c.at} “${oneLine(c.label)}” → ${name} (${c.field})`);
    }
    if (e.skipped.length > 0) {
      lines.push(lang === "zh" ? "    未作为指标读入的行" : "    Rows not read as indicators");
      for (const s of e.skipped) lines.push(lang === "zh" ? `      ${s.at}“${oneLine(s.text)}”：${whyWords.zh[s.why]}` : `      ${s.at} “${oneLine(s.text)}”: ${whyWords.en[s.why]}`);
    }
  }
  lines.push("");
  return `${lines.join("\n")}\n`;
}
