// What openpyxl (system Python) sees in a workbook: every sheet's cells with their data types and
// number formats, frozen panes, filters, conditional formats, tables and print setup.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SheetView {
  name: string;
  freeze: string | null;
  autoFilter: string | null;
  tables: string[];
  orientation: string | null;
  fitToWidth: number | null;
  fitToPage: boolean;
  titleRows: string | null;
  /** conditional-format ranges with the formulae of their rules */
  conditional: { range: string; formulae: string[] }[];
  /** rows of [value, data_type, number_format] */
  rows: [unknown, string, string][][];
}

const script = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=(sys.argv[2] == "values"))
out = []
for ws in wb.worksheets:
    ps = ws.page_setup
    cf = []
    for rng in ws.conditional_formatting:
        cf.append({"range": str(rng.sqref), "formulae": [f for r in rng.rules for f in (r.formula or [])]})
    rows = []
    for row in ws.iter_rows():
        rows.append([[c.value if isinstance(c.value, (int, float, str, bool)) or c.value is None else str(c.value), c.data_type, c.number_format] for c in row])
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "autoFilter": ws.auto_filter.ref,
        "tables": [t.ref for t in ws.tables.values()],
        "orientation": ps.orientation, "fitToWidth": ps.fitToWidth, "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "titleRows": ws.print_title_rows, "conditional": cf, "rows": rows})
print(json.dumps(out, ensure_ascii=False))
`;

/** Every sheet of an .xlsx as openpyxl reads it (`values`: cached values, for files LibreOffice saved). */
export function readWithOpenpyxl(file: string, mode: "cells" | "values" = "cells"): SheetView[] {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-py-"));
  const py = join(dir, "read.py");
  writeFileSync(py, script);
  return JSON.parse(execFileSync("/usr/bin/python3", [py, file, mode], { encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 })) as SheetView[];
}

/** A sheet's data rows as objects keyed by its header row. */
export function records(sheet: SheetView): Record<string, unknown>[] {
  const [header, ...rest] = sheet.rows;
  const names = (header ?? []).map((c) => String(c[0]));
  return rest.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]?.[0] ?? null])));
}
