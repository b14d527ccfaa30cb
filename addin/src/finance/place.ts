// Where a stored form's findings sit on the sheet finance opens it into. A form saved as JSON has
// no cell addresses; the sheet plan just laid out does: read back (the same parser the pane and the
// server use, on the plan's own values, no Excel round trip) it names the cell of every path.
import type { Issue } from "../../../shared/issue.ts";
import { parseWorkbook } from "../../../shared/sheet/parse.ts";
import type { WorkbookPlan } from "../../../shared/sheet/plan.ts";

export function placeIssues(plan: WorkbookPlan, sheet: string, issues: readonly Issue[]): Issue[] {
  if (issues.every((i) => i.cell)) return [...issues];
  const parsed = parseWorkbook(plan.sheets.map((s) => ({ name: s.name, values: s.values, state: s.visibility ?? "visible" })));
  const cells = (parsed.find((p) => p.sheet === sheet)?.form?.cells ?? {}) as Record<string, string>;
  return issues.map((i) => {
    if (i.cell) return i;
    // the field's own cell, else its row's (indicators[2].target → indicators[2].name)
    let cell = cells[i.path];
    if (!cell) {
      const row = /^indicators\[\d+\]/.exec(i.path)?.[0];
      if (row) cell = cells[`${row}.target`] ?? cells[`${row}.name`];
    }
    return cell ? { ...i, cell } : i;
  });
}
