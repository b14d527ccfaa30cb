// The demo's spread (`jixiao serve --demo`): about thirty of a district's budget units over several
// fields, each with one to three projects, a year of forms in every state (approved, submitted,
// returned, draft, never sent), monitoring forms whose execution runs ahead of or behind the year
// (green, yellow and red lights), self-evaluations whose budget execution varies (so grades and
// the lowest scores differ), notices whose deadline has passed (late and missing units) and one
// still open, and rectification items open, overdue, answered and closed. Everything goes through
// the API, as a unit and finance would.
import { beijingDay } from "../shared/beijing.ts";
import { demoForm } from "./demo-form.ts";

/** District units as a 区 finance bureau lists them (names of real kinds of offices; codes made up). */
export const spreadUnits: readonly { code: string; name: string; field: string; confidential?: boolean }[] = [
  { code: "D101", name: "区教育局", field: "education" },
  { code: "D102", name: "区第一中学", field: "education" },
  { code: "D103", name: "区实验小学", field: "education" },
  { code: "D104", name: "区卫生健康局", field: "health" },
  { code: "D105", name: "区人民医院", field: "health" },
  { code: "D106", name: "区疾病预防控制中心", field: "health" },
  { code: "D107", name: "区农业农村局", field: "agriculture" },
  { code: "D108", name: "区农业技术推广中心", field: "agriculture" },
  { code: "D109", name: "区交通运输局", field: "roads" },
  { code: "D110", name: "区公路养护中心", field: "roads" },
  { code: "D111", name: "区文化和旅游局", field: "tourism" },
  { code: "D112", name: "区图书馆", field: "tourism" },
  { code: "D113", name: "区生态环境分局", field: "environment" },
  { code: "D114", name: "区人力资源和社会保障局", field: "socialSecurity" },
  { code: "D115", name: "区民政局", field: "socialSecurity" },
  { code: "D116", name: "区住房和城乡建设局", field: "housing" },
  { code: "D117", name: "区应急管理局", field: "emergency" },
  { code: "D118", name: "区市场监督管理局", field: "admin" },
  { code: "D119", name: "区司法局", field: "admin" },
  { code: "D120", name: "区城市管理局", field: "housing" },
  { code: "D121", name: "区河道管理所", field: "water" },
  { code: "D122", name: "区水土保持站", field: "water" },
  { code: "D123", name: "区林业工作站", field: "forestry" },
  { code: "D124", name: "区自然保护区管理处", field: "forestry" },
  { code: "D125", name: "区退役军人事务局", field: "admin" },
  { code: "D126", name: "区医疗保障局", field: "health" },
  { code: "D127", name: "区档案馆", field: "admin" },
  { code: "D128", name: "区国家保密局", field: "admin", confidential: true },
];

const projectNames = ["专项业务经费", "设施设备购置", "信息化建设", "运行维护", "惠民服务"];

type Call = (token: string, method: string, path: string, body?: unknown) => Promise<Response>;

export interface SpreadResult {
  units: number;
  forms: number;
  notices: number;
  rectifications: number;
}

const day = 86_400_000;
const isoDay = beijingDay;

/** `unitToken(code)` makes (and keeps) a unit's token; `finance` is finance's. */
export async function seedSpread(call: Call, finance: string, unitToken: (code: string) => Promise<string>, year: number, now: Date): Promise<SpreadResult> {
  let forms = 0;
  const json = async (res: Response) => (res.ok ? ((await res.json()) as Record<string, unknown>) : undefined);
  // Notices first, so a form sent now is late under the passed deadline; one notice stays open.
  const passed = isoDay(now.getTime() - 20 * day);
  const ahead = isoDay(now.getTime() + 40 * day);
  await call(finance, "POST", "/api/notices", {
    year,
    kind: "target",
    units: "all",
    deadline: passed,
    title: `关于报送${year}年度项目绩效目标的通知`,
    text: "请各预算单位按规定时间报送项目绩效目标申报表，逾期未报的将在全区通报。",
    template: "target",
  });
  await call(finance, "POST", "/api/notices", {
    year,
    kind: "monitor",
    units: spreadUnits.slice(0, 20).map((u) => u.code),
    deadline: passed,
    title: `关于开展${year}年度绩效运行监控的通知`,
    text: "请开展绩效运行监控，填报绩效运行监控表，对偏离目标的指标说明原因并提出纠偏措施。",
  });
  await call(finance, "POST", "/api/notices", {
    year,
    kind: "selfEval",
    units: "all",
    deadline: ahead,
    title: `关于开展${year}年度项目支出绩效自评的通知`,
    text: "请对照绩效目标开展自评，如实填报绩效自评表。",
  });

  const approvedTargets: { unit: string; name: string; project: string; pname: string; token: string }[] = [];
  for (let u = 0; u < spreadUnits.length; u++) {
    const unit = spreadUnits[u]!;
    const token = await unitToken(unit.code);
    const projects = 1 + (u % 3);
    for (let p = 0; p < projects; p++) {
      // Every fifth unit's second project is never sent (missing); the rest cycle through the states.
      const state = (["approved", "approved", "submitted", "returned", "approved", "draft", "approved", "submitted"] as const)[(u + p * 3) % 8]!;
      if (u % 5 === 4 && p === 1) continue;
      const project = `${unit.code}-P${p + 1}`;
      const pname = `${unit.name.replace(/^区/, "")}${projectNames[(u + p) % projectNames.length]}`;
      const path = `/api/submissions/${year}/${unit.code}/${project}/target`;
      const form = demoForm("target", { year, unit: { code: unit.code, name: unit.name }, project: { code: project, name: pname } });
      if (!(await call(token, "PUT", path, form)).ok) continue;
      forms++;
      if (state === "draft") continue;
      await call(token, "POST", `${path}/submit`);
      if (state === "returned") await call(finance, "POST", `${path}/return`, { comment: "绩效指标未细化量化，请按指标库补充数量和质量指标。" });
      if (state === "approved") {
        await call(finance, "POST", `${path}/approve`);
        approvedTargets.push({ unit: unit.code, name: unit.name, project, pname, token });
      }
    }
  }

  // Monitoring: execution ahead of the year (green), a little behind (yellow) and far behind (red).
  for (let i = 0; i < approvedTargets.length; i++) {
    const t = approvedTargets[i]!;
    if (i % 3 === 2) continue;
    const m = demoForm("monitor", { year, unit: { code: t.unit, name: t.name }, project: { code: t.project, name: t.pname } }) as Record<string, unknown>;
    const annual = 500;
    // Halfway through the year (month 6): 60% executed is ahead, 35% yellow, 20% red (the policy's 0.8 and 0.6 of time).
    const pace = [0.6, 0.35, 0.2, 0.55][i % 4]!;
    m.budget = { annual, executedToDate: Math.round(annual * pace) };
    const path = `/api/submissions/${year}/${t.unit}/${t.project}/monitor`;
    if ((await call(t.token, "PUT", path, m)).ok) {
      forms++;
      if (i % 5 !== 0) await call(t.token, "POST", `${path}/submit`);
    }
  }

  // Self-evaluations: budget execution from 62% to 100%, so scores and grades spread.
  for (let i = 0; i < approvedTargets.length; i += 2) {
    const t = approvedTargets[i]!;
    const s = demoForm("selfEval", { year, unit: { code: t.unit, name: t.name }, project: { code: t.project, name: t.pname } }) as Record<string, unknown>;
    const executed = [480, 455, 400, 350, 310, 500][(i / 2) % 6]!;
    // Some projects fell short of their output targets (with the reason), so the grades spread.
    const short = [1, 0.75, 0.5, 0.85, 0.35, 1][(i / 2) % 6]!;
    if (short < 1) {
      s.indicators = (s.indicators as Record<string, unknown>[]).map((row, k) =>
        k < 3 && typeof row.actual === "number" && typeof row.target === "number"
          ? { ...row, actual: Math.round((row.operator === "<=" ? row.target / short : row.target * short) * 10) / 10, deviation: "受汛期和招标延后影响，部分任务未能按期完成，已列入下年度计划。" }
          : row,
      );
    }
    s.budget = { initial: 500, adjusted: 500, executed, ...(executed < 450 ? { reason: "部分采购项目因招标流程延后，资金未能按期支付。" } : {}) };
    const path = `/api/submissions/${year}/${t.unit}/${t.project}/selfEval`;
    if ((await call(t.token, "PUT", path, s)).ok) {
      forms++;
      await call(t.token, "POST", `${path}/submit`);
    }
  }

  // Rectification items: overdue (deadline passed), open, answered, closed.
  let rects = 0;
  for (let i = 0; i < Math.min(8, approvedTargets.length); i++) {
    const t = approvedTargets[i]!;
    const deadline = i % 2 === 0 ? isoDay(now.getTime() - 10 * day) : isoDay(now.getTime() + 30 * day);
    const opened = await json(
      await call(finance, "POST", "/api/rectifications", {
        year,
        unit: t.unit,
        project: t.project,
        kind: "target",
        finding: { text: "满意度指标目标值低于上年实际，目标设置偏低。" },
        requirement: "对照上年实际完成情况调整满意度指标目标值，并说明测算依据。",
        deadline,
      }),
    );
    if (!opened) continue;
    rects++;
    const id = String(opened.id);
    if (i % 4 === 1 || i % 4 === 3) {
      await call(t.token, "POST", `/api/rectifications/${id}/answer`, { measures: "已组织专题会议重新测算目标值，调整为不低于上年实际水平。", evidence: "专题会议纪要及测算表" });
      if (i % 4 === 3) await call(finance, "POST", `/api/rectifications/${id}/accept`, { comment: "整改到位。" });
    }
  }
  return { units: spreadUnits.length, forms, notices: 3, rectifications: rects };
}
