// A payment platform's export (国库集中支付) read into payments: one row a payment, keyed by its
// voucher number (docs/treasury.md). Rows that cannot be read are kept as findings with their
// row number and what to do, never dropped silently.
import type { Grid } from "../sheet/parse.ts";
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
  payments: (Payment & { row: number })[];
  rejected: RowProblem[];
  /** Set when the table itself could not be found: nothing was read. */
  error?: { zh: string; en: string };
}

const requiredColumns: PaymentColumn[] = ["voucher", "date", "unit", "project", "amount"];
const columnNames: Record<PaymentColumn, string> = {
  voucher: "支付凭证号", date: "支付日期", unit: "预算单位编码", project: "项目编码", amount: "支付金额",
  functional: "功能分类", economic: "经济分类", fundNature: "资金性质", payee: "收款人", unitName: "预算单位", projectName: "项目名称",
};

/** Reads the payments of one sheet or CSV file. */
export function readPayments(grid: Grid, policy: TreasuryPolicy): PaymentsRead {
  const labels = labelsFor(defaultPaymentLabels, policy.paymentLabels);
  const found = findColumns<PaymentColumn>(grid, labels, requiredColumns, ["amount"]);
  if (!found) {
    const names = requiredColumns.map((c) => columnNames[c]).join("、");
    return {
      payments: [],
      rejected: [],
      error: {
        zh: `前 30 行中没有同时含有 ${names} 的表头行：请导出支付明细，或在政策的 treasury.paymentLabels 中登记本地平台的列名。`,
        en: `No header row in the first 30 rows names all of ${requiredColumns.join(", ")} (${names}): export the payment details, or register the platform's column names in the policy's treasury.paymentLabels.`,
      },
    };
  }
  const { columns: col, yuanPer } = found;
  const payments: PaymentsRead["payments"] = [];
  const rejected: RowProblem[] = [];
  for (let r = found.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const cell = (c: PaymentColumn) => (col[c] === undefined ? undefined : row![col[c]!]);
    // A totals line (合计/总计) closes many exports; it is not a payment.
    if (isTotalsRow(row!)) continue;
    const voucher = cellCode(cell("voucher"));
    const problem = (c: PaymentColumn, zh: string, en: string) => rejected.push({ row: r + 1, column: columnNames[c], message: { zh, en } });
    if (voucher === undefined) {
      problem("voucher", "缺少支付凭证号，该行未导入：请补全后重新导入。", "No voucher number: the row was not imported; fill it in and import again.");
      continue;
    }
    const date = isoDate(cell("date"));
    if (date === undefined) {
      problem("date", `支付日期“${plainText(cell("date")) ?? ""}”无法识别，该行未导入：请写作 2025-03-05。`, `Payment date “${plainText(cell("date")) ?? ""}” cannot be read: the row was not imported; write it as 2025-03-05.`);
      continue;
    }
    const unit = cellCode(cell("unit"));
    const project = cellCode(cell("project"));
    if (unit === undefined || project === undefined) {
      const c = unit === undefined ? "unit" : "project";
      problem(c, `缺少${columnNames[c]}，该行未导入。`, `No ${c === "unit" ? "unit code" : "project code"}: the row was not imported.`);
      continue;
    }
    const amount = amountFen(cell("amount") ?? null, yuanPer.amount ?? 1);
    if (amount === undefined) {
      problem("amount", `支付金额“${plainText(cell("amount")) ?? ""}”不是金额，该行未导入。`, `Amount “${plainText(cell("amount")) ?? ""}” is not an amount: the row was not imported.`);
      continue;
    }
    const p: Payment & { row: number } = { row: r + 1, voucher, date, unit, project, amountFen: amount };
    for (const c of ["functional", "economic", "fundNature", "payee"] as const) {
      const t = plainText(cell(c));
      if (t !== undefined) p[c] = t;
    }
    payments.push(p);
  }
  return { payments, rejected };
}

/** 分 → 万元, as forms state money. */
export function fenToWan(fen: number): number {
  return Math.round(fen) / 1_000_000;
}
