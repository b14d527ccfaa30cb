// One check reports everything it can: a form with its amounts still blank is read anyway, so a
// non-numeric target and the missing indicator kinds are reported beside the blank amounts, not
// only after the amounts are filled (as the pane showed: 3 errors, then more).
import { describe, expect, it } from "vitest";
import { newFormSkeleton } from "../../addin/src/formsheet.ts";
import { checkSheets, planFor } from "../../addin/src/sheets.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";

const library = starterLibrary();

function sheetWith(kind: "target" | "monitor" | "selfEval") {
  const form = newFormSkeleton({ kind, year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目", field: "forestry", attribute: "continuing", servesPublic: true } });
  const plan = planFor(kind, form, library);
  const sheet = plan.sheets[0]!;
  const header = sheet.values.findIndex((r) => r.includes("三级指标"));
  const cols = sheet.values[header]!;
  const row: (string | null)[] = cols.map(() => null);
  row[cols.indexOf("一级指标")] = "产出指标";
  row[cols.indexOf("二级指标")] = "质量指标";
  row[cols.indexOf("三级指标")] = "当年造林成活率";
  row[cols.indexOf("运算符")] = "≥";
  row[cols.indexOf("指标值")] = "进一步提高";
  row[cols.indexOf("计量单位")] = "%";
  sheet.values[header + 1] = row;
  const read = {
    active: sheet.name,
    sheets: plan.sheets.map((s) => ({ name: s.name, visibility: s.visibility ?? ("visible" as const) })),
    grids: plan.sheets.map((s) => ({ sheet: s.name, grid: s.values as (string | number | boolean | null)[][], origin: { row: 0, column: 0 } })),
  };
  return checkSheets(read, sheet.name, library);
}

describe("a check of a form with blank amounts", () => {
  it.each(["target", "monitor", "selfEval"] as const)("%s: the blank amounts and the rows' findings at once", (kind) => {
    const r = sheetWith(kind);
    const missing = r.issues.filter((i) => i.rule === "P002").map((i) => i.path);
    expect(missing).toEqual(expect.arrayContaining(["funds.total", "funds.fiscal", "funds.other"]));
    for (const i of r.issues.filter((x) => x.rule === "P002")) expect(i.cell, i.path).toMatch(/^'.+'!B\d+$|^'.+'!G\d+$/);
    // the row's text target and the missing indicator kinds, found in the same check
    expect(r.issues.some((i) => i.rule === "I208" && i.path === "indicators[0].target")).toBe(true);
    expect(r.issues.some((i) => i.rule === "C301")).toBe(true);
    // each blank amount is reported once
    expect(new Set(missing).size).toBe(missing.length);
  });
});
