// Every rule of the catalogue (docs/rules.md) firing and not firing: the cases are in cases.ts.
import { describe, expect, it } from "vitest";
import { catalogue } from "../../shared/rules/catalogue.ts";
import { validate } from "../../shared/rules/validate.ts";
import { fires, quiet } from "./cases.ts";
import { fixtureLibrary, findings, library, monitor, selfEval, target } from "./fixtures.ts";

describe("the fixture forms are clean", () => {
  it.each([
    ["target", target()],
    ["selfEval", selfEval()],
    ["monitor", monitor()],
  ])("%s form: no findings", (_k, form) => {
    expect(validate(form, library)).toEqual([]);
  });
});

describe("each rule fires", () => {
  it.each(fires.map((c) => [c.rule, c.what, c] as const))("%s: %s", (rule, _what, c) => {
    const got = findings(c.form(), rule, c.lib ?? library);
    expect(got.length, JSON.stringify(validate(c.form(), c.lib ?? library).map((i) => [i.rule, i.message.zh]))).toBeGreaterThan(0);
    const hit = got[0]!;
    if (c.severity) expect(hit.severity).toBe(c.severity);
    if (c.path) expect(got.map((g) => g.path)).toContain(c.path);
    if (c.zh) expect(got.map((g) => g.message.zh).join("\n")).toContain(c.zh);
    for (const g of got) {
      expect(g.message.zh.length).toBeGreaterThan(5);
      expect(g.message.en.length).toBeGreaterThan(5);
    }
  });
});

describe("each rule stays quiet", () => {
  it.each(quiet.map((c) => [c.rule, c.what, c] as const))("%s: %s", (rule, _what, c) => {
    const got = findings(c.form(), rule, c.lib ?? library);
    expect(got.map((g) => g.message.zh)).toEqual([]);
  });
});

describe("rules by kind", () => {
  it("E-rules only on self-evaluation, M-rules only on monitoring", () => {
    const t = target((f) => (f.indicators[1]!.actual = "/"));
    expect(validate(t, library).filter((i) => i.rule.startsWith("E") || i.rule.startsWith("M"))).toEqual([]);
  });

  it("M501/M502 carry the light", () => {
    const m = monitor((f) => {
      (f.budget as { executedToDate: number }).executedToDate = 200;
      Object.assign(f.indicators[0]!, { toDate: "16万亩", deviationCategory: "funding", measures: "加快进度。" });
    });
    const issues = validate(m, library);
    expect(issues.find((i) => i.rule === "M501")?.light).toBe("red");
    expect(issues.find((i) => i.rule === "M502")?.light).toBe("yellow");
  });

  it("sets the cell from the form's cells map", () => {
    const f = target((x) => {
      x.indicators[1]!.target = "-";
      x.cells = { "indicators[1].target": "F9", "funds.total": "C5" };
    });
    const i208 = findings(f, "I208")[0]!;
    expect(i208.cell).toBe("F9");
    expect(i208.message.zh).toContain("第2行指标“当年造林成活率”");
    expect(i208.message.en).toContain("row 2");
  });

  it("thresholds come from the policy", () => {
    const f = target((x) => ((x.goals as { annual: string }).annual = "管护森林五十万亩以上"));
    expect(findings(f, "H103", fixtureLibrary({ minGoalLength: 20 }))).toHaveLength(1);
    const v = target((x) => (x.indicators[1]!.target = "力争90%"));
    expect(findings(v, "I213", fixtureLibrary({ vagueWords: ["争取"] }))).toEqual([]);
  });
});

describe("I212 looks only at years before the form's", () => {
  it("a 2024 target is not held to a 2025 result", () => {
    const lib = fixtureLibrary({}, [
      { code: "FOR-QN09", name: "森林抚育面积", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "亩", history: [{ year: 2023, value: 1000 }, { year: 2025, value: 5000 }] },
    ]);
    const f = target((x) => x.indicators.push({ level1: "output", level2: "quantity", name: "森林抚育面积", operator: ">=", target: 1200, unit: "亩" }));
    expect(findings(f, "I212", lib)).toEqual([]);
    const weak = target((x) => x.indicators.push({ level1: "output", level2: "quantity", name: "森林抚育面积", operator: ">=", target: 900, unit: "亩" }));
    expect(findings(weak, "I212", lib)[0]!.message.zh).toContain("2023年");
  });
});

describe("the catalogue's rules each have cases here", () => {
  it("every rule the engine runs on a form has a firing and a quiet case above", () => {
    const ids = catalogue.filter((e) => e.stage === "form").map((e) => e.id);
    expect(ids.filter((id) => !fires.some((c) => c.rule === id))).toEqual([]);
    expect(ids.filter((id) => !quiet.some((c) => c.rule === id))).toEqual([]);
  });
});
