// The header's amounts (资金总额, 财政资金, 预算数, 执行数…) read as 万元 (docs/rules.md): the facts the
// header rules, coverage, the treasury checks, scoring, lights, consolidation and disclosure all read
// the same way. Facts only, no rule: the rules' context (context.ts) reads them before any rule runs.
import type { Form } from "../form.ts";
import type { CellValue } from "../values.ts";
import type { Text } from "./messages.ts";
import { readQuantity, type Quantity } from "./row-values.ts";

export interface AmountField {
  path: string;
  value: CellValue;
  label: Text;
  /** a placeholder (`-`, `无`) here means none: 0 */
  zeroWhenPlaceholder: boolean;
  optional: boolean;
}

function amountFields(form: Form): AmountField[] {
  const f = form.funds;
  const out: AmountField[] = [
    { path: "funds.total", value: f.total, label: { zh: "资金总额", en: "total funds" }, zeroWhenPlaceholder: false, optional: false },
    { path: "funds.fiscal", value: f.fiscal, label: { zh: "财政资金", en: "fiscal funds" }, zeroWhenPlaceholder: true, optional: false },
    { path: "funds.other", value: f.other, label: { zh: "其他资金", en: "other funds" }, zeroWhenPlaceholder: true, optional: false },
    { path: "funds.carryover", value: f.carryover, label: { zh: "上年结转资金", en: "carry-over funds" }, zeroWhenPlaceholder: true, optional: true },
  ];
  if (form.kind === "monitor") {
    out.push(
      { path: "budget.annual", value: form.budget.annual, label: { zh: "全年预算数", en: "annual budget" }, zeroWhenPlaceholder: false, optional: false },
      {
        path: "budget.executedToDate",
        value: form.budget.executedToDate,
        label: { zh: `1-${form.month}月执行数`, en: "budget executed to date" },
        zeroWhenPlaceholder: true,
        optional: false,
      },
    );
  } else if (form.kind === "selfEval") {
    out.push(
      { path: "budget.initial", value: form.budget.initial, label: { zh: "年初预算数", en: "initial budget" }, zeroWhenPlaceholder: true, optional: true },
      { path: "budget.adjusted", value: form.budget.adjusted, label: { zh: "全年预算数", en: "adjusted annual budget" }, zeroWhenPlaceholder: false, optional: false },
      { path: "budget.executed", value: form.budget.executed, label: { zh: "全年执行数", en: "budget executed" }, zeroWhenPlaceholder: true, optional: false },
    );
  }
  return out;
}

/** An amount in 万元 (`1,200`, `1200万元`, `5000元`), 0 for a placeholder where that means none. */
export function readAmount(value: CellValue, zeroWhenPlaceholder = true): number | undefined {
  const q = readQuantity(value, "万元");
  if (q.kind === "number") return q.foreignUnit ? undefined : q.value;
  if (q.kind === "placeholder" && zeroWhenPlaceholder) return 0;
  return undefined;
}

export interface ReadAmount extends AmountField {
  quantity: Quantity;
}

/** The header's amount fields, each read once for the rules below. */
export function readAmounts(form: Form): ReadAmount[] {
  return amountFields(form).map((a) => ({ ...a, quantity: readQuantity(a.value, "万元") }));
}
