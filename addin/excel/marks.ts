// Findings marked in the sheet by fill colour, and the marks taken off on the next check. A mark
// remembers the fill the cell had, so clearing restores the template's own colour. Two syncs to
// mark (restore old marks and read the fills under the new ones; then paint), one to clear.
import type { Issue, Severity } from "../../shared/issue.ts";
import { splitAddress } from "../../shared/sheet/a1.ts";

export const markColours: Record<Severity, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};

export interface Mark {
  sheet: string;
  address: string;
  /** the fill before marking; "" for none */
  fill: string;
  severity: Severity;
}

export interface Marks {
  marks: Mark[];
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The cells of the issues, one per cell, the worst severity winning. */
export function cellsToMark(issues: readonly Pick<Issue, "cell" | "severity">[], defaultSheet: string): Omit<Mark, "fill">[] {
  const byCell = new Map<string, Omit<Mark, "fill">>();
  for (const issue of issues) {
    if (!issue.cell) continue;
    const { sheet, local } = splitAddress(issue.cell);
    const key = `${sheet ?? defaultSheet}!${local.toUpperCase()}`;
    const prev = byCell.get(key);
    if (!prev || rank[issue.severity] < rank[prev.severity]) {
      byCell.set(key, { sheet: sheet ?? defaultSheet, address: local.toUpperCase(), severity: issue.severity });
    }
  }
  return [...byCell.values()];
}

function restore(context: Excel.RequestContext, marks: readonly Mark[]): void {
  for (const m of marks) {
    const fill = context.workbook.worksheets.getItem(m.sheet).getRange(m.address).format.fill;
    // Excel reports "no fill" as white; clearing looks the same and keeps gridlines.
    if (!m.fill || m.fill.toUpperCase() === "#FFFFFF") fill.clear();
    else fill.color = m.fill;
  }
}

export async function markCells(
  context: Excel.RequestContext,
  issues: readonly Pick<Issue, "cell" | "severity">[],
  options: { sheet: string; previous?: Marks },
): Promise<Marks> {
  restore(context, options.previous?.marks ?? []);
  const targets = cellsToMark(issues, options.sheet).map((t) => {
    const fill = context.workbook.worksheets.getItem(t.sheet).getRange(t.address).format.fill;
    fill.load("color");
    return { t, fill };
  });
  await context.sync();
  const marks: Mark[] = targets.map(({ t, fill }) => {
    const before = typeof fill.color === "string" ? fill.color : "";
    fill.color = markColours[t.severity];
    return { ...t, fill: before };
  });
  await context.sync();
  return { marks };
}

export async function clearMarks(context: Excel.RequestContext, previous: Marks): Promise<void> {
  restore(context, previous.marks);
  await context.sync();
}
