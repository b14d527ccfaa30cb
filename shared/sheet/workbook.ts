// A workbook's sheets → their forms (the last stage of reading): the hidden metadata sheet names
// each form sheet's kind and identity; the library and metadata sheets are not forms.
import { issue, type Grid } from "./grid.ts";
import { librarySheetName, metaHeader, metaSheetName } from "./layout.ts";
import { parseForm, type ParsedForm, type ReadOptions } from "./parse.ts";

export interface SheetGrid {
  name: string;
  values: Grid;
  /** as the workbook had it; hidden sheets are read too */
  state?: "visible" | "hidden" | "veryHidden";
}

export interface ParsedSheet extends ParsedForm {
  sheet: string;
  /** the server revision the sheet was laid out from, as its metadata records it */
  serverRevision?: number;
}

/** The metadata sheet's rows → per sheet name, its key/value pairs (workbook-wide ones under `*`). */
export function readMeta(values: Grid): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (!Array.isArray(values)) return out;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    const [s, k, v] = row;
    if (r === 0 && s === metaHeader[0] && k === metaHeader[1]) continue;
    if (s === null || s === undefined || k === null || k === undefined || typeof k === "boolean") continue;
    const sheet = String(s);
    const rec = out.get(sheet) ?? {};
    rec[String(k)] = v === null || v === undefined ? "" : String(v);
    out.set(sheet, rec);
  }
  return out;
}

function isMetaSheet(g: SheetGrid): boolean {
  if (g.name === metaSheetName) return true;
  const first = Array.isArray(g.values) ? g.values[0] : undefined;
  return Array.isArray(first) && first[0] === metaHeader[0] && first[1] === metaHeader[1] && first[2] === metaHeader[2] && g.state === "veryHidden";
}

/**
 * Every template sheet of a workbook → its form and findings. The library and metadata sheets
 * are not forms; a sheet that is neither a template nor named by the metadata is left out, unless
 * the workbook has no template sheet at all (then each visible sheet says why it is not one).
 */
export function parseWorkbook(grids: readonly SheetGrid[], options: ReadOptions = {}): ParsedSheet[] {
  const metaGrid = grids.find(isMetaSheet);
  const meta = metaGrid ? readMeta(metaGrid.values) : new Map<string, Record<string, string>>();
  const common = meta.get("*") ?? {};
  const out: ParsedSheet[] = [];
  const rejected: ParsedSheet[] = [];
  for (const g of grids) {
    if (g === metaGrid) continue;
    const own = meta.get(g.name);
    if (own?.role === "library" || (g.name === librarySheetName && own?.role !== "form")) continue;
    const m: Record<string, string> = { ...common, ...(own ?? {}) };
    delete m.role;
    const res = parseForm(g.values, g.name, m, options);
    const isTemplate = own?.role === "form" || res.read !== undefined || !res.issues.some((i) => i.rule === "P001" && i.path === "(form)");
    if (isTemplate) {
      const revision = m.serverRevision !== undefined && /^\d+$/.test(m.serverRevision) ? Number(m.serverRevision) : undefined;
      out.push({ sheet: g.name, ...res, ...(revision !== undefined ? { serverRevision: revision } : {}) });
    }
    else if (g.state === undefined || g.state === "visible") rejected.push({ sheet: g.name, ...res });
  }
  if (out.length === 0) {
    if (rejected.length > 0) return rejected;
    const name = grids[0]?.name ?? "";
    return [
      {
        sheet: name,
        issues: [issue("P001", "(form)", "工作簿中没有绩效表样工作表。", "The workbook has no template sheet.")],
      },
    ];
  }
  return out;
}
