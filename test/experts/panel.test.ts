// The panel's figures and the outlier rule (shared/expert/panel.ts, docs/experts.md): examples as
// a review meeting produces them, and properties that hold for any panel.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, outlierFlags, panelOf, spreadOf } from "../../shared/expert/panel.ts";
import { defaultTargetSheet, ExpertPolicySchema } from "../../shared/expert/policy.ts";
import { sheetProblems, sheetTotal } from "../../shared/expert/review.ts";
import { PolicySchema, resolvePolicy } from "../../shared/policy.ts";

const rule = ExpertPolicySchema.parse({}).outlier;
const criteria = defaultTargetSheet.criteria;
const sheet = (expert: string, s: number[]) => ({ expert, scores: Object.fromEntries(criteria.map((c, i) => [c.id, s[i]!])) });

describe("examples", () => {
  it("three experts, one far below: that one is the outlier, per total and per criterion", () => {
    const p = panelOf(criteria, [sheet("E1", [18, 16, 17, 15, 16]), sheet("E2", [16, 15, 17, 14, 15]), sheet("E3", [8, 9, 10, 8, 10])], rule);
    expect(p.experts).toEqual([
      { expert: "E1", total: 82, outlier: false },
      { expert: "E2", total: 77, outlier: false },
      { expert: "E3", total: 45, outlier: true },
    ]);
    expect(p.total).toEqual({ mean: 68, median: 77, min: 45, max: 82, spread: 37 });
    expect(p.threshold).toBe(15);
    expect(p.criteria[0]).toMatchObject({ name: "目标完整性", scores: [18, 16, 8], mean: 14, spread: 10, outliers: ["E3"] });
    expect(p.divergent).toBe(false);
  });

  it("three experts close together: no outlier", () => {
    const p = panelOf(criteria, [sheet("E1", [18, 16, 17, 15, 16]), sheet("E2", [16, 15, 17, 14, 15]), sheet("E3", [15, 14, 16, 13, 14])], rule);
    expect(p.experts.some((e) => e.outlier)).toBe(false);
    expect(p.criteria.every((c) => c.outliers.length === 0)).toBe(true);
  });

  it("two experts far apart: the panel is divergent and neither is called the outlier", () => {
    const p = panelOf(criteria, [sheet("E1", [18, 18, 18, 18, 18]), sheet("E2", [10, 10, 10, 10, 10])], rule);
    expect(p.divergent).toBe(true);
    expect(p.experts.map((e) => e.outlier)).toEqual([false, false]);
    expect(panelOf(criteria, [sheet("E1", [18, 18, 18, 18, 18]), sheet("E2", [16, 16, 16, 16, 16])], rule).divergent).toBe(false);
  });

  it("just at the threshold is not an outlier; just beyond it is", () => {
    expect(outlierFlags([80, 80, 65], 15)).toEqual([false, false, false]);
    expect(outlierFlags([80, 80, 64.5], 15)).toEqual([false, false, true]);
  });

  it("no sheets, one sheet", () => {
    expect(panelOf(criteria, [], rule).total).toEqual({ mean: 0, median: 0, min: 0, max: 0, spread: 0 });
    expect(panelOf(criteria, [sheet("E1", [20, 20, 20, 20, 20])], rule).experts).toEqual([{ expert: "E1", total: 100, outlier: false }]);
  });

  it("a bureau's policy sets the rule and its own sheets; a sheet whose weights do not add up to 100 is refused, naming the sum", () => {
    const strict = resolvePolicy({ experts: { outlier: { points: 5, share: 0 } } }).experts.outlier;
    expect(panelOf(criteria, [sheet("E1", [18, 16, 17, 15, 16]), sheet("E2", [16, 15, 17, 14, 15]), sheet("E3", [15, 14, 16, 13, 12])], strict).experts.map((e) => e.outlier)).toEqual([false, false, true]);
    const bad = PolicySchema.safeParse({ experts: { sheets: { target: { title: "某县评审表", criteria: [{ id: "a", name: "完整性", weight: 60 }, { id: "b", name: "相关性", weight: 30 }] } } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("90");
    expect(bad.error?.issues[0]?.path).toEqual(["experts", "sheets", "target", "criteria"]);
    const dup = PolicySchema.safeParse({ experts: { sheets: { plan: { title: "方案评审表", criteria: [{ id: "a", name: "甲", weight: 50 }, { id: "a", name: "乙", weight: 50 }] } } } });
    expect(dup.error?.issues[0]?.message).toContain("重复");
  });

  it("the default sheets add up to 100 and say where they come from", () => {
    const p = resolvePolicy();
    for (const kind of ["target", "selfEval", "plan", "report"] as const) {
      const s = p.experts.sheets[kind];
      expect(s.criteria.reduce((a, c) => a + c.weight, 0), kind).toBe(100);
      expect(s.origin, kind).toMatch(/https?:\/\//);
    }
  });
});

describe("a sheet's checks", () => {
  it("scores in half points up to the weight; unknown criteria; every criterion before submitting", () => {
    const ok = { scores: { completeness: 17.5 }, comments: {}, cells: [] };
    expect(sheetProblems(defaultTargetSheet, "target", ok, false)).toEqual([]);
    expect(sheetProblems(defaultTargetSheet, "target", { ...ok, scores: { completeness: 17.3 } }, false)[0]?.message).toContain("0.5");
    expect(sheetProblems(defaultTargetSheet, "target", { ...ok, scores: { completeness: 21 } }, false)[0]?.message).toContain("最多 20 分");
    expect(sheetProblems(defaultTargetSheet, "target", ok, true).map((p) => p.path)).toEqual(["scores.clarity", "scores.relevance", "scores.measurability", "scores.budget"]);
    expect(sheetProblems(defaultTargetSheet, "report", { ...ok, cells: [{ cell: "goals.annual", comment: "x" }] }, false)[0]?.path).toBe("cells");
    expect(sheetTotal(defaultTargetSheet, { completeness: 17.5, clarity: 16, budget: 10 })).toBe(43.5);
  });
});

const scoresArb = fc.array(fc.integer({ min: 0, max: 200 }).map((x) => x / 2), { minLength: 0, maxLength: 12 });

describe("properties", () => {
  it("the mean and the median lie between the lowest and the highest; the spread is their difference", () => {
    fc.assert(
      fc.property(scoresArb.filter((a) => a.length > 0), (xs) => {
        const s = spreadOf(xs);
        expect(s.mean).toBeGreaterThanOrEqual(s.min);
        expect(s.mean).toBeLessThanOrEqual(s.max);
        expect(s.median).toBeGreaterThanOrEqual(s.min);
        expect(s.median).toBeLessThanOrEqual(s.max);
        expect(s.spread).toBeCloseTo(s.max - s.min, 6);
      }),
    );
  });

  it("who is an outlier does not depend on the order the sheets came in", () => {
    fc.assert(
      fc.property(scoresArb, fc.nat(), (xs, seed) => {
        const flags = outlierFlags(xs, 15);
        const order = xs.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const shuffled = outlierFlags(order.map((i) => xs[i]!), 15);
        expect(order.map((i) => flags[i])).toEqual(shuffled);
      }),
    );
  });

  it("panels with all totals within the threshold of each other have no outlier", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 85 }), fc.array(fc.integer({ min: 0, max: 30 }).map((x) => x / 2), { minLength: 1, maxLength: 10 }), (base, offsets) => {
        expect(outlierFlags(offsets.map((o) => base + o), 15).some(Boolean)).toBe(false);
      }),
    );
  });

  it("with three or more sheets, one total far from a tight cluster is the outlier, and only it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 80 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 16, max: 40 }),
        fc.boolean(),
        fc.nat({ max: 10 }),
        (base, offsets, gap, below, at) => {
          const cluster = offsets.map((o) => base + o);
          const far = below ? base - gap : base + 10 + gap;
          const xs = [...cluster];
          const i = at % (xs.length + 1);
          xs.splice(i, 0, far);
          const flags = outlierFlags(xs, 15);
          expect(flags[i]).toBe(true);
          expect(flags.filter(Boolean).length).toBe(1);
        },
      ),
    );
  });

  it("two sheets are never outliers; they are divergent exactly when their gap exceeds the threshold", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }).map((x) => x / 2), { minLength: 5, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 40 }).map((x) => x / 2), { minLength: 5, maxLength: 5 }), (a, b) => {
        const p = panelOf(criteria, [sheet("E1", a), sheet("E2", b)], rule);
        expect(p.experts.every((e) => !e.outlier)).toBe(true);
        expect(p.divergent).toBe(Math.abs(p.experts[0]!.total - p.experts[1]!.total) > p.threshold + 1e-9);
      }),
    );
  });

  it("the median is the middle value, or the mean of the two middle ones", () => {
    fc.assert(
      fc.property(scoresArb.filter((a) => a.length > 0), (xs) => {
        const m = median(xs);
        expect(xs.filter((x) => x < m).length).toBeLessThanOrEqual(xs.length / 2);
        expect(xs.filter((x) => x > m).length).toBeLessThanOrEqual(xs.length / 2);
      }),
    );
  });
});
