// form → layoutForm → .xlsx (exceljs) → grids → parseForm gives back the same form, each value
// remembering its cell; the same after LibreOffice re-saves the file; openpyxl sees the dropdowns
// and the hidden sheets.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Form } from "../../shared/form.ts";
import {
  attributeTerms,
  basisTerms,
  deviationCategoryTerms,
  fieldTerms,
  level1Terms,
  level2Terms,
  operatorTerms,
  possibilityTerms,
  ratingTerms,
} from "../../shared/glossary.ts";
import { parseA1 } from "../../shared/sheet/a1.ts";
import { layoutForm, layoutWorkbook, librarySheetName, metaSheetName } from "../../shared/sheet/layout.ts";
import { type Grid } from "../../shared/sheet/parse.ts";
import { parseWorkbook, type SheetGrid } from "../../shared/sheet/workbook.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { readWorkbook } from "../../server/xlsx/read.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { libreOffice, openpyxl } from "../support/system.ts";
import { smallLibrary, monitorForm, selfEvalForm, targetForm } from "./fixtures.ts";
import { libreOfficeResave, openpyxlView } from "./office.ts";

const library = smallLibrary();
const forms: Form[] = [targetForm(), monitorForm(), selfEvalForm()];

/** The form as the sheet gives it back: no `cells`, the sheet's name, `na: false` is absent. */
function comparable(form: Form, sheet: string): unknown {
  const { cells: _cells, ...rest } = JSON.parse(JSON.stringify(form)) as Form;
  for (const row of rest.indicators) if (row.na === false) delete row.na;
  return { ...rest, sheet };
}

function gridAt(grid: Grid, address: string): unknown {
  const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)$/.exec(address);
  expect(m, `address ${address} is sheet-qualified`).not.toBeNull();
  const { row, col } = parseA1(m![2]!)!;
  return grid[row]?.[col] ?? null;
}

function valueAt(form: unknown, path: string): unknown {
  let v: unknown = form;
  for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) v = (v as Record<string, unknown> | undefined)?.[part];
  return v;
}

/** What the template shows for a value at a path (Chinese labels for keys). */
function shown(path: string, value: unknown): unknown {
  const field = path.split(".").pop()!;
  if (value === undefined || value === null) return null;
  const zh = (terms: Record<string, { zh: string }>) => terms[value as string]?.zh;
  switch (field) {
    case "level1": return zh(level1Terms);
    case "level2": return zh(level2Terms);
    case "operator": return zh(operatorTerms);
    case "basis": return zh(basisTerms);
    case "possibility": return zh(possibilityTerms);
    case "deviationCategory": return zh(deviationCategoryTerms);
    case "field": return zh(fieldTerms) ?? value;
    case "attribute": return zh(attributeTerms);
    case "grade": return zh(ratingTerms);
    case "servesPublic": return value ? "是" : "否";
    case "custom": case "na": return value ? "是" : null;
    default: return value ?? null;
  }
}

/** Every address in `cells` holds, on the sheet, what the form says is there. */
function expectCellsRight(form: Form, grid: Grid): void {
  const cells = form.cells!;
  expect(Object.keys(cells).length).toBeGreaterThan(form.indicators.length * 10);
  for (const [path, address] of Object.entries(cells)) {
    const value = valueAt(form, path);
    const onSheet = gridAt(grid, address);
    if (path.startsWith("project.period")) {
      expect(String(onSheet)).toContain(String(value));
    } else if (path.startsWith("indicators[") && path.endsWith(".level1") && onSheet === null) {
      // a merged level-1 cell: the value sits in the first row of the merge
    } else {
      expect(onSheet, `${path} at ${address}`).toEqual(shown(path, value));
    }
  }
}

async function roundTrip(form: Form) {
  const plan = layoutForm(form.kind, form, library);
  const bytes = await renderWorkbook(plan);
  const grids = await readWorkbook(bytes);
  return { plan, bytes, grids, parsed: parseWorkbook(grids) };
}

describe("form → .xlsx → form", () => {
  it.each(forms.map((f) => [f.kind, f] as const))("%s comes back the same, every value at its cell", async (_kind, form) => {
    const { plan, grids, parsed } = await roundTrip(form);
    expect(parsed).toHaveLength(1);
    const [only] = parsed;
    expect(only!.issues).toEqual([]);
    const sheet = plan.sheets[0]!.name;
    expect(only!.sheet).toBe(sheet);
    expect(comparable(only!.form!, sheet)).toEqual(comparable(form, sheet));
    expectCellsRight(only!.form!, grids.find((g) => g.name === sheet)!.values);
  });

  it("puts each value where a reader expects it", async () => {
    const { plan, parsed } = await roundTrip(forms[0]!);
    const cells = parsed[0]!.form!.cells!;
    const header = plan.sheets[0]!.values.findIndex((row) => row[0] === "一级指标");
    expect(cells.year).toBe("'绩效目标申报表'!B2");
    expect(cells["project.name"]).toBe("'绩效目标申报表'!B4");
    expect(cells["project.code"]).toBe("'绩效目标申报表'!G4");
    expect(cells["funds.fiscal"]).toBe("'绩效目标申报表'!G8");
    expect(cells["indicators[0].name"]).toBe(`'绩效目标申报表'!C${header + 2}`);
    expect(cells["indicators[2].target"]).toBe(`'绩效目标申报表'!F${header + 4}`);
    expect(cells["indicators[8].unit"]).toBe(`'绩效目标申报表'!H${header + 10}`);
  });

  it("keeps text that looks like a formula as text", async () => {
    const { grids } = await roundTrip(forms[1]!);
    const flat = grids[0]!.values.flat();
    expect(flat).toContain("=SUM(A1:A2)");
    expect(flat).toContain("+调整管护合同");
    expect(flat).toContain("加快资金拨付进度，-按月调度");
  });

  it("lays out several forms in one workbook, each on its own sheet", async () => {
    const second = { ...targetForm(), project: { ...targetForm().project, code: "P2025-LY-02", name: "国土绿化项目" } };
    const plan = layoutWorkbook(
      [
        { kind: "target", form: forms[0] },
        { kind: "target", form: second },
        { kind: "monitor", form: forms[1], serverRevision: 7 },
        { kind: "selfEval" },
      ],
      library,
    );
    const names = plan.sheets.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(["绩效目标申报表", "绩效目标申报表(2)", "绩效运行监控表", "绩效自评表", librarySheetName, metaSheetName]);
    const parsed = parseWorkbook(await readWorkbook(await renderWorkbook(plan)));
    expect(parsed.map((p) => p.sheet)).toEqual(names.slice(0, 4));
    expect(parsed[1]!.form!.project.name).toBe("国土绿化项目");
    expect(parsed[1]!.form!.cells!["project.name"]).toBe("'绩效目标申报表(2)'!B4");
    expect(parsed[2]!.form!.kind).toBe("monitor");
    // the blank self-evaluation is a template with its header still to fill
    expect(parsed[3]!.form).toBeUndefined();
    expect(parsed[3]!.issues.map((i) => i.rule)).toContain("P002");
    expect(parsed[3]!.issues.every((i) => i.rule !== "P001")).toBe(true);
  });

  it("lays out a blank template from the starter library", async () => {
    const lib = starterLibrary();
    const plan = layoutForm("target", undefined, lib);
    const form = plan.sheets[0]!;
    const header = form.values.findIndex((row) => row[0] === "一级指标");
    const note = form.values.findIndex((row) => typeof row[0] === "string" && row[0].startsWith("填报说明"));
    expect(note - header - 1).toBe(15);
    const libSheet = plan.sheets.find((s) => s.name === librarySheetName)!;
    expect(libSheet.visibility).toBe("hidden");
    expect(libSheet.names?.map((n) => n.name)).toContain("数量指标");
    const names = new Set(libSheet.values.slice(2).flatMap((row) => row.slice(0, 11)).filter((v) => typeof v === "string"));
    expect(names.size).toBeGreaterThanOrEqual(200);
    const meta = plan.sheets.find((s) => s.name === metaSheetName)!;
    expect(meta.visibility).toBe("veryHidden");
    expect(meta.values).toContainEqual(["*", "libraryVersion", String(lib.version)]);
    expect(meta.values).toContainEqual(["绩效目标申报表", "kind", "target"]);
    const grids = await readWorkbook(await renderWorkbook(plan));
    expect(grids.map((g) => [g.name, g.state])).toEqual([
      ["绩效目标申报表", "visible"],
      [librarySheetName, "hidden"],
      [metaSheetName, "veryHidden"],
    ]);
    const [parsed] = parseWorkbook(grids);
    expect(parsed!.form).toBeUndefined();
    const p002 = parsed!.issues.filter((i) => i.rule === "P002").map((i) => [i.path, i.cell]);
    expect(p002).toContainEqual(["year", "'绩效目标申报表'!B2"]);
    expect(p002).toContainEqual(["project.name", "'绩效目标申报表'!B4"]);
  });
});

describe("blank templates read back as templates still to fill", () => {
  it.each(["target", "monitor", "selfEval"] as const)("%s", async (kind) => {
    const plan = layoutForm(kind, undefined, library);
    const [parsed] = parseWorkbook(await readWorkbook(await renderWorkbook(plan)));
    expect(parsed!.form).toBeUndefined();
    const rules = new Set(parsed!.issues.map((i) => i.rule));
    expect([...rules]).toEqual(["P002"]);
    for (const i of parsed!.issues) expect(i.cell, i.path).toMatch(/^'绩效.+'!B\d+$|^'绩效.+'!G\d+$/);
    const paths = parsed!.issues.map((i) => i.path);
    if (kind === "monitor") expect(paths).toEqual(expect.arrayContaining(["month", "budget.annual", "budget.executedToDate"]));
    if (kind === "selfEval") expect(paths).toEqual(expect.arrayContaining(["budget.adjusted", "budget.executed"]));
  });
});

describe.skipIf(!libreOffice())("after LibreOffice opens and re-saves the file", () => {
  const files: { form: Form; path: string; resaved?: string }[] = [];
  let grids: SheetGrid[][] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-rt-"));
    for (const form of forms) {
      const path = join(dir, `${form.kind}.xlsx`);
      writeFileSync(path, await renderWorkbook(layoutForm(form.kind, form, library)));
      files.push({ form, path });
    }
    const out = libreOfficeResave(...files.map((f) => f.path));
    files.forEach((f, i) => (f.resaved = out[i]));
    grids = await Promise.all(files.map((f) => readWorkbook(f.resaved!)));
  }, 180_000);

  it.each([0, 1, 2])("form %i comes back the same, every value at its cell", (i) => {
    const { form } = files[i]!;
    const parsed = parseWorkbook(grids[i]!);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.issues).toEqual([]);
    const sheet = parsed[0]!.sheet;
    expect(comparable(parsed[0]!.form!, sheet)).toEqual(comparable(form, sheet));
    expectCellsRight(parsed[0]!.form!, grids[i]!.find((g) => g.name === sheet)!.values);
  });

  it("resolves INDIRECT on a row's level-2 label to that level-2's library names (the name dropdown's source)", async () => {
    const plan = layoutForm("target", undefined, library);
    const header = plan.sheets[0]!.values.findIndex((row) => row[0] === "一级指标");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderWorkbook(plan)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const r = header + 2; // first grid row, 1-based
    ws.getCell(`B${r}`).value = "数量指标";
    ws.getCell(`T${r}`).value = { formula: `ROWS(INDIRECT(B${r}))` } as ExcelJS.CellFormulaValue;
    ws.getCell(`U${r}`).value = { formula: `INDEX(INDIRECT(B${r}),1)` } as ExcelJS.CellFormulaValue;
    const dir = mkdtempSync(join(tmpdir(), "jixiao-ind-"));
    const path = join(dir, "indirect.xlsx");
    writeFileSync(path, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const [resaved] = libreOfficeResave(path);
    const grid = (await readWorkbook(resaved!))[0]!.values;
    const quantity = library.indicators.filter((i) => i.level2 === "quantity" && i.status === "active").map((i) => i.name);
    expect(grid[r - 1]![19]).toBe(quantity.length);
    expect(grid[r - 1]![20]).toBe(quantity[0]);
  }, 120_000);

  it("keeps the library and metadata sheets hidden (LibreOffice has no veryHidden: it saves it as hidden)", () => {
    const states = Object.fromEntries(grids[0]!.map((g) => [g.name, g.state]));
    expect(states[librarySheetName]).toBe("hidden");
    expect(["hidden", "veryHidden"]).toContain(states[metaSheetName]);
  });

  describe.skipIf(!openpyxl())("openpyxl", () => {
    it("sees the dropdowns, names and hidden sheets LibreOffice kept", () => {
      const view = openpyxlView(files[1]!.resaved!);
      expect(view.sheets.map((s) => [s.name, s.state])).toEqual([
        ["绩效运行监控表", "visible"],
        [librarySheetName, "hidden"],
        [metaSheetName, "hidden"],
      ]);
      const formulas = view.validations["绩效运行监控表"]!.map((v) => v.formula1);
      expect(formulas).toContain('"产出指标,成本指标,效益指标,满意度指标"');
      expect(formulas).toContain('"确定能,有可能,完全不可能"');
      expect(formulas.some((f) => /^INDIRECT\(\$B\d+\)$/.test(f ?? ""))).toBe(true);
      expect(view.names["数量指标"]).toMatch(/指标库'?!\$A\$3:\$A\$\d+/);
      expect(view.sheets[0]!.orientation).toBe("landscape");
    });
  });
});

describe.skipIf(!openpyxl())("openpyxl reads what exceljs wrote", () => {
  it("sees dropdowns, defined names, hidden and veryHidden sheets, frozen header, print setup, text as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-op-"));
    const path = join(dir, "monitor.xlsx");
    const plan = layoutForm("monitor", forms[1], library);
    writeFileSync(path, await renderWorkbook(plan));
    const view = openpyxlView(path);
    expect(view.sheets.map((s) => [s.name, s.state])).toEqual([
      ["绩效运行监控表", "visible"],
      [librarySheetName, "hidden"],
      [metaSheetName, "veryHidden"],
    ]);
    const header = plan.sheets[0]!.values.findIndex((row) => row[0] === "一级指标");
    const form = view.sheets[0]!;
    expect(form.freeze).toBe(`A${header + 2}`);
    expect(form.orientation).toBe("landscape");
    expect(form.fitToWidth).toBe(1);
    expect(form.titleRows).toBe(`$${header + 1}:$${header + 1}`);
    const dvs = view.validations["绩效运行监控表"]!;
    expect(dvs.find((v) => v.formula1?.startsWith("INDIRECT"))).toMatchObject({ errorStyle: "warning" });
    expect(dvs.find((v) => v.formula1 === '"是,否"')).toBeDefined();
    expect(dvs.find((v) => /指标库'!\$M\$3/.test(v.formula1 ?? ""))).toBeDefined();
    expect(Object.keys(view.names)).toEqual(expect.arrayContaining(["数量指标", "经济成本指标", "服务对象满意度指标"]));
    const texts = Object.values(view.cells).filter(([v]) => v === "=SUM(A1:A2)" || v === "+调整管护合同");
    expect(texts.length).toBeGreaterThan(0);
    for (const [, type] of texts) expect(type).toBe("s");
  });
});
