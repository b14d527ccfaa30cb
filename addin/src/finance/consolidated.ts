// GET /api/consolidated?format=json as the sheets the pull writes. The route's JSON lists its
// sheets in workbook order, each with its columns (header, width, number format, colour rule)
// and its rows (as arrays in column order, or as objects by column key). Anything else reads as
// no sheets, so a changed server shape shows as "nothing to pull", never as a half-written book.
import type { PullColumn, PullFormat, PullSheet, PullValue } from "../../excel/pull.ts";

export interface ConsolidatedColumnJson {
  key?: string;
  header: string;
  width?: number;
  format?: string;
  highlight?: string;
}

export interface ConsolidatedSheetJson {
  name: string;
  id?: string;
  columns?: ConsolidatedColumnJson[];
  header?: string[];
  rows: (PullValue[] | Record<string, PullValue>)[];
}

export interface ConsolidatedJson {
  year?: number;
  kind?: string | null;
  sheets: ConsolidatedSheetJson[];
}

const colours = {
  red: { fill: "#FFC7CE", fontColor: "#9C0006" },
  yellow: { fill: "#FFEB9C", fontColor: "#9C5700" },
  green: { fill: "#C6EFCE", fontColor: "#006100" },
  blue: { fill: "#DDEBF7", fontColor: "#1F4E78" },
};

function highlightsOf(h: string | undefined): PullColumn["highlights"] {
  if (h === "light") return [{ equals: "红灯", ...colours.red }, { equals: "黄灯", ...colours.yellow }, { equals: "绿灯", ...colours.green }];
  if (h === "severity") return [{ equals: "错误", ...colours.red }, { equals: "警告", ...colours.yellow }, { equals: "提示", ...colours.blue }];
  if (h === "grade") return [{ equals: "优", ...colours.green }, { equals: "良", ...colours.blue }, { equals: "中", ...colours.yellow }, { equals: "差", ...colours.red }];
  return undefined;
}

const formats = new Set<PullFormat>(["text", "integer", "number", "percent"]);

function cell(v: unknown): PullValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return JSON.stringify(v);
}

/** Sheet names Excel accepts: ≤ 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  const clean = name.replace(/[:\\/?*[\]]/g, "_").slice(0, 31);
  return clean || "Sheet";
}

/**
 * The consolidation's own column lists (shared/consolidate/columns.ts, issue 6): the route's JSON
 * holds each sheet's rows as records under the sheet's id (`summary`, `forms`, `rows`, `missing`,
 * `findings`); the columns turn a record into the sheet's cells, as the .xlsx writer does.
 */
export interface ColumnsLike {
  name: string;
  id: string;
  columns: readonly { key: string; header: string; width?: number; format?: string; highlight?: string; value(row: never): PullValue }[];
}

export function toPullSheets(json: unknown, consolidation: readonly ColumnsLike[] = []): PullSheet[] {
  const sheets = (json as { sheets?: unknown } | null)?.sheets;
  if (!Array.isArray(sheets)) {
    const byId = (json ?? {}) as Record<string, unknown>;
    return consolidation.flatMap((sheet): PullSheet[] => {
      const records = byId[sheet.id];
      if (!Array.isArray(records)) return [];
      const columns: PullColumn[] = sheet.columns.map((c) => {
        const highlights = highlightsOf(c.highlight);
        return {
          header: c.header,
          ...(typeof c.width === "number" ? { width: c.width } : {}),
          ...(c.format && formats.has(c.format as PullFormat) ? { format: c.format as PullFormat } : {}),
          ...(highlights ? { highlights } : {}),
        };
      });
      const rows = records.map((r) => sheet.columns.map((c) => cell((c.value as (row: unknown) => unknown)(r))));
      return [{ name: safeSheetName(sheet.name), columns, rows, table: `T_${sheet.id}` }];
    });
  }
  return sheets.flatMap((raw): PullSheet[] => {
    const s = raw as Partial<ConsolidatedSheetJson>;
    if (typeof s.name !== "string" || !Array.isArray(s.rows)) return [];
    const cols: ConsolidatedColumnJson[] = Array.isArray(s.columns) ? s.columns : (s.header ?? []).map((h) => ({ header: String(h) }));
    const columns: PullColumn[] = cols.map((c) => {
      const highlights = highlightsOf(c.highlight);
      return {
        header: String(c.header ?? c.key ?? ""),
        ...(typeof c.width === "number" ? { width: c.width } : {}),
        ...(c.format && formats.has(c.format as PullFormat) ? { format: c.format as PullFormat } : {}),
        ...(highlights ? { highlights } : {}),
      };
    });
    const keys = cols.map((c) => c.key ?? c.header);
    const rows = s.rows.map((r) => (Array.isArray(r) ? r.map(cell) : keys.map((k) => cell((r as Record<string, unknown>)[k]))));
    return [{ name: safeSheetName(s.name), columns, rows, ...(s.id ? { table: `T_${s.id.replace(/[^A-Za-z0-9_]/g, "_")}` } : {}) }];
  });
}

export function base64Of(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
