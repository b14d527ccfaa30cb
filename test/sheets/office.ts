// Real spreadsheet software for the sheet tests: LibreOffice re-saves a workbook as a unit's copy
// of Calc would, and openpyxl (system Python) reports what another reader sees in the file.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/** Opens each file in headless LibreOffice and saves it as .xlsx in a new folder; returns the new paths. */
export function libreOfficeResave(...files: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-lo-"));
  const out = join(dir, "out");
  mkdirSync(out);
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, ...files],
    { stdio: "pipe", timeout: 180_000 },
  );
  return files.map((f) => join(out, basename(f).replace(/\.[^.]+$/, "") + ".xlsx"));
}

export interface OpenpyxlView {
  sheets: { name: string; state: string; freeze: string | null; orientation: string | null; fitToWidth: number | null; titleRows: string | null }[];
  validations: Record<string, { sqref: string; formula1: string | null; errorStyle: string | null }[]>;
  names: Record<string, string>;
  /** the first sheet's cells as openpyxl types them: address → [value, data_type] */
  cells: Record<string, [unknown, string]>;
}

const script = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": [], "validations": {}, "names": {}, "cells": {}}
for ws in wb.worksheets:
    ps = ws.page_setup
    out["sheets"].append({"name": ws.title, "state": ws.sheet_state, "freeze": ws.freeze_panes,
        "orientation": ps.orientation, "fitToWidth": ps.fitToWidth, "titleRows": ws.print_title_rows})
    out["validations"][ws.title] = [{"sqref": str(dv.sqref), "formula1": dv.formula1, "errorStyle": dv.errorStyle}
        for dv in ws.data_validations.dataValidation if dv.type == "list"]
dn = wb.defined_names
items = dn.items() if hasattr(dn, "items") else [(d.name, d) for d in dn.definedName]
for name, d in items:
    out["names"][name] = d.attr_text
first = wb.worksheets[0]
for row in first.iter_rows():
    for c in row:
        if c.value is not None:
            out["cells"][c.coordinate] = [c.value if isinstance(c.value, (int, float, str, bool)) else str(c.value), c.data_type]
print(json.dumps(out, ensure_ascii=False))
`;

/** What openpyxl sees in an .xlsx file. */
export function openpyxlView(file: string): OpenpyxlView {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-py-"));
  const py = join(dir, "view.py");
  writeFileSync(py, script);
  const json = execFileSync("/usr/bin/python3", [py, file], { encoding: "utf8", timeout: 60_000 });
  return JSON.parse(json) as OpenpyxlView;
}
