// Findings as the accountant reads them: the label and the row Excel shows; no internal paths in
// the text; rule id, path and cell in the details line; grouped by row or rule with counts.
import { describe, expect, it } from "vitest";
import { excelRow, findingView, groupFindings } from "../../addin/src/findings.ts";
import type { Issue } from "../../shared/issue.ts";

const S = "'绩效目标申报表(2)'";
const issue = (rule: Issue["rule"], path: string, cell: string | undefined, zh: string, en: string, severity: Issue["severity"] = "error"): Issue => ({ rule, severity, path, ...(cell ? { cell } : {}), message: { zh, en } });

describe("findingView", () => {
  it("names the label and the Excel row, and keeps the rule and path in the details", () => {
    const v = findingView(issue("P002", "funds.total", `${S}!B8`, "缺少必填项“年度资金总额”（funds.total），请填写后再检查。", "Missing “total funds” (funds.total): fill it in."), "zh");
    expect(v.title).toBe("年度资金总额 · 第8行");
    expect(v.text).toBe("缺少必填项“年度资金总额”，请填写后再检查。");
    expect(v.text).not.toMatch(/funds|P002|B8/);
    expect(v.details).toBe("P002 · funds.total · B8");
    expect(findingView(issue("P002", "funds.total", `${S}!B8`, "x", "Missing “total funds” (funds.total): fill it in."), "en").text).toBe("Missing “total funds”: fill it in.");
  });

  it("says the sheet row where the rules count indicator rows from 1", () => {
    const v = findingView(issue("I208", "indicators[2].target", `${S}!F16`, "第3行指标“护林防火巡查及时率”是定量指标，指标值“进一步提高”不是数字。", "Indicator row 3 (“护林防火巡查及时率”) is quantitative."), "zh");
    expect(v.text).toContain("第16行指标");
    expect(v.text).not.toContain("第3行");
    expect(v.title).toBe("指标值 · 第16行");
    expect(findingView(issue("I208", "indicators[2].target", `${S}!F16`, "", "Indicator row 3 (“x”) is quantitative."), "en").text).toBe("Indicator in row 16 (“x”) is quantitative.");
  });

  it("drops a leading internal name", () => {
    expect(findingView(issue("C304", "indicators", undefined, "indicators: 只有1个三级指标", "indicators: only one"), "zh").text).toBe("只有1个三级指标");
  });
});

describe("groupFindings", () => {
  const list: Issue[] = [
    issue("I213", "indicators[0].target", `${S}!F15`, "a", "a", "warning"),
    issue("I208", "indicators[0].target", `${S}!F15`, "b", "b"),
    issue("P002", "funds.total", `${S}!B8`, "c", "c"),
    issue("C301", "indicators", undefined, "d", "d"),
    ...Array.from({ length: 300 }, (_, i) => issue("I208", `indicators[${i}].target`, `${S}!F${20 + i}`, "e", "e")),
  ];
  it("groups by row with counts, worst first, errors first inside a group", () => {
    const g = groupFindings(list, "row", "zh");
    expect(g.length).toBe(303);
    const f15 = g.find((x) => x.key === "15")!;
    expect(f15.counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(f15.items[0]!.severity).toBe("error");
    expect(g[0]!.key).toBe("—"); // the whole form's findings, then the rows in sheet order
    expect(g[1]!.key).toBe("8");
    expect(excelRow(`${S}!$F$15`)).toBe(15);
  });
  it("groups by rule", () => {
    const g = groupFindings(list, "rule", "zh");
    expect(g.map((x) => x.key)).toEqual(["C301", "I208", "P002", "I213"]);
    expect(g.find((x) => x.key === "I208")!.counts.error).toBe(301);
  });
});
