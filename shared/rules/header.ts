// Header rules (docs/rules.md): required header fields (P002), amounts that are not amounts (P003),
// negative amounts (H102), funds that do not add up (H101), the annual goal (H103) and the
// project period (H104). Each is one rule of the catalogue (catalogue.ts).
import type { Issue } from "../issue.ts";
import { readValue } from "../values.ts";
import type { ReadAmount } from "./amounts.ts";
import type { Rule } from "./context.ts";
import { cap, issue, num, shown, type Text } from "./messages.ts";
import { text } from "./row-values.ts";

/** P002: a required header field or amount left empty. */
export const requiredFieldsFilled: Rule = ({ form, amounts }) => {
  const out: Issue[] = [];
  const required: [string, unknown, Text][] = [
    ["unit.name", form.unit.name, { zh: "预算单位名称", en: "the budget unit's name" }],
    ["project.name", form.project.name, { zh: "项目名称", en: "the project name" }],
    ["project.field", form.project.field, { zh: "项目所属行业领域", en: "the project's field" }],
  ];
  for (const [path, value, label] of required) {
    if (text(value) === undefined) {
      out.push(issue(form, "P002", "error", path, { zh: `${label.zh}未填写，请填写。`, en: `${cap(label.en)} is empty: fill it in.` }));
    }
  }
  for (const a of amounts) {
    const q = a.quantity;
    const none = q.kind === "empty" || (q.kind === "placeholder" && !a.zeroWhenPlaceholder);
    if (none && !a.optional) {
      out.push(
        issue(form, "P002", "error", a.path, {
          zh: `${a.label.zh}未填写，请填写金额（万元）。`,
          en: `${cap(a.label.en)} is empty: enter the amount in 万元.`,
        }),
      );
    }
  }
  return out;
};

/** P003: an amount, or a self-evaluation's total score, that is not a number. */
export const amountsAreNumbers: Rule = ({ form, amounts, selfEval }) => {
  const out: Issue[] = [];
  for (const a of amounts) {
    const q = a.quantity;
    const isAmount = q.kind === "number" && !q.foreignUnit;
    if (!isAmount && q.kind !== "empty" && q.kind !== "placeholder") {
      out.push(
        issue(form, "P003", "error", a.path, {
          zh: `${a.label.zh}“${shown(a.value)}”不是金额，请填写数字（万元），如 120 或 120.5。`,
          en: `${cap(a.label.en)} “${shown(a.value)}” is not an amount: enter a number in 万元, such as 120 or 120.5.`,
        }),
      );
    }
  }
  if (form.kind === "selfEval" && selfEval) {
    const total = readValue(form.totalScore);
    if (total.kind === "text" || total.kind === "grade") {
      out.push(
        issue(form, "P003", "error", "totalScore", {
          zh: `自评总分“${shown(form.totalScore)}”不是数字，请填写数字（计算值为 ${num(selfEval.score.total)} 分）。`,
          en: `The total score “${shown(form.totalScore)}” is not a number: enter a number (computed: ${num(selfEval.score.total)}).`,
        }),
      );
    }
  }
  return out;
};

/** The amounts that read as amounts in 万元; a placeholder counts as 0 where it means none. */
function amountsByPath(amounts: readonly ReadAmount[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of amounts) {
    const q = a.quantity;
    if (q.kind === "number" && !q.foreignUnit) out.set(a.path, q.value);
    else if (q.kind === "placeholder" && a.zeroWhenPlaceholder) out.set(a.path, 0);
  }
  return out;
}

/** H101: total funds = fiscal + other (+ carry-over), within the policy's tolerance. */
export const fundsAddUp: Rule = ({ form, amounts, policy }) => {
  const byPath = amountsByPath(amounts);
  const total = byPath.get("funds.total");
  const fiscal = byPath.get("funds.fiscal");
  const other = byPath.get("funds.other");
  const carry = byPath.get("funds.carryover") ?? 0;
  if (total === undefined || fiscal === undefined || other === undefined) return [];
  const sum = fiscal + other + carry;
  if (!(Math.abs(total - sum) > policy.fundsTolerance + 1e-9)) return [];
  const parts = carry !== 0 ? `${num(fiscal)} + ${num(other)} + ${num(carry)}` : `${num(fiscal)} + ${num(other)}`;
  return [
    issue(form, "H101", "error", "funds.total", {
      zh: `资金总额 ${num(total)} 万元不等于财政资金、其他资金${carry !== 0 ? "与上年结转" : ""}之和（${parts} = ${num(sum)} 万元），请核对。`,
      en: `Total funds ${num(total)} 万元 differ from fiscal + other${carry !== 0 ? " + carry-over" : ""} (${parts} = ${num(sum)} 万元): check the amounts.`,
    }),
  ];
};

/** H102: a negative amount. */
export const amountsNotNegative: Rule = ({ form, amounts }) => {
  const out: Issue[] = [];
  for (const a of amounts) {
    const q = a.quantity;
    if (q.kind === "number" && !q.foreignUnit && q.value < 0) {
      out.push(
        issue(form, "H102", "error", a.path, {
          zh: `${a.label.zh}为负数（${num(q.value)}万元），金额不能为负，请改正。`,
          en: `${cap(a.label.en)} is negative (${num(q.value)} 万元): amounts cannot be negative; correct it.`,
        }),
      );
    }
  }
  return out;
};

/** H103: the annual goal, written out. */
export const annualGoalStated: Rule = ({ form, policy }) => {
  const goal = text(form.goals.annual);
  if (goal === undefined) {
    return [
      issue(form, "H103", "error", "goals.annual", {
        zh: "年度绩效目标未填写，请写明本年度要完成什么、达到什么效果。",
        en: "The annual performance goal is empty: state what the project will deliver this year and to what effect.",
      }),
    ];
  }
  const length = [...goal.replace(/\s+/g, "")].length;
  if (!(length < policy.minGoalLength)) return [];
  return [
    issue(form, "H103", "warning", "goals.annual", {
      zh: `年度绩效目标只有${length}个字（少于${policy.minGoalLength}个），请写具体：产出什么、多少、达到什么效果。`,
      en: `The annual goal has only ${length} characters (fewer than ${policy.minGoalLength}): say what, how much and to what effect.`,
    }),
  ];
};

/** H104: the project period runs forward and holds the form's year. */
export const periodHoldsYear: Rule = ({ form }) => {
  const start = text(form.project.periodStart);
  const end = text(form.project.periodEnd);
  if (start !== undefined && end !== undefined && periodKey(end, "end") < periodKey(start, "start")) {
    return [
      issue(form, "H104", "error", "project.periodEnd", {
        zh: `项目期限结束（${end}）早于开始（${start}），请改正。`,
        en: `The project period ends (${end}) before it starts (${start}): correct the dates.`,
      }),
    ];
  }
  const startYear = start !== undefined ? Number(start.slice(0, 4)) : undefined;
  const endYear = end !== undefined ? Number(end.slice(0, 4)) : undefined;
  if ((startYear !== undefined && startYear > form.year) || (endYear !== undefined && endYear < form.year)) {
    const path = startYear !== undefined && startYear > form.year ? "project.periodStart" : "project.periodEnd";
    return [
      issue(form, "H104", "error", path, {
        zh: `项目期限（${start ?? "…"} 至 ${end ?? "…"}）不包含本表年度 ${form.year} 年，请核对项目期限或年度。`,
        en: `The project period (${start ?? "…"} to ${end ?? "…"}) does not include the form's year ${form.year}: check the period or the year.`,
      }),
    ];
  }
  return [];
};

/** `2024-03` as a start is 2024-03-00, as an end 2024-03-99, so string order compares periods. */
function periodKey(p: string, side: "start" | "end"): string {
  return p.length === 7 ? `${p}-${side === "start" ? "00" : "99"}` : p;
}
