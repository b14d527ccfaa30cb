// The treasury's data on PostgreSQL (docs/treasury.md; tables in migrations/010_treasury.sql).
// An import inserts in batches with ON CONFLICT DO NOTHING, so two servers importing overlapping
// exports at once still count each voucher once; the vouchers it did not insert are then compared
// with what is stored, to tell duplicates from conflicts.
import type pg from "pg";
import type { Budget } from "../../../shared/treasury/budgets.ts";
import type { Payment } from "../../../shared/treasury/payments.ts";
import { samePayment, type BudgetFilter, type PaymentFilter, type PaymentsAdded, type TreasuryStore } from "../treasury.ts";

const BATCH = 5000;

interface PaymentRow {
  voucher: string;
  paid_on: string;
  unit: string;
  project: string;
  amount_fen: string;
  functional: string | null;
  economic: string | null;
  fund_nature: string | null;
  payee: string | null;
}

function fromRow(r: PaymentRow): Payment {
  const p: Payment = { voucher: r.voucher, date: r.paid_on, unit: r.unit, project: r.project, amountFen: Number(r.amount_fen) };
  if (r.functional !== null) p.functional = r.functional;
  if (r.economic !== null) p.economic = r.economic;
  if (r.fund_nature !== null) p.fundNature = r.fund_nature;
  if (r.payee !== null) p.payee = r.payee;
  return p;
}

export class PgTreasury implements TreasuryStore {
  constructor(private readonly pool: pg.Pool) {}

  async addPayments(payments: readonly Payment[]): Promise<PaymentsAdded> {
    const out: PaymentsAdded = { imported: 0, duplicates: 0, conflicts: [] };
    // one record per voucher within the import itself; later repeats are compared with the first
    const first = new Map<string, Payment>();
    const repeats: Payment[] = [];
    for (const p of payments) {
      if (first.has(p.voucher)) repeats.push(p);
      else first.set(p.voucher, p);
    }
    const unique = [...first.values()];
    const notInserted: Payment[] = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      const cols = (f: (p: Payment) => unknown) => batch.map(f);
      const { rows } = await this.pool.query<{ voucher: string }>(
        `INSERT INTO treasury_payments (voucher, paid_on, year, unit, project, amount_fen, functional, economic, fund_nature, payee)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[])
         ON CONFLICT (voucher) DO NOTHING RETURNING voucher`,
        [
          cols((p) => p.voucher), cols((p) => p.date), cols((p) => Number(p.date.slice(0, 4))), cols((p) => p.unit), cols((p) => p.project),
          cols((p) => p.amountFen), cols((p) => p.functional ?? null), cols((p) => p.economic ?? null), cols((p) => p.fundNature ?? null), cols((p) => p.payee ?? null),
        ],
      );
      out.imported += rows.length;
      const inserted = new Set(rows.map((r) => r.voucher));
      for (const p of batch) if (!inserted.has(p.voucher)) notInserted.push(p);
    }
    const compare = [...notInserted, ...repeats];
    for (let i = 0; i < compare.length; i += BATCH) {
      const batch = compare.slice(i, i + BATCH);
      const { rows } = await this.pool.query<PaymentRow>("SELECT * FROM treasury_payments WHERE voucher = ANY($1::text[])", [batch.map((p) => p.voucher)]);
      const stored = new Map(rows.map((r) => [r.voucher, fromRow(r)]));
      for (const p of batch) {
        const s = stored.get(p.voucher);
        if (!s || samePayment(s, p)) out.duplicates++;
        else out.conflicts.push({ voucher: p.voucher, stored: s, incoming: p });
      }
    }
    return out;
  }

  async listPayments(filter: PaymentFilter): Promise<Payment[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.year !== undefined) where.push(`year = $${args.push(filter.year)}`);
    if (filter.unit !== undefined) where.push(`unit = $${args.push(filter.unit)}`);
    if (filter.project !== undefined) where.push(`project = $${args.push(filter.project)}`);
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT * FROM treasury_payments ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY paid_on, voucher`,
      args,
    );
    return rows.map(fromRow);
  }

  async putBudgets(budgets: readonly Budget[]): Promise<{ added: number; replaced: number }> {
    let added = 0;
    let replaced = 0;
    for (const b of budgets) {
      const { rows } = await this.pool.query<{ inserted: boolean }>(
        `INSERT INTO treasury_budgets (year, unit, project, approved, adjusted, unit_name, project_name) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (year, unit, project) DO UPDATE SET approved = EXCLUDED.approved, adjusted = EXCLUDED.adjusted, unit_name = EXCLUDED.unit_name, project_name = EXCLUDED.project_name
         RETURNING (xmax = 0) AS inserted`,
        [b.year, b.unit, b.project, b.approved, b.adjusted ?? null, b.unitName ?? null, b.projectName ?? null],
      );
      if (rows[0]?.inserted) added++;
      else replaced++;
    }
    return { added, replaced };
  }

  async listBudgets(filter: BudgetFilter): Promise<Budget[]> {
    const where = ["true"];
    const args: unknown[] = [];
    if (filter.year !== undefined) where.push(`year = $${args.push(filter.year)}`);
    if (filter.unit !== undefined) where.push(`unit = $${args.push(filter.unit)}`);
    if (filter.project !== undefined) where.push(`project = $${args.push(filter.project)}`);
    const { rows } = await this.pool.query<BudgetRow>(`SELECT * FROM treasury_budgets WHERE ${where.join(" AND ")} ORDER BY year, unit, project`, args);
    return rows.map(budgetOf);
  }
}

export interface BudgetRow {
  year: number;
  unit: string;
  project: string;
  approved: number;
  adjusted: number | null;
  unit_name: string | null;
  project_name: string | null;
}

export function budgetOf(r: BudgetRow): Budget {
  const b: Budget = { year: r.year, unit: r.unit, project: r.project, approved: r.approved };
  if (r.adjusted !== null) b.adjusted = r.adjusted;
  if (r.unit_name !== null) b.unitName = r.unit_name;
  if (r.project_name !== null) b.projectName = r.project_name;
  return b;
}
