// The policy's `treasury` section (docs/treasury.md): how the bureau's payment platform names the
// columns of its export, and how far a form's figure may stray from what the treasury paid
// (X603) or from the approved budget (X604) before it is reported. Defaults are the labels the
// centralized payment platforms (国库集中支付) commonly print.
import { z } from "zod";

export const paymentColumns = ["voucher", "date", "unit", "project", "amount", "functional", "economic", "fundNature", "payee", "unitName", "projectName"] as const;
export type PaymentColumn = (typeof paymentColumns)[number];

export const budgetColumns = ["unit", "project", "approved", "adjusted", "unitName", "projectName"] as const;
export type BudgetColumn = (typeof budgetColumns)[number];

const Labels = z.array(z.string().min(1));

export const defaultPaymentLabels: Record<PaymentColumn, string[]> = {
  voucher: ["支付凭证号", "凭证号", "支付凭证编号", "凭证编号", "支付令号", "支付申请号"],
  date: ["支付日期", "凭证日期", "清算日期", "支付时间"],
  unit: ["预算单位编码", "单位编码", "预算单位代码", "单位代码"],
  project: ["项目编码", "项目代码", "预算项目编码"],
  amount: ["支付金额", "金额", "支付金额(元)", "支付金额(万元)", "实际支付金额"],
  functional: ["功能分类", "支出功能分类", "功能科目", "功能分类科目"],
  economic: ["经济分类", "支出经济分类", "经济科目", "部门经济分类", "政府经济分类"],
  fundNature: ["资金性质", "资金来源"],
  payee: ["收款人", "收款人全称", "收款单位", "收款人名称"],
  unitName: ["预算单位", "预算单位名称", "单位名称"],
  projectName: ["项目名称", "预算项目名称"],
};

export const defaultBudgetLabels: Record<BudgetColumn, string[]> = {
  unit: ["预算单位编码", "单位编码", "预算单位代码", "单位代码"],
  project: ["项目编码", "项目代码", "预算项目编码"],
  approved: ["批复金额", "年初批复数", "年初预算数", "批复预算数", "预算批复数", "年初预算"],
  adjusted: ["调整后预算数", "调整后预算", "全年预算数", "调整预算数"],
  unitName: ["预算单位", "预算单位名称", "单位名称"],
  projectName: ["项目名称", "预算项目名称"],
};

export const TreasuryPolicySchema = z
  .object({
    /** Extra labels per column, read before the defaults (a bureau's own platform). */
    paymentLabels: z.partialRecord(z.enum(paymentColumns), Labels).default({}),
    budgetLabels: z.partialRecord(z.enum(budgetColumns), Labels).default({}),
    /** X603: reported as this severity. */
    severity: z.enum(["error", "warning", "info"]).default("warning"),
    /** X603: the difference allowed, the larger of this share of the annual budget … */
    toleranceRatio: z.number().min(0).max(1).default(0.05),
    /** … and this many 万元. */
    toleranceWan: z.number().min(0).default(1),
    /** X604: funds may differ from the approved (adjusted) budget by this many 万元. */
    budgetToleranceWan: z.number().min(0).default(0.01),
  })
  .prefault({});
export type TreasuryPolicy = z.infer<typeof TreasuryPolicySchema>;

/** The labels read for each column: the policy's own first, then the defaults. */
export function labelsFor<C extends string>(defaults: Record<C, string[]>, extra: Partial<Record<C, string[]>>): Record<C, string[]> {
  const out = {} as Record<C, string[]>;
  for (const c of Object.keys(defaults) as C[]) out[c] = [...(extra[c] ?? []), ...defaults[c]];
  return out;
}
