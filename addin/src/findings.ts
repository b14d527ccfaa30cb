// Findings as an accountant reads them (pure): named by the label on the sheet and the row Excel
// shows, not by the form's internal paths; the rule id, path and cell stay in a details line.
// Grouped by sheet row (or by rule) with counts, so 300 findings are a list of rows, not a wall.
import { fieldLabel } from "../../shared/field-labels.ts";
import type { Issue, Severity } from "../../shared/issue.ts";
import type { Lang } from "./messages.ts";

/** `'绩效目标申报表'!F16` → 16 */
export function excelRow(cell: string | undefined): number | undefined {
  if (!cell) return undefined;
  const m = /\$?[A-Z]{1,3}\$?(\d+)$/i.exec(cell.slice(cell.lastIndexOf("!") + 1));
  return m ? Number(m[1]) : undefined;
}

/** `'绩效目标申报表'!F16` → F16 */
export function localCell(cell: string): string {
  return cell.slice(cell.lastIndexOf("!") + 1).replace(/\$/g, "");
}

export interface FindingView {
  /** the label, and the sheet row when known: `年度资金总额 · 第8行` */
  title: string;
  /** the label alone, for a list already grouped by row */
  label: string;
  /** the message with internal names taken out and rows as Excel numbers them */
  text: string;
  /** rule, path and cell, for whoever needs them */
  details: string;
  row?: number;
}

function rowWords(lang: Lang, n: number): string {
  return lang === "zh" ? `第${n}行` : `row ${n}`;
}

export function findingView(issue: Issue, lang: Lang): FindingView {
  const row = excelRow(issue.cell);
  const label = fieldLabel(issue.path);
  let text = issue.message[lang];
  // internal names the rules put in brackets or in front: `（funds.total）`, `(funds.total)`, `indicators: `
  text = text.replace(/\s*[（(]\s*[a-z][\w]*(?:\[\d+\])?(?:\.[\w]+(?:\[\d+\])?)*\s*[）)]/g, "").replace(/^[a-z][\w.[\]]*\s*[:：]\s*/, "");
  const at = /^indicators\[(\d+)\]/.exec(issue.path);
  let title = label[lang];
  if (at && row !== undefined) {
    const n = Number(at[1]) + 1;
    // the rules count indicator rows from 1; Excel numbers the sheet's rows
    text = text
      .replace(new RegExp(`第\\s*${n}\\s*行指标`, "g"), `第${row}行指标`)
      .replace(new RegExp(`[Ii]ndicator row ${n}\\b`, "g"), (w) => `${w[0] === "I" ? "I" : "i"}ndicator in row ${row}`);
    title = title.replace(new RegExp(`^第${n}行指标的?`), "").replace(new RegExp(`(?:the )?(.*?)(?: of )?indicator row ${n}$`), "$1").trim() || (lang === "zh" ? "指标" : "indicator");
  }
  const bare = title;
  if (row !== undefined) title = `${title} · ${rowWords(lang, row)}`;
  const details = [issue.rule, issue.path, issue.cell ? localCell(issue.cell) : undefined].filter(Boolean).join(" · ");
  return { title, label: bare, text, details, ...(row !== undefined ? { row } : {}) };
}

export type GroupBy = "row" | "rule";

export interface FindingGroup {
  key: string;
  label: string;
  worst: Severity;
  counts: Record<Severity, number>;
  items: Issue[];
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Groups by sheet row (header findings without a cell together) or by rule; the worst groups first, then by row. */
export function groupFindings(issues: readonly Issue[], by: GroupBy, lang: Lang): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const i of issues) {
    const row = excelRow(i.cell);
    const key = by === "rule" ? i.rule : row === undefined ? "—" : String(row);
    let g = groups.get(key);
    if (!g) {
      const label = by === "rule" ? i.rule : row === undefined ? (lang === "zh" ? "整张表" : "the whole form") : rowWords(lang, row);
      g = { key, label, worst: i.severity, counts: { error: 0, warning: 0, info: 0 }, items: [] };
      groups.set(key, g);
    }
    g.items.push(i);
    g.counts[i.severity]++;
    if (rank[i.severity] < rank[g.worst]) g.worst = i.severity;
  }
  for (const g of groups.values()) g.items.sort((a, b) => rank[a.severity] - rank[b.severity]);
  const order = (g: FindingGroup) => (g.key === "—" ? -1 : Number(g.key) || 0);
  return [...groups.values()].sort((a, b) => rank[a.worst] - rank[b.worst] || (by === "row" ? order(a) - order(b) : a.key.localeCompare(b.key)));
}
