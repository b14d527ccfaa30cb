// The consolidated workbook's 国库支付 sheet (docs/treasury.md): for every project with payments or
// an approved budget, the budget, what the unit reported as executed, what the treasury paid by the
// same date and the difference, paid to date and the budget light from payments alone.
import { lightTerms, type Light } from "../glossary.ts";
import type { SheetColumns } from "./columns.ts";

export interface TreasuryLine {
  unitCode: string;
  unitName: string;
  projectCode: string;
  projectName: string;
  /** The adjusted (else approved) budget, 万元; else the target form's funds. */
  budgetWan: number | null;
  /** The latest self-evaluation's executed amount, else the latest monitoring form's executed to date, 万元. */
  reportedWan: number | null;
  /** The day the reported figure stands at (the form's month end or year end). */
  reportedAsOf: string | null;
  /** Paid by `reportedAsOf`, 万元. */
  paidAtReportWan: number | null;
  /** reported − paid, 万元. */
  differenceWan: number | null;
  paidToDateWan: number;
  asOf: string;
  rate: number | null;
  timeProgress: number | null;
  light: Light | null;
}

const text = (key: keyof TreasuryLine, header: string, width: number) => ({ key, header, width, value: (r: TreasuryLine) => r[key] as string | null });
const money = (key: keyof TreasuryLine, header: string) => ({ key, header, width: 12, format: "number" as const, value: (r: TreasuryLine) => r[key] as number | null });

export const treasuryColumns: SheetColumns<TreasuryLine> = {
  name: "国库支付",
  id: "treasury",
  title: "国库支付与填报执行对照",
  columns: [
    text("unitCode", "单位代码", 12),
    text("unitName", "单位名称", 20),
    text("projectCode", "项目代码", 14),
    text("projectName", "项目名称", 24),
    money("budgetWan", "预算数(万元)"),
    money("reportedWan", "填报执行数(万元)"),
    text("reportedAsOf", "填报截至", 11),
    money("paidAtReportWan", "同期国库支付(万元)"),
    money("differenceWan", "差异(万元)"),
    money("paidToDateWan", "累计支付(万元)"),
    text("asOf", "支付截至", 11),
    { key: "rate", header: "支付进度", width: 9, format: "percent", value: (r) => r.rate },
    { key: "timeProgress", header: "时间进度", width: 9, format: "percent", value: (r) => r.timeProgress },
    { key: "light", header: "预警", width: 7, highlight: "light", value: (r) => (r.light ? lightTerms[r.light].zh : null) },
  ],
};
