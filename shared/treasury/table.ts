// Finding the columns of an exported table (a payment platform's export, a budget approval list)
// by their labels, with the tolerance the form reader has: full-width, spaces, `其中：`, and a
// money unit in the label (`支付金额（万元）`) or on a line above the table (`单位：万元`), which
// sets the amounts' scale (docs/treasury.md).
import { normaliseLabel } from "../sheet/labels.ts";
import type { Grid, GridValue } from "../sheet/parse.ts";
import { normaliseText } from "../values.ts";

export interface TableColumns<C extends string> {
  /** 0-based row of the labels. */
  headerRow: number;
  columns: Partial<Record<C, number>>;
  /** Yuan per unit of each money column's amounts: 1 for 元, 10000 for 万元. */
  yuanPer: Partial<Record<C, number>>;
}

const moneyUnit = /(万元|元)\)?$/;

function moneyScale(raw: string): number | undefined {
  const t = normaliseText(raw).replace(/[（]/g, "(").replace(/[）]/g, ")");
  const m = moneyUnit.exec(t);
  if (!m) return undefined;
  return m[1] === "万元" ? 10000 : 1;
}

function unitLine(row: readonly GridValue[] | undefined): number | undefined {
  for (const cell of row ?? []) {
    if (typeof cell !== "string") continue;
    const m = /(?:单位|金额单位)[:：]\s*(万元|元)/.exec(normaliseText(cell).replace(/：/g, ":"));
    if (m) return m[1] === "万元" ? 10000 : 1;
  }
  return undefined;
}

/**
 * The first row (of the first 30) holding a label of every `required` column, and where each
 * known column is. Undefined when no row names them all.
 */
export function findColumns<C extends string>(grid: readonly (readonly GridValue[])[], labels: Record<C, string[]>, required: readonly C[], money: readonly C[]): TableColumns<C> | undefined {
  const lookup = new Map<string, C>();
  for (const [col, list] of Object.entries(labels) as [C, string[]][]) {
    for (const l of list) if (!lookup.has(normaliseLabel(l))) lookup.set(normaliseLabel(l), col);
  }
  let defaultScale = 1;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const row = grid[r] ?? [];
    const columns: Partial<Record<C, number>> = {};
    const yuanPer: Partial<Record<C, number>> = {};
    row.forEach((cell, c) => {
      if (typeof cell !== "string") return;
      const col = lookup.get(normaliseLabel(cell));
      if (col === undefined || columns[col] !== undefined) return;
      columns[col] = c;
      if (money.includes(col)) yuanPer[col] = moneyScale(cell);
    });
    if (required.every((c) => columns[c] !== undefined)) {
      for (const c of money) if (columns[c] !== undefined && yuanPer[c] === undefined) yuanPer[c] = defaultScale;
      return { headerRow: r, columns, yuanPer };
    }
    defaultScale = unitLine(row) ?? defaultScale;
  }
  return undefined;
}

/** A cell as text with full-width folded and spaces dropped; undefined when blank. */
const printableAscii = /^[\x21-\x7e]+$/;

export function cellCode(v: GridValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  // most codes are plain ASCII already: skip the Unicode folding for them
  if (typeof v === "string" && printableAscii.test(v)) return v;
  const t = normaliseText(String(v));
  return t === "" ? undefined : t;
}

/** A cell as plain text, trimmed; undefined when blank. */
export function plainText(v: GridValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const t = String(v).trim();
  return t === "" ? undefined : t;
}

/**
 * An amount in 分 (hundredths of a yuan), from a number or text as platforms print it: `1,234.56`,
 * `￥1,234.56`, full-width digits, `(100.00)` or `-100.00` for a refund. Undefined when unreadable.
 */
export function amountFen(v: GridValue | undefined, yuanPer: number): number | undefined {
  if (v === null || v === undefined || typeof v === "boolean") return undefined;
  let n: number;
  if (typeof v === "number") n = v;
  else if (plainAmount.test(v)) n = Number(v.replace(/,/g, ""));
  else {
    let t = normaliseText(v).replace(/[¥￥,]|元$/g, "");
    let negative = false;
    const paren = /^\((.*)\)$/.exec(t);
    if (paren) {
      negative = true;
      t = paren[1]!;
    }
    if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
    n = Number(t) * (negative ? -1 : 1);
  }
  if (!Number.isFinite(n)) return undefined;
  return Math.round(n * yuanPer * 100);
}

const excelEpoch = Date.UTC(1899, 11, 30);
const plainAmount = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;
const plainDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date as `YYYY-MM-DD` from what exports hold: `2025-03-05`, `2025/3/5`, `2025.3.5`, `20250305`,
 * `2025年3月5日`, a time after it, or an Excel serial day number. Undefined when it is none of these.
 */
export function isoDate(v: GridValue | undefined): string | undefined {
  if (v === null || v === undefined || typeof v === "boolean") return undefined;
  let y: number, m: number, d: number;
  if (typeof v === "number") {
    if (v < 20000 || v > 80000) return undefined;
    const date = new Date(excelEpoch + Math.floor(v) * 86400000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  } else {
    const t = plainDate.test(v) ? v : normaliseText(v);
    const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T|\d{1,2}:|$)/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
    if (!match) return undefined;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Whether a row holds nothing at all. */
export function blankRow(row: readonly GridValue[] | undefined): boolean {
  return !row || row.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""));
}

/** A totals line (合计, 总计, 小计) as many exports close with: its first filled cell says so. */
export function isTotalsRow(row: readonly GridValue[]): boolean {
  const first = row.find((v) => v !== null && v !== undefined && String(v).trim() !== "");
  return typeof first === "string" && /^[\s\u3000]*[合总小]/.test(first) && /^(合计|总计|小计)/.test(normaliseText(first));
}
