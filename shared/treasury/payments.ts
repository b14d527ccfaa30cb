// A payment platform's export (国库集中支付) read into payments: one row a payment, keyed by its
// voucher number (docs/treasury.md). Rows that cannot be read are kept as findings with their
// row number and what to do, never dropped silently.
import type { GridValue } from "../sheet/parse.ts";
import { defaultPaymentLabels, labelsFor, type PaymentColumn, type TreasuryPolicy } from "./policy.ts";
import { amountFen, blankRow, cellCode, findColumns, isoDate, isTotalsRow, plainText } from "./table.ts";

export interface Payment {
  /** 支付凭证号: the key; the same voucher is the same payment. */
  voucher: string;
  /** 支付日期, YYYY-MM-DD. */
  date: string;
  unit: string;
  project: string;
  /** 支付金额 in 分 (a refund is negative). */
  amountFen: number;
  functional?: string;
  economic?: string;
  fundNature?: string;
  payee?: string;
}

export interface RowProblem {
  /** 1-based row as the spreadsheet shows it. */
  row: number;
  column?: string;
  message: { zh: string; en: string };
}

export interface PaymentsRead {
  payments: Payment[];
  /** The sheet row of each payment (1-based), beside it rather than in it, so the payments are stored as read. */
  rows: number[];
  rejected: RowProblem[];
  /** Set when the table itself could not be found: nothing was read. */
  error?: { zh: string; en: string };
}

const requiredColumns: PaymentColumn[] = ["voucher", "date", "unit", "project", "amount"];
const columnNames: Record<PaymentColumn, string> = {
  voucher: "支付凭证号", date: "支付日期", unit: "预算单位编码", project: "项目编码", amount: "支付金额",
  functional: "功能分类", economic: "经济分类", fundNature: "资金性质", payee: "收款人", unitName: "预算单位", projectName: "项目名称",
};

/**
 * Reads the payments of one sheet or CSV file. `rows` may be a generator (csvRows): only the first
 * 30 are held while the header is looked for, so a large export is never held twice.
 */
export function readPayments(rows: Iterable<readonly GridValue[]>, policy: TreasuryPolicy): PaymentsRead {
  const labels = labelsFor(defaultPaymentLabels, policy.paymentLabels);
  const iterator = rows[Symbol.iterator]();
  const head: (readonly GridValue[])[] = [];
  for (let step = iterator.next(); ; step = iterator.next()) {
    if (step.done) break;
    head.push(step.value);
    if (head.length >= 30) break;
  }
  const found = findColumns<PaymentColumn>(head, labels, requiredColumns, ["amount"]);
  if (!found) {
    const names = requiredColumns.map((c) => columnNames[c]).join("、");
    return {
      payments: [],
      rows: [],
      rejected: [],
      error: {
        zh: `前 30 行中没有同时含有 ${names} 的表头行：请导出支付明细，或在政策的 treasury.paymentLabels 中登记本地平台的列名。`,
        en: `No header row in the first 30 rows names all of ${requiredColumns.join(", ")} (${names}): export the payment details, or register the platform's column names in the policy's treasury.paymentLabels.`,
      },
    };
  }
  const reader = new RowReader(found.columns, found.yuanPer.amount ?? 1);
  let r = found.headerRow + 1;
  for (; r < head.length; r++) reader.read(head[r]!, r + 1);
  for (let step = iterator.next(); !step.done; step = iterator.next()) reader.read(step.value, ++r);
  return { payments: reader.payments, rows: reader.rows, rejected: reader.rejected };
}

const optional = ["functional", "economic", "fundNature", "payee"] as const;

/** Turns rows into payments or rejections; one per table, no closures made per row. */
class RowReader {
  readonly payments: Payment[] = [];
  readonly rows: number[] = [];
  readonly rejected: RowProblem[] = [];

  constructor(
    private readonly col: Partial<Record<PaymentColumn, number>>,
    private readonly yuanPer: number,
  ) {}

  private cell(row: readonly GridValue[], c: PaymentColumn): GridValue | undefined {
    const i = this.col[c];
    return i === undefined ? undefined : row[i];
  }

  private problem(row: number, c: PaymentColumn, zh: string, en: string): void {
    this.rejected.push({ row, column: columnNames[c], message: { zh, en } });
  }

  /** `row` is 1-based, as the spreadsheet shows it. */
  read(cells: readonly GridValue[], row: number): void {
    if (blankRow(cells)) return;
    // A totals line (合计/总计) closes many exports; it is not a payment.
    if (isTotalsRow(cells)) return;
    const voucher = cellCode(this.cell(cells, "voucher"));
    if (voucher === undefined) {
      this.problem(row, "voucher", "缺少支付凭证号，该行未导入：请补全后重新导入。", "No voucher number: the row was not imported; fill it in and import again.");
      return;
    }
    const rawDate = this.cell(cells, "date");
    const date = isoDate(rawDate);
    if (date === undefined) {
      const shown = plainText(rawDate) ?? "";
      this.problem(row, "date", `支付日期“${shown}”无法识别，该行未导入：请写作 2025-03-05。`, `Payment date “${shown}” cannot be read: the row was not imported; write it as 2025-03-05.`);
      return;
    }
    const unit = cellCode(this.cell(cells, "unit"));
    const project = cellCode(this.cell(cells, "project"));
    if (unit === undefined || project === undefined) {
      const c = unit === undefined ? "unit" : "project";
      this.problem(row, c, `缺少${columnNames[c]}，该行未导入。`, `No ${c === "unit" ? "unit code" : "project code"}: the row was not imported.`);
      return;
    }
    const rawAmount = this.cell(cells, "amount");
    const amount = amountFen(rawAmount ?? null, this.yuanPer);
    if (amount === undefined) {
      const shown = plainText(rawAmount) ?? "";
      this.problem(row, "amount", `支付金额“${shown}”不是金额，该行未导入。`, `Amount “${shown}” is not an amount: the row was not imported.`);
      return;
    }
    const p: Payment = { voucher, date, unit, project, amountFen: amount };
    for (const c of optional) {
      const t = plainText(this.cell(cells, c));
      if (t !== undefined) p[c] = t;
    }
    this.payments.push(p);
    this.rows.push(row);
  }
}

/** 分 → 万元, as forms state money. */
export function fenToWan(fen: number): number {
  return Math.round(fen) / 1_000_000;
}
