// Demo data for `jixiao serve --demo` (and the server's tests): a forestry project's target,
// monitoring and self-evaluation forms built from starter-library indicators, written to pass
// the default policy, and demo units with forms in every workflow state.
import { beijingDay } from "../shared/beijing.ts";
import { type FormKind, type SubmissionStatus } from "../shared/glossary.ts";
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

export const demoUnits = [
  { code: "DEMO-LY", name: "区林业局（演示）", field: "forestry" },
  { code: "DEMO-SL", name: "区水利局（演示）", field: "water" },
] as const;

export interface DemoResult {
  tokens: { role: string; unit?: string; token: string }[];
  /** the district spread (demo-spread.ts): how many units, forms, notices and rectification items */
  spread?: { units: number; forms: number; notices: number; rectifications: number };
  states: { path: string; status: string }[];
  warnings: string[];
}

type Requester = (path: string, init: RequestInit) => Promise<Response>;

/**
 * Adds the demo units, a finance token and a token per unit, and drives the API (the same path
 * a unit and finance take) to leave forms in every state: draft, submitted, returned, approved.
 */
/** Where the form's annual goal sits when laid out as the pane lays it out, so the demo comment lands on it. */
async function annualGoalCell(store: import("./store/store.ts").Store, input: FormInput): Promise<{ sheet?: string; cell: string }> {
  const { FormSchema } = await import("../shared/form.ts");
  const { layoutForm } = await import("../shared/sheet/layout.ts");
  const { parseForm } = await import("../shared/sheet/parse.ts");
  const library = (await store.currentLibrary())?.library;
  const form = FormSchema.safeParse(input);
  if (!library || !form.success) return { cell: "B12" };
  const sheet = layoutForm(form.data.kind, form.data, library).sheets[0]!;
  const at = parseForm(sheet.values, sheet.name).form?.cells?.["goals.annual"] ?? "B12";
  const bang = at.lastIndexOf("!");
  return bang < 0 ? { cell: at } : { sheet: sheet.name, cell: at.slice(bang + 1) };
}

export async function seedDemo(
  store: import("./store/store.ts").Store,
  request: Requester,
  year: number,
): Promise<DemoResult> {
  const { createToken } = await import("./auth.ts");
  const out: DemoResult = { tokens: [], states: [], warnings: [] };
  for (const u of demoUnits) await store.putUnit({ code: u.code, name: u.name, field: u.field, confidential: false });
  const finance = (await createToken(store, "finance", undefined, "demo finance")).token;
  out.tokens.push({ role: "finance", token: finance });
  const unit = demoUnits[0];
  const unitToken = (await createToken(store, "unit", unit.code, "demo unit")).token;
  out.tokens.push({ role: "unit", unit: unit.code, token: unitToken });
  out.tokens.push({ role: "unit", unit: demoUnits[1].code, token: (await createToken(store, "unit", demoUnits[1].code, "demo unit")).token });

  const call = async (token: string, method: string, path: string, body?: unknown, ifMatch?: number) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    if (ifMatch !== undefined) headers["if-match"] = `"${ifMatch}"`;
    const res = await request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) out.warnings.push(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const wanted: [SubmissionStatus, string][] = [
    ["approved", "P-HLFH"],
    ["submitted", "P-ZL"],
    ["returned", "P-YHSW"],
    ["draft", "P-LXJJ"],
  ];
  const names: Record<string, string> = { "P-HLFH": "森林管护与防火", "P-ZL": "人工造林", "P-YHSW": "林业有害生物防治", "P-LXJJ": "林下经济发展" };
  for (const [state, project] of wanted) {
    const path = `/api/submissions/${year}/${unit.code}/${project}/target`;
    const form = demoForm("target", { year, unit: { code: unit.code, name: unit.name }, project: { code: project, name: names[project] ?? project } });
    await call(unitToken, "PUT", path, form);
    if (state !== "draft") await call(unitToken, "POST", `${path}/submit`);
    if (state === "returned") {
      await call(finance, "POST", `${path}/return`, {
        comment: "请补充年度目标的量化说明。",
        cells: [{ ...(await annualGoalCell(store, form)), comment: "年度目标请写明具体数量。" }],
      });
    }
    if (state === "approved") await call(finance, "POST", `${path}/approve`);
    out.states.push({ path, status: state });
  }
  // The approved target's monitoring form, as a draft.
  const monitorPath = `/api/submissions/${year}/${unit.code}/P-HLFH/monitor`;
  await call(unitToken, "PUT", monitorPath, demoForm("monitor", { year, unit: { code: unit.code, name: unit.name }, project: { code: "P-HLFH", name: names["P-HLFH"] ?? "" } }));
  out.states.push({ path: monitorPath, status: "draft" });

  // The district's spread: about thirty units, a year of forms, notices, rectification items.
  const { seedSpread, spreadUnits } = await import("./demo-spread.ts");
  for (const u of spreadUnits) await store.putUnit({ code: u.code, name: u.name, field: u.field, confidential: u.confidential === true });
  const unitTokens = new Map<string, string>();
  const tokenOf = async (code: string) => {
    let t = unitTokens.get(code);
    if (!t) {
      t = (await createToken(store, "unit", code, "demo unit")).token;
      unitTokens.set(code, t);
      // A few printed, so the demo can be walked as one of them; the rest are in the admin's token list.
      if (unitTokens.size <= 2) out.tokens.push({ role: "unit", unit: code, token: t });
    }
    return t;
  };
  out.spread = await seedSpread((token, method, path, body) => call(token, method, path, body), finance, tokenOf, year, new Date());
  // The results notice's draft out for the demo units' opinions, open for two weeks (docs/opinions.md).
  await call(finance, "POST", "/api/opinions", {
    year,
    subject: { kind: "results" },
    title: `关于${year}年度预算绩效管理工作考核结果的通报（征求意见稿）`,
    draft: { text: "现将各单位预算绩效管理工作考核结果通报如下。请各单位核对本单位结果，于截止日前反馈意见；逾期未反馈的，视为无异议。" },
    units: [unit.code, demoUnits[1].code],
    deadline: beijingDay(Date.now() + 14 * 86_400_000),
  });
  return out;
}
