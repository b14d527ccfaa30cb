// Self-evaluation scoring and monitoring lights (docs/scoring.md), worked by hand.
import { describe, expect, it } from "vitest";
import { checkForm } from "../../shared/check.ts";
import { defaultPolicy, resolvePolicy } from "../../shared/policy.ts";
import { lights } from "../../shared/rules/lights.ts";
import { quantitativeScore, score } from "../../shared/rules/score.ts";
import { library, monitor, monitorInput, selfEval, selfEvalInput } from "./fixtures.ts";

describe("score (docs/scoring.md), a forestry self-evaluation worked by hand", () => {
  const form = selfEval((f) => {
    Object.assign(f.budget as object, { adjusted: "1,200", executed: "1080万元", reason: null });
    const rows = f.indicators;
    Object.assign(rows[0]!, { actual: "45万亩", score: null }); //  >= 50万亩, weight 15
    Object.assign(rows[1]!, { actual: "92.3%", score: null }); //  >= 90%,   weight 15
    Object.assign(rows[2]!, { actual: "８５.５％", score: null }); // >= 95%, weight 10 (full-width)
    Object.assign(rows[3]!, { actual: "880", score: null }); //    <= 800万元, weight 10
    Object.assign(rows[4]!, { actual: "1.2‰", score: null }); //   <= 0.5‰,  weight 10
    Object.assign(rows[5]!, { na: true, actual: "-", score: null }); // na,  weight 10
    Object.assign(rows[6]!, { actual: "部分达成年度指标并具有一定效果", score: null }); // qualitative, weight 10
    Object.assign(rows[7]!, { actual: 93, score: null }); //       >= 90%,   weight 10
    f.totalScore = null;
    f.grade = null;
  });

  // Budget: 1080 ÷ 1200 = 0.9 → 0.9 × 10 = 9
  // Row 1: 45 < 50 → 15 × 45 ÷ 50 = 13.5
  // Row 2: 92.3 ≥ 90 → 15
  // Row 3: 85.5 < 95 → 10 × 85.5 ÷ 95 = 9
  // Row 4: <= 800, actual 880: 10 × (1 − 80 ÷ 800) = 9
  // Row 5: <= 0.5, actual 1.2 ≥ 2 × 0.5 → 0
  // Row 6: na → drops out (its 10 leave the pot)
  // Row 7: partial, no score entered → band top 0.8 × 10 = 8
  // Row 8: 93 ≥ 90 → 10
  // Raw: 9 + 13.5 + 15 + 9 + 9 + 0 + 8 + 10 = 73.5 out of 100 − 10 = 90
  // Scaled to 100 (× 100/90): budget 10, rows 15, 16.67, 10, 10, 0, 0, 8.89, 11.11
  // Total 73.5 × 100 ÷ 90 = 81.666… → 81.67 → 良 (good: 80 ≤ total < 90)
  it("matches the hand-worked figures to 0.01", () => {
    const s = score(form, defaultPolicy);
    expect(s.budget).toBeCloseTo(10, 2);
    const want = [15, 16.67, 10, 10, 0, 0, 8.89, 11.11];
    s.rows.forEach((r, i) => expect(r).toBeCloseTo(want[i]!, 2));
    expect(s.total).toBeCloseTo(81.67, 2);
    expect(s.grade).toBe("good");
  });

  it("checkForm returns the same score with the findings", () => {
    const r = checkForm(selfEvalInput(), library);
    expect(r.score).toEqual({ budget: 9.58, rows: [15, 15, 10, 10, 10, 10, 10, 10], total: 99.58, grade: "excellent" });
  });

  it("scores even when the form has errors; unreadable rows score 0", () => {
    const r = checkForm(selfEvalInput((f) => (f.indicators[0]!.actual = "大部分完成")), library);
    expect(r.issues.some((i) => i.rule === "E401")).toBe(true);
    expect(r.score?.rows[0]).toBe(0);
    expect(r.score?.total).toBeCloseTo(84.58, 2);
  });

  it("scores a form whose optional row fields break the schema", () => {
    const input = selfEvalInput() as unknown as { indicators: Record<string, unknown>[] };
    input.indicators[2]!.basis = "经验";
    const r = checkForm(input, library);
    expect(r.issues.map((i) => i.rule)).toEqual(["P003"]);
    expect(r.score?.total).toBe(99.58);
  });

  it("grades by the policy's bands", () => {
    const strict = resolvePolicy({ grades: { excellent: 99.9 } });
    expect(score(selfEval(), strict).grade).toBe("good");
  });
});

describe("quantitativeScore, operator by operator (weight 10)", () => {
  it.each([
    [">=", 50, 50, undefined, 10],
    [">=", 40, 50, undefined, 8],
    [">", 0, 0, undefined, 10], // target 0: full when actual ≥ 0
    ["<=", 0.5, 0.9, undefined, 10],
    ["<=", 1.2, 0.9, undefined, 6.67], // 10 × (1 − 0.3 ÷ 0.9)
    ["<=", 1.8, 0.9, undefined, 0], // ≥ 2 × target
    ["<", 0, 0, undefined, 10], // target 0, actual 0
    ["<", 1, 0, undefined, 0], // target 0, actual above
    ["=", 100, 100, undefined, 10],
    ["=", 95, 100, undefined, 9.5], // as >=
    ["=", 1, 0, undefined, 0], // target 0: as <=
    ["range", 90, 85, 95, 10],
    ["range", 68, 85, 95, 8], // below: 10 × 68 ÷ 85
    ["range", 114, 85, 95, 8], // above: as <= against 95: 10 × (1 − 19 ÷ 95)
  ] as const)("%s actual %d target %d/%s → %d", (op, actual, t, high, want) => {
    expect(quantitativeScore(op, actual, t, high, 10)).toBeCloseTo(want, 2);
  });

  it("negative actuals count as 0 and no score exceeds its weight", () => {
    const f = selfEval((x) => {
      x.indicators[0]!.actual = -5;
      x.indicators[1]!.actual = "300%";
    });
    const s = score(f, defaultPolicy);
    expect(s.rows[0]).toBe(0);
    expect(s.rows[1]).toBe(15);
  });
});

describe("lights (docs/scoring.md), a monitoring form at month 6", () => {
  // Time progress 6 ÷ 12 = 0.5.
  // Budget: 400 ÷ 1200 = 0.333; ÷ 0.5 = 0.667 → yellow (0.6 ≤ x < 0.8)
  // Row 1 (>= 50万亩): 30 ÷ 50 = 0.6; ÷ 0.5 = 1.2 → green
  // Row 2 (>= 90%): 40 ÷ 90 = 0.444; ÷ 0.5 = 0.889 → green
  // Row 3 (>= 95%): 27 ÷ 95 = 0.284; ÷ 0.5 = 0.568 → red
  // Row 4, 5 (<=): no light
  // Row 6 (>= 70%): 24.5 ÷ 70 = 0.35; ÷ 0.5 = 0.7 → yellow
  // Row 7 (qualitative): partial → yellow
  // Row 8: nothing to date → null
  const form = monitor((f) => {
    (f.budget as { executedToDate: string }).executedToDate = "400";
    const to = ["30万亩", "40%", "27%", "300", "0.1‰", "24.5%", "部分达成", ""];
    f.indicators.forEach((r, i) => (r.toDate = to[i]));
  });
  it("lights the budget and each row", () => {
    expect(lights(form, defaultPolicy)).toEqual({
      budget: "yellow",
      rows: ["green", "green", "red", null, null, "yellow", "yellow", null],
    });
  });
  it("checkForm returns the lights", () => {
    expect(checkForm(monitorInput(), library).lights?.budget).toBe("green");
  });
  it("thresholds come from the policy", () => {
    expect(lights(form, resolvePolicy({ monitorThresholds: { yellow: 0.6, red: 0.3 } })).budget).toBe("green");
  });
  // Month 7 (time 7/12): 560 of 1200 is 46.67%, exactly 0.8 of time progress → green, and by
  // month 5, 25 of 100 is exactly 0.6 → yellow. Month 9: 720 of 1200 = 60% of 75% = 0.8 → green. Computed as
  // 560 ÷ 1200 ÷ (7 ÷ 12) these come out 0.7999999999999999 / 0.5999999999999999 in floating point,
  // which lit them one colour too low.
  it("a ratio exactly at a threshold meets it (no floating-point noise)", () => {
    const at = (month: number, executed: number, annual: number, toDate: string) =>
      lights(
        monitor((f) => {
          f.month = month;
          Object.assign(f.budget as object, { annual, executedToDate: executed });
          f.indicators[0]!.toDate = toDate; // >= 50万亩
        }),
        defaultPolicy,
      );
    expect(at(7, 560, 1200, "30万亩").budget).toBe("green");
    expect(at(5, 25, 100, "30万亩").budget).toBe("yellow"); // 25% of 41.67% = 0.6
    const month9 = at(9, 720, 1200, "30万亩"); // row: 30 of 50 = 60% of 75% = 0.8
    expect(month9.budget).toBe("green");
    expect(month9.rows[0]).toBe("green");
  });
});

describe("a unit typed after the number, on a form with no 计量单位 column (docs/domain.md: =5元/生·天)", () => {
  it("reads the library's own unit, convertible or not, for the rules, the score and the lights", () => {
    // 单位养护成本 is in 万元/公里, a unit no conversion family knows
    const addRow = (f: { indicators: Record<string, unknown>[] }, extra: Record<string, unknown>) =>
      f.indicators.push({ level1: "cost", level2: "economicCost", code: "ROAD-EC01", name: "单位养护成本", operator: "<=", target: "≤0.6万元/公里", unit: null, ...extra });
    const self = checkForm(
      selfEvalInput((f) => {
        f.indicators[0]!.weight = 5; // room for the new row's 10 in output (cost folds into output)
        f.indicators[1]!.weight = 10;
        addRow(f, { actual: "0.55万元/公里", weight: 10, score: 10 });
      }),
      library,
    );
    const row = self.form!.indicators.length - 1;
    const about = self.issues.filter((i) => i.path.startsWith(`indicators[${row}]`)).map((i) => i.rule);
    for (const rule of ["I207", "I208", "I209", "E401"]) expect(about).not.toContain(rule);
    expect(self.score!.rows[row]).toBeGreaterThan(0);

    const mon = checkForm(monitorInput((f) => addRow(f, { operator: ">=", target: "≥0.2万元/公里", toDate: "0.15万元/公里" })), library);
    expect(mon.lights!.rows[mon.form!.indicators.length - 1]).toBe("green");
  });
});
