// A form arriving as JSON (a file, an API body) is checked against the schema; what does not fit
// becomes findings — P002 for what is missing, P003 for a wrong type — never a crash.
import type { z } from "zod";
import { fieldLabel } from "./field-labels.ts";
import { FormSchema, pathOf, type Form } from "./form.ts";
import type { Issue } from "./issue.ts";
import { cap } from "./rules/messages.ts";

export interface ReadForm {
  form?: Form;
  issues: Issue[];
}

export function readForm(input: unknown): ReadForm {
  const parsed = FormSchema.safeParse(input);
  if (parsed.success) return { form: parsed.data, issues: [] };
  // Blank means missing (docs/reading-forms.md): `""`, whitespace or null anywhere is an absent
  // field, so the rule that asks for it fires (P002, M503, …), never a type error.
  const cleaned = withoutBlanks(input);
  const again = FormSchema.safeParse(cleaned);
  if (again.success) return { form: again.data, issues: [] };
  return { issues: schemaIssues(again.error.issues, cleaned) };
}

/** A copy without the fields that are null or blank text (`cells` as it is). */
export function withoutBlanks(value: unknown, key = ""): unknown {
  if (key === "cells") return value;
  if (Array.isArray(value)) return value.map((v) => (v === null || (typeof v === "string" && v.trim() === "") ? v : withoutBlanks(v)));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    out[k] = withoutBlanks(v, k);
  }
  return out;
}

/** Findings from reading a sheet and from checking what was read, each (rule, path) once: the reader's keeps its cell. */
export function mergeFindings(read: readonly Issue[], checked: readonly Issue[]): Issue[] {
  const seen = new Set(read.map((i) => `${i.rule} ${i.path}`));
  return [...read, ...checked.filter((i) => !seen.has(`${i.rule} ${i.path}`))];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

export function schemaIssues(zodIssues: readonly z.core.$ZodIssue[], input: unknown): Issue[] {
  const out: Issue[] = [];
  const cells = (valueAt(input, ["cells"]) ?? {}) as Record<string, unknown>;
  for (const zi of zodIssues) {
    const parts = zi.path.filter((p): p is string | number => typeof p !== "symbol");
    const path = pathOf(parts) || "(form)";
    const value = valueAt(input, zi.path);
    const missing = value === undefined || value === null;
    const cell = typeof cells[path] === "string" ? (cells[path] as string) : undefined;
    const label = fieldLabel(path);
    const named = { zh: label.zh === path ? path : `“${label.zh}”（${path}）`, en: label.en === path ? path : `${cap(label.en)} (${path})` };
    const issue: Issue = missing
      ? {
          rule: "P002",
          severity: "error",
          path,
          message: {
            zh: `缺少必填项${named.zh}，请填写后再检查。`,
            en: `${named.en} is required and missing: fill it in and check again.`,
          },
        }
      : {
          rule: "P003",
          severity: "error",
          path,
          message: {
            zh: `${named.zh}的值类型不对（${describe(value)}）：${zi.message}。请按表样填写。`,
            en: `${named.en} has the wrong type (${describe(value)}): ${zi.message}. Fill it in as the template asks.`,
          },
        };
    if (cell) issue.cell = cell;
    out.push(issue);
  }
  return out;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return "array";
  return value === null ? "null" : typeof value === "object" ? "object" : String(value);
}
