// `jixiao validate --explain FILE.xlsx`: for each sheet, in Chinese or English, which label was read
// from which cell into which field, which column fills which row field, and which rows were passed
// over and why (shared/sheet/explain-text.ts words it), so a clerk sees how a layout was understood.
import { explainText, type ExplainLang } from "../../shared/sheet/explain-text.ts";
import type { LoadedForm } from "./load-forms.ts";

/** The explanation of every sheet of a loaded file; a .json file has no labels to explain. */
export function explainReport(file: string, forms: readonly LoadedForm[], lang: ExplainLang): string {
  const lines = [file];
  if (forms.every((f) => f.explain === undefined)) {
    lines.push(lang === "zh" ? "  没有可说明的工作表（--explain 用于 .xlsx 表样）" : "  nothing to explain (--explain reads .xlsx sheets)", "");
    return `${lines.join("\n")}\n`;
  }
  for (const f of forms) {
    if (!f.explain) {
      lines.push(`  [${f.sheet ?? ""}] ${lang === "zh" ? "不是绩效表样" : "not a form"}`);
      continue;
    }
    const text = explainText(f.sheet ?? "", f.explain, lang);
    lines.push(`  ${text.head}`);
    for (const s of text.sections) lines.push(`    ${s.title}`, ...s.lines.map((l) => `      ${l}`));
  }
  lines.push("");
  return `${lines.join("\n")}\n`;
}
