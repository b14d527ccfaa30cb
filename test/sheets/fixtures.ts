// A small library and three forms with Chinese content, full-width digits and text as units type
// it (`≥95%`, `１,２００`), for the sheet tests. The starter library replaces the library where the
// tests want the real one.
import { FormSchema, type Form, type FormInput } from "../../shared/form.ts";
import { LibrarySchema, type Library } from "../../shared/library.ts";

export function smallLibrary(): Library {
  return LibrarySchema.parse({
    version: 3,
    publishedAt: "2025-01-01T00:00:00Z",
    note: "fixture",
    policy: {},
    indicators: [
      { code: "LY001", name: "森林管护面积", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "万亩", range: { min: 10, max: 150 } },
      { code: "LY002", name: "生态护林员选聘人数", level1: "output", level2: "quantity", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "人" },
      { code: "LY003", name: "当年造林成活率", level1: "output", level2: "quality", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "%" },
      { code: "GY001", name: "项目按期完成率", level1: "output", level2: "timeliness", fields: [], valueType: "quantitative", operators: [">="], unit: "%" },
      { code: "JT003", name: "单位养护成本", level1: "cost", level2: "economicCost", fields: ["roads"], valueType: "quantitative", operators: ["<="], unit: "万元/公里" },
      { code: "LY004", name: "森林火灾受害率", level1: "benefit", level2: "ecological", fields: ["forestry"], valueType: "quantitative", operators: ["<="], unit: "‰" },
      { code: "LY006", name: "森林覆盖率", level1: "benefit", level2: "sustainability", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "%" },
      { code: "GY010", name: "群众生态保护意识", level1: "benefit", level2: "social", fields: [], valueType: "qualitative", operators: ["qualitative"] },
      { code: "MY001", name: "服务对象满意度", level1: "satisfaction", level2: "serviceSatisfaction", fields: [], valueType: "quantitative", operators: [">="], unit: "%" },
      { code: "OLD01", name: "护林员到岗率", level1: "output", level2: "quality", fields: ["forestry"], valueType: "quantitative", operators: [">="], unit: "%", status: "deprecated", replacedBy: "LY002" },
    ],
  });
}

const header = {
  year: 2025,
  unit: { code: "101001", name: "某区林业局" },
  project: {
    code: "P2025-LY-01",
    name: "森林资源管护项目（二期）",
    field: "forestry",
    department: "某区自然资源和规划局",
    attribute: "continuing",
    periodStart: "2025-01",
    periodEnd: "2025-12",
    servesPublic: true,
  },
  funds: { total: 1250.5, fiscal: 1200, other: "５０.５", carryover: 0 },
  goals: {
    overall: "加强森林资源管护，巩固生态公益林建设成果，森林覆盖率稳定在72%以上。",
    annual: "完成森林管护面积５０万亩，选聘生态护林员１,２００人，森林火灾受害率控制在0.9‰以内。",
  },
} as const;

const targetRows: FormInput["indicators"] = [
  { level1: "output", level2: "quantity", code: "LY001", name: "森林管护面积", operator: ">=", target: "≥５０万亩", unit: "万亩", basis: "plan", custom: false },
  { level1: "output", level2: "quantity", code: "LY002", name: "生态护林员选聘人数", operator: ">=", target: "１,２００", unit: "人", basis: "history", custom: false },
  { level1: "output", level2: "quality", code: "LY003", name: "当年造林成活率", operator: ">=", target: "≥95%", unit: "%", basis: "industry", custom: false },
  { level1: "output", level2: "timeliness", code: "GY001", name: "项目按期完成率", operator: ">=", target: 100, unit: "%", custom: false },
  { level1: "cost", level2: "economicCost", name: "每万亩管护成本", operator: "range", target: 20, targetHigh: 25.5, unit: "万元/万亩", basis: "other", custom: true },
  { level1: "benefit", level2: "ecological", code: "LY004", name: "森林火灾受害率", operator: "<=", target: "≤0.9‰", unit: "‰", custom: false },
  { level1: "benefit", level2: "social", code: "GY010", name: "群众生态保护意识", operator: "qualitative", target: "达成年度指标", custom: false },
  { level1: "benefit", level2: "sustainability", code: "LY006", name: "森林覆盖率", operator: ">=", target: "72", unit: "%", custom: false, na: true },
  { level1: "satisfaction", level2: "serviceSatisfaction", code: "MY001", name: "服务对象满意度", operator: ">=", target: "９０％", unit: "%", custom: false },
];

export function targetForm(): Form {
  return FormSchema.parse({ kind: "target", ...structuredClone(header), indicators: structuredClone(targetRows) });
}

export function monitorForm(): Form {
  return FormSchema.parse({
    kind: "monitor",
    ...structuredClone(header),
    month: 6,
    budget: { annual: 1250.5, executedToDate: "６００" },
    indicators: targetRows.map((r, i) => ({
      ...r,
      toDate: i === 0 ? "２６万亩" : i === 2 ? 0.5 : i % 2 === 0 ? 30 : "=SUM(A1:A2)",
      expected: i === 1 ? "1,200" : 100,
      possibility: i === 3 ? "possible" : i === 4 ? "impossible" : "certain",
      ...(i === 3 ? { deviationCategory: "funding", measures: "加快资金拨付进度，-按月调度" } : {}),
      ...(i === 4 ? { deviationCategory: "other", measures: "+调整管护合同" } : {}),
    })),
  });
}

export function selfEvalForm(): Form {
  return FormSchema.parse({
    kind: "selfEval",
    ...structuredClone(header),
    goals: { ...header.goals, actual: "全年完成森林管护面积５２万亩，未发生重大森林火灾。" },
    budget: { initial: 1200, adjusted: 1250.5, executed: "1,100.2", reason: "部分管护合同年底签订，资金次年初支付。" },
    totalScore: 92.5,
    grade: "excellent",
    indicators: targetRows.map((r, i) => ({
      ...r,
      actual: i === 0 ? "５２万亩" : i === 6 ? "达成年度指标" : 98 - i,
      weight: i < 5 ? 10 : 10,
      score: i === 1 ? "9.5" : 10,
      ...(i === 1 ? { deviation: "@部分乡镇护林员年中调整，下半年补齐。" } : {}),
    })),
  });
}
