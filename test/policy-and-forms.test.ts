import { describe, expect, it } from "vitest";
import { defaultPolicy, requiredLevel1, requiredLevel2, resolvePolicy } from "../shared/policy.ts";
import { readForm } from "../shared/read-form.ts";

describe("policy defaults (docs/domain.md)", () => {
  it("has every default", () => {
    expect(defaultPolicy.frame).toBe("2021");
    expect(defaultPolicy.minIndicators).toBe(5);
    expect(defaultPolicy.minQuantitativeShare).toBe(0.6);
    expect(defaultPolicy.weights).toEqual({ budget: 10, output: 50, benefit: 30, satisfaction: 10 });
    expect(defaultPolicy.grades).toEqual({ excellent: 90, good: 80, fair: 60 });
    expect(defaultPolicy.qualitativeBands.partial).toEqual([0.5, 0.8]);
    expect(defaultPolicy.executionReasonBelow).toBe(0.9);
    expect(defaultPolicy.overAchievementRatio).toBe(1.3);
    expect(defaultPolicy.monitorThresholds).toEqual({ yellow: 0.8, red: 0.6 });
    expect(defaultPolicy.vagueWords).toContain("力争");
    expect(defaultPolicy.inputTypeNames).toContain("资金到位率");
    expect(requiredLevel1(defaultPolicy)).toEqual(["output", "cost", "benefit"]);
    expect(requiredLevel2(defaultPolicy)).toContain("economicCost");
  });

  it("fills a partial policy from the defaults", () => {
    const p = resolvePolicy({ frame: "2015", weights: { budget: 20 } });
    expect(p.weights.budget).toBe(20);
    expect(p.weights.output).toBe(50);
    expect(requiredLevel1(p)).toEqual(["output", "benefit"]);
    expect(requiredLevel2(p)).not.toContain("economicCost");
  });

  it("refuses a wrong type", () => {
    expect(() => resolvePolicy({ minIndicators: "five" as unknown as number })).toThrow();
  });
});

describe("readForm: JSON that does not fit is findings, not a crash", () => {
  it("names what is missing (P002) and what has the wrong type (P003)", () => {
    const { form, issues } = readForm({ kind: "target", year: "二〇二五", unit: { code: "U01" }, indicators: [] });
    expect(form).toBeUndefined();
    expect(issues.find((i) => i.path === "year")?.rule).toBe("P003");
    expect(issues.find((i) => i.path === "unit.name")?.rule).toBe("P002");
    expect(issues.find((i) => i.path === "project")?.rule).toBe("P002");
    for (const i of issues) {
      expect(i.severity).toBe("error");
      expect(i.message.zh).toContain(i.path);
      expect(i.message.en).toContain(i.path);
    }
  });

  it("points at the cell when the form came from a sheet", () => {
    const { issues } = readForm({ kind: "monitor", month: 13, cells: { month: "'绩效运行监控表'!D5" } });
    expect(issues.find((i) => i.path === "month")).toMatchObject({ rule: "P003", cell: "'绩效运行监控表'!D5" });
  });

  it("survives anything", () => {
    for (const input of [null, undefined, 42, "form", [], { kind: null }, { kind: "target", indicators: "many" }]) {
      const { issues } = readForm(input);
      expect(issues.length).toBeGreaterThan(0);
    }
  });
});

describe("findings name the field as the sheet calls it", () => {
  it("says 年度资金总额, not only funds.total", () => {
    const { issues } = readForm({ kind: "target", year: 2026, unit: { code: "U01", name: "区林业局" }, funds: {}, indicators: [{ level1: "产出" }] });
    const total = issues.find((i) => i.path === "funds.total");
    expect(total?.message.zh).toContain("“年度资金总额”（funds.total）");
    expect(total?.message.en).toMatch(/^Total funds \(funds\.total\) is required/);
    const row = issues.find((i) => i.path === "indicators[0].level1");
    expect(row?.message.zh).toContain("第1行指标的一级指标");
  });
});
