// Monitoring rules (docs/rules.md, M501–M503): progress against time, and the explanation a lagging or
// doubtful row needs. The light is carried in the issue. Each is one rule of the catalogue
// (catalogue.ts).
import { lightTerms, possibilityTerms, type Light } from "../glossary.ts";
import type { MonitorForm } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Rule, RuleContext } from "./context.ts";
import type { BudgetProgress, RowProgress } from "./lights.ts";
import { cap, issue, pts, rowRef } from "./messages.ts";
import { text } from "./row-values.ts";

/** A monitoring form's context: the form, and its budget's and rows' progress. */
function monitorOf(ctx: RuleContext): { form: MonitorForm; budget: BudgetProgress; rows: readonly RowProgress[] } | undefined {
  return ctx.form.kind === "monitor" && ctx.monitor ? { form: ctx.form, ...ctx.monitor } : undefined;
}

/** Time progress as messages show it: month ÷ 12, in per cent. */
function timeShown(form: MonitorForm): string {
  return `${pts((form.month / 12) * 100)}%`;
}

function lagging(r: RowProgress | undefined): r is RowProgress & { light: Exclude<Light, "green"> } {
  return r?.light === "yellow" || r?.light === "red";
}

/** M501: budget execution keeps up with time (yellow or red light otherwise). */
export const budgetOnPace: Rule = (ctx) => {
  const m = monitorOf(ctx);
  if (!m) return [];
  const { form, budget } = m;
  if ((budget.light !== "yellow" && budget.light !== "red") || budget.ratio === undefined) return [];
  const executed = budget.ratio * (form.month / 12) * 100;
  const time = timeShown(form);
  return [
    {
      ...issue(form, "M501", "warning", "budget.executedToDate", {
        zh: `${lightTerms[budget.light].zh}：1-${form.month}月预算执行率 ${pts(executed)}%，落后于时间进度 ${time}（比值 ${pts(budget.ratio)}），请加快执行并分析原因。`,
        en: `${cap(lightTerms[budget.light].en)} light: budget executed ${pts(executed)}% by month ${form.month}, behind time progress ${time} (ratio ${pts(budget.ratio)}): speed up and explain.`,
      }),
      light: budget.light,
    },
  ];
};

/** M502: each row's progress keeps up with time (yellow or red light otherwise). */
export const rowsOnPace: Rule = (ctx) => {
  const m = monitorOf(ctx);
  if (!m) return [];
  const { form } = m;
  const time = timeShown(form);
  const out: Issue[] = [];
  form.indicators.forEach((row, i) => {
    const r = m.rows[i];
    if (!lagging(r)) return;
    const light = r.light;
    const ref = rowRef(i, row.name);
    out.push({
      ...issue(form, "M502", "warning", `indicators[${i}].toDate`, {
        zh:
          r.ratio !== undefined
            ? `${lightTerms[light].zh}：${ref.zh}完成进度与时间进度 ${time} 之比为 ${pts(r.ratio)}，进度滞后，请分析原因并提出纠偏措施。`
            : `${lightTerms[light].zh}：${ref.zh}目前${light === "yellow" ? "仅部分达成" : "未达成"}，请分析原因并提出纠偏措施。`,
        en:
          r.ratio !== undefined
            ? `${cap(lightTerms[light].en)} light: ${ref.en} is at ${pts(r.ratio)} of time progress ${time}: explain the lag and the remedy.`
            : `${cap(lightTerms[light].en)} light: ${ref.en} is ${light === "yellow" ? "only partly achieved" : "not achieved"} so far: explain and give the remedy.`,
      }),
      light,
    });
  });
  return out;
};

/** M503: a lagging or doubtful row gives its deviation category and corrective measures. */
export const laggingExplained: Rule = (ctx) => {
  const m = monitorOf(ctx);
  if (!m) return [];
  const { form } = m;
  const out: Issue[] = [];
  form.indicators.forEach((row, i) => {
    const r = m.rows[i];
    if (!r) return;
    const late = lagging(r);
    const doubtful = row.possibility === "possible" || row.possibility === "impossible";
    if (!late && !doubtful) return;
    const noCategory = !row.deviationCategory;
    const noMeasures = text(row.measures) === undefined;
    if (!noCategory && !noMeasures) return;
    const ref = rowRef(i, row.name);
    const why = late
      ? { zh: `为${lightTerms[r.light!].zh}`, en: `has a ${lightTerms[r.light!].en} light` }
      : { zh: `全年完成可能性为“${possibilityTerms[row.possibility!].zh}”`, en: `may not be met (“${possibilityTerms[row.possibility!].en}”)` };
    const missing =
      noCategory && noMeasures
        ? { zh: "偏差原因类别和纠偏措施", en: "the deviation category and the corrective measures" }
        : noCategory
          ? { zh: "偏差原因类别", en: "the deviation category" }
          : { zh: "纠偏措施", en: "the corrective measures" };
    out.push(
      issue(form, "M503", "error", noCategory ? `indicators[${i}].deviationCategory` : `indicators[${i}].measures`, {
        zh: `${ref.zh}${why.zh}，请填写${missing.zh}。`,
        en: `${ref.en} ${why.en}: fill in ${missing.en}.`,
      }),
    );
  });
  return out;
};
