// Indicator-row rules (docs/rules.md, I201–I216): the frame, the name against the library, the
// operator, the target and its unit, plausibility, wording, duplicates and input-type names.
// Each is one rule of the catalogue (catalogue.ts), its findings in row order.
import { keyOf, fieldTerms, level1Terms, level2Terms, operatorTerms, type Level1, type Level2, type Operator } from "../glossary.ts";
import { isInFrame, frames } from "../frame.ts";
import type { Form } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";
import type { Rule, RuleContext } from "./context.ts";
import { conversionFactor } from "../measure-units.ts";
import { factorBetween, noValues, rowValuesInto, unitKey, type RowValues } from "./row-values.ts";
import { refAt, type CheckedRow, type CheckedRows } from "./checked-rows.ts";
import { num, rowIssue, shown, type Text } from "./messages.ts";
import { appliesTo, latestBefore, operatorBit, placedIn, type IndicatorFacts } from "./indicator-facts.ts";
import { nearestNames, type LibraryIndex } from "./nearest-names.ts";

function opZh(op: Operator): string {
  return operatorTerms[op].zh;
}
function opEn(op: Operator): string {
  return op === "qualitative" ? "qualitative" : op;
}
function l1(level1: string): { zh: string; en: string } {
  return (level1Terms as Record<string, { zh: string; en: string }>)[level1] ?? { zh: level1, en: level1 };
}
function l2(level2: string): { zh: string; en: string } {
  return (level2Terms as Record<string, { zh: string; en: string }>)[level2] ?? { zh: level2, en: level2 };
}

const nonEmptyLists = new WeakMap<readonly string[], readonly string[]>();
/** The words of a policy list, blanks dropped (the same array for the same list, so patterns are reused). */
function nonEmpty(words: readonly string[]): readonly string[] {
  let out = nonEmptyLists.get(words);
  if (!out) {
    out = words.filter((w) => w !== "");
    nonEmptyLists.set(words, out);
  }
  return out;
}

// The row rules but I203 decide in one walk over the rows (rowWalk), each into its own list,
// so each row is read once for all of them, where a walk a rule read every row 14 times and called
// a function for each (on a 10,000-row form those walks took 8.4–9.2 ms, the one walk 6.4–7.4 ms,
// measured side by side). Each rule of the catalogue still gives its own findings in row order. A
// finding's words are made by the small functions below the walk, so the walk allocates only for a
// finding. The walk also reads each named row's values (the look-ups are checkRows') and tallies
// what the coverage rules read, and keeps neither: a row with a finding to word gets a record
// (CheckedRow) of what the walk read of it, and no other row does (docs/rules.md, "How the engine
// reads the rows"). A check of the bench's 10,000-row form took a median 7.0–7.7 ms so, against
// 10.2–11.8 ms with a record kept for every row (measured side by side, 200 checks each).

interface RowFindings {
  I201: Issue[];
  I202: Issue[];
  I204: Issue[];
  I205: Issue[];
  I206: Issue[];
  I207: Issue[];
  I208: Issue[];
  I209: Issue[];
  I210: Issue[];
  I211: Issue[];
  I212: Issue[];
  I213: Issue[];
  I214: Issue[];
  I215: Issue[];
  I216: Issue[];
}
type RowRuleId = keyof RowFindings;

/** What the coverage rules (coverage.ts, C301–C306) read of the named rows, tallied by the walk. */
export interface RowCoverage {
  /** the level-1 and level-2 categories the named rows cover (a satisfaction name does not cover benefit when the policy says so) */
  level1s: Set<string>;
  level2s: Set<string>;
  /** a named row under satisfaction (C303) */
  satisfaction: boolean;
  /** named rows, and of those the quantitative ones (C305) */
  named: number;
  quantitative: number;
  /** economic-cost targets in money, in 万元, and how many (C306) */
  costSum: number;
  costCount: number;
}

interface Walk {
  found: RowFindings;
  coverage: RowCoverage;
}

/** The walk as kept on the checked rows (CheckedRows.walked), for the same form, policy and library. */
interface Walked {
  form: Form;
  policy: Policy;
  index: LibraryIndex;
  walk: Walk;
}

/** The findings of I201, I202 and I204–I216 and the coverage tallies for the rows of `ctx`, walked once per check. */
function rowWalk(ctx: RuleContext): Walk {
  const { form, rows, policy, index } = ctx;
  const hit = rows.walked as Walked | undefined;
  if (hit !== undefined && hit.form === form && hit.policy === policy && hit.index === index) return hit.walk;
  const walk = walkRows(form, rows, policy, index, ctx.selfEval?.rows);
  const kept: Walked = { form, policy, index, walk };
  rows.walked = kept;
  return walk;
}

/** What the coverage rules read of the rows (the same walk as the row rules'). */
export function rowCoverage(ctx: RuleContext): RowCoverage {
  return rowWalk(ctx).coverage;
}

/** A rule of the catalogue that gives its list of the walk. */
function fromWalk(id: RowRuleId): Rule {
  return (ctx) => rowWalk(ctx).found[id].slice();
}

/**
 * `known`: each row's values already read with its library unit, when the form's score read them
 * (scoreRows, self-evaluation forms): the walk takes them rather than reading the cells again.
 */
function walkRows(form: Form, checked: CheckedRows, policy: Policy, index: LibraryIndex, known: readonly { values: RowValues }[] | undefined): Walk {
  const found: RowFindings = { I201: [], I202: [], I204: [], I205: [], I206: [], I207: [], I208: [], I209: [], I210: [], I211: [], I212: [], I213: [], I214: [], I215: [], I216: [] };
  const coverage: RowCoverage = { level1s: new Set(), level2s: new Set(), satisfaction: false, named: checked.named, quantitative: 0, costSum: 0, costCount: 0 };
  const { rows, at: ats, names, keys } = checked;
  const { facts } = index;
  const frame = policy.frame;
  // I201, I204
  const placed = placedIn(facts, frame);
  // I206: no project field, no check
  const projectField = keyOf(fieldTerms, form.project.field) ?? form.project.field.trim();
  const fits = projectField === "" ? undefined : appliesTo(facts, projectField);
  // I207
  const allows = facts.operators;
  // I212: the latest year before the form's own: a 2024 target is not held to a 2025 result.
  const past = latestBefore(facts, form.year);
  // I213, I216
  const vague = wordsIn(nonEmpty(policy.vagueWords));
  const inputNames = wordsIn(nonEmpty(policy.inputTypeNames));
  // C301, C302: benefit counts only with a level-3 that is not a satisfaction measure (policy).
  const benefitNeedsNonSatisfaction = policy.benefitNeedsNonSatisfaction;
  // I215: the first row of each library indicator, by its position (the row's index + 1; 0: none yet), and of each other name
  const firstOf = new Int32Array(index.indicators.length);
  const firstByName = new Map<string, number>();
  // C301, C302: the categories added last (none yet)
  let lastLevel1: unknown = noCategory;
  let lastLevel2: unknown = noCategory;
  // each row's values, read into this one object (record() copies them for a finding)
  const values = noValues();

  for (let j = 0; j < rows.length; j++) {
    const row = rows[j]!;
    const i = ats[j]!;
    // filed where the library files it (most rows): the frame holds the pair or not as it holds the library's
    const asPlaced = i >= 0 && placed.level1[i] === row.level1 && placed.level2[i] === row.level2;
    // I201: the level-1/level-2 pair is in the policy's frame.
    if (asPlaced ? placed.inFrame[i] !== 1 : !isInFrame(frame, row.level1, row.level2)) found.I201.push(notInFrame(form, checked, j, policy));
    // I202: a level-3 name; nothing more than I201/I202 can be said about a row without one.
    const name = names[j];
    if (name === undefined) {
      found.I202.push(noName(form, checked, j));
      continue;
    }
    // The row's values, read here (as the score and the lights read them: rowValues) and kept only
    // in a record made for a finding's words (r).
    const libUnit = i >= 0 ? facts.unit[i] : undefined;
    const v = known !== undefined ? known[j]!.values : rowValuesInto(values, row, libUnit);
    const qualitative = i >= 0 ? facts.qualitative[i] === 1 : v.qualitative;
    const canonicalUnit = libUnit ?? v.unit;
    // Most rows are in the library's own unit, spelled as the library spells it.
    const factor = v.unit === undefined || canonicalUnit === undefined ? undefined : v.unit === canonicalUnit ? 1 : factorBetween(v.unit, canonicalUnit);
    const low = scaled(v.low, factor);
    const high = scaled(v.high, factor);
    let r: CheckedRow | undefined;
    // C301–C306 read the named rows.
    if (!(benefitNeedsNonSatisfaction && row.level1 === "benefit" && name.includes("满意"))) {
      // rows of a category come together on most forms: the one added last is not added again
      if (row.level1 !== lastLevel1) coverage.level1s.add((lastLevel1 = row.level1));
      if (row.level2 !== lastLevel2) coverage.level2s.add((lastLevel2 = row.level2));
    }
    if (row.level1 === "satisfaction") coverage.satisfaction = true;
    if (!qualitative) {
      coverage.quantitative++;
      // C306: economic-cost targets in money, in the row's own unit.
      if ((row.level2 === "economicCost" || (row.level2 === "cost" && row.level1 === "output")) && !row.na && v.unit !== undefined && v.low !== undefined) {
        const f = conversionFactor(v.unit, "万元");
        if (f !== undefined) {
          coverage.costSum += (v.high ?? v.low) * f;
          coverage.costCount++;
        }
      }
    }
    if (i >= 0) {
      // I204: filed where the library files it.
      if (!asPlaced) found.I204.push(filedElsewhere(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), placed.level1[i]!, placed.level2[i]!));
      // I205: not deprecated in the library.
      if (facts.deprecated[i] !== 0) found.I205.push(deprecatedFinding(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), index));
      // I206: the indicator applies to the project's field.
      if (fits !== undefined && fits[i] !== 1) found.I206.push(otherField(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high))));
    }
    // I207: an operator, one the library allows, agreeing with one typed in the target.
    const typed = v.typedOperator;
    const operator = v.operator;
    // the operator column is read only when an operator is typed in the target too
    const column = typed ? row.operator : undefined;
    if (column && typed && typed !== column) found.I207.push(operatorsDisagree(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), column, typed));
    else if (operator === undefined) found.I207.push(noOperator(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high))));
    else if (i >= 0 && (allows[i]! & operatorBit(operator)) === 0) found.I207.push(operatorNotAllowed(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), operator));
    // I213: no vague wording. A library name is the bureau's own wording: only a custom name is checked.
    const vagueInName = i < 0 && vague !== undefined ? firstIn(name, vague) : undefined;
    const vagueInTarget = typeof row.target === "string" && vague !== undefined ? firstIn(row.target, vague) : undefined;
    if (vagueInName !== undefined || vagueInTarget !== undefined) found.I213.push(vagueFinding(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), vagueInName, vagueInTarget));
    // I215: each indicator once. The library indicator itself is the key, so a code and a name for the same one match.
    let first = -1;
    if (i >= 0) {
      const seen = firstOf[i]!;
      if (seen === 0) firstOf[i] = j + 1;
      else first = seen - 1;
    } else {
      const key = keys[j]!;
      const seen = firstByName.get(key);
      if (seen === undefined) firstByName.set(key, j);
      else first = seen;
    }
    if (first >= 0) found.I215.push(repeated(form, checked, j, first));
    // I216: no input-type indicator under output.
    if (row.level1 === "output" && inputNames !== undefined) {
      const word = firstIn(name, inputNames);
      if (word !== undefined) found.I216.push(inputUnderOutput(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), word));
    }
    // Named rows whose target counts (not marked not applicable).
    if (row.na) continue;
    const t = v.target;
    if (qualitative) {
      // I214: a qualitative target is a grade.
      if (t.kind !== "grade") found.I214.push(notAGrade(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high))));
      continue;
    }
    // I208: a quantitative target is a number (a range needs both ends).
    if (t.kind !== "number") found.I208.push(notANumber(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high))));
    else if (operator === "range" && v.high === undefined && !t.foreignUnit) found.I208.push(noUpperBound(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high))));
    // I209: a unit of measure, converting to the library's.
    if (v.unit === undefined) found.I209.push(noUnit(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), libUnit));
    else if (t.kind === "number" && t.foreignUnit) found.I209.push(foreignUnit(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), t.unit));
    else if (libUnit !== undefined && v.unit !== libUnit && unitKey(v.unit) !== unitKey(libUnit)) {
      if (factor === undefined) found.I209.push(unitDoesNotConvert(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), libUnit));
      else if (factor !== 1) found.I209.push(unitConverted(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), libUnit));
    }
    // Quantitative rows with a target read in the canonical unit: what I210–I212 compare.
    if (low === undefined) continue;
    // I210: a percentage within 0–100, unless the library's range allows more.
    const p = percentOutside(i, canonicalUnit, low, high, facts);
    if (p) found.I210.push(percentFinding(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), p));
    if (i < 0) continue;
    // I211: within the library's plausible range (a percentage I210 flagged is not flagged again).
    // No number is outside a range with no bounds (NaN): the indicator is read only to word a finding.
    const min = facts.min[i]!;
    const max = facts.max[i]!;
    const bad = low < min || low > max ? low : high !== undefined && (high < min || high > max) ? high : undefined;
    if (bad !== undefined && !p) found.I211.push(implausible(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)), bad));
    // I212: not weaker than the latest result before the form's year.
    if (operator !== undefined && !Number.isNaN(past.year[i])) {
      const latest = past.value[i]!;
      const lower = (operator === ">=" || operator === ">") && low < latest;
      const higher = (operator === "<=" || operator === "<") && low > latest;
      if (lower || higher) found.I212.push(weakerThanHistory(form, (r ??= record(checked, j, v, qualitative, canonicalUnit, factor, low, high)) as CheckedRow & { low: number }, { year: past.year[i]!, value: latest }, lower));
    }
  }
  return { found, coverage };
}

const noCategory = Symbol("no category");

/** The record of row `j` that a finding's words read, made from what the walk read of it. */
function record(checked: CheckedRows, j: number, v: RowValues, qualitative: boolean, canonicalUnit: string | undefined, factor: number | undefined, low: number | undefined, high: number | undefined): CheckedRow {
  const at = checked.at[j]!;
  return {
    rows: checked,
    index: j,
    row: checked.rows[j]!,
    name: checked.names[j],
    indicator: at >= 0 ? checked.index.indicators[at] : undefined,
    at,
    unit: v.unit,
    operator: v.operator,
    typedOperator: v.typedOperator,
    target: v.target,
    rowLow: v.low,
    rowHigh: v.high,
    qualitative,
    canonicalUnit,
    factor,
    low,
    high,
  };
}

function scaled(x: number | undefined, factor: number | undefined): number | undefined {
  return x === undefined || factor === undefined ? undefined : factor === 1 ? x : Number((x * factor).toPrecision(12));
}

/** I201: the level-1/level-2 pair is in the policy's frame. */
export const inFrame: Rule = fromWalk("I201");
function notInFrame(form: Form, checked: CheckedRows, j: number, policy: Policy): Issue {
  const row = checked.rows[j]!;
  const allowed = frames[policy.frame][row.level1 as Level1] ?? [];
  const choices = allowed.map((k) => l2(k).zh).join("、");
  return rowIssue(form, "I201", "error", j, allowed.length === 0 ? "level1" : "level2", () => ({
    zh:
      allowed.length === 0
        ? `${refAt(checked, j).zh}：一级指标“${l1(row.level1).zh}”不在本地采用的${policy.frame}版指标体系中，请改选。`
        : `${refAt(checked, j).zh}：“${l1(row.level1).zh}”下没有二级指标“${l2(row.level2).zh}”，请改选 ${choices}。`,
    en:
      allowed.length === 0
        ? `${refAt(checked, j).en}: level 1 “${l1(row.level1).en}” is not in the ${policy.frame} frame this bureau uses: pick another.`
        : `${refAt(checked, j).en}: “${l1(row.level1).en}” has no level 2 “${l2(row.level2).en}”: pick one of ${allowed.map((k) => l2(k).en).join(", ")}.`,
  }));
}

/** I202: a level-3 name. */
export const nameGiven: Rule = fromWalk("I202");
function noName(form: Form, checked: CheckedRows, j: number): Issue {
  return rowIssue(form, "I202", "error", j, "name", () => ({
    zh: `${refAt(checked, j).zh}：三级指标名称为空，请从指标库选择或填写指标名称。`,
    en: `${refAt(checked, j).en}: the level-3 indicator name is empty: pick one from the library or type its name.`,
  }));
}

/** I203: the name is in the library (else marked custom, for finance to review). */
export const inLibrary: Rule = ({ form, rows, index }) => {
  const list = rows.unknown;
  const out: Issue[] = [];
  for (let j = 0; j < list.length; j++) {
    const at = list[j]!;
    // the names are found now (they are the finding's argument); the sentences when shown
    out.push(notInLibrary(form, rows, at, nearestNames(index, rows.keys[at]!, 3, true)));
  }
  return out;
};
function notInLibrary(form: Form, checked: CheckedRows, j: number, near: readonly string[]): Issue {
  return checked.rows[j]!.custom ? rowIssue(form, "I203", "warning", j, "name", customWords, checked, near) : rowIssue(form, "I203", "error", j, "name", notCustomWords, checked, near);
}
function customWords(checked: CheckedRows, near: readonly string[], j: number): Text {
  return {
    zh: `${refAt(checked, j).zh}不在指标库中，作为自定义指标报送，需财政部门审核。${nearZh(near)}`,
    en: `${refAt(checked, j).en} is not in the indicator library: it goes in as a custom indicator that finance must review.${nearEn(near)}`,
  };
}
function notCustomWords(checked: CheckedRows, near: readonly string[], j: number): Text {
  return {
    zh: `${refAt(checked, j).zh}不在指标库中：请改用库内指标，或标记为自定义指标。${nearZh(near)}`,
    en: `${refAt(checked, j).en} is not in the indicator library: use a library indicator, or mark the row as custom.${nearEn(near)}`,
  };
}
function nearZh(near: readonly string[]): string {
  return near.length > 0 ? `相近的库内指标：${near.map((n) => `“${n}”`).join("、")}。` : "";
}
function nearEn(near: readonly string[]): string {
  return near.length > 0 ? ` Nearest library names: ${near.map((n) => `“${n}”`).join(", ")}.` : "";
}

/** I204: filed where the library files it. */
export const filedAsLibrary: Rule = fromWalk("I204");
function filedElsewhere(form: Form, r: CheckedRow, level1: Level1, level2: Level2): Issue {
  const row = r.row;
  const place = { level1, level2 };
  return rowIssue(form, "I204", "error", r.index, "level2", () => ({
    zh: `${refOf(r).zh}在指标库中属于“${l1(place.level1).zh}—${l2(place.level2).zh}”，本行填的是“${l1(row.level1).zh}—${l2(row.level2).zh}”，请改正。`,
    en: `${refOf(r).en} is filed in the library under ${l1(place.level1).en} / ${l2(place.level2).en}, not ${l1(row.level1).en} / ${l2(row.level2).en}: move it.`,
  }));
}

/** I205: not deprecated in the library (names the replacement). */
export const notDeprecated: Rule = fromWalk("I205");
function deprecatedFinding(form: Form, r: CheckedRow, index: LibraryIndex): Issue {
  const ind = r.indicator!;
  const replAt = ind.replacedBy !== undefined ? index.codeAt.get(ind.replacedBy) : undefined;
  const repl = replAt !== undefined ? index.indicators[replAt] : undefined;
  const replName = repl?.name ?? ind.replacedBy;
  return rowIssue(form, "I205", "warning", r.index, "name", () => ({
    zh: replName ? `${refOf(r).zh}已在指标库中停用，请改用“${replName}”。` : `${refOf(r).zh}已在指标库中停用，请改用其他库内指标。`,
    en: replName
      ? `${refOf(r).en} is deprecated in the library: use “${replName}” instead.`
      : `${refOf(r).en} is deprecated in the library: use another library indicator.`,
  }));
}

/** I206: the indicator applies to the project's field. */
export const fitsField: Rule = fromWalk("I206");
function otherField(form: Form, r: CheckedRow): Issue {
  const ind = r.indicator!;
  const names = ind.fields.map((f) => (fieldTerms as Record<string, { zh: string; en: string }>)[f] ?? { zh: f, en: f });
  return rowIssue(form, "I206", "warning", r.index, "name", () => ({
    zh: `${refOf(r).zh}适用于${names.map((n) => n.zh).join("、")}领域，与本项目所属领域“${form.project.field}”不符，请确认是否选对指标。`,
    en: `${refOf(r).en} applies to ${names.map((n) => n.en).join(", ")}, not to this project's field “${form.project.field}”: check it is the right indicator.`,
  }));
}

/** I207: an operator, one the library allows, agreeing with one typed in the target. */
export const operatorAllowed: Rule = fromWalk("I207");
function operatorsDisagree(form: Form, r: CheckedRow, column: Operator, typed: Operator): Issue {
  return rowIssue(form, "I207", "error", r.index, "operator", () => ({
    zh: `${refOf(r).zh}：符号列为“${opZh(column)}”，指标值中却写了“${opZh(typed)}”，请统一。`,
    en: `${refOf(r).en}: the operator column says “${opEn(column)}” but the target is typed with “${opEn(typed)}”: make them agree.`,
  }));
}
function noOperator(form: Form, r: CheckedRow): Issue {
  const allowed = r.indicator?.operators;
  return rowIssue(form, "I207", "error", r.index, "operator", () => ({
    zh: `${refOf(r).zh}未选择符号（≥、≤、=、区间或定性）${allowed ? `，本指标可用：${allowed.map(opZh).join("、")}` : ""}，请选择。`,
    en: `${refOf(r).en} has no operator${allowed ? `; this indicator takes ${allowed.map(opEn).join(", ")}` : " (>=, <=, =, range or qualitative)"}: choose one.`,
  }));
}
function operatorNotAllowed(form: Form, r: CheckedRow, op: Operator): Issue {
  const ind = r.indicator!;
  return rowIssue(form, "I207", "error", r.index, "operator", () => ({
    zh: `${refOf(r).zh}不能用“${opZh(op)}”，指标库规定可用：${ind.operators.map(opZh).join("、")}，请改选。`,
    en: `${refOf(r).en} cannot take “${opEn(op)}”; the library allows ${ind.operators.map(opEn).join(", ")}: choose one of them.`,
  }));
}

/** I208: a quantitative target is a number (a range needs both ends). */
export const targetIsNumber: Rule = fromWalk("I208");
function notANumber(form: Form, r: CheckedRow): Issue {
  const t = r.target;
  const what =
    t.kind === "empty"
      ? { zh: "为空", en: "is empty" }
      : t.kind === "placeholder"
        ? { zh: `是占位符“${t.text}”`, en: `is the placeholder “${t.text}”` }
        : { zh: `“${shown(r.row.target)}”不是数字`, en: `“${shown(r.row.target)}” is not a number` };
  return rowIssue(form, "I208", "error", r.index, "target", () => ({
    zh: `${refOf(r).zh}是定量指标，指标值${what.zh}，请填写具体数值${r.canonicalUnit ? `（单位：${r.canonicalUnit}）` : ""}。`,
    en: `${refOf(r).en} is quantitative and its target ${what.en}: enter a number${r.canonicalUnit ? ` in ${r.canonicalUnit}` : ""}.`,
  }));
}
function noUpperBound(form: Form, r: CheckedRow): Issue {
  return rowIssue(form, "I208", "error", r.index, "targetHigh", () => ({
    zh: `${refOf(r).zh}为区间指标，缺少区间上限，请填写（如 80-95）。`,
    en: `${refOf(r).en} is a range: its upper bound is missing; enter it (e.g. 80-95).`,
  }));
}

/** I209: a unit of measure, converting to the library's. */
export const unitMatches: Rule = fromWalk("I209");
function noUnit(form: Form, r: CheckedRow, libUnit: string | undefined): Issue {
  return rowIssue(form, "I209", "error", r.index, "unit", () => ({
    zh: `${refOf(r).zh}缺少计量单位，请填写${libUnit ? `“${libUnit}”` : ""}。`,
    en: `${refOf(r).en} has no unit: enter ${libUnit ? `“${libUnit}”` : "one"}.`,
  }));
}
function foreignUnit(form: Form, r: CheckedRow, typedUnit: string | undefined): Issue {
  return rowIssue(form, "I209", "error", r.index, "target", () => ({
    zh: `${refOf(r).zh}的指标值写的单位“${typedUnit ?? ""}”与单位列“${r.unit}”不能换算，请改正。`,
    en: `${refOf(r).en}: the target is typed in “${typedUnit ?? ""}”, which does not convert to the unit column's “${r.unit}”: correct it.`,
  }));
}
function unitDoesNotConvert(form: Form, r: CheckedRow, libUnit: string): Issue {
  return rowIssue(form, "I209", "error", r.index, "unit", () => ({
    zh: `${refOf(r).zh}的单位“${r.unit}”与指标库的“${libUnit}”不一致且不能换算，请改用“${libUnit}”。`,
    en: `${refOf(r).en}: unit “${r.unit}” does not convert to the library's “${libUnit}”: use “${libUnit}”.`,
  }));
}
function unitConverted(form: Form, r: CheckedRow, libUnit: string): Issue {
  const shownValue = r.low !== undefined ? (r.high !== undefined ? `${num(r.low)}-${num(r.high)}` : num(r.low)) : undefined;
  const original = r.rowLow !== undefined ? (r.rowHigh !== undefined ? `${num(r.rowLow)}-${num(r.rowHigh)}` : num(r.rowLow)) : undefined;
  return rowIssue(form, "I209", "warning", r.index, "unit", () => ({
    zh: `${refOf(r).zh}的单位“${r.unit}”与指标库的“${libUnit}”不同，已换算${shownValue !== undefined ? `：${original}${r.unit} = ${shownValue}${libUnit}` : ""}，建议改用“${libUnit}”。`,
    en: `${refOf(r).en}: unit “${r.unit}” differs from the library's “${libUnit}”; converted${shownValue !== undefined ? `: ${original} ${r.unit} = ${shownValue} ${libUnit}` : ""}. Prefer “${libUnit}”.`,
  }));
}

/** A percentage target outside 0–100 (or the wider range the library allows): the value and the bounds. */
function percentOutside(at: number, canonicalUnit: string | undefined, low: number, high: number | undefined, facts: IndicatorFacts): { bad: number; lo: number; hi: number } | undefined {
  if (canonicalUnit === undefined) return undefined;
  // a row in its indicator's unit (most rows) asks the library's facts, not normaliseUnit's memo
  if (at >= 0 && canonicalUnit === facts.unit[at] ? facts.percent[at] !== 1 : unitKey(canonicalUnit) !== "%") return undefined;
  const min = at < 0 ? Number.NaN : facts.min[at]!;
  const max = at < 0 ? Number.NaN : facts.max[at]!;
  const lo = Math.min(0, Number.isNaN(min) ? 0 : min);
  const hi = Math.max(100, Number.isNaN(max) ? 100 : max);
  const bad = low < lo || low > hi ? low : high !== undefined && (high < lo || high > hi) ? high : undefined;
  return bad === undefined ? undefined : { bad, lo, hi };
}

/** I210: a percentage within 0–100, unless the library's range allows more. */
export const percentInRange: Rule = fromWalk("I210");
function percentFinding(form: Form, r: CheckedRow, p: { bad: number; lo: number; hi: number }): Issue {
  return rowIssue(form, "I210", "error", r.index, "target", () => ({
    zh: `${refOf(r).zh}的指标值 ${num(p.bad)}% 超出 ${num(p.lo)}–${num(p.hi)}% 的范围，请改正。`,
    en: `${refOf(r).en}: the target ${num(p.bad)}% is outside ${num(p.lo)}–${num(p.hi)}%: correct it.`,
  }));
}

/** I211: within the library's plausible range (a percentage I210 flagged is not flagged again). */
export const plausible: Rule = fromWalk("I211");
function implausible(form: Form, r: CheckedRow, bad: number): Issue {
  const range = r.indicator!.range!;
  const unit = r.canonicalUnit;
  const span = `${range.min !== undefined ? num(range.min) : "…"}–${range.max !== undefined ? num(range.max) : "…"}${unit ?? ""}`;
  return rowIssue(form, "I211", "warning", r.index, "target", () => ({
    zh: `${refOf(r).zh}的指标值 ${num(bad)}${unit ?? ""} 超出指标库的合理区间 ${span}，请核实。`,
    en: `${refOf(r).en}: the target ${num(bad)} ${unit ?? ""} is outside the library's plausible range ${span}: check it.`,
  }));
}

/** I212: not weaker than the latest result before the form's year. */
export const notWeakerThanHistory: Rule = fromWalk("I212");
function weakerThanHistory(form: Form, r: CheckedRow & { low: number }, latest: { year: number; value: number }, lower: boolean): Issue {
  const unit = r.canonicalUnit;
  return rowIssue(form, "I212", "warning", r.index, "target", () => ({
    zh: `${refOf(r).zh}的指标值 ${num(r.low)}${unit ?? ""} ${lower ? "低于" : "高于"}${latest.year}年实际值 ${num(latest.value)}${unit ?? ""}，目标不应比往年更宽松，请核实。`,
    en: `${refOf(r).en}: the target ${num(r.low)} ${unit ?? ""} is ${lower ? "below" : "above"} the ${latest.year} actual of ${num(latest.value)}: a target should not be weaker than past results; check it.`,
  }));
}

/** I213: no vague wording. A library name is the bureau's own wording: only a custom name is checked. */
export const notVague: Rule = fromWalk("I213");
function vagueFinding(form: Form, r: CheckedRow, vagueInName: string | undefined, vagueInTarget: string | undefined): Issue {
  const word = vagueInName ?? vagueInTarget!;
  const where = vagueInName !== undefined ? { zh: "名称", en: "name" } : { zh: "指标值", en: "target" };
  return rowIssue(form, "I213", "warning", r.index, vagueInName !== undefined ? "name" : "target", () => ({
    zh: `${refOf(r).zh}的${where.zh}用了模糊表述“${word}”，请改为可衡量的数值或明确的标准。`,
    en: `${refOf(r).en}: its ${where.en} uses the vague word “${word}”: state a measurable value or a clear standard instead.`,
  }));
}

/** I214: a qualitative target is a grade. */
export const targetIsGrade: Rule = fromWalk("I214");
function notAGrade(form: Form, r: CheckedRow): Issue {
  const t = r.target;
  return rowIssue(form, "I214", "error", r.index, "target", () => ({
    zh: `${refOf(r).zh}是定性指标，指标值${t.kind === "empty" ? "为空" : `“${shown(r.row.target)}”不是等级`}，请填“达成年度指标”“部分达成年度指标并具有一定效果”或“未达成年度指标且效果较差”。`,
    en: `${refOf(r).en} is qualitative and its target ${t.kind === "empty" ? "is empty" : `“${shown(r.row.target)}” is not a grade`}: enter achieved, partial or notAchieved (达成年度指标 …).`,
  }));
}

/** I215: each indicator once. The library indicator itself is the key, so a code and a name for the same one match. */
export const notRepeated: Rule = fromWalk("I215");
function repeated(form: Form, checked: CheckedRows, j: number, first: number): Issue {
  return rowIssue(form, "I215", "error", j, "name", repeatedWords, checked, first);
}
function repeatedWords(checked: CheckedRows, first: number, j: number): Text {
  return {
    zh: `${refAt(checked, j).zh}与${refAt(checked, first).zh}重复，同一指标在一张表中只能填一次，请删除或合并。`,
    en: `${refAt(checked, j).en} repeats ${refAt(checked, first).en}: an indicator may appear only once in a form; remove or merge it.`,
  };
}

/** I216: no input-type indicator under output. */
export const outputNotInput: Rule = fromWalk("I216");
function inputUnderOutput(form: Form, r: CheckedRow, word: string): Issue {
  return rowIssue(form, "I216", "warning", r.index, "name", () => ({
    zh: `${refOf(r).zh}是投入类指标（含“${word}”），不宜作为产出指标，请改为反映项目产出的指标。`,
    en: `${refOf(r).en} measures inputs (“${word}”), not outputs: replace it with an indicator of what the project delivers.`,
  }));
}

/** A word list as firstIn looks for it: one regular expression, and a table of the words' first characters. */
interface Words {
  re: RegExp;
  starts: Uint8Array | undefined;
}

/** The list's Words, made once per list and remembered (the walk asks once per check); undefined for no words. */
function wordsIn(words: readonly string[]): Words | undefined {
  if (words.length === 0) return undefined;
  let p = wordPatterns.get(words);
  if (!p) {
    const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
    // an empty word is in every text: no table then
    const starts = words.includes("") ? undefined : new Uint8Array(0x10000);
    if (starts) for (const w of words) starts[w.charCodeAt(0)] = 1;
    p = { re, starts };
    wordPatterns.set(words, p);
  }
  return p;
}
const wordPatterns = new WeakMap<readonly string[], Words>();

/**
 * The first of the words that `text` contains. Most names and targets hold none of the words'
 * first characters (`≥95%`, `城区公路养护里程`): those are told apart by the table of the first
 * characters, and the expression runs only on the rest.
 */
function firstIn(text: string, words: Words): string | undefined {
  if (words.starts !== undefined && !holdsAny(text, words.starts)) return undefined;
  const m = words.re.exec(text);
  return m ? m[0] : undefined;
}

/** Whether `text` holds a character (UTF-16 unit) marked in `table`. */
function holdsAny(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** A row's reference for messages (第3行指标“…”), made when a message first needs it. */
function refOf(r: CheckedRow): { zh: string; en: string } {
  return refAt(r.rows, r.index);
}
