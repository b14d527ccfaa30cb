// Which of a form's fields a cell of its sheet holds, so an expert who selects a cell in the
// opened sheet comments on the field (`goals.annual`, `indicators[2].target`) as the server and
// the pane name it (shared/field-labels.ts), not on an address that means nothing elsewhere.
import { parseWorkbook } from "../../../shared/sheet/workbook.ts";
import type { WorkbookPlan } from "../../../shared/sheet/plan.ts";

/** address (`C12`) → field path, for the form on `sheet` as the plan lays it out. */
export function cellPaths(plan: WorkbookPlan, sheet: string): Map<string, string> {
  const parsed = parseWorkbook(plan.sheets.map((s) => ({ name: s.name, values: s.values, state: s.visibility ?? "visible" })));
  const cells = (parsed.find((p) => p.sheet === sheet)?.form?.cells ?? {}) as Record<string, string>;
  const out = new Map<string, string>();
  for (const [path, address] of Object.entries(cells)) {
    const a = address.replace(/\$/g, "").toUpperCase();
    if (!out.has(a)) out.set(a, path);
  }
  return out;
}

/** The field a cell holds: its own, else the indicator row it sits on (any cell of row 12 → `indicators[2]`). */
export function pathAt(paths: ReadonlyMap<string, string>, cell: string): string | undefined {
  const own = paths.get(cell);
  if (own) return own;
  const row = /\d+$/.exec(cell)?.[0];
  if (!row) return undefined;
  for (const [address, path] of paths) {
    const m = /^(indicators\[\d+\])/.exec(path);
    if (m && /\d+$/.exec(address)?.[0] === row) return m[1];
  }
  return undefined;
}
