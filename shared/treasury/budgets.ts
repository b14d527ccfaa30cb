// Approved budgets (预算批复): each project's approved and adjusted budget for a year, as the
// budget system exports it, so forms can be checked against them (X604) and new forms start with
// the right funds (docs/treasury.md).
import type { GridValue } from "../sheet/parse.ts";
import { budgetColumns, defaultBudgetLabels, labelsFor, type BudgetColumn, type TreasuryPolicy } from "./policy.ts";
import type { RowProblem } from "./payments.ts";
import { amountFen, blankRow, cellCode, findColumns, isTotalsRow, plainText } from "./table.ts";

export interface Budget {
  year: number;
  unit: string;
  project: string;
  /** 年初批复数, 万元. */
  approved: number;
  /** 调整后预算数, 万元, when the budget was adjusted. */
  adjusted?: number;
  unitName?: string;
  projectName?: string;
}

export interface BudgetsRead {
  budgets: (Budget & { row: number })[];
  rejected: RowProblem[];
  error?: { zh: string; en: string };
}

const names: Record<BudgetColumn, string> = { unit: "预算单位编码", project: "项目编码", approved: "批复金额", adjusted: "调整后预算数", unitName: "预算单位", projectName: "项目名称" };

/** The budget that counts: adjusted when there is one. */
export function effectiveBudget(b: Budget): number {
  return b.adjusted ?? b.approved;
}

export function readBudgets(grid: readonly (readonly GridValue[])[], year: number, policy: TreasuryPolicy): BudgetsRead {
  const labels = labelsFor(defaultBudgetLabels, policy.budgetLabels);
  const found = findColumns<BudgetColumn>(grid, labels, ["unit", "project", "approved"], ["approved", "adjusted"]);
  if (!found) {
    return {
      budgets: [],
      rejected: [],
      error: {
        zh: "前 30 行中没有同时含有 预算单位编码、项目编码、批复金额 的表头行：请导出项目批复明细，或在政策的 treasury.budgetLabels 中登记列名。",
        en: "No header row in the first 30 rows names the unit code, project code and approved amount (预算单位编码, 项目编码, 批复金额): export the approved budgets by project, or register the column names in the policy's treasury.budgetLabels.",
      },
    };
  }
  const { columns: col, yuanPer } = found;
  const budgets: BudgetsRead["budgets"] = [];
  const rejected: RowProblem[] = [];
  const wan = (c: "approved" | "adjusted", v: GridValue | undefined) => {
    const fen = amountFen(v ?? null, yuanPer[c] ?? 1);
    return fen === undefined ? undefined : fen / 1_000_000;
  };
  for (let r = found.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const cell = (c: BudgetColumn) => (col[c] === undefined ? undefined : row![col[c]!]);
    if (isTotalsRow(row!)) continue;
    const unit = cellCode(cell("unit"));
    const project = cellCode(cell("project"));
    if (unit === undefined || project === undefined) {
      const c = unit === undefined ? "unit" : "project";
      rejected.push({ row: r + 1, column: names[c], message: { zh: `缺少${names[c]}，该行未导入。`, en: `No ${c} code: the row was not imported.` } });
      continue;
    }
    const approved = wan("approved", cell("approved"));
    if (approved === undefined) {
      rejected.push({ row: r + 1, column: names.approved, message: { zh: `批复金额“${plainText(cell("approved")) ?? ""}”不是金额，该行未导入。`, en: `Approved amount “${plainText(cell("approved")) ?? ""}” is not an amount: the row was not imported.` } });
      continue;
    }
    const b: Budget & { row: number } = { row: r + 1, year, unit, project, approved };
    const adjusted = wan("adjusted", cell("adjusted"));
    if (adjusted !== undefined) b.adjusted = adjusted;
    const un = plainText(cell("unitName"));
    const pn = plainText(cell("projectName"));
    if (un) b.unitName = un;
    if (pn) b.projectName = pn;
    budgets.push(b);
  }
  return { budgets, rejected };
}

export { budgetColumns };

/**
 * A new form's money as the bureau approved it (docs/treasury.md): a target form's total and
 * fiscal funds from the approved budget, a monitoring form's annual budget and a self-evaluation's
 * initial and adjusted budgets from the approved (adjusted) one. What the unit already typed stays.
 */
export function withApprovedBudget<F extends { kind: string; funds: { total: unknown; fiscal: unknown }; budget?: Record<string, unknown> }>(form: F, b: Budget | undefined): F {
  if (!b || b.year !== (form as { year?: number }).year) return form;
  const empty = (v: unknown) => v === undefined || v === null || v === "";
  const funds = { ...form.funds };
  if (empty(funds.total)) funds.total = b.approved;
  if (empty(funds.fiscal)) funds.fiscal = b.approved;
  const out = { ...form, funds };
  if (form.kind === "monitor" && form.budget && empty(form.budget.annual)) out.budget = { ...form.budget, annual: effectiveBudget(b) };
  if (form.kind === "selfEval" && form.budget) {
    const budget = { ...form.budget };
    if (empty(budget.initial)) budget.initial = b.approved;
    if (empty(budget.adjusted)) budget.adjusted = effectiveBudget(b);
    out.budget = budget;
  }
  return out;
}
