// What the server knows from the treasury about a project or a unit (docs/treasury.md): the facts
// the rules X603/X604 compare a form with, and paid-to-date by month with the budget light, for
// GET /api/treasury/execution, the overview and the consolidated workbook.
import type { z } from "zod";
import { beijingDay } from "../../shared/beijing.ts";
import type { ExecutionViewSchema } from "../../shared/api/treasury.ts";
import type { Policy } from "../../shared/policy.ts";
import { readAmount } from "../../shared/rules/amounts.ts";
import type { TreasuryFacts } from "../../shared/rules/context.ts";
import { effectiveBudget } from "../../shared/treasury/budgets.ts";
import { executionLight, monthEnd, paidBy, paidByMonth } from "../../shared/treasury/execution.ts";
import { fenToWan, type Payment } from "../../shared/treasury/payments.ts";
import type { TreasuryLine } from "../../shared/consolidate/treasury.ts";
import type { Store, SubmissionFilter, SubmissionKey } from "../store/store.ts";

export async function treasuryFacts(store: Store, year: number, unit: string, project: string): Promise<TreasuryFacts> {
  const [payments, budgets] = await Promise.all([store.treasury.listPayments({ unit, project }), store.treasury.listBudgets({ year, unit, project })]);
  const facts: TreasuryFacts = { payments };
  if (budgets[0]) facts.budget = budgets[0];
  return facts;
}

/** Paid to date by project (shared/api/treasury.ts). */
export type ExecutionView = z.infer<typeof ExecutionViewSchema>;
type ProjectExecution = ExecutionView["projects"][number];

/** The day payments count up to: today in Beijing, within the year (its end for a past year). */
export function asOfFor(year: number, now: Date): string {
  const beijing = beijingDay(now);
  if (beijing < `${year}-01-01`) return `${year}-01-01`;
  return beijing > monthEnd(year, 12) ? monthEnd(year, 12) : beijing;
}

/** Every project with payments or a budget in the year, for one unit or all, with its light. */
export async function executionOf(store: Store, policy: Policy, year: number, now: Date, filter: { unit?: string; project?: string; units?: ReadonlySet<string> } = {}): Promise<ExecutionView> {
  const asOf = asOfFor(year, now);
  const inScope = (unit: string) => filter.units === undefined || filter.units.has(unit);
  const [payments, budgets] = await Promise.all([
    store.treasury.listPayments({ year, unit: filter.unit, project: filter.project }),
    store.treasury.listBudgets({ year, unit: filter.unit, project: filter.project }),
  ]);
  const groups = new Map<string, { unit: string; project: string; payments: Payment[] }>();
  const group = (unit: string, project: string) => {
    const k = `${unit}/${project}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { unit, project, payments: [] }));
    return g;
  };
  for (const p of payments) if (inScope(p.unit)) group(p.unit, p.project).payments.push(p);
  const budgetOf = new Map(budgets.filter((b) => inScope(b.unit)).map((b) => [`${b.unit}/${b.project}`, b]));
  for (const b of budgetOf.values()) group(b.unit, b.project);
  if (groups.size === 0) return { year, asOf, projects: [] };
  // Without an imported budget, the project's target form states its funds (approved or not yet).
  const declared = new Map<string, { total: number; name?: string }>();
  for (const f of await latestForms(store, { year, kind: "target", unit: filter.unit, project: filter.project }, groups)) {
    const form = f.form as { funds?: { total?: unknown }; project?: { name?: unknown } };
    const total = readAmount((form.funds?.total ?? null) as string | number | null, false);
    if (total !== undefined) declared.set(`${f.key.unit}/${f.key.project}`, { total, ...(typeof form.project?.name === "string" ? { name: form.project.name } : {}) });
  }
  const projects: ProjectExecution[] = [];
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const b = budgetOf.get(k);
    const paidWan = fenToWan(paidBy(g.payments, year, asOf));
    const out: ProjectExecution = { unit: g.unit, project: g.project, paidWan, byMonthWan: paidByMonth(g.payments, year).map(fenToWan) };
    const d = declared.get(k);
    const name = b?.projectName ?? d?.name;
    if (name) out.projectName = name;
    const budgetWan = b ? effectiveBudget(b) : d?.total;
    if (budgetWan !== undefined) {
      out.budgetWan = budgetWan;
      const light = executionLight(paidWan, out.budgetWan, asOf, policy);
      if (light) Object.assign(out, { rate: light.rate, timeProgress: light.timeProgress, light: light.light });
    }
    projects.push(out);
  }
  return { year, asOf, projects };
}

/**
 * The consolidated workbook's 国库支付 lines (shared/consolidate/treasury.ts): each project with
 * payments or a budget, its reported execution (the latest self-evaluation, else the latest
 * monitoring form) against what was paid by the same month end, and paid to date with its light.
 */
export async function treasuryLines(store: Store, policy: Policy, year: number, now: Date, scope?: ReadonlySet<string>): Promise<TreasuryLine[]> {
  const view = await executionOf(store, policy, year, now, scope ? { units: scope } : {});
  if (view.projects.length === 0) return [];
  const unitNames = new Map((await store.listUnits()).map((u) => [u.code, u.name]));
  const reported = new Map<string, { wan: number; month: number }>();
  const projects = new Set(view.projects.map((p) => `${p.unit}/${p.project}`));
  for (const kind of ["monitor", "selfEval"] as const) {
    for (const f of await latestForms(store, { year, kind }, projects)) {
      const form = f.form as { month?: unknown; budget?: { executedToDate?: unknown; executed?: unknown } };
      const raw = kind === "selfEval" ? form.budget?.executed : form.budget?.executedToDate;
      const wan = readAmount((raw ?? null) as string | number | null, false);
      const month = kind === "selfEval" ? 12 : typeof form.month === "number" ? form.month : undefined;
      // a self-evaluation, read second, stands over a monitoring form of the same project
      if (wan !== undefined && month !== undefined) reported.set(`${f.key.unit}/${f.key.project}`, { wan, month });
    }
  }
  return view.projects.map((p): TreasuryLine => {
    const r = reported.get(`${p.unit}/${p.project}`);
    const paidAtReport = r ? round6(p.byMonthWan.slice(0, r.month).reduce((a, b) => a + b, 0)) : null;
    return {
      unitCode: p.unit,
      unitName: unitNames.get(p.unit) ?? "",
      projectCode: p.project,
      projectName: p.projectName ?? "",
      budgetWan: p.budgetWan ?? null,
      reportedWan: r?.wan ?? null,
      reportedAsOf: r ? monthEnd(year, r.month) : null,
      paidAtReportWan: paidAtReport,
      differenceWan: r && paidAtReport !== null ? round6(r.wan - paidAtReport) : null,
      paidToDateWan: p.paidWan,
      asOf: view.asOf,
      rate: p.rate ?? null,
      timeProgress: p.timeProgress ?? null,
      light: p.light ?? null,
    };
  });
}

/** To the 分 in 万元. */
const round6 = (x: number) => Math.round(x * 1_000_000) / 1_000_000;

/**
 * The latest form of each submission matching the filter whose `unit/project` is in `only`, read
 * one at a time: the treasury's views read only the forms of projects with payments or a budget.
 */
async function latestForms(store: Store, filter: SubmissionFilter, only: { has(k: string): boolean }): Promise<{ key: SubmissionKey; form: Record<string, unknown> }[]> {
  const out: { key: SubmissionKey; form: Record<string, unknown> }[] = [];
  for (const m of await store.listSubmissions(filter)) {
    if (!only.has(`${m.key.unit}/${m.key.project}`)) continue;
    const s = await store.getSubmission(m.key);
    if (s) out.push({ key: s.key, form: s.latest.form });
  }
  return out;
}
