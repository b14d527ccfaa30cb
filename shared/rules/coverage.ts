// Coverage rules (docs/rules.md, C301–C306): the form as a whole against the policy's requirements.
// Each is one rule of the catalogue (catalogue.ts).
import { level1Terms, level2Terms } from "../glossary.ts";
import type { Issue, RuleId } from "../issue.ts";
import { requiredLevel1, requiredLevel2 } from "../policy.ts";
import type { Rule } from "./context.ts";
import { rowCoverage } from "./rows.ts";
import { readAmount } from "./amounts.ts";
import { issue, num, type Text } from "./messages.ts";

function term(terms: Record<string, Text>, key: string): Text {
  return terms[key] ?? { zh: key, en: key };
}

/** One issue of `rule` for each required category missing from the form, in the glossary's words for it. */
function missing(ctx: Parameters<Rule>[0], rule: RuleId, required: readonly string[], present: ReadonlySet<string>, terms: Record<string, Text>, text: (t: Text, key: string) => Text): Issue[] {
  return required.filter((key) => !present.has(key)).map((key) => issue(ctx.form, rule, "error", "indicators", text(term(terms, key), key)));
}

/** C301: each required level-1 category is present. */
export const level1Covered: Rule = (ctx) => {
  const { policy } = ctx;
  return missing(ctx, "C301", requiredLevel1(policy), rowCoverage(ctx).level1s, level1Terms, (t, l1) => {
    const note = l1 === "benefit" && policy.benefitNeedsNonSatisfaction;
    return {
      zh: `缺少一级指标“${t.zh}”，请至少设置一个${t.zh}下的三级指标${note ? "（满意度不计入效益）" : ""}。`,
      en: `No level-1 “${t.en}” indicator: add at least one level-3 indicator under ${t.en}${note ? " (satisfaction does not count as benefit)" : ""}.`,
    };
  });
};

/** C302: each required level-2 category is present. */
export const level2Covered: Rule = (ctx) =>
  missing(ctx, "C302", requiredLevel2(ctx.policy), rowCoverage(ctx).level2s, level2Terms, (t) => ({
    zh: `缺少二级指标“${t.zh}”，请至少设置一个该类三级指标。`,
    en: `No level-2 “${t.en}” indicator: add at least one level-3 indicator of that kind.`,
  }));

/** C303: a satisfaction indicator when the project serves the public. */
export const satisfactionWhenPublic: Rule = (ctx) => {
  const { form, policy } = ctx;
  if (!policy.satisfactionWhenServesPublic || !form.project.servesPublic) return [];
  if (rowCoverage(ctx).satisfaction) return [];
  return [
    issue(form, "C303", "error", "indicators", {
      zh: "本项目面向社会公众或服务对象，须设置满意度指标（如“服务对象满意度”）。",
      en: "The project serves the public: add a satisfaction indicator (e.g. 服务对象满意度, service recipients' satisfaction).",
    }),
  ];
};

/** C304: at least the policy's number of level-3 indicators. */
export const enoughIndicators: Rule = (ctx) => {
  const { form, policy } = ctx;
  const named = ctx.rows.named;
  if (!(named < policy.minIndicators)) return [];
  return [
    issue(form, "C304", "error", "indicators", {
      zh: `只有${named}个三级指标，少于规定的${policy.minIndicators}个，请补充。`,
      en: `Only ${named} level-3 indicators, fewer than the ${policy.minIndicators} required: add more.`,
    }),
  ];
};

/** C305: the quantitative share. */
export const quantitativeShare: Rule = (ctx) => {
  const { form, policy } = ctx;
  const { named, quantitative } = rowCoverage(ctx);
  if (named === 0) return [];
  const share = quantitative / named;
  if (!(share + 1e-9 < policy.minQuantitativeShare)) return [];
  return [
    issue(form, "C305", "warning", "indicators", {
      zh: `定量指标占比 ${num(share * 100)}%（${quantitative}/${named}），低于 ${num(policy.minQuantitativeShare * 100)}%，请尽量用可量化的指标。`,
      en: `Quantitative indicators are ${num(share * 100)}% (${quantitative}/${named}), below ${num(policy.minQuantitativeShare * 100)}%: use measurable indicators where you can.`,
    }),
  ];
};

/** C306: economic-cost targets in money add up to no more than the project's funds. */
export const costWithinFunds: Rule = (ctx) => {
  const { form, policy } = ctx;
  const total = readAmount(form.funds.total, false);
  if (total === undefined) return [];
  // economic-cost targets in money (their level 2, or output/cost in the 2015 frame), not marked not applicable, summed by the walk
  const { costSum: sum, costCount: count } = rowCoverage(ctx);
  if (!(count > 0 && sum > total + policy.fundsTolerance)) return [];
  return [
    issue(form, "C306", "warning", "indicators", {
      zh: `经济成本指标合计 ${num(sum)} 万元，超过项目资金总额 ${num(total)} 万元，请核对成本指标的数值和单位。`,
      en: `Economic-cost indicators add up to ${num(sum)} 万元, more than the project's total funds of ${num(total)} 万元: check their values and units.`,
    }),
  ];
};
