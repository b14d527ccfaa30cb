import { describe, expect, it } from "vitest";
import { isInFrame, level1sOf, parentOf, parseLevel1, parseLevel2 } from "../shared/frame.ts";
import { keyOf, level2Terms, kindTerms } from "../shared/glossary.ts";

describe("the indicator frame (docs/domain.md)", () => {
  it("puts cost at level 1 in 2021 and under output in 2015", () => {
    expect(level1sOf("2021")).toEqual(["output", "cost", "benefit", "satisfaction"]);
    expect(level1sOf("2015")).toEqual(["output", "benefit", "satisfaction"]);
    expect(isInFrame("2021", "cost", "economicCost")).toBe(true);
    expect(isInFrame("2015", "cost", "economicCost")).toBe(false);
    expect(isInFrame("2015", "output", "cost")).toBe(true);
    expect(isInFrame("2021", "output", "cost")).toBe(false);
    expect(isInFrame("2021", "benefit", "quantity")).toBe(false);
    expect(parentOf("2021", "sustainability")).toBe("benefit");
    expect(parentOf("2015", "cost")).toBe("output");
  });

  it("reads labels with or without 指标, and keys", () => {
    expect(parseLevel1("产出指标")).toBe("output");
    expect(parseLevel1("产出")).toBe("output");
    expect(parseLevel1(" 效益 指标 ")).toBe("benefit");
    expect(parseLevel1("satisfaction")).toBe("satisfaction");
    expect(parseLevel2("数量")).toBe("quantity");
    expect(parseLevel2("生态环境成本指标")).toBe("ecologicalCost");
    expect(parseLevel2("服务对象满意度")).toBe("serviceSatisfaction");
    expect(parseLevel2("economicCost")).toBe("economicCost");
    expect(parseLevel2("成本")).toBe("cost");
    expect(parseLevel1("收入指标")).toBeUndefined();
  });

  it("has a label in both languages for every level-2", () => {
    for (const term of Object.values(level2Terms)) {
      expect(term.zh).toMatch(/指标$/);
      expect(term.en.length).toBeGreaterThan(0);
    }
    expect(keyOf(kindTerms, "绩效自评表")).toBe("selfEval");
  });
});
