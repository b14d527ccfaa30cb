// A sheet's grid and its cells' text as the reader sees them (the first stage of reading a form,
// docs/reading-forms.md): one cell by row and column, blank or not, as typed, as text,
// and the finding shape the reader reports.
import type { Issue } from "../issue.ts";
import { normaliseText } from "../values.ts";

export type GridValue = string | number | boolean | null;
export type Grid = GridValue[][];
export type Cell = string | number | boolean | null;

export function cellAt(grid: readonly unknown[], r: number, c: number): Cell {
  const row = grid[r];
  if (!Array.isArray(row)) return null;
  const v: unknown = row[c];
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  return null;
}

/** A cell's text as a message quotes it: at most 40 characters. */
export function shown(v: unknown): string {
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean");
}

/** `-`, `/`, `—`, `无`: what a clerk writes in a cell that has nothing to say. In a choice field it means blank. */
export function isPlaceholder(v: Cell): boolean {
  if (typeof v !== "string") return false;
  return /^(?:[-/*—–~…]+|无|空)$/.test(normaliseText(v));
}

export function issue(rule: "P001" | "P002" | "P003", path: string, zh: string, en: string, cell?: string): Issue {
  const i: Issue = { rule, severity: "error", path, message: { zh, en } };
  if (cell !== undefined) i.cell = cell;
  return i;
}

/** A number stays a number; text stays exactly as typed; blank is absent. */
export function typed(v: Cell): number | string | undefined {
  if (v === null) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.trim() === "" ? undefined : v;
}

export function text(v: Cell): string | undefined {
  if (v === null) return undefined;
  const s = typeof v === "string" ? v : String(v);
  return s.trim() === "" ? undefined : s;
}
