// A self-evaluation form of any size over the starter library, for the sheet benchmarks
// (bench/sheets, bench/growth): every active indicator in turn, targets and actuals typed the ways
// units type them (≥95%, ９５％), some rows custom, some with a deviation reason.
import { FormSchema, type Form } from "../shared/form.ts";
import { starterLibrary } from "../shared/starter-library/index.ts";

export const library = starterLibrary();
const active = library.indicators.filter((i) => i.status !== "deprecated");

export function bigForm(rows: number): Form {
  return FormSchema.parse({
    kind: "selfEval",
    year: 2025,
    unit: { code: "101001", name: "某区林业局" },
    project: { code: "P2025-01", name: "森林资源管护项目", field: "forestry", attribute: "continuing", servesPublic: true },
    funds: { total: 1250.5, fiscal: 1200, other: 50.5 },
    goals: { annual: "完成森林管护面积５０万亩，选聘生态护林员１,２００人。" },
    budget: { initial: 1200, adjusted: 1250.5, executed: 1100 },
    indicators: Array.from({ length: rows }, (_, i) => {
      const ind = active[i % active.length]!;
      return {
        level1: ind.level1,
        level2: ind.level2,
        code: ind.code,
        name: `${ind.name}${i}`,
        operator: ind.operators[0],
        target: i % 3 === 0 ? `≥${90 + (i % 10)}%` : 90 + (i % 10),
        unit: ind.unit,
        basis: "plan",
        custom: i % 7 === 0,
        actual: i % 2 === 0 ? 95 : "９５％",
        weight: 1,
        score: 1,
        deviation: i % 5 === 0 ? "下半年加快进度" : undefined,
      };
    }),
  });
}

