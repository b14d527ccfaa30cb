// Importing the treasury's payment export and the approved budgets (docs/treasury.md), for the
// CLI (`jixiao treasury import`, `jixiao budget import`) and the API (POST /api/treasury/payments,
// POST /api/budgets) alike. A file is CSV (UTF-8 or GBK) or .xlsx; every row is accounted for:
// imported, a duplicate of a stored payment, a conflict with one, under an unknown unit or
// project (imported and listed), or rejected with its row number and what to do.
import type { z } from "zod";
import type { BudgetImportResultSchema, PaymentImportResultSchema } from "../../shared/api/treasury.ts";
import type { GridValue } from "../../shared/sheet/parse.ts";
import type { Policy } from "../../shared/policy.ts";
import { readBudgets, type Budget } from "../../shared/treasury/budgets.ts";
import { csvRows, decodeCsv } from "../../shared/treasury/csv.ts";
import { fenToWan, readPayments, type Payment, type RowProblem } from "../../shared/treasury/payments.ts";
import { DomainError } from "../domain-error.ts";
import { readWorkbook, WorkbookRefused } from "../xlsx/read.ts";
import type { Store } from "../store/store.ts";

/** How many rows of each list an answer carries; the counts are always whole. */
export const LISTED = 200;

/** A file that holds no table to read: the one error these imports throw of their own. */
function noTable(text: { zh: string; en: string }): DomainError {
  return new DomainError("invalid_file", text.zh, text.en);
}

export type FileKind = "csv" | "xlsx";

/** The kind of an uploaded or named file, by its content (a zip is .xlsx), not its name. */
export function fileKindOf(bytes: Uint8Array): FileKind {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? "xlsx" : "csv";
}

/** The tables of a file: each visible sheet of a workbook, or the one table of a CSV (read row by row). */
async function gridsOf(bytes: Uint8Array): Promise<{ grids: Iterable<readonly GridValue[]>[]; encoding?: string }> {
  if (fileKindOf(bytes) === "xlsx") {
    let sheets;
    try {
      sheets = await readWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (err) {
      // the cage's refusal keeps its own code (too large, busy, not a workbook)
      if (err instanceof WorkbookRefused) throw new DomainError(err.code, err.zh, err.en);
      throw err;
    }
    return { grids: sheets.filter((s) => s.state === "visible").map((s) => s.values) };
  }
  const { text, encoding } = decodeCsv(bytes);
  return { grids: [csvRows(text)], encoding };
}

/**
 * What the reader makes of the first of the file's tables it finds its header in; none: the file
 * is refused with the reader's reason for the first table.
 */
function firstTable<R extends { error?: { zh: string; en: string } }>(grids: Iterable<readonly GridValue[]>[], read: (grid: Iterable<readonly GridValue[]>) => R): R {
  let first: R | undefined;
  for (const g of grids) {
    const r = read(g);
    if (!r.error) return r;
    first ??= r;
  }
  throw noTable(first?.error ?? { zh: "文件中没有表格。", en: "The file holds no table." });
}

/** What an import answers (shared/api/treasury.ts), the first LISTED rows of each list. */
export type PaymentImportResult = z.infer<typeof PaymentImportResultSchema>;
type UnknownRow = PaymentImportResult["unknownRows"][number];

const shown = (p: Payment) => ({ date: p.date, unit: p.unit, project: p.project, amountWan: fenToWan(p.amountFen) });

/** Reads a payment export and adds its new payments to the store. */
export async function importPayments(store: Store, bytes: Uint8Array, policy: Policy, actor: string, at: string): Promise<PaymentImportResult> {
  const { grids, encoding } = await gridsOf(bytes);
  const read = firstTable(grids, (g) => readPayments(g, policy.treasury));

  const known = await knownProjects(store, read.payments);
  const unknownRows: UnknownRow[] = [];
  let unknown = 0;
  const { payments, rows } = read;
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    const reason = !known.units.has(p.unit) ? "unit" : !known.projects.has(`${p.unit}/${p.project}`) ? "project" : undefined;
    if (!reason) continue;
    unknown++;
    if (unknownRows.length < LISTED) unknownRows.push({ row: rows[i]!, voucher: p.voucher, unit: p.unit, project: p.project, reason });
  }
  const added = await store.treasury.addPayments(payments);
  const rowOf = new Map<string, number>(added.conflicts.slice(0, LISTED).map((c) => [c.voucher, 0]));
  if (rowOf.size > 0) payments.forEach((p, i) => rowOf.get(p.voucher) === 0 && rowOf.set(p.voucher, rows[i]!));
  let paidFen = 0;
  for (const p of payments) paidFen += p.amountFen;
  const result: PaymentImportResult = {
    ...(encoding ? { encoding } : {}),
    read: payments.length,
    imported: added.imported,
    duplicates: added.duplicates,
    conflicts: added.conflicts.length,
    unknown,
    rejected: read.rejected.length,
    paidWan: fenToWan(paidFen),
    conflictRows: added.conflicts.slice(0, LISTED).map((c) => ({ row: rowOf.get(c.voucher) ?? 0, voucher: c.voucher, stored: shown(c.stored), incoming: shown(c.incoming) })),
    unknownRows,
    rejectedRows: read.rejected.slice(0, LISTED),
  };
  const { read: n, imported, duplicates, conflicts, rejected } = result;
  await store.appendAudit({ at, actor, action: "treasury.import", details: { read: n, imported, duplicates, conflicts, unknown, rejected } });
  return result;
}

/** The units in the directory, and each unit's projects: any form on the server, or a budget for the year. */
async function knownProjects(store: Store, payments: readonly Pick<Payment, "unit" | "date">[]): Promise<{ units: Set<string>; projects: Set<string> }> {
  const units = new Set((await store.listUnits()).map((u) => u.code));
  const projects = new Set<string>();
  for (const m of await store.listSubmissions()) projects.add(`${m.key.unit}/${m.key.project}`);
  const years = new Set(payments.map((p) => Number(p.date.slice(0, 4))));
  for (const year of years) for (const b of await store.treasury.listBudgets({ year })) projects.add(`${b.unit}/${b.project}`);
  return { units, projects };
}

export type BudgetImportResult = z.infer<typeof BudgetImportResultSchema>;

/** Reads the approved budgets of `year` and stores them (a project's budget replaces the one stored). */
export async function importBudgets(store: Store, bytes: Uint8Array, year: number, policy: Policy, actor: string, at: string): Promise<BudgetImportResult> {
  const { grids, encoding } = await gridsOf(bytes);
  const read = firstTable(grids, (g) => readBudgets([...g], year, policy.treasury));
  const units = new Set((await store.listUnits()).map((u) => u.code));
  const budgets: Budget[] = read.budgets.map(({ row: _row, ...b }) => b);
  const stored = await store.treasury.putBudgets(budgets);
  await store.appendAudit({ at, actor, action: "budget.import", target: String(year), details: { read: budgets.length, ...stored, rejected: read.rejected.length } });
  return {
    ...(encoding ? { encoding } : {}),
    read: budgets.length,
    added: stored.added,
    replaced: stored.replaced,
    rejected: read.rejected.length,
    unknownUnits: read.budgets.filter((b) => !units.has(b.unit)).slice(0, LISTED).map((b) => ({ row: b.row, unit: b.unit })),
    rejectedRows: read.rejected.slice(0, LISTED),
  };
}
