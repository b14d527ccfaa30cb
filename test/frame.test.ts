import { describe, expect, it } from "vitest";
import { isInFrame, level1sOf, parentOf, parseLevel1, parseLevel2 } from "../shared/frame.ts";
import { keyOf, level2Terms, kindTerms } from "../shared/glossary.ts";

describe("the indicator frame (docs/domain.md)", () => {
  it("puts cost at level 1 in 2021 and under output in 2015", () => {
    expect(level1sOf("2021")).toEqual(["output", "cost", "benefit", "satisfaction"]);
    expect(level1sOf("2015")).toEqual(["output", "benefit", "satisfaction"]);
    expect(parentOf("2021", "sustainability")).toBe("benefit");
    expect(parentOf("2015", "cost")).toBe("output");
  });

  it.each([
    ["2021", "cost", "economicCost", true],
    ["2015", "cost", "economicCost", false],
    ["2015", "output", "cost", true],
    ["2021", "output", "cost", false],
    ["2021", "benefit", "quantity", false],
  ] as const)("in the %s frame, %s / %s is in it: %s", (frame, level1, level2, inFrame) => {
    expect(isInFrame(frame, level1, level2)).toBe(inFrame);
  });

  it.each([
    [1, "产出指标", "output"],
    [1, "产出", "output"],
    [1, " 效益 指标 ", "benefit"],
    [1, "satisfaction", "satisfaction"],
    [1, "收入指标", undefined],
    [2, "数量", "quantity"],
    [2, "生态环境成本指标", "ecologicalCost"],
    [2, "服务对象满意度", "serviceSatisfaction"],
    [2, "economicCost", "economicCost"],
    [2, "成本", "cost"],
  ] as const)("reads labels with or without 指标, and keys: the level-%i %j is %s", (level, label, key) => {
    expect((level === 1 ? parseLevel1 : parseLevel2)(label)).toBe(key);
  });

  it("has a label in both languages for every level-2", () => {
    for (const term of Object.values(level2Terms)) {
      expect(term.zh).toMatch(/指标$/);
      expect(term.en.length).toBeGreaterThan(0);
    }
    expect(keyOf(kindTerms, "绩效自评表")).toBe("selfEval");
  });
});
