// The catalogue (shared/rules/catalogue.ts) is the one list of rules the engine runs and the
// documentation is generated from: it holds every rule id once, in catalogue order, each with
// what it checks, its severities and the policy values it reads.
import { describe, expect, it } from "vitest";
import { ruleIds } from "../../shared/issue.ts";
import { defaultPolicy } from "../../shared/policy.ts";
import { catalogue } from "../../shared/rules/catalogue.ts";
import { ruleContext } from "../../shared/rules/context.ts";
import { checkServerRules, validate } from "../../shared/rules/validate.ts";
import { library, selfEval, target } from "./fixtures.ts";

describe("the rule catalogue", () => {
  it("lists every rule id once, in catalogue order", () => {
    expect(catalogue.map((e) => e.id)).toEqual([...ruleIds]);
  });

  it("gives each rule what it checks, in both languages, its severities and real policy keys", () => {
    for (const e of catalogue) {
      expect(e.checks.zh.length, e.id).toBeGreaterThan(4);
      expect(e.checks.en.length, e.id).toBeGreaterThan(4);
      expect(e.severities.length, e.id).toBeGreaterThan(0);
      for (const key of e.policy) expect(Object.keys(defaultPolicy).concat("requiredLevel1", "requiredLevel2"), e.id).toContain(key);
      // a rule found while reading has no function here; every other rule has one
      expect(e.check === undefined, e.id).toBe(e.stage === "read");
    }
  });

  it("is what the engine runs: a rule's function alone gives the engine's findings for that id", () => {
    const form = target((f) => {
      f.indicators[1]!.target = "-";
      (f.funds as { total: string }).total = "1,250";
    });
    const ctx = ruleContext(form, library);
    const all = validate(form, library);
    for (const e of catalogue.filter((x) => x.stage === "form")) {
      expect(e.check!(ctx), e.id).toEqual(all.filter((i) => i.rule === e.id));
    }
    // and in catalogue order
    const order = all.map((i) => ruleIds.indexOf(i.rule));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("runs the rules across forms only with the server's forms", () => {
    const approved = target();
    const later = selfEval((f) => (f.indicators[1]!.target = 85));
    expect(validate(later, library).some((i) => i.rule === "X601")).toBe(false);
    expect(checkServerRules(later, library, { baseline: approved }).map((i) => i.rule)).toContain("X601");
  });
});
