// The demo's forms: a forestry project's target, monitoring and self-evaluation forms built from
// starter-library indicators, written to pass the default policy. Used by `jixiao serve --demo`
// (demo.ts, demo-spread.ts) and by the tests.
import type { FormKind } from "../shared/glossary.ts";
import type { FormInput } from "../shared/form.ts";

type Row = { code: string; name: string; level1: string; level2: string; operator: string; target: number; unit: string; actual: number; toDate: number; weight: number };

const rows: Row[] = [
  { code: "FOR-QN001", name: "森林管护面积", level1: "output", level2: "quantity", operator: ">=", target: 50, unit: "万亩", actual: 52, toDate: 30, weight: 15 },
  { code: "FOR-QL001", name: "当年造林成活率", level1: "output", level2: "quality", operator: ">=", target: 90, unit: "%", actual: 92, toDate: 90, weight: 15 },
  { code: "FOR-TM001", name: "护林防火巡查及时率", level1: "output", level2: "timeliness", operator: ">=", target: 98, unit: "%", actual: 99, toDate: 98, weight: 10 },
  { code: "FOR-EC002", name: "生态护林员人均补助标准", level1: "cost", level2: "economicCost", operator: "=", target: 8000, unit: "元/人·年", actual: 8000, toDate: 8000, weight: 10 },
  { code: "FOR-GB001", name: "森林火灾受害率", level1: "benefit", level2: "ecological", operator: "<=", target: 0.5, unit: "‰", actual: 0.3, toDate: 0.2, weight: 15 },
  { code: "FOR-SU001", name: "森林覆盖率", level1: "benefit", level2: "sustainability", operator: ">=", target: 70, unit: "%", actual: 71, toDate: 70, weight: 15 },
  { code: "FOR-SA002", name: "林农满意度", level1: "satisfaction", level2: "serviceSatisfaction", operator: ">=", target: 90, unit: "%", actual: 93, toDate: 90, weight: 10 },
];

export interface DemoFormOptions {
  year: number;
  unit: { code: string; name: string };
  project: { code: string; name: string };
}

/** A complete form of `kind` for a forestry project. */
export function demoForm(kind: FormKind, o: DemoFormOptions): FormInput {
  const base = {
    year: o.year,
    unit: o.unit,
    project: {
      code: o.project.code,
      name: o.project.name,
      field: "forestry",
      attribute: "continuing" as const,
      periodStart: `${o.year}-01`,
      periodEnd: `${o.year}-12`,
      servesPublic: true,
    },
    funds: { total: 500, fiscal: 450, other: 50 },
    goals: {
      overall: "完成辖区森林资源管护任务，保护森林资源安全，提高森林覆盖率。",
      annual: "完成森林管护面积50万亩，当年造林成活率达到90%以上，森林火灾受害率控制在0.5‰以内。",
    },
  };
  const indicators = rows.map((r) => {
    const row: Record<string, unknown> = {
      level1: r.level1,
      level2: r.level2,
      code: r.code,
      name: r.name,
      operator: r.operator,
      target: r.target,
      unit: r.unit,
      basis: "plan",
      custom: false,
    };
    if (kind === "monitor") Object.assign(row, { toDate: r.toDate, expected: r.actual, possibility: "certain" });
    if (kind === "selfEval") Object.assign(row, { actual: r.actual, weight: r.weight });
    return row;
  });
  if (kind === "target") return { kind, ...base, indicators } as FormInput;
  if (kind === "monitor") return { kind, ...base, indicators, month: 6, budget: { annual: 500, executedToDate: 260 } } as FormInput;
  return {
    kind,
    ...base,
    goals: { ...base.goals, actual: "全年完成森林管护面积52万亩，当年造林成活率92%，森林火灾受害率0.3‰，森林覆盖率71%。" },
    indicators,
    budget: { initial: 500, adjusted: 500, executed: 480 },
  } as FormInput;
}
