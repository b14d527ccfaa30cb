// Library upkeep in Excel: the library laid out as a sheet, read back unchanged, the sheet checks
// (codes unique, pairs in the frame, units, ranges, replacements) at their cells, the changelog
// preview against the published version, and the selection reader the return comments use.
import { describe, expect, it } from "vitest";
import { toMatrix } from "../../addin/excel/cells.ts";
import { firstCell, selectedRange } from "../../addin/excel/selection.ts";
import { toGrid } from "../../addin/excel/read.ts";
import { libraryColumns, librarySheetPlan, previewChanges, readLibrarySheet, type SheetValue } from "../../shared/library-sheet.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { mockExcel } from "./mock-excel.ts";

const library = starterLibrary();
const col = (key: string) => libraryColumns.findIndex((c) => c.key === key);

/** The plan's values as Excel would hand them back: written through toMatrix, apostrophes dropped. */
function asRead(values: SheetValue[][]): SheetValue[][] {
  const m = toMatrix(values).map((r) => r.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v)));
  return toGrid("指标库维护", `A1:${"P"}${m.length}`, m).grid;
}

describe("library sheet", () => {
  it("reads back the library it was laid out from, with no findings and no changes", () => {
    const plan = librarySheetPlan(library);
    const read = readLibrarySheet(asRead(plan.values), { published: library });
    expect(read.basedOn).toBe(library.version);
    expect(read.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(read.indicators).toEqual(library.indicators);
    const changes = previewChanges(library, read.indicators);
    expect([changes.added, changes.changed, changes.deprecated, changes.removed]).toEqual([[], [], [], []]);
  });

  it("finds duplicate codes, pairs outside the frame, odd units, bad ranges and missing replacements at their cells", () => {
    const grid = asRead(librarySheetPlan(library).values);
    const first = grid[2]!;
    const code = String(first[col("code")]);
    const row = (over: Record<string, SheetValue>) => {
      const r = [...first];
      for (const [k, v] of Object.entries(over)) r[col(k)] = v;
      return r;
    };
    grid.push(
      row({}), // duplicate of the first indicator's code (row 3)
      row({ code: "NEW-1", name: "新增指标甲", level1: "产出指标", level2: "生态效益指标" }),
      row({ code: "NEW-2", name: "新增指标乙", unit: "公 里" }),
      row({ code: "NEW-3", name: "新增指标丙", unit: "%", min: 80, max: 120 }),
      row({ code: "NEW-4", name: "新增指标丁", min: 9, max: 3 }),
      row({ code: "NEW-5", name: "新增指标戊", status: "停用", replacedBy: "NOPE" }),
      row({ code: "NEW-6", name: "新增指标己", unit: "吨公里" }),
    );
    const read = readLibrarySheet(grid, { published: library });
    const at = (check: string) => read.findings.filter((f) => f.check === check).map((f) => `${f.severity} ${f.cell}`);
    const n = grid.length; // rows are 1-based in A1
    const L = (key: string) => String.fromCharCode(65 + col(key));
    expect(at("duplicate-code")).toEqual([`error ${L("code")}${n - 6}`]);
    expect(at("frame")).toEqual([`error ${L("level2")}${n - 5}`]);
    expect(at("unit")).toEqual([`warning ${L("unit")}${n - 4}`, `warning ${L("unit")}${n}`]);
    expect(at("range")).toContain(`error ${L("max")}${n - 3}`);
    expect(at("range")).toContain(`error ${L("min")}${n - 2}`);
    expect(at("replacement")).toEqual([`error ${L("replacedBy")}${n - 1}`]);
    expect(read.findings.find((f) => f.check === "duplicate-code")!.message.zh).toContain(code);
  });

  it("previews adds, changes and deprecations with their replacement", () => {
    const grid = asRead(librarySheetPlan(library).values);
    const [a, b] = [grid[2]!, grid[3]!];
    a[col("name")] = `${a[col("name")]}（修订）`;
    b[col("status")] = "停用";
    b[col("replacedBy")] = "ADD-1";
    grid.push([...a].map((v, i) => (i === col("code") ? "ADD-1" : i === col("name") ? "新增的指标" : v)));
    const read = readLibrarySheet(grid, { published: library });
    expect(read.findings.filter((f) => f.severity === "error")).toEqual([]);
    const c = previewChanges(library, read.indicators);
    expect(c.added).toEqual(["ADD-1"]);
    expect(c.changed).toEqual([String(a[col("code")])]);
    expect(c.deprecated).toEqual([{ code: String(b[col("code")]), replacedBy: "ADD-1" }]);
    expect(c.version).toBe(library.version + 1);
  });

  it("says so when the sheet has no library header", () => {
    expect(readLibrarySheet([["x"]]).findings[0]).toMatchObject({ check: "header", cell: "A1", severity: "error" });
  });
});

describe("selectedRange", () => {
  it("reads the selection's address in one sync", async () => {
    const x = mockExcel({});
    (x.context.workbook as any).getSelectedRange = () => ({ address: "'绩效目标申报表'!$F$12:$G$13", load: () => undefined });
    expect(await selectedRange(x.context)).toEqual({ sheet: "绩效目标申报表", address: "F12:G13" });
    expect(x.syncs()).toBe(1);
    expect(firstCell("F12:G13")).toBe("F12");
  });
});
