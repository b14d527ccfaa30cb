// Demo data for `jixiao serve --demo` (and the server's tests): demo units with the demo's forms
// (demo-form.ts) in every workflow state, and the district spread (demo-spread.ts) when asked.
import { beijingDay } from "../shared/beijing.ts";
import { type FormKind, type SubmissionStatus } from "../shared/glossary.ts";
import type { FormInput } from "../shared/form.ts";
import { demoForm } from "./demo-form.ts";

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
