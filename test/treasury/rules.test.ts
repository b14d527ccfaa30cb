// X603 (execution against the treasury's payments) and X604 (funds against the approved budget),
// each firing and quiet, with the policy's tolerances at their edges; budget lights from payments.
import { describe, expect, it } from "vitest";
import { FormSchema, type Form } from "../../shared/form.ts";
import { resolvePolicy } from "../../shared/policy.ts";
import { checkAgainstBudget, checkAgainstPayments } from "../../shared/rules/treasury.ts";
import { executionLight, monthEnd, paidBy, paidByMonth, timeProgress } from "../../shared/treasury/execution.ts";
import { demoForm } from "../../server/demo-form.ts";

const policy = resolvePolicy();
const ids = { year: 2025, unit: { code: "001001", name: "区林业局" }, project: { code: "LY-2025-01", name: "森林资源管护" } };
function form(kind: "target" | "monitor" | "selfEval", patch: Record<string, unknown> = {}): Form {
  return FormSchema.parse({ ...demoForm(kind, ids), ...patch });
}
const wan = (w: number) => Math.round(w * 1_000_000);
const pay = (date: string, w: number) => ({ date, amountFen: wan(w) });

describe("X603 execution against payments", () => {
  // demo monitor: month 6, annual 500 万元, executed to date 260 万元 → tolerance max(5% × 500, 1) = 25
  const monitor = form("monitor", { cells: { "budget.executedToDate": "'绩效运行监控表'!D9" } });

  it("is quiet within the tolerance, and exactly at it", () => {
    expect(checkAgainstPayments(monitor, { payments: [pay("2025-03-01", 200), pay("2025-06-30", 60)] }, policy)).toEqual([]);
    expect(checkAgainstPayments(monitor, { payments: [pay("2025-06-30", 235)] }, policy)).toEqual([]);
    expect(checkAgainstPayments(monitor, { payments: [pay("2025-06-30", 285)] }, policy)).toEqual([]);
  });

  it("fires one 分 past the tolerance, with both figures, the date and the cell", () => {
    const [i] = checkAgainstPayments(monitor, { payments: [pay("2025-06-30", 234.99)] }, policy);
    expect(i).toMatchObject({ rule: "X603", severity: "warning", path: "budget.executedToDate", cell: "'绩效运行监控表'!D9" });
    expect(i!.message.zh).toContain("260");
    expect(i!.message.zh).toContain("234.99");
    expect(i!.message.zh).toContain("2025-06-30");
    expect(i!.message.en).toContain("by 2025-06-30");
  });

  it("counts payments up to the form's month end only, and not last year's", () => {
    const payments = [pay("2024-12-31", 100), pay("2025-06-30", 100), pay("2025-07-01", 160)];
    expect(checkAgainstPayments(monitor, { payments }, policy)[0]?.message.zh).toContain("实际支付的 100 万元");
  });

  it("the tolerance floor of 1 万元 applies to small budgets; the policy sets both", () => {
    const small = form("monitor", { budget: { annual: 10, executedToDate: 5 } });
    expect(checkAgainstPayments(small, { payments: [pay("2025-06-10", 4)] }, policy)).toEqual([]);
    expect(checkAgainstPayments(small, { payments: [pay("2025-06-10", 3.99)] }, policy)).toHaveLength(1);
    const strict = resolvePolicy({ treasury: { toleranceRatio: 0, toleranceWan: 0, severity: "error" } });
    expect(checkAgainstPayments(small, { payments: [pay("2025-06-10", 4.99)] }, strict)[0]?.severity).toBe("error");
  });

  it("a self-evaluation compares its executed amount with the year's payments", () => {
    const selfEval = form("selfEval"); // executed 480 of adjusted 500: tolerance 25
    expect(checkAgainstPayments(selfEval, { payments: [pay("2025-12-31", 455)] }, policy)).toEqual([]);
    const [i] = checkAgainstPayments(selfEval, { payments: [pay("2025-12-31", 400)] }, policy);
    expect(i).toMatchObject({ rule: "X603", path: "budget.executed" });
    expect(i!.message.zh).toContain("2025-12-31");
  });

  it("is silent without payment data for the project, for target forms, and with no executed figure", () => {
    expect(checkAgainstPayments(monitor, {}, policy)).toEqual([]);
    expect(checkAgainstPayments(monitor, { payments: [] }, policy)).toEqual([]);
    expect(checkAgainstPayments(form("target"), { payments: [pay("2025-01-01", 1)] }, policy)).toEqual([]);
    const blank = form("monitor", { budget: { annual: 500, executedToDate: "" } });
    expect(checkAgainstPayments(blank, { payments: [pay("2025-01-01", 1)] }, policy)).toEqual([]);
  });
});

describe("X604 funds against the approved budget", () => {
  const budget = { year: 2025, unit: "001001", project: "LY-2025-01", approved: 500 };

  it("is quiet when the target form states the approved budget, within 0.01 万元", () => {
    expect(checkAgainstBudget(form("target"), { budget }, policy)).toEqual([]);
    expect(checkAgainstBudget(form("target"), { budget: { ...budget, approved: 500.01 } }, policy)).toEqual([]);
  });

  it("fires past the tolerance, naming both figures", () => {
    const [i] = checkAgainstBudget(form("target"), { budget: { ...budget, approved: 500.02 } }, policy);
    expect(i).toMatchObject({ rule: "X604", severity: "warning", path: "funds.total" });
    expect(i!.message.zh).toContain("500.02");
    expect(i!.message.en).toContain("approved budget");
  });

  it("monitoring and self-evaluation forms are held to the adjusted budget when there is one", () => {
    const adjusted = { ...budget, adjusted: 520 };
    expect(checkAgainstBudget(form("monitor"), { budget: adjusted }, policy)[0]).toMatchObject({ path: "budget.annual" });
    expect(checkAgainstBudget(form("selfEval"), { budget: adjusted }, policy)[0]?.message.zh).toContain("调整后预算数 520");
    expect(checkAgainstBudget(form("selfEval"), { budget }, policy)).toEqual([]);
  });

  it("is silent without a budget, or with another year's", () => {
    expect(checkAgainstBudget(form("target"), {}, policy)).toEqual([]);
    expect(checkAgainstBudget(form("target"), { budget: { ...budget, year: 2024, approved: 1 } }, policy)).toEqual([]);
  });

  it("the policy sets the tolerance", () => {
    const loose = resolvePolicy({ treasury: { budgetToleranceWan: 5 } });
    expect(checkAgainstBudget(form("target"), { budget: { ...budget, approved: 505 } }, loose)).toEqual([]);
    expect(checkAgainstBudget(form("target"), { budget: { ...budget, approved: 505.01 } }, loose)).toHaveLength(1);
  });
});

describe("budget lights from payments alone", () => {
  it("time progress at a month end is month ÷ 12", () => {
    expect(timeProgress(monthEnd(2025, 6))).toBe(0.5);
    expect(timeProgress(monthEnd(2024, 2))).toBeCloseTo(2 / 12, 12);
    expect(timeProgress("2025-01-16")).toBeCloseTo(16 / 31 / 12, 12);
  });

  it("green, yellow and red at the policy's bands, exactly at the edges", () => {
    // half the year gone: 40 of 100 paid is 0.8 of time → green; just under → yellow; 30 → 0.6 yellow; under → red
    expect(executionLight(40, 100, "2025-06-30", policy)).toMatchObject({ light: "green", ratio: 0.8 });
    expect(executionLight(39.99, 100, "2025-06-30", policy)?.light).toBe("yellow");
    expect(executionLight(30, 100, "2025-06-30", policy)?.light).toBe("yellow");
    expect(executionLight(29.99, 100, "2025-06-30", policy)?.light).toBe("red");
    expect(executionLight(10, undefined, "2025-06-30", policy)).toBeUndefined();
    expect(executionLight(10, 0, "2025-06-30", policy)).toBeUndefined();
  });

  it("sums by date and by month", () => {
    const payments = [pay("2025-01-31", 1), pay("2025-02-01", 2), pay("2025-02-28", 3), pay("2026-01-01", 9)];
    expect(paidBy(payments, 2025, "2025-02-01") / 1e6).toBe(3);
    expect(paidByMonth(payments, 2025).slice(0, 3).map((f) => f / 1e6)).toEqual([1, 5, 0]);
  });
});
