// Several forms in one workbook: an insert keeps the other forms' metadata, gives a new form a free
// sheet name (layoutWorkbook's `(2)`), and replaces a form inserted again in its own sheet.
import { afterEach, describe, expect, it } from "vitest";
import type { Form } from "../../shared/form.ts";
import { librarySheetName, metaHeader, metaSheetName } from "../../shared/sheet/layout.ts";
import { type GridValue } from "../../shared/sheet/parse.ts";
import { readMeta } from "../../shared/sheet/workbook.ts";
import type { WorkbookPlan } from "../../shared/sheet/plan.ts";
import { planFor } from "../../addin/src/sheets.ts";
import { placePlan, sheetOfForm, uniqueSheetName } from "../../shared/sheet/place.ts";
import { excelWorkbook, insertPlan } from "../../addin/excel/workbook.ts";
import { monitorForm, smallLibrary, targetForm } from "../sheets/fixtures.ts";
import { mockExcel, type MockExcel } from "./mock-excel.ts";

const T = "绩效目标申报表";
const library = smallLibrary();

function target(code: string, name = `项目${code}`): Form {
  const f = targetForm();
  f.project.code = code;
  f.project.name = name;
  return f;
}

const metaOf = (plan: WorkbookPlan) => plan.sheets.find((s) => s.name === metaSheetName)!.values as GridValue[][];
const formNames = (plan: WorkbookPlan) => plan.sheets.filter((s) => (s.visibility ?? "visible") === "visible").map((s) => s.name);

/** the metadata matrix the mock last saw written */
function writtenMeta(x: MockExcel): GridValue[][] {
  const w = x.sets(".values").filter((e) => e.path.startsWith(`${metaSheetName}!A1`));
  return w[w.length - 1]!.value as GridValue[][];
}

describe("placePlan", () => {
  it("leaves a plan alone in an empty workbook", () => {
    const plan = planFor("target", target("P001"), library);
    expect(placePlan(plan, { sheets: [] })).toEqual(plan);
  });

  it("gives a second form a free name and keeps the first form's rows", () => {
    const first = planFor("target", target("P001"), library);
    const second = planFor("target", target("P002"), library);
    const placed = placePlan(second, { sheets: [T, librarySheetName, metaSheetName], meta: metaOf(first) });
    expect(formNames(placed)).toEqual([`${T}(2)`]);
    expect(second.sheets[0]!.name).toBe(T); // the plan given is not changed
    const meta = readMeta(metaOf(placed));
    expect(meta.get(T)?.["project.code"]).toBe("P001");
    expect(meta.get(`${T}(2)`)?.["project.code"]).toBe("P002");
    expect(meta.get(librarySheetName)?.role).toBe("library");
    expect(meta.get("*")?.template).toBe("jixiao");
    expect(metaOf(placed)[0]).toEqual([...metaHeader]);
    // one set of workbook-wide rows, not two
    expect(metaOf(placed).filter((r) => r[0] === "*" && r[1] === "template")).toHaveLength(1);
    const style = placed.sheets.find((s) => s.name === metaSheetName)!.styles![0]!;
    expect(style.range).toBe(`A1:C${metaOf(placed).length}`);
  });

  it("puts a form inserted again in its own sheet, its rows replaced, not repeated", () => {
    const first = planFor("target", target("P001"), library);
    const twoForms = placePlan(planFor("target", target("P002"), library), { sheets: [T, librarySheetName, metaSheetName], meta: metaOf(first) });
    const all = [T, `${T}(2)`, librarySheetName, metaSheetName];
    const again = placePlan(planFor("target", target("P002", "改名的项目"), library, 7), { sheets: all, meta: metaOf(twoForms) });
    expect(formNames(again)).toEqual([`${T}(2)`]);
    const rows = metaOf(again);
    expect(rows.filter((r) => r[0] === `${T}(2)` && r[1] === "project.name")).toEqual([[`${T}(2)`, "project.name", "改名的项目"]]);
    expect(readMeta(rows).get(`${T}(2)`)?.serverRevision).toBe("7");
    expect(readMeta(rows).get(T)?.["project.code"]).toBe("P001");
    // and the first form again: its own sheet
    expect(formNames(placePlan(planFor("target", target("P001"), library), { sheets: all, meta: rows }))).toEqual([T]);
    // a monitor form is keyed as the server keys it: a later month replaces its sheet
    const june = planFor("monitor", monitorForm(), library);
    const monitorSheet = formNames(june)[0]!;
    const july = monitorForm();
    (july as { month: number }).month = 7;
    const placed = placePlan(planFor("monitor", july, library), { sheets: [monitorSheet, librarySheetName, metaSheetName], meta: metaOf(june) });
    expect(formNames(placed)).toEqual([monitorSheet]);
    expect(readMeta(metaOf(placed)).get(monitorSheet)?.month).toBe("7");
  });

  it("keeps forms of other kinds, drops rows of sheets no longer in the workbook", () => {
    const first = planFor("target", target("P001"), library);
    const m = monitorForm();
    const placed = placePlan(planFor("monitor", m, library), { sheets: [librarySheetName, metaSheetName], meta: metaOf(first) });
    const meta = readMeta(metaOf(placed));
    expect(meta.has(T)).toBe(false); // the user deleted the target sheet
    expect(meta.get(formNames(placed)[0]!)?.kind).toBe("monitor");

    const kept = placePlan(planFor("monitor", m, library), { sheets: [T, librarySheetName, metaSheetName], meta: metaOf(first) });
    expect(readMeta(metaOf(kept)).get(T)?.kind).toBe("target");
  });

  it("never takes a sheet the metadata does not name as this form's", () => {
    // a sheet of the user's (or a form whose metadata an older version lost) with the same name
    const placed = placePlan(planFor("target", target("P001"), library), { sheets: ["Sheet1", T, `${T.toLowerCase()}(2)`] });
    expect(formNames(placed)).toEqual([`${T}(3)`]);
    expect(uniqueSheetName("x".repeat(40), new Set(["x".repeat(31)]))).toBe(`${"x".repeat(28)}(2)`);
    expect(uniqueSheetName("Sheet", new Set(["sheet"]))).toBe("Sheet(2)");
  });

  it("finds a form's sheet by its metadata, not by its kind's name", () => {
    // two target forms: the second in `绩效目标申报表(2)`; finance's comments name the kind's sheet
    const first = planFor("target", target("P001"), library);
    const twoForms = placePlan(planFor("target", target("P002"), library), { sheets: [T, librarySheetName, metaSheetName], meta: metaOf(first) });
    const found = { sheets: [T, librarySheetName, metaSheetName, `${T}(2)`], meta: metaOf(twoForms) };
    const key = (project: string) => ({ kind: "target", unit: target(project).unit.code, project, year: target(project).year });
    expect(sheetOfForm(found, key("P002"))).toBe(`${T}(2)`);
    expect(sheetOfForm(found, key("P001"))).toBe(T);
    expect(sheetOfForm(found, key("P404"))).toBeUndefined();
    // a sheet the metadata names but the workbook no longer has is not an answer
    expect(sheetOfForm({ ...found, sheets: [T] }, key("P002"))).toBeUndefined();
  });
});

describe("insertPlan", () => {
  it("two inserts: both forms' metadata are in the workbook, syncs do not grow", async () => {
    const x = mockExcel();
    const { plan: a } = await insertPlan(x.context, planFor("target", target("P001"), library));
    const afterFirst = x.syncs();
    expect(formNames(a)).toEqual([T]);
    expect(afterFirst).toBe(3); // list the sheets; renderPlan's two

    const { plan: b } = await insertPlan(x.context, planFor("target", target("P002"), library));
    expect(formNames(b)).toEqual([`${T}(2)`]);
    expect(x.syncs() - afterFirst).toBe(5); // list, read the metadata; renderPlan's three over existing sheets
    const meta = readMeta(writtenMeta(x));
    expect(meta.get(T)?.["project.code"]).toBe("P001");
    expect(meta.get(`${T}(2)`)?.["project.code"]).toBe("P002");
    expect(x.calls("worksheets.add").map((e) => e.args![0])).toEqual([T, librarySheetName, metaSheetName, `${T}(2)`]);
  });

  it("takes the same syncs whatever the number of forms already there", async () => {
    const counts: number[] = [];
    for (const forms of [1, 300]) {
      const first = planFor("target", target("P000"), library);
      const rows = [...metaOf(first)];
      const names = [T, librarySheetName, metaSheetName];
      for (let i = 1; i < forms; i++) {
        const name = `${T}(${i + 1})`;
        names.push(name);
        rows.push([name, "role", "form"], [name, "kind", "target"], [name, "project.code", `Q${i}`]);
      }
      const x = mockExcel({
        sheets: Object.fromEntries(names.map((n) => [n, n === metaSheetName ? { used: { address: `A1:C${rows.length}`, values: rows as (string | number)[][] } } : {}])),
      });
      await insertPlan(x.context, planFor("target", target("NEW"), library));
      const meta = readMeta(writtenMeta(x));
      expect([...meta.values()].filter((r) => r.role === "form")).toHaveLength(forms + 1);
      counts.push(x.syncs());
    }
    expect(counts).toEqual([5, 5]);
  });

  describe("excelWorkbook().insert", () => {
    const saved = (globalThis as any).Excel;
    afterEach(() => {
      (globalThis as any).Excel = saved;
    });

    it("gives the plan as placed: the sheet the form went to", async () => {
      const x = mockExcel();
      (globalThis as any).Excel = { run: (fn: (ctx: Excel.RequestContext) => Promise<unknown>) => fn(x.context) };
      const wb = excelWorkbook();
      const first = await wb.insert(planFor("target", target("P001"), library));
      expect(first.undo.steps).toContainEqual({ sheet: T, created: true });
      const { plan } = await wb.insert(planFor("target", target("P002"), library));
      expect(plan.sheets[0]!.name).toBe(`${T}(2)`);
    });
  });
});
