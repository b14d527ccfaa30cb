// What changed between two revisions of a form, field by field, each named as the template names
// it (fieldLabel: `indicators[2].target` → 第3行指标的指标值) with the value before and after. Pure:
// the finance pane's revision diff asks it with the two revisions' stored forms.
import type { Term } from "./glossary.ts";
import { fieldLabel } from "./field-labels.ts";

export interface FieldChange {
  path: string;
  label: Term;
  /** undefined: the field was not there */
  before: string | undefined;
  after: string | undefined;
}

type Leaf = string | number | boolean | null;

/** Every leaf of a JSON value by its path (`funds.total`, `indicators[0].name`). */
function leaves(value: unknown, path = "", out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(path, value as Leaf);
  }
  return out;
}

const text = (v: Leaf | undefined): string | undefined => (v === undefined || v === null || v === "" ? undefined : String(v));

/** The label of a leaf's nearest labelled field: `indicators[1].basis.kind` → 第2行指标的依据. */
function labelOf(path: string): Term {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
    const l = fieldLabel(p);
    if (l.zh !== p) return p === path ? l : { zh: `${l.zh}（${path.slice(p.length).replace(/^\./, "")}）`, en: `${l.en} (${path.slice(p.length).replace(/^\./, "")})` };
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return { zh: path, en: path };
}

/** The fields whose values differ between `a` and `b`, in `b`'s order, then those only `a` has. */
export function diffForms(a: unknown, b: unknown): FieldChange[] {
  const before = leaves(a);
  const after = leaves(b);
  const paths = [...after.keys(), ...[...before.keys()].filter((p) => !after.has(p))];
  const out: FieldChange[] = [];
  for (const path of paths) {
    const x = text(before.get(path));
    const y = text(after.get(path));
    if (x === y) continue;
    out.push({ path, label: labelOf(path), before: x, after: y });
  }
  return out;
}
