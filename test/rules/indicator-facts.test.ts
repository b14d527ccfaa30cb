// The row rules decide from the library's facts (shared/rules/indicator-facts.ts: typed arrays by
// indicator position) what they once decided by reading each row's indicator. On random libraries
// and forms, each rule that reads facts flags exactly the rows the indicator itself says it should,
// with the words the indicator gives (the range, the past result, the operators, the replacement).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormSchema, type Form } from "../../shared/form.ts";
import type { Operator } from "../../shared/glossary.ts";
import type { Issue } from "../../shared/issue.ts";
import { LibrarySchema, type Indicator, type Library } from "../../shared/library.ts";
import { resolvePolicy } from "../../shared/policy.ts";
import { appliesTo, latestBefore, operatorBit, placedIn, placeInFrame } from "../../shared/rules/indicator-facts.ts";
import { libraryIndex } from "../../shared/rules/nearest-names.ts";
import { validate } from "../../shared/rules/validate.ts";

const ops: Operator[] = [">=", ">", "=", "<=", "<", "range"];
const fields = ["forestry", "roads", "water", "education"];
const names = ["森林管护面积", "公路养护里程", "学校建设面积", "河道整治长度", "群众满意度", "验收合格率"];

const indicator = (i: number) =>
  fc.record({
    fields: fc.subarray(fields),
    operators: fc.subarray(ops, { minLength: 1 }),
    unit: fc.constantFrom("%", "亩", "人"),
    range: fc.option(fc.record({ min: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), max: fc.option(fc.integer({ min: 60, max: 200 }), { nil: undefined }) }), { nil: undefined }),
    history: fc.option(fc.array(fc.record({ year: fc.integer({ min: 2020, max: 2026 }), value: fc.integer({ min: 0, max: 150 }) }), { maxLength: 4 }), { nil: undefined }),
    deprecated: fc.boolean(),
    replacedBy: fc.option(fc.nat({ max: names.length + 1 }), { nil: undefined }),
  }).map((x) => ({
    code: `T-${i}`,
    name: names[i]!,
    level1: "output" as const,
    level2: "quantity" as const,
    fields: x.fields,
    valueType: "quantitative" as const,
    operators: x.operators,
    unit: x.unit,
    ...(x.range ? { range: x.range } : {}),
    ...(x.history ? { history: x.history } : {}),
    ...(x.deprecated ? { status: "deprecated" as const, ...(x.replacedBy !== undefined ? { replacedBy: `T-${x.replacedBy}` } : {}) } : {}),
  }));

const libraryOf = fc.tuple(...names.map((_, i) => indicator(i))).map((indicators) =>
  LibrarySchema.parse({ version: 1, publishedAt: "2026-01-01", note: "", policy: resolvePolicy(), indicators }),
);

const row = fc.record({
  which: fc.nat({ max: names.length }),
  byCode: fc.boolean(),
  operator: fc.option(fc.constantFrom(...ops), { nil: undefined }),
  target: fc.oneof(fc.integer({ min: -10, max: 250 }), fc.constantFrom("≥95%", "80-95", "１２０", "-", "")),
});

const formOf = fc.record({ year: fc.integer({ min: 2019, max: 2027 }), field: fc.constantFrom(...fields, "林业", ""), rows: fc.array(row, { maxLength: 12 }) });

function build(lib: Library, f: { year: number; field: string; rows: { which: number; byCode: boolean; operator: Operator | undefined; target: string | number }[] }): Form {
  return FormSchema.parse({
    kind: "target",
    year: f.year,
    unit: { code: "U1", name: "区林业局" },
    project: { code: "P1", name: "森林管护", field: f.field, attribute: "continuing", periodStart: `${f.year}-01`, periodEnd: `${f.year}-12`, servesPublic: true },
    funds: { total: 100, fiscal: 100, other: 0 },
    goals: { annual: "全年完成森林管护任务。" },
    indicators: f.rows.map((r) => {
      const ind = lib.indicators[r.which];
      const name = ind ? ind.name : "自拟指标名称";
      return { level1: "output", level2: "quantity", ...(ind && r.byCode ? { code: ind.code } : {}), name, operator: r.operator ?? null, target: r.target, unit: ind?.unit ?? "%" };
    }),
  });
}

/** The targets `row` gives, as read in the indicator's unit: their value(s) and the operator typed with them. */
function targetOf(t: unknown, unit: string | undefined): { low: number; high?: number; typed?: Operator } | undefined {
  if (typeof t === "number") return { low: t };
  if (t === "≥95%") return unit === "%" ? { low: 95, typed: ">=" } : undefined;
  if (t === "80-95") return { low: 80, high: 95, typed: "range" };
  if (t === "１２０") return { low: 120 };
  return undefined;
}

/** The rows (by index) a rule flagged, in order. */
function flagged(issues: readonly Issue[], rule: string): number[] {
  return issues.filter((i) => i.rule === rule).map((i) => Number(/^indicators\[(\d+)\]/.exec(i.path)![1]));
}

const rowIndex = (form: Form, lib: Library) => form.indicators.map((r) => lib.indicators.find((i) => i.code === r.code || i.name === r.name));

describe("the facts the row rules read are the indicator's", () => {
  it("each indicator's operators, range, past results and fields, as the tables hold them", () => {
    fc.assert(
      fc.property(libraryOf, fc.integer({ min: 2019, max: 2027 }), fc.constantFrom(...fields), (lib, year, field) => {
        const { facts } = libraryIndex(lib);
        const latest = latestBefore(facts, year);
        const fits = appliesTo(facts, field);
        lib.indicators.forEach((ind, i) => {
          for (const op of ops) expect((facts.operators[i]! & operatorBit(op)) !== 0).toBe(ind.operators.includes(op));
          expect(facts.deprecated[i]).toBe(ind.status === "deprecated" ? 1 : 0);
          expect(facts.min[i]).toBe(ind.range?.min ?? Number.NaN);
          expect(facts.max[i]).toBe(ind.range?.max ?? Number.NaN);
          const past = (ind.history ?? []).filter((h) => h.year < year).sort((a, b) => b.year - a.year)[0];
          expect(latest.year[i]).toBe(past?.year ?? Number.NaN);
          if (past) expect(latest.value[i]).toBe(ind.history!.find((h) => h.year === past.year)!.value);
          expect(fits[i]).toBe(ind.fields.length === 0 || ind.fields.includes(field) ? 1 : 0);
          expect(facts.unit[i]).toBe(ind.unit);
          expect(facts.qualitative[i]).toBe(ind.valueType === "qualitative" ? 1 : 0);
          for (const frame of ["2015", "2021"] as const) {
            const placed = placedIn(facts, frame);
            expect({ level1: placed.level1[i], level2: placed.level2[i] }).toEqual(placeInFrame(ind, frame));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a bounded number of years' and fields' tables, each right when made again", () => {
    const [lib] = fc.sample(libraryOf, { seed: 1, numRuns: 1 });
    const { facts } = libraryIndex(lib!);
    for (let round = 0; round < 2; round++) {
      for (let year = 2000; year <= 2030; year++) {
        const latest = latestBefore(facts, year);
        lib!.indicators.forEach((ind, i) => {
          const past = (ind.history ?? []).filter((h) => h.year < year).sort((a, b) => b.year - a.year)[0];
          expect(latest.year[i]).toBe(past?.year ?? Number.NaN);
        });
      }
      expect(facts.latest.size).toBeLessThanOrEqual(8);
      for (let k = 0; k < 100; k++) appliesTo(facts, `field-${k}`);
      expect(facts.fits.size).toBeLessThanOrEqual(64);
    }
  });

  it("I205, I206, I207, I211, I212 and I215 flag the rows the indicator says, with its words", () => {
    fc.assert(
      fc.property(libraryOf, formOf, (lib, f) => {
        const form = build(lib, f);
        const issues = validate(form, lib);
        const inds: (Indicator | undefined)[] = rowIndex(form, lib);
        const rows = form.indicators;
        const expectRows = (rule: string, fires: (ind: Indicator, j: number) => boolean) =>
          expect(flagged(issues, rule)).toEqual(inds.flatMap((ind, j) => (ind && fires(ind, j) ? [j] : [])));

        expectRows("I205", (ind) => ind.status === "deprecated");
        const field = f.field === "林业" ? "forestry" : f.field;
        if (field !== "") expectRows("I206", (ind) => ind.fields.length > 0 && !ind.fields.includes(field));
        else expect(flagged(issues, "I206")).toEqual([]);
        // I207 where the operator is the column's alone (the target a plain number): flagged when the indicator does not allow it
        const i207 = new Set(flagged(issues, "I207"));
        inds.forEach((ind, j) => {
          const op = rows[j]!.operator;
          if (ind && op && typeof rows[j]!.target === "number") expect(i207.has(j)).toBe(!ind.operators.includes(op));
        });
        // I211 and I212 name the range and the past result they compared with
        for (const i of issues.filter((x) => x.rule === "I211")) {
          const ind = inds[Number(/\[(\d+)\]/.exec(i.path)![1])]!;
          expect(i.message.zh).toContain(`${ind.range?.min ?? "…"}–${ind.range?.max ?? "…"}`);
        }
        for (const i of issues.filter((x) => x.rule === "I212")) {
          const ind = inds[Number(/\[(\d+)\]/.exec(i.path)![1])]!;
          const past = ind.history!.filter((h) => h.year < f.year).sort((a, b) => b.year - a.year)[0]!;
          expect(i.message.zh).toContain(`${past.year}年实际值 ${ind.history!.find((h) => h.year === past.year)!.value}`);
        }
        expectRows("I211", (ind, j) => {
          const t = targetOf(rows[j]!.target, ind.unit);
          if (t === undefined || !ind.range) return false;
          const { min, max } = ind.range;
          const out = (x: number, lo: number | undefined, hi: number | undefined) => (lo !== undefined && x < lo) || (hi !== undefined && x > hi);
          const percentOut = ind.unit === "%" && [t.low, t.high ?? t.low].some((x) => out(x, Math.min(0, min ?? 0), Math.max(100, max ?? 100)));
          return !percentOut && [t.low, t.high ?? t.low].some((x) => out(x, min, max));
        });
        expectRows("I212", (ind, j) => {
          const past = (ind.history ?? []).filter((h) => h.year < f.year).sort((a, b) => b.year - a.year)[0];
          const value = past && ind.history!.find((h) => h.year === past.year)!.value;
          const t = targetOf(rows[j]!.target, ind.unit);
          const op = rows[j]!.operator ?? t?.typed;
          if (value === undefined || t === undefined || op === undefined) return false;
          return ((op === ">=" || op === ">") && t.low < value) || ((op === "<=" || op === "<") && t.low > value);
        });
        // I215: the second and later rows naming one indicator (by code or by name), or one name the library does not hold
        const keys = inds.map((ind, j) => ind ?? rows[j]!.name);
        expect(flagged(issues, "I215")).toEqual(keys.flatMap((k, j) => (keys.indexOf(k) < j ? [j] : [])));
        for (const i of issues.filter((x) => x.rule === "I215")) {
          const j = Number(/\[(\d+)\]/.exec(i.path)![1]);
          expect(i.message.zh).toContain(`与第${keys.indexOf(keys[j]) + 1}行指标`);
        }
        // I205 names the replacement the library gives, when it is in the library
        for (const i of issues.filter((x) => x.rule === "I205")) {
          const ind = inds[Number(/\[(\d+)\]/.exec(i.path)![1])]!;
          const repl = lib.indicators.find((x) => x.code === ind.replacedBy);
          if (repl) expect(i.message.zh).toContain(`请改用“${repl.name}”`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
