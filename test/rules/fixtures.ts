// A small, stable library and three forestry forms (target, monitoring, self-evaluation) that
// pass every rule; tests change one thing and look for the one finding it should cause.
import { FormSchema, type Form, type FormInput, type MonitorForm, type SelfEvalForm, type TargetForm } from "../../shared/form.ts";
import { LibrarySchema, type Library, type LibraryInput } from "../../shared/library.ts";
import { resolvePolicy, type PolicyInput } from "../../shared/policy.ts";
import type { Issue, RuleId } from "../../shared/issue.ts";
import { validate } from "../../shared/rules/validate.ts";

type IndicatorInput = LibraryInput["indicators"][number];

export const fixtureIndicators: IndicatorInput[] = [
  { code: "FOR-QN01", name: "森林管护面积", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">=", ">", "="], unit: "万亩", range: { min: 10, max: 150 }, history: [{ year: 2022, value: 38 }, { year: 2023, value: 45 }] },
  { code: "FOR-QN02", name: "生态护林员选聘人数", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">=", "="], unit: "人", range: { min: 50, max: 800 } },
  { code: "FOR-QN03", name: "人工造林面积", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">=", "range"], unit: "亩", range: { min: 500, max: 50000 } },
  { code: "FOR-QL01", name: "当年造林成活率", level1: "output", level2: "quality", fields: ["forestry"], valueType: "quantitative", operators: [">=", "range"], unit: "%", range: { min: 85, max: 95 } },
  { code: "FOR-TM01", name: "护林防火巡查及时率", level1: "output", level2: "timeliness", fields: ["forestry"], valueType: "quantitative", operators: [">=", "="], unit: "%", range: { min: 90, max: 100 } },
  { code: "FOR-EC01", name: "造林补助资金", level1: "cost", level2: "economicCost", fields: ["forestry"], valueType: "quantitative", operators: ["<=", "="], unit: "万元" },
  { code: "ROAD-EC01", name: "单位养护成本", level1: "cost", level2: "economicCost", fields: ["roads"], valueType: "quantitative", operators: ["<=", "<"], unit: "万元/公里", range: { min: 0.1, max: 0.8 } },
  { code: "ROAD-SC01", name: "施工期安全生产事故", level1: "cost", level2: "socialCost", fields: ["roads"], valueType: "quantitative", operators: ["=", "<="], unit: "起", range: { min: 0, max: 0 } },
  { code: "FOR-GB01", name: "森林火灾受害率", level1: "benefit", level2: "ecological", fields: ["forestry"], valueType: "quantitative", operators: ["<=", "<"], unit: "‰", range: { min: 0, max: 0.9 }, history: [{ year: 2023, value: 0.5 }, { year: 2022, value: 0.7 }] },
  { code: "FOR-GB02", name: "林业有害生物成灾率", level1: "benefit", level2: "ecological", fields: ["forestry"], valueType: "quantitative", operators: ["<=", "<"], unit: "‰", range: { min: 0, max: 4 } },
  { code: "FOR-GB901", name: "林业有害生物防治率", level1: "benefit", level2: "ecological", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "%", status: "deprecated", replacedBy: "FOR-GB02" },
  { code: "FOR-SU01", name: "森林覆盖率", level1: "benefit", level2: "sustainability", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "%", range: { min: 60, max: 85 } },
  { code: "FOR-SB01", name: "林区群众生态保护意识", level1: "benefit", level2: "social", fields: ["forestry"], valueType: "qualitative", operators: ["qualitative"] },
  { code: "AGR-TM01", name: "补贴资金兑付及时率", level1: "output", level2: "timeliness", fields: ["agriculture"], valueType: "quantitative", operators: ["="], unit: "%", range: { min: 100, max: 100 } },
  { code: "TOUR-EB01", name: "接待游客人次", level1: "benefit", level2: "economic", fields: ["tourism"], valueType: "quantitative", operators: [">="], unit: "万人次", range: { min: 50, max: 800 } },
  { code: "GEN-SU01", name: "超额完成率", level1: "benefit", level2: "sustainability", fields: [], valueType: "quantitative", operators: [">="], unit: "%", range: { min: 100, max: 150 } },
  { code: "COM-SA01", name: "服务对象满意度", level1: "satisfaction", level2: "serviceSatisfaction", fields: [], valueType: "quantitative", operators: [">="], unit: "%", range: { min: 85, max: 95 } },
  { code: "COM-TM01", name: "项目按期完成率", level1: "output", level2: "timeliness", fields: [], valueType: "quantitative", operators: [">="], unit: "%", range: { min: 90, max: 100 } },
];

export function fixtureLibrary(policy: PolicyInput = {}, extra: IndicatorInput[] = []): Library {
  return LibrarySchema.parse({
    version: 3,
    publishedAt: "2025-09-01T00:00:00.000Z",
    note: "测试指标库",
    policy: resolvePolicy(policy),
    indicators: [...fixtureIndicators, ...extra],
  });
}

export const library = fixtureLibrary();

type RowInput = FormInput["indicators"][number];

/** Eight rows, one per required category and more, typed as county forms type them. */
export function targetRows(): RowInput[] {
  return [
    { level1: "output", level2: "quantity", code: "FOR-QN01", name: "森林管护面积", operator: ">=", target: "≥５０万亩", unit: "万亩", basis: "plan" },
    { level1: "output", level2: "quality", name: "当年造林成活率", operator: ">=", target: 90, unit: "%", basis: "industry" },
    { level1: "output", level2: "timeliness", name: "护林防火巡查及时率", operator: ">=", target: "95%", unit: "%" },
    { level1: "cost", level2: "economicCost", name: "造林补助资金", operator: "<=", target: "800", unit: "万元" },
    { level1: "benefit", level2: "ecological", name: "森林火灾受害率", operator: "<=", target: "≤0.5‰", unit: "‰", basis: "history" },
    { level1: "benefit", level2: "sustainability", name: "森林覆盖率", operator: ">=", target: "７０％", unit: "%" },
    { level1: "benefit", level2: "social", name: "林区群众生态保护意识", operator: "qualitative", target: "达成年度指标" },
    { level1: "satisfaction", level2: "serviceSatisfaction", name: "服务对象满意度", operator: ">=", target: "≥90%", unit: "%" },
  ];
}

function header(kind: "target" | "monitor" | "selfEval") {
  return {
    kind,
    year: 2024,
    unit: { code: "LY001", name: "区林业局" },
    project: {
      code: "P2024-017",
      name: "2024年森林生态保护与修复项目",
      field: "forestry",
      department: "区林业局",
      attribute: "continuing" as const,
      periodStart: "2024-01",
      periodEnd: "2024-12",
      servesPublic: true,
    },
    funds: { total: "1,200", fiscal: 1000, other: "200万元" },
    goals: {
      overall: "三年内完成全区森林资源管护和重点区域造林，森林覆盖率稳定在70%以上。",
      annual: "全年管护森林50万亩，完成人工造林2000亩、成活率90%以上，森林火灾受害率控制在0.5‰以内。",
    },
  };
}

export function targetInput(patch: (f: Record<string, unknown> & { indicators: RowInput[] }) => void = () => {}): FormInput {
  const f = { ...header("target"), indicators: targetRows() };
  patch(f as Record<string, unknown> & { indicators: RowInput[] });
  return f as FormInput;
}

/**
 * Self-evaluation: weights output+cost 15+15+10+10 = 50, benefit 10+10+10 = 30, satisfaction 10,
 * budget 10. Every row meets its target, scores entered as computed.
 */
export function selfEvalInput(patch: (f: Record<string, unknown> & { indicators: RowInput[] }) => void = () => {}): FormInput {
  const actuals: [RowInput["actual"], number][] = [
    ["52万亩", 15],
    ["92.3%", 15],
    [100, 10],
    ["780", 10],
    ["0.3‰", 10],
    ["70.5%", 10],
    ["达成年度指标", 10],
    ["93%", 10],
  ];
  const rows = targetRows().map((r, i) => ({ ...r, actual: actuals[i]![0], weight: actuals[i]![1], score: actuals[i]![1] }));
  const f = {
    ...header("selfEval"),
    goals: { ...header("selfEval").goals, actual: "全年管护森林52万亩，造林成活率92.3%，未发生重大森林火灾。" },
    indicators: rows,
    budget: { initial: 1200, adjusted: 1200, executed: "1,150" },
    totalScore: 99.58,
    grade: "excellent",
  };
  patch(f as Record<string, unknown> & { indicators: RowInput[] });
  return f as FormInput;
}

/** Monitoring at month 6 (time progress 50%): everything on track. */
export function monitorInput(patch: (f: Record<string, unknown> & { indicators: RowInput[] }) => void = () => {}): FormInput {
  const toDate: RowInput["toDate"][] = ["30万亩", "91%", "96%", "400", "0.2‰", "70%", "达成年度指标", "92%"];
  const rows = targetRows().map((r, i) => ({ ...r, toDate: toDate[i], expected: r.target, possibility: "certain" as const }));
  const f = { ...header("monitor"), month: 6, budget: { annual: 1200, executedToDate: "650" }, indicators: rows };
  patch(f as Record<string, unknown> & { indicators: RowInput[] });
  return f as FormInput;
}

export function parse<F extends Form = Form>(input: FormInput): F {
  return FormSchema.parse(input) as F;
}

export const target = (patch?: Parameters<typeof targetInput>[0]): TargetForm => parse<TargetForm>(targetInput(patch));
export const selfEval = (patch?: Parameters<typeof selfEvalInput>[0]): SelfEvalForm => parse<SelfEvalForm>(selfEvalInput(patch));
export const monitor = (patch?: Parameters<typeof monitorInput>[0]): MonitorForm => parse<MonitorForm>(monitorInput(patch));

/** The findings of one rule. */
export function findings(form: Form, rule: RuleId, lib: Library = library): Issue[] {
  return validate(form, lib, lib.policy).filter((i) => i.rule === rule);
}

export function ids(form: Form, lib: Library = library): RuleId[] {
  return validate(form, lib, lib.policy).map((i) => i.rule);
}
