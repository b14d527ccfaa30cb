// Hostile grids: random text and numbers, labels in the wrong places, deleted columns, thousands
// of blank rows, sheets that are no template. parseForm never throws and, when it gives no form,
// says why.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleIds } from "../../shared/issue.ts";
import { columnLabels, headerLabels, sectionLabels } from "../../shared/sheet/labels.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { parseForm, type Grid, type GridValue } from "../../shared/sheet/parse.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { monitorForm, selfEvalForm, smallLibrary, targetForm } from "./fixtures.ts";

const library = smallLibrary();
const templates = [targetForm(), monitorForm(), selfEvalForm()].map((f) => layoutForm(f.kind, f, library).sheets[0]!.values as Grid);

const labels = [...Object.values(headerLabels).flat(), ...Object.values(columnLabels).flat(), ...sectionLabels, "产出指标", "数量指标", "≥", "是", "填报说明："];
const cell: fc.Arbitrary<GridValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom(...labels) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -0, 1e308)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }).map((n) => `${n}`) },
  { weight: 1, arbitrary: fc.boolean() },
);
const grid = fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 40 });

function expectSaysWhy(result: ReturnType<typeof parseForm>): void {
  expect(Array.isArray(result.issues)).toBe(true);
  if (!result.form) expect(result.issues.length).toBeGreaterThan(0);
  for (const i of result.issues) {
    expect(ruleIds).toContain(i.rule);
    expect(i.message.zh.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
    expect(typeof i.path).toBe("string");
    // the safety net in parseForm catches internal errors: none may reach it
    expect(i.message.en).not.toMatch(/could not be read/);
  }
}

/** A template grid, mutated as a careless hand would. */
const mutated = fc
  .record({
    template: fc.constantFrom(...templates),
    deleteColumns: fc.array(fc.integer({ min: 0, max: 16 }), { maxLength: 3 }),
    inserts: fc.array(fc.tuple(fc.nat(60), fc.array(cell, { maxLength: 18 })), { maxLength: 6 }),
    overwrites: fc.array(fc.tuple(fc.nat(60), fc.nat(18), cell), { maxLength: 12 }),
    numbersAsText: fc.boolean(),
  })
  .map(({ template, deleteColumns, inserts, overwrites, numbersAsText }) => {
    let g: GridValue[][] = template.map((row) => [...row]);
    for (const [r, c, v] of overwrites) if (g[r]) g[r]![c] = v;
    for (const [at, row] of inserts) g.splice(Math.min(at, g.length), 0, row);
    for (const c of [...new Set(deleteColumns)].sort((a, b) => b - a)) g = g.map((row) => row.filter((_, i) => i !== c));
    if (numbersAsText) g = g.map((row) => row.map((v) => (typeof v === "number" ? `${v}` : v)));
    return g;
  });

describe("parseForm on hostile grids", () => {
  it("never throws on random grids, and says why when there is no form", () => {
    fc.assert(
      fc.property(grid, fc.string(), (g, name) => {
        expectSaysWhy(parseForm(g, name));
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on damaged templates, and says why", () => {
    fc.assert(
      fc.property(mutated, fc.constantFrom<(Record<string, string> | undefined)[]>(undefined, { kind: "target" }, { kind: "monitor", month: "7" }), (g, meta) => {
        expectSaysWhy(parseForm(g, "绩效表", meta));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on what is not a grid at all", () => {
    for (const g of [null, undefined, 42, "text", [null], [[{}]], [[[1]]], [undefined], [[Symbol("x")]]]) {
      expectSaysWhy(parseForm(g as unknown as Grid, "x"));
    }
    expect(parseWorkbook([{ name: "x", values: null as unknown as Grid }])[0]!.issues[0]!.rule).toBe("P001");
  });

  it("reads the same form through 5,000 blank rows", () => {
    const form = monitorForm();
    const g = templates[1]!.map((row) => [...row]);
    const header = g.findIndex((row) => row[0] === "一级指标");
    g.splice(header + 3, 0, ...Array.from({ length: 5000 }, () => Array<GridValue>(16).fill(null)));
    g.splice(3, 0, ...Array.from({ length: 5000 }, () => [] as GridValue[]));
    const { form: got, issues } = parseForm(g, "绩效运行监控表");
    expect(issues).toEqual([]);
    expect(got!.indicators).toHaveLength(form.indicators.length);
    expect(got!.cells!["indicators[2].name"]).toBe(`'绩效运行监控表'!C${header + 5000 + 5000 + 4}`);
  });

  it("says P001 for a sheet of random numbers in text and 5,000 blank rows", () => {
    const g: Grid = [["1,200", "95%", "≥90"], ...Array.from({ length: 5000 }, () => [null, null, null]), ["=SUM(A1)", 3, true]];
    expect(parseForm(g, "数据").issues).toMatchObject([{ rule: "P001" }]);
  });
});
