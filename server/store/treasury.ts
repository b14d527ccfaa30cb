// The treasury's data behind the Store (docs/treasury.md): payments from the centralized payment
// platform, keyed by voucher number so an overlapping export never counts a payment twice, and
// the approved budgets of each project and year. Both adapters implement it in their own file
// (lowdb-treasury.ts, postgres/pg-treasury.ts).
import type { Budget } from "../../shared/treasury/budgets.ts";
import type { Payment } from "../../shared/treasury/payments.ts";

export interface PaymentConflict {
  voucher: string;
  stored: Payment;
  incoming: Payment;
}

export interface PaymentsAdded {
  imported: number;
  /** The same voucher with the same content: already counted. */
  duplicates: number;
  /** The same voucher with a different amount, date, unit or project: kept as stored, reported. */
  conflicts: PaymentConflict[];
}

export interface PaymentFilter {
  year?: number;
  unit?: string;
  project?: string;
}

export interface BudgetFilter {
  /** All years when absent. */
  year?: number;
  unit?: string;
  project?: string;
}

export interface TreasuryStore {
  /** Adds the payments whose vouchers are new; never changes a stored one. Durable when it returns. */
  addPayments(payments: readonly Payment[]): Promise<PaymentsAdded>;
  /** Payments dated in the filter's year (all years without one), ordered by date then voucher. */
  listPayments(filter: PaymentFilter): Promise<Payment[]>;
  /** Stores each project's budget for its year, replacing what was stored for that project and year. */
  putBudgets(budgets: readonly Budget[]): Promise<{ added: number; replaced: number }>;
  listBudgets(filter: BudgetFilter): Promise<Budget[]>;
}

/** Whether two records of one voucher say the same payment. */
export function samePayment(a: Payment, b: Payment): boolean {
  return a.amountFen === b.amountFen && a.date === b.date && a.unit === b.unit && a.project === b.project;
}

export function paymentMatches(p: Payment, f: PaymentFilter): boolean {
  return (f.year === undefined || p.date.startsWith(`${f.year}-`)) && (f.unit === undefined || p.unit === f.unit) && (f.project === undefined || p.project === f.project);
}

export function byDateThenVoucher(a: Payment, b: Payment): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.voucher < b.voucher ? -1 : a.voucher > b.voucher ? 1 : 0;
}
