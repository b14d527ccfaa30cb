import { describe, expect, it } from "vitest";
import type { FormInput } from "../../shared/form.ts";
import { compareForms, when, who } from "../../addin/src/conflict.ts";
import { translator } from "../../addin/src/messages.ts";

const t = translator("zh");

function form(overall: string, total = 100): FormInput {
  return {
    kind: "target",
    year: 2025,
    unit: { code: "U01", name: "区林业局" },
    project: { code: "P001", name: "森林资源管护项目", field: "forestry", attribute: "new", servesPublic: true },
    funds: { total, fiscal: total, other: 0 },
    goals: { overall, annual: "完成森林管护 120 万亩。" },
    indicators: [{ level1: "output", level2: "quantity", name: "森林管护面积", operator: ">=", target: 120, unit: "万亩", custom: false }],
  };
}

describe("the 409 comparison", () => {
  it("shows and marks a difference outside the indicator rows (goals, funds)", () => {
    const sides = compareForms(form("我的总体目标"), form("服务器的总体目标", 120), t, "zh");
    expect(sides.mine.filter((l) => l.differs).map((l) => l.text)).toEqual(["资金（总额/财政/其他，万元）: 100 / 100 / 0", "总体目标: 我的总体目标"]);
    expect(sides.theirs.filter((l) => l.differs).map((l) => l.text)).toEqual(["资金（总额/财政/其他，万元）: 120 / 120 / 0", "总体目标: 服务器的总体目标"]);
    expect(sides.mine.find((l) => l.text.includes("森林管护面积"))).toEqual({ text: "数量指标 · 森林管护面积 >= 120万亩", differs: false });
  });

  it("marks nothing on my side when the server sent no form", () => {
    const sides = compareForms(form("a"), undefined, t, "zh");
    expect(sides.theirs).toEqual([]);
    expect(sides.mine.some((l) => l.differs)).toBe(false);
  });

  it("names who saved, and when in Beijing time whatever the computer's zone", () => {
    expect(who("unit:U01#e993ea56", t)).toBe("U01");
    expect(who("finance#1a2b3c4d", t)).toBe("财政局");
    expect(who("admin#1a2b3c4d", translator("en"))).toBe("Admin");
    expect(who(undefined, t)).toBe("?");
    expect(when("2025-11-27T10:59:48.490Z")).toBe("2025-11-27 18:59");
    // a deadline as the server stores it (the end of its Beijing day) stays on its day
    expect(when("2026-03-31T15:59:59.999Z")).toBe("2026-03-31 23:59");
    expect(when("2026-03-31")).toBe("2026-03-31");
    expect(when("yesterday")).toBe("yesterday");
  });
});
