// Monitoring rules (SPEC §6, M501–M503): progress against time, and the explanation a lagging or
// doubtful row needs. The light is carried in the issue.
import { lightTerms, possibilityTerms } from "../glossary.ts";
import type { MonitorForm } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";
import type { BudgetProgress, RowProgress } from "./lights.ts";
import { cap, issue, pts, rowRef } from "./messages.ts";
import { text } from "./row-values.ts";

export function monitorRules(form: MonitorForm, policy: Policy, budget: BudgetProgress, rows: readonly RowProgress[]): Issue[] {
  const out: Issue[] = [];
  const time = `${pts((form.month / 12) * 100)}%`;
  if ((budget.light === "yellow" || budget.light === "red") && budget.ratio !== undefined) {
    const executed = budget.ratio * (form.month / 12) * 100;
    out.push({
      ...issue(form, "M501", "warning", "budget.executedToDate", {
        zh: `${lightTerms[budget.light].zh}：1-${form.month}月预算执行率 ${pts(executed)}%，落后于时间进度 ${time}（比值 ${pts(budget.ratio)}），请加快执行并分析原因。`,
        en: `${cap(lightTerms[budget.light].en)} light: budget executed ${pts(executed)}% by month ${form.month}, behind time progress ${time} (ratio ${pts(budget.ratio)}): speed up and explain.`,
      }),
      light: budget.light,
    });
  }
  form.indicators.forEach((row, i) => {
    const r = rows[i];
    if (!r) return;
    const p = `indicators[${i}]`;
    const ref = rowRef(i, row.name);
    const lagging = r.light === "yellow" || r.light === "red";
    if (lagging && r.light !== null && r.light !== "green") {
      const light = r.light;
      out.push({
        ...issue(form, "M502", "warning", `${p}.toDate`, {
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
    }
    const doubtful = row.possibility === "possible" || row.possibility === "impossible";
    if (!lagging && !doubtful) return;
    const noCategory = !row.deviationCategory;
    const noMeasures = text(row.measures) === undefined;
    if (!noCategory && !noMeasures) return;
    const why = lagging
      ? { zh: `为${lightTerms[r.light!].zh}`, en: `has a ${lightTerms[r.light!].en} light` }
      : { zh: `全年完成可能性为“${possibilityTerms[row.possibility!].zh}”`, en: `may not be met (“${possibilityTerms[row.possibility!].en}”)` };
    const missing =
      noCategory && noMeasures
        ? { zh: "偏差原因类别和纠偏措施", en: "the deviation category and the corrective measures" }
        : noCategory
          ? { zh: "偏差原因类别", en: "the deviation category" }
          : { zh: "纠偏措施", en: "the corrective measures" };
    out.push(
      issue(form, "M503", "error", noCategory ? `${p}.deviationCategory` : `${p}.measures`, {
        zh: `${ref.zh}${why.zh}，请填写${missing.zh}。`,
        en: `${ref.en} ${why.en}: fill in ${missing.en}.`,
      }),
    );
  });
  return out;
}
