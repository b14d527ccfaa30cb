// The revision diff: changed fields named as the template names them, values before and after.
import { describe, expect, it } from "vitest";
import { demoForm } from "../../server/demo-form.ts";
import { diffForms } from "../../shared/form-diff.ts";

const base = () => demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } }) as any;

describe("diffForms", () => {
  it("names a changed total, an indicator's target and a removed row by their labels", () => {
    const a = base();
    const b = structuredClone(a);
    b.funds.total = a.funds.total + 10;
    b.indicators[2].target = "９８";
    const removed = b.indicators.pop();
    const d = diffForms(a, b);
    const total = d.find((c) => c.path === "funds.total")!;
    expect(total.label.zh).not.toBe("funds.total");
    expect(total.before).toBe(String(a.funds.total));
    expect(total.after).toBe(String(a.funds.total + 10));
    const target = d.find((c) => c.path === "indicators[2].target")!;
    expect(target.label.zh).toMatch(/^第3行指标的/);
    expect(target.after).toBe("９８");
    const gone = d.filter((c) => c.path.startsWith(`indicators[${a.indicators.length - 1}]`));
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((c) => c.after === undefined)).toBe(true);
    expect(gone.some((c) => c.before === String(removed.name))).toBe(true);
  });

  it("finds nothing between a form and its copy, and treats blank and absent alike", () => {
    const a = base();
    expect(diffForms(a, structuredClone(a))).toEqual([]);
    expect(diffForms({ goals: { annual: "" } }, { goals: {} })).toEqual([]);
  });
});
