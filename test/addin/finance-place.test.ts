// A form saved as JSON has no cell addresses: finance's pane finds them on the sheet it lays out.
import { describe, expect, it } from "vitest";
import { placeIssues } from "../../addin/src/finance/place.ts";
import { FormSchema } from "../../shared/form.ts";
import type { Issue } from "../../shared/issue.ts";
import { rowIssue } from "../../shared/rules/messages.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { demoForm } from "../../server/demo-form.ts";

describe("placeIssues", () => {
  it("gives each finding of a JSON form the cell of its path on the laid-out sheet", () => {
    const library = starterLibrary();
    const form = FormSchema.parse(demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } }));
    const plan = layoutForm("target", form, library);
    const sheet = plan.sheets.find((s) => (s.visibility ?? "visible") === "visible" && s.name !== "指标库")!.name;
    const issue = (path: string): Issue => ({ rule: "I212", severity: "warning", path, message: { zh: "", en: "" } });
    const placed = placeIssues(plan, sheet, [issue("indicators[0].target"), issue("funds.total"), issue("nowhere")]);
    const grid = plan.sheets.find((s) => s.name === sheet)!.values;
    const header = grid.findIndex((r) => r.includes("三级指标"));
    expect(placed[0]!.cell).toMatch(new RegExp(`F${header + 2}$`));
    expect(placed[1]!.cell).toBeTruthy();
    expect(placed[2]!.cell).toBeUndefined();
  });

  it("keeps the path and words of a finding that makes them when read (a form checked here)", () => {
    const library = starterLibrary();
    const form = FormSchema.parse(demoForm("target", { year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目" } }));
    const plan = layoutForm("target", form, library);
    const sheet = plan.sheets.find((s) => (s.visibility ?? "visible") === "visible" && s.name !== "指标库")!.name;
    const words = { zh: "第1行指标“森林管护面积”：指标值为空", en: "Indicator row 1: the target is empty" };
    const [placed] = placeIssues(plan, sheet, [rowIssue(form, "I208", "error", 0, "target", () => words)]);
    expect(placed).toEqual({ rule: "I208", severity: "error", path: "indicators[0].target", message: words, cell: expect.stringMatching(/^'.+'!F\d+$/) });
  });
});
