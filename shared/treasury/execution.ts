// Budget execution as the treasury saw it (docs/treasury.md): what was paid for a project by a
// date, month by month, and its light against time progress (时间进度) with the same bands as the
// monitoring form's budget light, so a project with payment data gets a light with no form at all.
import type { Light } from "../glossary.ts";
import type { Policy } from "../policy.ts";
import { lightFor } from "../rules/lights.ts";
import type { Payment } from "./payments.ts";

/** The last day of a month, `YYYY-MM-DD`. */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Paid (分) for payments dated in `year` up to and including `date`. */
export function paidBy(payments: readonly Pick<Payment, "date" | "amountFen">[], year: number, date: string): number {
  const from = `${year}-01-01`;
  let fen = 0;
  for (const p of payments) if (p.date >= from && p.date <= date) fen += p.amountFen;
  return fen;
}

/** Paid (分) in each month of `year`, January first. */
export function paidByMonth(payments: readonly Pick<Payment, "date" | "amountFen">[], year: number): number[] {
  const months = Array<number>(12).fill(0);
  const prefix = String(year);
  for (const p of payments) {
    if (!p.date.startsWith(prefix)) continue;
    months[Number(p.date.slice(5, 7)) - 1]! += p.amountFen;
  }
  return months;
}

/** Time progress of `date` in its year: whole months elapsed plus the share of the current one (month end = month ÷ 12). */
export function timeProgress(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return (m - 1 + d / days) / 12;
}

export interface ExecutionLight {
  /** Paid ÷ budget. */
  rate: number;
  timeProgress: number;
  /** rate ÷ time progress, the figure the bands read. */
  ratio: number;
  light: Light;
}

/** The budget light from payments alone; undefined without a positive budget or before the year starts. */
export function executionLight(paidWan: number, budgetWan: number | undefined, asOf: string, policy: Policy): ExecutionLight | undefined {
  if (budgetWan === undefined || !(budgetWan > 0)) return undefined;
  const time = timeProgress(asOf);
  if (!(time > 0)) return undefined;
  const rate = paidWan / budgetWan;
  // binary noise rounded away so a ratio exactly at a band's edge meets it
  const ratio = Number((rate / time).toPrecision(12));
  return { rate, timeProgress: time, ratio, light: lightFor(ratio, policy) };
}
