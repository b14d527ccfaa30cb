// What the pane works out from a sheet, pure and testable: where the indicator columns are, what a
// picked indicator writes into a row, which deprecated indicators to replace and with what, and
// the skeleton of a new form from the "new form" fields.
import type { Form } from "../../shared/form.ts";
import { level1Terms, level2Terms, operatorTerms, type FormKind } from "../../shared/glossary.ts";
import type { Indicator, Library } from "../../shared/library.ts";
import { columnFieldOf, type ColumnField } from "../../shared/sheet/labels.ts";
import type { PlanValue } from "../../shared/sheet/plan.ts";
import type { Replacement } from "../excel/index.ts";

export type GridValue = string | number | boolean | null;

export interface IndicatorColumns {
  headerRow: number;
  columns: Partial<Record<ColumnField, number>>;
}

/** The indicator table's header row: the first row naming at least the level-3 name and two others. */
export function indicatorColumns(grid: readonly (readonly GridValue[])[]): IndicatorColumns | undefined {
  for (let r = 0; r < grid.length; r++) {
    const columns: Partial<Record<ColumnField, number>> = {};
    (grid[r] ?? []).forEach((v, c) => {
      if (typeof v !== "string") return;
      const f = columnFieldOf(v);
      if (f && columns[f] === undefined) columns[f] = c;
    });
    if (columns.name !== undefined && Object.keys(columns).length >= 3) return { headerRow: r, columns };
  }
  return undefined;
}

/** A picked indicator as the cells of its row: levels, name, code, operator, unit (the rest is the unit's). */
export function rowCells(ind: Indicator, cols: IndicatorColumns): { column: number; value: PlanValue }[] {
  const out: { column: number; value: PlanValue }[] = [];
  const put = (f: ColumnField, v: PlanValue) => {
    const c = cols.columns[f];
    if (c !== undefined) out.push({ column: c, value: v });
  };
  put("level1", level1Terms[ind.level1].zh);
  put("level2", level2Terms[ind.level2].zh);
  put("name", ind.name);
  put("code", ind.code);
  const op = ind.operators[0];
  if (op && op !== "qualitative") put("operator", operatorTerms[op].zh);
  put("unit", ind.unit ?? null);
  return out;
}

/** Deprecated indicators in a parsed form, with their replacements and the cells to write. */
export function deprecatedReplacements(form: Form, library: Library): Replacement[] {
  const byCode = new Map(library.indicators.map((i) => [i.code, i]));
  const byName = new Map(library.indicators.map((i) => [i.name, i]));
  const out: Replacement[] = [];
  form.indicators.forEach((row, i) => {
    const current = (row.code && byCode.get(row.code)) || (row.name ? byName.get(row.name) : undefined);
    if (!current || current.status !== "deprecated" || !current.replacedBy) return;
    const next = byCode.get(current.replacedBy);
    const nameCell = form.cells?.[`indicators[${i}].name`];
    if (!next || !nameCell) return;
    const codeCell = form.cells?.[`indicators[${i}].code`];
    out.push({ nameCell, ...(codeCell ? { codeCell } : {}), name: next.name, code: next.code });
  });
  return out;
}

export interface NewFormFields {
  kind: FormKind;
  year: number;
  unit: { code: string; name: string };
  project: { code: string; name: string; field: string; attribute: "new" | "continuing"; servesPublic: boolean };
}

/** A form with its header filled and no indicators yet, for layoutForm to lay out. */
export function newFormSkeleton(f: NewFormFields): Form {
  const base = {
    year: f.year,
    unit: f.unit,
    project: { ...f.project },
    funds: { total: "", fiscal: "", other: "" },
    goals: {},
    indicators: [],
  };
  if (f.kind === "monitor") return { kind: "monitor", ...base, month: 6, budget: { annual: "", executedToDate: "" } } as Form;
  if (f.kind === "selfEval") return { kind: "selfEval", ...base, budget: { adjusted: "", executed: "" } } as Form;
  return { kind: "target", ...base } as Form;
}

export function isProjectCode(code: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(code);
}
