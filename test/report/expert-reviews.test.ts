// The work report's expert reviews (shared/report/expert-reviews.ts, docs/work-report.md): items
// per kind, sheets and their mean, the panel's outliers, conclusions per round, all as they stood
// on the report's day; and the section's words and table.
import { describe, expect, it } from "vitest";
import { defaultPlanSheet, defaultReportSheet, defaultTargetSheet, ExpertPolicySchema, type ReviewSheet } from "../../shared/expert/policy.ts";
import type { Assignment, ItemKind, Review, Verdict } from "../../shared/expert/review.ts";
import { expertReviewFigures, expertReviewSection } from "../../shared/report/expert-reviews.ts";

const rule = ExpertPolicySchema.parse({}).outlier;
const experts = [
  { code: "E01", name: "张明", field: "performance" as const },
  { code: "E02", name: "李华", field: "performance" as const },
  { code: "E03", name: "王强", field: "industry" as const },
  { code: "E04", name: "赵敏", field: "industry" as const },
];

function item(id: string, kind: ItemKind, sheet: ReviewSheet, at: string, conclusion?: { verdict: Verdict; at: string }): Assignment {
  return {
    id,
    year: 2025,
    unit: "U01",
    project: "P001",
    kind,
    round: kind === "report" ? 2 : 1,
    experts: ["E01", "E02", "E03"],
    due: "2025-05-31T15:59:59.999Z",
    sheet,
    by: "finance",
    at,
    ...(conclusion ? { conclusion: { ...conclusion, text: "专家组意见", by: "finance" } } : {}),
    version: conclusion ? 2 : 1,
  };
}

/** A sheet scoring each criterion the same share of its weight. */
function sheetOf(a: Assignment, expert: string, share: number, submittedAt?: string): Review {
  const scores = Object.fromEntries(a.sheet.criteria.map((c) => [c.id, Math.round(c.weight * share * 2) / 2]));
  return { assignment: a.id, expert, scores, comments: {}, cells: [], savedAt: submittedAt ?? "2025-04-01T00:00:00Z", ...(submittedAt ? { submittedAt } : {}) };
}

const target = item("A2025-00000001", "target", defaultTargetSheet, "2025-03-01T02:00:00Z", { verdict: "revise", at: "2025-03-20T02:00:00Z" });
const plan = item("A2025-00000002", "plan", defaultPlanSheet, "2025-04-01T02:00:00Z", { verdict: "pass", at: "2025-04-20T02:00:00Z" });
const report = item("A2025-00000003", "report", defaultReportSheet, "2025-09-01T02:00:00Z", { verdict: "fail", at: "2025-09-20T02:00:00Z" });
const input = (at: string) => ({
  assignments: [
    // 80, 75, 45: 45 lies 30 from the median 75, beyond max(15, 11.25)
    { assignment: target, reviews: [sheetOf(target, "E01", 0.8, "2025-03-10T02:00:00Z"), sheetOf(target, "E02", 0.75, "2025-03-11T02:00:00Z"), sheetOf(target, "E03", 0.45, "2025-03-12T02:00:00Z")] },
    // two sheets 30 apart: divergent, neither marked; E03's draft does not count
    { assignment: plan, reviews: [sheetOf(plan, "E01", 0.9, "2025-04-10T02:00:00Z"), sheetOf(plan, "E04", 0.6, "2025-04-11T02:00:00Z"), sheetOf(plan, "E03", 0.2)] },
    { assignment: report, reviews: [sheetOf(report, "E01", 0.7, "2025-09-10T02:00:00Z"), sheetOf(report, "E02", 0.7, "2025-09-10T03:00:00Z")] },
  ],
  experts,
  rule,
  at,
});

describe("expert reviews in the work report", () => {
  it("count items per kind, sheets, their mean, the outlier, the divergent pair and each round's conclusion", () => {
    const f = expertReviewFigures(input("2025-12-31T15:59:59.999Z"));
    expect(f.byKind.target).toEqual({ items: 1, concluded: 1, sheets: 3, meanScore: 66.67, outliers: 1, divergent: 0, verdicts: { pass: 0, revise: 1, fail: 0 } });
    expect(f.byKind.plan).toEqual({ items: 1, concluded: 1, sheets: 2, meanScore: 75, outliers: 0, divergent: 1, verdicts: { pass: 1, revise: 0, fail: 0 } });
    expect(f.byKind.report).toMatchObject({ items: 1, concluded: 1, sheets: 2, meanScore: 70, verdicts: { pass: 0, revise: 0, fail: 1 } });
    expect(f.byKind.selfEval).toMatchObject({ items: 0, sheets: 0, meanScore: null });
    // E03's draft on the plan is no sheet, but E03 submitted on the target
    expect(f).toMatchObject({ items: 3, concluded: 3, sheets: 7, experts: 4, expertsByField: { performance: 2, industry: 2 }, outliers: 1, divergent: 1 });
    expect(f.meanScore).toBe(Math.round(((80 + 75 + 45 + 90 + 60 + 70 + 70) / 7) * 100) / 100);
  });

  it("stand at the report's day: the second round, assigned in September, is not in the first half", () => {
    const f = expertReviewFigures(input("2025-06-30T15:59:59.999Z"));
    expect(f.items).toBe(2);
    expect(f.byKind.report.items).toBe(0);
    expect(f.sheets).toBe(5);
    // a conclusion recorded after the day is not yet one
    const early = expertReviewFigures(input("2025-04-15T00:00:00Z"));
    expect(early.byKind.plan).toMatchObject({ items: 1, concluded: 0, sheets: 2 });
    expect(early.byKind.target.concluded).toBe(1);
    // the plan's two sheets are 30 apart: divergent; with one of them submitted, not yet
    expect(early.divergent).toBe(1);
    const oneSheet = expertReviewFigures(input("2025-04-10T03:00:00Z"));
    expect([oneSheet.divergent, oneSheet.byKind.plan.sheets]).toEqual([0, 1]);
    expect(expertReviewSection(oneSheet).paragraphs[0]).not.toContain("相差较大");
    // before the target's outlier submitted: nothing far apart, and the words say so
    const calm = expertReviewFigures(input("2025-03-11T12:00:00Z"));
    expect([calm.outliers, calm.divergent, calm.sheets]).toEqual([0, 0, 2]);
    expect(expertReviewSection(calm).paragraphs[0]).toContain("各专家评分未见明显偏离。");
    expect(expertReviewSection(calm).paragraphs[0]).not.toContain("复核");
  });

  it("say it in the report's words, with a table per kind and the rounds named", () => {
    const s = expertReviewSection(expertReviewFigures(input("2025-12-31T15:59:59.999Z")));
    expect(s.heading).toBe("专家评审");
    expect(s.paragraphs[0]).toContain("共组织4名专家（绩效专家2名、行业专家2名）对3个事项进行评审");
    expect(s.paragraphs[0]).toContain("评分明显偏离专家组中位数的1份，两名专家评分相差较大的评审组1个，已提请专家组复核");
    expect(s.paragraphs[1]).toContain("评价方案（第一轮）1个（通过1个、修改后通过0个、不通过0个）");
    expect(s.paragraphs[1]).toContain("评价报告（第二轮）1个（通过0个、修改后通过0个、不通过1个）");
    expect(s.table!.rows).toEqual([
      ["绩效目标表", 1, 3, 66.67, 1, 0, 1, 0],
      ["评价方案（第一轮）", 1, 2, 75, 0, 1, 0, 0],
      ["评价报告（第二轮）", 1, 2, 70, 0, 0, 0, 1],
    ]);
  });

  it("say plainly when there were none", () => {
    const s = expertReviewSection(expertReviewFigures({ assignments: [], experts, rule, at: "2025-12-31T15:59:59.999Z" }));
    expect(s.paragraphs).toEqual(["本期未组织专家评审。"]);
    expect(s.table).toBeUndefined();
  });
});
