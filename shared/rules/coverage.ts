// Coverage rules (docs/rules.md, C301–C306): the form as a whole against the policy's requirements.
// Each is one rule of the catalogue (catalogue.ts).
import { level1Terms, level2Terms } from "../glossary.ts";
import type { Issue, RuleId } from "../issue.ts";
import { requiredLevel1, requiredLevel2, type Policy } from "../policy.ts";
import { conversionFactor } from "../measure-units.ts";
import { rowLists, type CheckedRow } from "./checked-rows.ts";
import type { Rule } from "./context.ts";
import { readAmount } from "./amounts.ts";
import { issue, num, type Text } from "./messages.ts";

function term(terms: Record<string, Text>, key: string): Text {
  return terms[key] ?? { zh: key, en: key };
}

interface Covered {
  named: CheckedRow[];
  level1s: Set<string>;
  level2s: Set<string>;
}

const covered = new WeakMap<readonly CheckedRow[], Covered>();
/** The named rows and the categories they cover, worked out once for C301–C305. */
function coverage(rows: readonly CheckedRow[], policy: Policy): Covered {
  let c = covered.get(rows);
  if (c) return c;
  const named = rowLists(rows).named;
  const level1s = new Set<string>();
  const level2s = new Set<string>();
  for (let j = 0; j < named.length; j++) {
    const r = named[j]!;
    // Benefit counts only with a level-3 that is not a satisfaction measure (policy).
    if (r.row.level1 === "benefit" && policy.benefitNeedsNonSatisfaction && r.name!.includes("满意")) continue;
    level1s.add(r.row.level1);
    level2s.add(r.row.level2);
  }
  c = { named, level1s, level2s };
  covered.set(rows, c);
  return c;
}

/** One issue of `rule` for each required category missing from the form, in the glossary's words for it. */
function missing(ctx: Parameters<Rule>[0], rule: RuleId, required: readonly string[], present: ReadonlySet<string>, terms: Record<string, Text>, text: (t: Text, key: string) => Text): Issue[] {
  return required.filter((key) => !present.has(key)).map((key) => issue(ctx.form, rule, "error", "indicators", text(term(terms, key), key)));
}

/** C301: each required level-1 category is present. */
export const level1Covered: Rule = (ctx) => {
  const { policy } = ctx;
  return missing(ctx, "C301", requiredLevel1(policy), coverage(ctx.rows, policy).level1s, level1Terms, (t, l1) => {
    const note = l1 === "benefit" && policy.benefitNeedsNonSatisfaction;
    return {
      zh: `缺少一级指标“${t.zh}”，请至少设置一个${t.zh}下的三级指标${note ? "（满意度不计入效益）" : ""}。`,
      en: `No level-1 “${t.en}” indicator: add at least one level-3 indicator under ${t.en}${note ? " (satisfaction does not count as benefit)" : ""}.`,
    };
  });
};

/** C302: each required level-2 category is present. */
export const level2Covered: Rule = (ctx) =>
  missing(ctx, "C302", requiredLevel2(ctx.policy), coverage(ctx.rows, ctx.policy).level2s, level2Terms, (t) => ({
    zh: `缺少二级指标“${t.zh}”，请至少设置一个该类三级指标。`,
    en: `No level-2 “${t.en}” indicator: add at least one level-3 indicator of that kind.`,
  }));

/** C303: a satisfaction indicator when the project serves the public. */
export const satisfactionWhenPublic: Rule = ({ form, rows, policy }) => {
  if (!policy.satisfactionWhenServesPublic || !form.project.servesPublic) return [];
  if (coverage(rows, policy).named.some((r) => r.row.level1 === "satisfaction")) return [];
  return [
    issue(form, "C303", "error", "indicators", {
      zh: "本项目面向社会公众或服务对象，须设置满意度指标（如“服务对象满意度”）。",
      en: "The project serves the public: add a satisfaction indicator (e.g. 服务对象满意度, service recipients' satisfaction).",
    }),
  ];
};

/** C304: at least the policy's number of level-3 indicators. */
export const enoughIndicators: Rule = ({ form, rows, policy }) => {
  const { named } = coverage(rows, policy);
  if (!(named.length < policy.minIndicators)) return [];
  return [
    issue(form, "C304", "error", "indicators", {
      zh: `只有${named.length}个三级指标，少于规定的${policy.minIndicators}个，请补充。`,
      en: `Only ${named.length} level-3 indicators, fewer than the ${policy.minIndicators} required: add more.`,
    }),
  ];
};

/** C305: the quantitative share. */
export const quantitativeShare: Rule = ({ form, rows, policy }) => {
  const { named } = coverage(rows, policy);
  if (named.length === 0) return [];
  let quantitative = 0;
  for (let j = 0; j < named.length; j++) if (!named[j]!.qualitative) quantitative++;
  const share = quantitative / named.length;
  if (!(share + 1e-9 < policy.minQuantitativeShare)) return [];
  return [
    issue(form, "C305", "warning", "indicators", {
      zh: `定量指标占比 ${num(share * 100)}%（${quantitative}/${named.length}），低于 ${num(policy.minQuantitativeShare * 100)}%，请尽量用可量化的指标。`,
      en: `Quantitative indicators are ${num(share * 100)}% (${quantitative}/${named.length}), below ${num(policy.minQuantitativeShare * 100)}%: use measurable indicators where you can.`,
    }),
  ];
};

/** C306: economic-cost targets in money add up to no more than the project's funds. */
export const costWithinFunds: Rule = ({ form, rows, policy }) => {
  const total = readAmount(form.funds.total, false);
  if (total === undefined) return [];
  let sum = 0;
  let count = 0;
  const named = coverage(rows, policy).named;
  for (let j = 0; j < named.length; j++) {
    const r = named[j]!;
    const isEconomicCost = r.row.level2 === "economicCost" || (r.row.level2 === "cost" && r.row.level1 === "output");
    if (!isEconomicCost || r.row.na || r.qualitative || r.unit === undefined || r.rowLow === undefined) continue;
    const f = conversionFactor(r.unit, "万元");
    if (f === undefined) continue;
    sum += (r.rowHigh ?? r.rowLow) * f;
    count++;
  }
  if (!(count > 0 && sum > total + policy.fundsTolerance)) return [];
  return [
    issue(form, "C306", "warning", "indicators", {
      zh: `经济成本指标合计 ${num(sum)} 万元，超过项目资金总额 ${num(total)} 万元，请核对成本指标的数值和单位。`,
      en: `Economic-cost indicators add up to ${num(sum)} 万元, more than the project's total funds of ${num(total)} 万元: check their values and units.`,
    }),
  ];
};
