// Which stored forms a new form can start from: the approved target of the same project and year
// (monitoring, self-evaluation), last year's form of the same kind (a continuing project).
import { describe, expect, it } from "vitest";
import { startingPoints } from "../../addin/src/unit/FormsTab.tsx";
import type { SubmissionSummary } from "../../addin/src/api.ts";

const f = (kind: SubmissionSummary["kind"], project: string, year: number, status: SubmissionSummary["status"]) => ({ kind, project, year, status, unit: "U01", revision: 1 }) as SubmissionSummary;

describe("startingPoints", () => {
  const forms = [f("target", "P1", 2025, "approved"), f("target", "P2", 2025, "submitted"), f("selfEval", "P1", 2024, "approved"), f("target", "P1", 2024, "approved")];
  it("offers the approved target for monitoring and self-evaluation, and last year's form", () => {
    expect(startingPoints(forms, "selfEval", 2025, "P1").map((x) => [x.kind, x.year])).toEqual([["target", 2025], ["selfEval", 2024]]);
    expect(startingPoints(forms, "monitor", 2025, "P1").map((x) => [x.kind, x.year])).toEqual([["target", 2025]]);
    expect(startingPoints(forms, "target", 2025, "P1").map((x) => [x.kind, x.year])).toEqual([["target", 2024]]);
  });
  it("offers nothing from a target not yet approved, nor from another project", () => {
    expect(startingPoints(forms, "selfEval", 2025, "P2")).toEqual([]);
    expect(startingPoints(forms, "selfEval", 2025, "P9")).toEqual([]);
  });
});
