// X601 (against the approved target form) and X602 (indicator sets copied across projects).
import { describe, expect, it } from "vitest";
import type { Form } from "../../shared/form.ts";
import { defaultPolicy, resolvePolicy } from "../../shared/policy.ts";
import { checkFormIn } from "../../shared/check.ts";
import { checkAgainstBaseline, checkCopiedIndicators, indicatorSetFingerprint } from "../../shared/rules/across-forms.ts";
import type { FingerprintedForm } from "../../shared/rules/context.ts";
import { checkServerRules, serverRulesIn } from "../../shared/rules/validate.ts";
import { library, monitor, monitorInput, selfEval, target } from "./fixtures.ts";

describe("X601: the approved target form is the baseline", () => {
  const baseline = target();
  it("is quiet when the indicators are kept (targets typed differently but equal)", () => {
    const m = monitor((f) => (f.indicators[0]!.target = "≥50万亩"));
    expect(checkAgainstBaseline(m, baseline)).toEqual([]);
    expect(checkAgainstBaseline(selfEval(), baseline)).toEqual([]);
  });
  it("fires on a changed target, naming the approved value", () => {
    const issues = checkAgainstBaseline(selfEval((f) => (f.indicators[1]!.target = 85)), baseline);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.rule).toBe("X601");
    expect(issues[0]!.severity).toBe("error");
    expect(issues[0]!.message.zh).toContain("当年造林成活率");
    expect(issues[0]!.message.zh).toContain("批复为“90”");
  });
  it("fires on an added and on a dropped indicator", () => {
    const m = monitor((f) => {
      f.indicators.splice(2, 1);
      f.indicators.push({ level1: "output", level2: "quantity", name: "生态护林员选聘人数", operator: ">=", target: 120, unit: "人" });
    });
    const issues = checkAgainstBaseline(m, baseline);
    expect(issues.map((i) => i.path).sort()).toEqual(["indicators", "indicators[7].name"]);
    expect(issues.map((i) => i.message.zh).join()).toContain("护林防火巡查及时率");
  });
  it("is quiet with no baseline, on a target form, or for another project", () => {
    expect(checkAgainstBaseline(monitor((f) => f.indicators.pop()), undefined)).toEqual([]);
    expect(checkAgainstBaseline(target((f) => f.indicators.pop()), baseline)).toEqual([]);
    const other = target((f) => ((f.project as { code: string }).code = "P2024-099"));
    expect(checkAgainstBaseline(monitor((f) => f.indicators.pop()), other)).toEqual([]);
  });
});

describe("X602: the same indicators copied across projects of a unit", () => {
  const project = (code: string, patch?: (f: { indicators: unknown[] }) => void): Form =>
    target((f) => {
      Object.assign(f.project as object, { code, name: `项目${code}` });
      patch?.(f);
    });
  it("fires at three projects with the same set (order and spacing aside)", () => {
    const others = [project("P-2", (f) => f.indicators.reverse()), project("P-3")];
    const issues = checkCopiedIndicators(project("P-1"), others, defaultPolicy);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.rule).toBe("X602");
    expect(issues[0]!.severity).toBe("warning");
    expect(issues[0]!.message.zh).toContain("项目P-2");
  });
  it("is quiet for two projects, different sets, other units or years, or the same project", () => {
    expect(checkCopiedIndicators(project("P-1"), [project("P-2")], defaultPolicy)).toEqual([]);
    expect(checkCopiedIndicators(project("P-1"), [project("P-2"), project("P-3", (f) => f.indicators.pop())], defaultPolicy)).toEqual([]);
    const otherYear = target((f) => Object.assign(f, { year: 2023 }));
    expect(checkCopiedIndicators(project("P-1"), [project("P-2"), otherYear, project("P-1")], defaultPolicy)).toEqual([]);
  });
  it("takes the count from the policy", () => {
    expect(checkCopiedIndicators(project("P-1"), [project("P-2")], resolvePolicy({ copiedAcrossProjects: 2 }))).toHaveLength(1);
  });
});

// A save checks the form once: the rules across forms run over the rule context its own check built
// (serverRulesIn) and read the fingerprint the server took to find the others (ServerForms.fingerprint).
describe("the rules across forms over the save's own check", () => {
  const elsewhere = (code: string): FingerprintedForm => {
    const f = target();
    return { year: f.year, unit: f.unit.code, project: code, projectName: `项目${code}`, fingerprint: indicatorSetFingerprint(f) };
  };
  it("find the same as a fresh check, on the context checkFormIn built (X601 on a changed target, X602 on a copied set)", () => {
    const input = monitorInput((f) => (f.indicators[0]!.target = 999));
    const { result, context } = checkFormIn(input, library);
    expect(context?.form).toBe(result.form);
    const m = monitor((f) => (f.indicators[0]!.target = 999));
    const server = { baseline: target(), others: [elsewhere("P-2"), elsewhere("P-3")] };
    const fresh = checkServerRules(m, library, server).map((i) => `${i.rule} ${i.path}`);
    expect(fresh).toContain("X601 indicators[0]");
    expect(serverRulesIn(context!, server).map((i) => `${i.rule} ${i.path}`)).toEqual(fresh);
  });
  it("X602 reads the fingerprint the server passes, and an explicit none finds nothing", () => {
    const t = target();
    const { context } = checkFormIn(t, library);
    const others = [elsewhere("P-2"), elsewhere("P-3")];
    const rules = (server: Parameters<typeof serverRulesIn>[1]) => serverRulesIn(context!, server).map((i) => i.rule);
    expect(rules({ others })).toContain("X602");
    expect(rules({ others, fingerprint: indicatorSetFingerprint(t) })).toContain("X602");
    expect(rules({ others, fingerprint: "0000000000000000" })).not.toContain("X602");
    expect(rules({ others, fingerprint: undefined })).not.toContain("X602");
  });
});
