// Random and hostile forms: the engine never throws, and every finding is a well-formed issue
// with a catalogue id, a severity and both messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkForm } from "../../shared/check.ts";
import type { Form } from "../../shared/form.ts";
import { IssueSchema, ruleIds } from "../../shared/issue.ts";
import { resolvePolicy } from "../../shared/policy.ts";
import { validate } from "../../shared/rules/validate.ts";
import { fixtureLibrary, library, monitorInput, selfEvalInput, targetInput } from "./fixtures.ts";

const hostileText = fc.constantFrom(
  "", " ", "　", "-", "—", "/", "无", "*", "N/A", "１２０％", "≥", "≥%", "1e309", "NaN", "Infinity", "-0", "0", "1,2,3",
  "80-", "-80-95", "95-80", "1.2万", "3亿亩", "≥50万亩", "≤0.9‰", "达成", "未达成年度指标且效果较差", "__proto__", "constructor",
  "进一步提高", "资金到位率", "🌲🌲", "x".repeat(500), "森林管护面积", "巡查及时", "=5元/生·天", "1.5公顷", "12:00", "2024-13",
);
const typed = fc.oneof(hostileText, fc.string(), fc.double(), fc.integer({ min: -1e9, max: 1e9 }));
const anyValue = fc.oneof(typed, fc.constant(null), fc.constant(undefined), fc.boolean(), fc.jsonValue());

const rowKeys = [
  "level1", "level2", "code", "name", "operator", "target", "targetHigh", "unit", "basis", "custom", "na", "toDate",
  "expected", "possibility", "deviationCategory", "measures", "actual", "weight", "score", "deviation",
];

function wellFormed(issues: unknown[]): void {
  for (const i of issues) {
    const parsed = IssueSchema.parse(i);
    expect(ruleIds).toContain(parsed.rule);
    expect(parsed.message.zh.trim()).not.toBe("");
    expect(parsed.message.en.trim()).not.toBe("");
  }
}

const policies = [library, fixtureLibrary({ frame: "2015" }), fixtureLibrary({ minIndicators: 0, minQuantitativeShare: 1, vagueWords: [""] })];

describe("checkForm with random and hostile input", () => {
  it("random JSON never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = checkForm(json, library);
        wellFormed(r.issues);
      }),
      { numRuns: 300 },
    );
  });

  it("valid forms with random values in random places never throw", () => {
    const base = fc.constantFrom(targetInput, selfEvalInput, monitorInput);
    const edit = fc.tuple(fc.nat({ max: 9 }), fc.constantFrom(...rowKeys), anyValue);
    const headerEdit = fc.tuple(
      fc.constantFrom("funds.total", "funds.fiscal", "funds.other", "funds.carryover", "budget.annual", "budget.executedToDate", "budget.adjusted", "budget.executed", "goals.annual", "project.periodStart", "project.periodEnd", "month", "totalScore", "project.field", "year"),
      anyValue,
    );
    fc.assert(
      fc.property(base, fc.array(edit, { maxLength: 12 }), fc.array(headerEdit, { maxLength: 4 }), fc.nat({ max: 2 }), (make, edits, headerEdits, lib) => {
        const input = make() as unknown as Record<string, unknown> & { indicators: Record<string, unknown>[] };
        for (const [row, key, value] of edits) {
          const r = input.indicators[row % (input.indicators.length + 1)];
          if (r) r[key] = value;
          else input.indicators.push({ [key]: value, level1: "output", level2: "quantity" });
        }
        for (const [path, value] of headerEdits) {
          const [a, b] = path.split(".") as [string, string | undefined];
          if (b === undefined) input[a] = value;
          else if (input[a] && typeof input[a] === "object") (input[a] as Record<string, unknown>)[b] = value;
        }
        const r = checkForm(input, policies[lib]!);
        wellFormed(r.issues);
        if (r.score) {
          expect(Number.isFinite(r.score.total)).toBe(true);
          expect(r.score.rows).toHaveLength(input.indicators.length);
        }
        if (r.lights) expect(r.lights.rows).toHaveLength(input.indicators.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe("validate with hostile forms the schema never saw", () => {
  it("never throws, even on NaN, Infinity and empty rows", () => {
    const level1 = fc.constantFrom("output", "cost", "benefit", "satisfaction", "bogus");
    const level2 = fc.constantFrom("quantity", "quality", "timeliness", "cost", "economicCost", "social", "serviceSatisfaction", "nope");
    const num = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308));
    const cell = fc.oneof(num, hostileText, fc.constant(null));
    const row = fc.record({
      level1, level2,
      name: fc.oneof(hostileText, fc.constant(null)),
      operator: fc.constantFrom(">=", ">", "=", "<=", "<", "range", "qualitative", null),
      target: cell, targetHigh: cell, unit: fc.oneof(hostileText, fc.constant(null)), custom: fc.boolean(), na: fc.boolean(),
      toDate: cell, actual: cell, weight: cell, score: cell,
      possibility: fc.constantFrom("certain", "possible", "impossible", null),
      deviationCategory: fc.constantFrom("funding", null), measures: fc.oneof(hostileText, fc.constant(null)), deviation: fc.oneof(hostileText, fc.constant(null)),
    });
    const form = fc.record({
      kind: fc.constantFrom("target", "monitor", "selfEval"),
      year: fc.oneof(fc.integer({ min: 1990, max: 2110 }), fc.constant(Number.NaN)),
      month: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(Number.NaN)),
      periodStart: fc.oneof(hostileText, fc.constant(null)),
      total: cell, fiscal: cell, other: cell,
      annual: cell, executed: cell,
      rows: fc.array(row, { maxLength: 30 }),
      totalScore: cell,
    });
    fc.assert(
      fc.property(form, fc.nat({ max: 2 }), (f, lib) => {
        const hostile = {
          kind: f.kind,
          year: f.year,
          month: f.month,
          unit: { code: "U", name: "" },
          project: { code: "P", name: "", field: "", attribute: "new", servesPublic: true, periodStart: f.periodStart, periodEnd: "2024-02" },
          funds: { total: f.total, fiscal: f.fiscal, other: f.other },
          goals: {},
          indicators: f.rows,
          budget: { annual: f.annual, executedToDate: f.executed, adjusted: f.annual, executed: f.executed },
          totalScore: f.totalScore,
        } as unknown as Form;
        const l = policies[lib]!;
        wellFormed(validate(hostile, l, l.policy));
      }),
      { numRuns: 300 },
    );
  });

  it("a policy with odd settings does not throw", () => {
    const odd = resolvePolicy({ weights: { budget: 0, output: 0, benefit: 0, satisfaction: 0 }, minGoalLength: 0, monitorThresholds: { yellow: 0, red: 0 } });
    const input = selfEvalInput() as unknown as Form;
    expect(() => validate(input, library, odd)).not.toThrow();
  });
});
