// A new form starts with the money the bureau approved (docs/treasury.md), keeping what was typed.
import { describe, expect, it } from "vitest";
import { newFormSkeleton } from "../../addin/src/formsheet.ts";
import { withApprovedBudget } from "../../shared/treasury/budgets.ts";

const fields = (kind: "target" | "monitor" | "selfEval", year = 2025) => ({
  kind,
  year,
  unit: { code: "001001", name: "区林业局" },
  project: { code: "LY01", name: "森林资源管护", field: "forestry", attribute: "continuing" as const, servesPublic: true },
});
const budget = { year: 2025, unit: "001001", project: "LY01", approved: 480, adjusted: 500 };

describe("a new form from the approved budget", () => {
  it("a target form's total and fiscal funds are the approved budget", () => {
    const f = withApprovedBudget(newFormSkeleton(fields("target")), budget);
    expect(f.funds).toEqual({ total: 480, fiscal: 480, other: "" });
  });

  it("a monitoring form's annual budget and a self-evaluation's budgets follow the adjustment", () => {
    const m = withApprovedBudget(newFormSkeleton(fields("monitor")), budget);
    expect(m.kind === "monitor" && m.budget.annual).toBe(500);
    const s = withApprovedBudget(newFormSkeleton(fields("selfEval")), budget);
    expect(s.kind === "selfEval" && [s.budget.initial, s.budget.adjusted, s.budget.executed]).toEqual([480, 500, ""]);
  });

  it("keeps what was typed, and ignores another year's budget or none", () => {
    const typed = { ...newFormSkeleton(fields("target")), funds: { total: 300, fiscal: "", other: "" } };
    expect(withApprovedBudget(typed, budget).funds).toEqual({ total: 300, fiscal: 480, other: "" });
    expect(withApprovedBudget(newFormSkeleton(fields("target", 2026)), budget).funds.total).toBe("");
    expect(withApprovedBudget(newFormSkeleton(fields("target")), undefined).funds.total).toBe("");
  });
});
