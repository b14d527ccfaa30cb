// Forms from forms: monitoring and self-evaluation start from the approved target (rows, targets,
// funds carried over, what a period reports left blank); last year's form copies into the new year.
import { describe, expect, it } from "vitest";
import { demoForm } from "../server/demo-form.ts";
import { FormSchema } from "../shared/form.ts";
import { formFrom } from "../shared/form-from.ts";

const target = FormSchema.parse(demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } }));

describe("formFrom", () => {
  it("starts a self-evaluation from the approved target", () => {
    const f = formFrom(target, "selfEval");
    expect(FormSchema.safeParse(f).success).toBe(true);
    if (f.kind !== "selfEval") throw new Error("kind");
    expect(f.indicators.map((r) => [r.name, r.target])).toEqual(target.indicators.map((r) => [r.name, r.target]));
    expect(f.indicators.every((r) => r.actual === undefined && r.score === undefined)).toBe(true);
    expect(f.budget.adjusted).toBe(target.funds.total);
    expect(f.budget.executed).toBe("");
    expect(f.funds).toEqual(target.funds);
    expect(f.project.code).toBe("P001");
  });

  it("starts a monitoring form from the target, month 6 unless told", () => {
    const f = formFrom(target, "monitor", 2025, { month: 9 });
    expect(FormSchema.safeParse(f).success).toBe(true);
    if (f.kind !== "monitor") throw new Error("kind");
    expect(f.month).toBe(9);
    expect(f.budget).toEqual({ annual: target.funds.total, executedToDate: "" });
    expect(f.indicators).toHaveLength(target.indicators.length);
  });

  it("copies last year's self-evaluation into the new year with its results cleared", () => {
    const last = FormSchema.parse(demoForm("selfEval", { year: 2024, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } }));
    const f = formFrom(last, "selfEval", 2025);
    expect(f.year).toBe(2025);
    expect(f.indicators.every((r) => r.actual === undefined)).toBe(true);
    expect(f.goals.actual ?? null).toBeNull();
    expect(f.cells).toBeUndefined();
  });
});
