// Rules across forms (docs/rules.md X601, X602): they need forms the server holds, so the server
// passes them in.
import type { Form, IndicatorRow, TargetForm } from "../form.ts";
import type { Issue } from "../issue.ts";
import type { FingerprintedForm, Rule } from "./context.ts";
import type { Policy } from "../policy.ts";
import { readValue } from "../values.ts";
import { issue, rowRef, shown } from "./messages.ts";
import { normaliseName } from "./nearest-names.ts";
import { text } from "./row-values.ts";

function keyOf(row: IndicatorRow): string | undefined {
  const name = text(row.name);
  return name === undefined ? undefined : normaliseName(name);
}

/** Two targets as typed are the same when they read the same (`95` = `95%` = `９５％`). */
function sameValue(a: unknown, b: unknown, unit: string | undefined): boolean {
  const cell = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : null);
  const ra = readValue(cell(a), { unit });
  const rb = readValue(cell(b), { unit });
  if (ra.kind !== rb.kind) return false;
  if (ra.kind === "number" && rb.kind === "number") return ra.value === rb.value && (ra.high ?? null) === (rb.high ?? null);
  if (ra.kind === "grade" && rb.kind === "grade") return ra.grade === rb.grade;
  if (ra.kind === "text" && rb.kind === "text") return normaliseName(ra.text) === normaliseName(rb.text);
  return true; // both empty, or both placeholders
}

/** X601: a monitoring or self-evaluation form must keep the indicators of the approved target form. */
export function checkAgainstBaseline(form: Form, baseline: TargetForm | undefined): Issue[] {
  if (!baseline || form.kind === "target") return [];
  if (baseline.project.code !== form.project.code || baseline.year !== form.year) return [];
  const out: Issue[] = [];
  const base = new Map<string, IndicatorRow>();
  for (const row of baseline.indicators) {
    const k = keyOf(row);
    if (k !== undefined && !base.has(k)) base.set(k, row);
  }
  const seen = new Set<string>();
  form.indicators.forEach((row, i) => {
    const k = keyOf(row);
    if (k === undefined) return;
    seen.add(k);
    const ref = rowRef(i, row.name);
    const b = base.get(k);
    if (!b) {
      out.push(
        issue(form, "X601", "error", `indicators[${i}].name`, {
          zh: `${ref.zh}不在已批复的绩效目标表中，请按批复的指标填报（调整目标须另行报批）。`,
          en: `${ref.en} is not in the approved target form: report against the approved indicators (changing targets needs its own approval).`,
        }),
      );
      return;
    }
    const unit = text(b.unit) ?? text(row.unit);
    const changes: { zh: string; en: string }[] = [];
    if (b.level1 !== row.level1 || b.level2 !== row.level2) changes.push({ zh: "指标类别", en: "category" });
    if ((b.operator ?? null) !== (row.operator ?? null)) changes.push({ zh: "符号", en: "operator" });
    if (!sameValue(b.target, row.target, unit)) changes.push({ zh: `指标值（批复为“${shown(b.target)}”）`, en: `target (approved: “${shown(b.target)}”)` });
    if (b.operator === "range" && !sameValue(b.targetHigh, row.targetHigh, unit)) changes.push({ zh: "区间上限", en: "upper bound" });
    if ((text(b.unit) ?? "") !== (text(row.unit) ?? "")) changes.push({ zh: `单位（批复为“${text(b.unit) ?? ""}”）`, en: `unit (approved: “${text(b.unit) ?? ""}”)` });
    if (changes.length > 0) {
      out.push(
        issue(form, "X601", "error", `indicators[${i}]`, {
          zh: `${ref.zh}的${changes.map((c) => c.zh).join("、")}与已批复的绩效目标表不一致，请按批复填写。`,
          en: `${ref.en}: its ${changes.map((c) => c.en).join(", ")} differ from the approved target form: use the approved values.`,
        }),
      );
    }
  });
  for (const [k, row] of base) {
    if (seen.has(k)) continue;
    out.push(
      issue(form, "X601", "error", "indicators", {
        zh: `已批复的绩效目标表中的指标“${shown(row.name)}”在本表中缺失，请补上。`,
        en: `The approved target form's indicator “${shown(row.name)}” is missing here: add it back.`,
      }),
    );
  }
  return out;
}

/** The set of level-3 names of a form, as one comparable key; undefined when it has none. */
function setKey(form: Form): string | undefined {
  const keys = new Set<string>();
  for (const row of form.indicators) {
    const k = keyOf(row);
    if (k !== undefined) keys.add(k);
  }
  return keys.size === 0 ? undefined : [...keys].sort().join("\u0000");
}

/**
 * A form's set of level-3 names as a short fingerprint (two 32-bit FNV-1a hashes, hex): the server
 * keeps it with each stored form, so X602 compares a new form with a unit's 400 others without
 * reading or parsing any of them. Undefined when the form has no named indicator.
 */
export function indicatorSetFingerprint(form: Form): string | undefined {
  const key = setKey(form);
  if (key === undefined) return undefined;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, "0")}${(h2 >>> 0).toString(16).padStart(8, "0")}`;
}

/** X602: the same set of level-3 indicators copied across `policy.copiedAcrossProjects` or more projects of a unit. */
export function checkCopiedIndicators(form: Form, otherFormsOfUnit: readonly Form[], policy: Policy): Issue[] {
  return checkCopiedSets(
    form,
    otherFormsOfUnit.map((o) => ({ year: o.year, unit: o.unit.code, project: o.project.code, projectName: o.project.name, fingerprint: indicatorSetFingerprint(o) })),
    policy,
  );
}

/** X602 over fingerprints (see indicatorSetFingerprint). */
export function checkCopiedSets(form: Form, others: readonly FingerprintedForm[], policy: Policy, mine: string | undefined = indicatorSetFingerprint(form)): Issue[] {
  if (mine === undefined) return [];
  const projects = new Map<string, string>(); // project code → name
  for (const other of others) {
    if (other.unit !== form.unit.code || other.year !== form.year || other.project === form.project.code) continue;
    if (other.fingerprint === mine) projects.set(other.project, other.projectName);
  }
  if (projects.size + 1 < policy.copiedAcrossProjects) return [];
  const names = [...projects.values()].slice(0, 5).map((n) => `“${shown(n)}”`);
  const more = projects.size > 5 ? "…" : "";
  return [
    issue(form, "X602", "warning", "indicators", {
      zh: `本项目的三级指标与本单位另外 ${projects.size} 个项目（${names.join("、")}${more}）完全相同，疑似照搬，请按本项目的实际产出和效益设置指标。`,
      en: `This project's level-3 indicators are the same set as ${projects.size} other projects of the unit (${names.join(", ")}${more}): they look copied; set indicators that fit this project's own outputs and effects.`,
    }),
  ];
}

/** X601 as a rule of the catalogue: against the baseline the server passes in. */
export const keepsApprovedTargets: Rule = ({ form, server }) => checkAgainstBaseline(form, server?.baseline);

/** X602 as a rule of the catalogue: against the unit's other forms the server passes in. */
export const notCopiedAcrossProjects: Rule = ({ form, server, policy }) => {
  // the server took the form's fingerprint to find the others: it is not taken again (an explicit undefined: the form has none)
  if (server && "fingerprint" in server) return server.fingerprint === undefined ? [] : checkCopiedSets(form, server.others ?? [], policy, server.fingerprint);
  return checkCopiedSets(form, server?.others ?? [], policy);
};
