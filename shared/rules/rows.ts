// Indicator-row rules (SPEC §6, I201–I216): the frame, the name against the library, the
// operator, the target and its unit, plausibility, wording, duplicates and input-type names.
import { keyOf, fieldTerms, level1Terms, level2Terms, operatorTerms, type Level1, type Level2, type Operator } from "../glossary.ts";
import type { Form } from "../form.ts";
import { isInFrame, frames } from "../frame.ts";
import type { Issue } from "../issue.ts";
import type { Policy } from "../policy.ts";
import { unitKey } from "./row-values.ts";
import { filedAs, placeInFrame, type CheckedRow } from "./checked-rows.ts";
import { issue, num, rowRef, shown } from "./messages.ts";
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

export function rowRules(form: Form, rows: readonly CheckedRow[], index: LibraryIndex, policy: Policy): Issue[] {
  const out: Issue[] = [];
  const projectField = keyOf(fieldTerms, form.project.field) ?? form.project.field.trim();
  const firstByKey = new Map<unknown, number>();
  const vague = nonEmpty(policy.vagueWords);
  const inputNames = nonEmpty(policy.inputTypeNames);
  for (const r of rows) checkRow(form, r, index, policy, projectField, firstByKey, vague, inputNames, rows, out);
  return out;
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

function checkRow(
  form: Form,
  r: CheckedRow,
  index: LibraryIndex,
  policy: Policy,
  projectField: string,
  firstByKey: Map<unknown, number>,
  vague: readonly string[],
  inputNames: readonly string[],
  rows: readonly CheckedRow[],
  out: Issue[],
): void {
  const i = r.index;
  const row = r.row;
  const ind = r.indicator;

  // I201: the level-1/level-2 pair must be in the policy's frame.
  if (!isInFrame(policy.frame, row.level1, row.level2)) {
    const allowed = frames[policy.frame][row.level1 as Level1] ?? [];
    const path = allowed.length === 0 ? at(r, "level1") : at(r, "level2");
    const choices = allowed.map((k) => l2(k).zh).join("、");
    out.push(
      issue(form, "I201", "error", path, {
        zh:
          allowed.length === 0
            ? `${refOf(r).zh}：一级指标“${l1(row.level1).zh}”不在本地采用的${policy.frame}版指标体系中，请改选。`
            : `${refOf(r).zh}：“${l1(row.level1).zh}”下没有二级指标“${l2(row.level2).zh}”，请改选 ${choices}。`,
        en:
          allowed.length === 0
            ? `${refOf(r).en}: level 1 “${l1(row.level1).en}” is not in the ${policy.frame} frame this bureau uses: pick another.`
            : `${refOf(r).en}: “${l1(row.level1).en}” has no level 2 “${l2(row.level2).en}”: pick one of ${allowed.map((k) => l2(k).en).join(", ")}.`,
      }),
    );
  }

  // I202: a level-3 name is required; nothing more can be said about a row without one.
  if (r.name === undefined) {
    out.push(
      issue(form, "I202", "error", at(r, "name"), {
        zh: `${refOf(r).zh}：三级指标名称为空，请从指标库选择或填写指标名称。`,
        en: `${refOf(r).en}: the level-3 indicator name is empty: pick one from the library or type its name.`,
      }),
    );
    return;
  }

  if (!ind) {
    // I203: not in the library.
    const near = nearestNames(index, r.key);
    const zhNear = near.length > 0 ? `相近的库内指标：${near.map((n) => `“${n}”`).join("、")}。` : "";
    const enNear = near.length > 0 ? ` Nearest library names: ${near.map((n) => `“${n}”`).join(", ")}.` : "";
    out.push(
      row.custom
        ? issue(form, "I203", "warning", at(r, "name"), {
            zh: `${refOf(r).zh}不在指标库中，作为自定义指标报送，需财政部门审核。${zhNear}`,
            en: `${refOf(r).en} is not in the indicator library: it goes in as a custom indicator that finance must review.${enNear}`,
          })
        : issue(form, "I203", "error", at(r, "name"), {
            zh: `${refOf(r).zh}不在指标库中：请改用库内指标，或标记为自定义指标。${zhNear}`,
            en: `${refOf(r).en} is not in the indicator library: use a library indicator, or mark the row as custom.${enNear}`,
          }),
    );
  } else {
    // I204: the library files it elsewhere.
    if (!filedAs(ind, policy.frame, row.level1, row.level2)) {
      const place = placeInFrame(ind, policy.frame);
      out.push(
        issue(form, "I204", "error", at(r, "level2"), {
          zh: `${refOf(r).zh}在指标库中属于“${l1(place.level1).zh}—${l2(place.level2).zh}”，本行填的是“${l1(row.level1).zh}—${l2(row.level2).zh}”，请改正。`,
          en: `${refOf(r).en} is filed in the library under ${l1(place.level1).en} / ${l2(place.level2).en}, not ${l1(row.level1).en} / ${l2(row.level2).en}: move it.`,
        }),
      );
    }
    // I205: deprecated.
    if (ind.status === "deprecated") {
      const repl = ind.replacedBy !== undefined ? index.byCode.get(ind.replacedBy) : undefined;
      const replName = repl?.name ?? ind.replacedBy;
      out.push(
        issue(form, "I205", "warning", at(r, "name"), {
          zh: replName ? `${refOf(r).zh}已在指标库中停用，请改用“${replName}”。` : `${refOf(r).zh}已在指标库中停用，请改用其他库内指标。`,
          en: replName
            ? `${refOf(r).en} is deprecated in the library: use “${replName}” instead.`
            : `${refOf(r).en} is deprecated in the library: use another library indicator.`,
        }),
      );
    }
    // I206: the indicator's fields.
    if (ind.fields.length > 0 && projectField !== "" && !ind.fields.includes(projectField)) {
      const names = ind.fields.map((f) => (fieldTerms as Record<string, { zh: string; en: string }>)[f] ?? { zh: f, en: f });
      out.push(
        issue(form, "I206", "warning", at(r, "name"), {
          zh: `${refOf(r).zh}适用于${names.map((n) => n.zh).join("、")}领域，与本项目所属领域“${form.project.field}”不符，请确认是否选对指标。`,
          en: `${refOf(r).en} applies to ${names.map((n) => n.en).join(", ")}, not to this project's field “${form.project.field}”: check it is the right indicator.`,
        }),
      );
    }
  }

  // I207: the operator.
  const v = r;
  if (row.operator && v.typedOperator && v.typedOperator !== row.operator) {
    out.push(
      issue(form, "I207", "error", at(r, "operator"), {
        zh: `${refOf(r).zh}：符号列为“${opZh(row.operator)}”，指标值中却写了“${opZh(v.typedOperator)}”，请统一。`,
        en: `${refOf(r).en}: the operator column says “${opEn(row.operator)}” but the target is typed with “${opEn(v.typedOperator)}”: make them agree.`,
      }),
    );
  } else if (v.operator === undefined) {
    const allowed = ind?.operators;
    out.push(
      issue(form, "I207", "error", at(r, "operator"), {
        zh: `${refOf(r).zh}未选择符号（≥、≤、=、区间或定性）${allowed ? `，本指标可用：${allowed.map(opZh).join("、")}` : ""}，请选择。`,
        en: `${refOf(r).en} has no operator${allowed ? `; this indicator takes ${allowed.map(opEn).join(", ")}` : " (>=, <=, =, range or qualitative)"}: choose one.`,
      }),
    );
  } else if (ind && !ind.operators.includes(v.operator)) {
    out.push(
      issue(form, "I207", "error", at(r, "operator"), {
        zh: `${refOf(r).zh}不能用“${opZh(v.operator)}”，指标库规定可用：${ind.operators.map(opZh).join("、")}，请改选。`,
        en: `${refOf(r).en} cannot take “${opEn(v.operator)}”; the library allows ${ind.operators.map(opEn).join(", ")}: choose one of them.`,
      }),
    );
  }

  if (!row.na) targetRules(form, r, policy, out);

  // I213: vague wording. A library name is the bureau's own wording: only a custom name is checked.
  const vagueInName = !ind ? firstIn(r.name, vague) : undefined;
  const vagueInTarget = typeof row.target === "string" ? firstIn(row.target, vague) : undefined;
  if (vagueInName !== undefined || vagueInTarget !== undefined) {
    const word = vagueInName ?? vagueInTarget!;
    const where = vagueInName !== undefined ? { zh: "名称", en: "name" } : { zh: "指标值", en: "target" };
    out.push(
      issue(form, "I213", "warning", vagueInName !== undefined ? at(r, "name") : at(r, "target"), {
        zh: `${refOf(r).zh}的${where.zh}用了模糊表述“${word}”，请改为可衡量的数值或明确的标准。`,
        en: `${refOf(r).en}: its ${where.en} uses the vague word “${word}”: state a measurable value or a clear standard instead.`,
      }),
    );
  }

  // I215: the same indicator twice.
  // The library indicator itself is the key, so a code and a name for the same one match.
  const dupKey: unknown = ind ?? r.key;
  const first = firstByKey.get(dupKey);
  if (first === undefined) firstByKey.set(dupKey, r.index);
  else {
    const firstRef = refOf(rows[first]!);
    out.push(
      issue(form, "I215", "error", at(r, "name"), {
        zh: `${refOf(r).zh}与${firstRef.zh}重复，同一指标在一张表中只能填一次，请删除或合并。`,
        en: `${refOf(r).en} repeats ${firstRef.en}: an indicator may appear only once in a form; remove or merge it.`,
      }),
    );
  }

  // I216: an input-type indicator under output.
  if (row.level1 === "output") {
    const word = firstIn(r.name, inputNames);
    if (word !== undefined) {
      out.push(
        issue(form, "I216", "warning", at(r, "name"), {
          zh: `${refOf(r).zh}是投入类指标（含“${word}”），不宜作为产出指标，请改为反映项目产出的指标。`,
          en: `${refOf(r).en} measures inputs (“${word}”), not outputs: replace it with an indicator of what the project delivers.`,
        }),
      );
    }
  }
}

function outside(x: number, range: { min?: number | undefined; max?: number | undefined }): boolean {
  return (range.min !== undefined && x < range.min) || (range.max !== undefined && x > range.max);
}

/** The first of `words` that `text` contains (one regular expression per word list, remembered). */
function firstIn(text: string, words: readonly string[]): string | undefined {
  if (words.length === 0) return undefined;
  let re = wordPatterns.get(words);
  if (!re) {
    re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
    wordPatterns.set(words, re);
  }
  const m = re.exec(text);
  return m ? m[0] : undefined;
}
const wordPatterns = new WeakMap<readonly string[], RegExp>();

/** `indicators[3].target`, made only for a finding. */
function at(r: CheckedRow, field: string): string {
  return `indicators[${r.index}].${field}`;
}

/** A row's reference for messages (第3行指标“…”), made when a message first needs it. */
function refOf(r: CheckedRow): { zh: string; en: string } {
  return (r.ref ??= rowRef(r.index, r.name));
}

function targetRules(form: Form, r: CheckedRow, policy: Policy, out: Issue[]): void {
  const row = r.row;
  const v = r;
  const ind = r.indicator;
  const t = v.target;
  if (r.qualitative) {
    // I214: a qualitative target is a grade.
    if (t.kind !== "grade") {
      out.push(
        issue(form, "I214", "error", at(r, "target"), {
          zh: `${refOf(r).zh}是定性指标，指标值${t.kind === "empty" ? "为空" : `“${shown(row.target)}”不是等级`}，请填“达成年度指标”“部分达成年度指标并具有一定效果”或“未达成年度指标且效果较差”。`,
          en: `${refOf(r).en} is qualitative and its target ${t.kind === "empty" ? "is empty" : `“${shown(row.target)}” is not a grade`}: enter achieved, partial or notAchieved (达成年度指标 …).`,
        }),
      );
    }
    return;
  }

  // I208: a quantitative target is a number (a range needs both ends).
  if (t.kind !== "number") {
    const what =
      t.kind === "empty"
        ? { zh: "为空", en: "is empty" }
        : t.kind === "placeholder"
          ? { zh: `是占位符“${t.text}”`, en: `is the placeholder “${t.text}”` }
          : { zh: `“${shown(row.target)}”不是数字`, en: `“${shown(row.target)}” is not a number` };
    out.push(
      issue(form, "I208", "error", at(r, "target"), {
        zh: `${refOf(r).zh}是定量指标，指标值${what.zh}，请填写具体数值${r.canonicalUnit ? `（单位：${r.canonicalUnit}）` : ""}。`,
        en: `${refOf(r).en} is quantitative and its target ${what.en}: enter a number${r.canonicalUnit ? ` in ${r.canonicalUnit}` : ""}.`,
      }),
    );
  } else if (v.operator === "range" && v.rowHigh === undefined && !t.foreignUnit) {
    out.push(
      issue(form, "I208", "error", at(r, "targetHigh"), {
        zh: `${refOf(r).zh}为区间指标，缺少区间上限，请填写（如 80-95）。`,
        en: `${refOf(r).en} is a range: its upper bound is missing; enter it (e.g. 80-95).`,
      }),
    );
  }

  // I209: the unit.
  const libUnit = ind?.unit;
  if (v.unit === undefined) {
    out.push(
      issue(form, "I209", "error", at(r, "unit"), {
        zh: `${refOf(r).zh}缺少计量单位，请填写${libUnit ? `“${libUnit}”` : ""}。`,
        en: `${refOf(r).en} has no unit: enter ${libUnit ? `“${libUnit}”` : "one"}.`,
      }),
    );
  } else if (t.kind === "number" && t.foreignUnit) {
    out.push(
      issue(form, "I209", "error", at(r, "target"), {
        zh: `${refOf(r).zh}的指标值写的单位“${t.typedUnit ?? ""}”与单位列“${v.unit}”不能换算，请改正。`,
        en: `${refOf(r).en}: the target is typed in “${t.typedUnit ?? ""}”, which does not convert to the unit column's “${v.unit}”: correct it.`,
      }),
    );
  } else if (libUnit !== undefined && unitKey(v.unit) !== unitKey(libUnit)) {
    if (r.factor === undefined) {
      out.push(
        issue(form, "I209", "error", at(r, "unit"), {
          zh: `${refOf(r).zh}的单位“${v.unit}”与指标库的“${libUnit}”不一致且不能换算，请改用“${libUnit}”。`,
          en: `${refOf(r).en}: unit “${v.unit}” does not convert to the library's “${libUnit}”: use “${libUnit}”.`,
        }),
      );
    } else if (r.factor !== 1) {
      const shownValue = r.low !== undefined ? (r.high !== undefined ? `${num(r.low)}-${num(r.high)}` : num(r.low)) : undefined;
      const original = v.rowLow !== undefined ? (v.rowHigh !== undefined ? `${num(v.rowLow)}-${num(v.rowHigh)}` : num(v.rowLow)) : undefined;
      out.push(
        issue(form, "I209", "warning", at(r, "unit"), {
          zh: `${refOf(r).zh}的单位“${v.unit}”与指标库的“${libUnit}”不同，已换算${shownValue !== undefined ? `：${original}${v.unit} = ${shownValue}${libUnit}` : ""}，建议改用“${libUnit}”。`,
          en: `${refOf(r).en}: unit “${v.unit}” differs from the library's “${libUnit}”; converted${shownValue !== undefined ? `: ${original} ${v.unit} = ${shownValue} ${libUnit}` : ""}. Prefer “${libUnit}”.`,
        }),
      );
    }
  }

  if (r.low === undefined) return;
  const low = r.low;
  const high = r.high;
  const unit = r.canonicalUnit;

  // I210: a percentage outside 0–100, unless the library's range allows it.
  let percentFlagged = false;
  if (unit !== undefined && unitKey(unit) === "%") {
    const lo = Math.min(0, ind?.range?.min ?? 0);
    const hi = Math.max(100, ind?.range?.max ?? 100);
    const bad = low < lo || low > hi ? low : high !== undefined && (high < lo || high > hi) ? high : undefined;
    if (bad !== undefined) {
      percentFlagged = true;
      out.push(
        issue(form, "I210", "error", at(r, "target"), {
          zh: `${refOf(r).zh}的指标值 ${num(bad)}% 超出 ${num(lo)}–${num(hi)}% 的范围，请改正。`,
          en: `${refOf(r).en}: the target ${num(bad)}% is outside ${num(lo)}–${num(hi)}%: correct it.`,
        }),
      );
    }
  }

  // I211: outside the library's plausible range.
  const range = ind?.range;
  if (!percentFlagged && range && (range.min !== undefined || range.max !== undefined)) {
    const bad = outside(low, range) ? low : high !== undefined && outside(high, range) ? high : undefined;
    if (bad !== undefined) {
      const span = `${range.min !== undefined ? num(range.min) : "…"}–${range.max !== undefined ? num(range.max) : "…"}${unit ?? ""}`;
      out.push(
        issue(form, "I211", "warning", at(r, "target"), {
          zh: `${refOf(r).zh}的指标值 ${num(bad)}${unit ?? ""} 超出指标库的合理区间 ${span}，请核实。`,
          en: `${refOf(r).en}: the target ${num(bad)} ${unit ?? ""} is outside the library's plausible range ${span}: check it.`,
        }),
      );
    }
  }

  // I212: weaker than the latest history value.
  const history = ind?.history;
  // The latest year before the form's own: a 2024 target is not held to a 2025 result.
  let latest: { year: number; value: number } | undefined;
  if (history) {
    for (let k = 0; k < history.length; k++) {
      const h = history[k]!;
      if (h.year < form.year && (latest === undefined || h.year > latest.year)) latest = h;
    }
  }
  if (latest !== undefined && v.operator !== undefined) {
    const lower = (v.operator === ">=" || v.operator === ">") && r.low < latest.value;
    const higher = (v.operator === "<=" || v.operator === "<") && r.low > latest.value;
    if (lower || higher) {
      out.push(
        issue(form, "I212", "warning", at(r, "target"), {
          zh: `${refOf(r).zh}的指标值 ${num(r.low)}${unit ?? ""} ${lower ? "低于" : "高于"}${latest.year}年实际值 ${num(latest.value)}${unit ?? ""}，目标不应比往年更宽松，请核实。`,
          en: `${refOf(r).en}: the target ${num(r.low)} ${unit ?? ""} is ${lower ? "below" : "above"} the ${latest.year} actual of ${num(latest.value)}: a target should not be weaker than past results; check it.`,
        }),
      );
    }
  }
}
