import { describe, expect, it } from "vitest";
import { readGrid, readGrids, toGrid } from "../../addin/excel/read.ts";
import { clearMarks, markCells, markColours } from "../../addin/excel/marks.ts";
import { replaceIndicators, selectCell, showComments, writeCells, writeRow } from "../../addin/excel/ops.ts";
import { toCellValue } from "../../addin/excel/cells.ts";
import { columnLetter, parseRange, qualify, splitAddress } from "../../shared/sheet/a1.ts";
import { mockExcel } from "./mock-excel.ts";

const S = "绩效目标申报表";

function usedRows(rows: number): (string | number)[][] {
  return Array.from({ length: rows }, (_, i) => ["产出指标", "数量指标", `指标${i}`, i, ""]);
}

describe("a1 and cell values", () => {
  it("names columns and splits addresses", () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(parseRange("B3:K40")).toEqual({ top: 2, left: 1, bottom: 39, right: 10 });
    expect(splitAddress("'My ''x'' sheet'!B3")).toEqual({ sheet: "My 'x' sheet", local: "B3" });
    expect(qualify("绩效目标申报表", "B3")).toBe("'绩效目标申报表'!B3");
    expect(qualify("Sheet1", "B3")).toBe("Sheet1!B3");
  });
  it("keeps text that Excel would coerce as text", () => {
    expect(["95%", "001", "2024-01", "=5元/生·天", "-5", "TRUE", "≥95%", "-", "森林", 12, true, null, "'引号开头"].map(toCellValue)).toEqual([
      "'95%", "'001", "'2024-01", "'=5元/生·天", "'-5", "'TRUE", "≥95%", "-", "森林", 12, true, "", "''引号开头",
    ]);
  });
});

describe("readGrid", () => {
  it("is one load of the used range, anchored at A1", async () => {
    const x = mockExcel({ sheets: { [S]: { used: { address: "B3:D4", values: [["a", "", 1], ["", "", ""]] } } }, active: S });
    const g = await readGrid(x.context);
    expect(x.syncs()).toBe(1);
    expect(g.sheet).toBe(S);
    expect(g.origin).toEqual({ row: 2, column: 1 });
    expect(g.grid).toEqual([[], [], [null, "a", null, 1]].map((r) => (r.length ? r : [null, null, null, null])));
    expect(x.calls(".getUsedRange").map((e) => e.args)).toEqual([[true]]);
  });

  it("reads the form and its metadata sheet in the same sync", async () => {
    const x = mockExcel({
      sheets: { [S]: { used: { address: "A1:B1", values: [["x", 2]] } }, _jixiao: { used: { address: "A1:B1", values: [["kind", "target"]] } } },
    });
    const [form, meta] = await readGrids(x.context, [S, "_jixiao"]);
    expect(x.syncs()).toBe(1);
    expect(form!.grid).toEqual([["x", 2]]);
    expect(meta!.grid).toEqual([["kind", "target"]]);
  });

  it("takes one sync for 10 and for 10,000 rows", async () => {
    for (const rows of [10, 10_000]) {
      const x = mockExcel({ sheets: { [S]: { used: { address: `A1:E${rows}`, values: usedRows(rows) } } }, active: S });
      const g = await readGrid(x.context, S);
      expect(g.grid).toHaveLength(rows);
      expect(x.syncs()).toBe(1);
    }
  });

  it("reads what the unit sees: percentages and dates by their number format, in the same one load", async () => {
    const x = mockExcel({
      sheets: {
        [S]: {
          used: {
            address: "B2:F3",
            values: [[0.95, 0.95, 45658, 0.95, "≥95%"], [1200, 0.9, 45658.5, "x", ""]],
            numberFormat: [["0%", "0.0%", "yyyy-mm", "General", "@"], ["#,##0.00", "0%", "yyyy-mm-dd hh:mm", "0%", "General"]],
          },
        },
      },
      active: S,
    });
    const g = await readGrid(x.context, S);
    expect(x.syncs()).toBe(1);
    expect(g.grid.slice(1)).toEqual([
      [null, "95%", "95.0%", "2025-01-01", 0.95, "≥95%"],
      [null, 1200, "90%", "2025-01-01T12:00:00", "x", null],
    ]);
  });

  it("reads numbers as they are when the formats do not come back", () => {
    expect(toGrid("x", "x!A1:B1", [[0.95, 2]]).grid).toEqual([[0.95, 2]]);
    expect(toGrid("x", "x!A1:B1", [[0.95, 2]], [["0%"]]).grid).toEqual([["95%", 2]]);
  });

  it("reads an empty sheet as an empty grid", () => {
    expect(toGrid("x", "x!A1", [[""]]).grid).toEqual([]);
  });
});

describe("markCells / clearMarks", () => {
  const issues = [
    { cell: "D4", severity: "warning" as const },
    { cell: "D4", severity: "error" as const },
    { cell: `'${S}'!C5`, severity: "info" as const },
    { severity: "error" as const },
  ];

  it("paints each cell once by its worst finding, remembering the fill it had", async () => {
    const x = mockExcel({ sheets: { [S]: { fills: { D4: "#D9E1F2" } } } });
    const marks = await markCells(x.context, issues, { sheet: S });
    expect(x.syncs()).toBe(2);
    expect(marks.marks).toEqual([
      { sheet: S, address: "D4", severity: "error", fill: "#D9E1F2" },
      { sheet: S, address: "C5", severity: "info", fill: "#FFFFFF" },
    ]);
    const painted = x.sets(".format.fill.color").map((e) => [e.path, e.value]);
    expect(painted).toEqual([
      [`${S}!D4.format.fill.color`, markColours.error],
      [`${S}!C5.format.fill.color`, markColours.info],
    ]);
  });

  it("restores the previous marks before painting the new ones, and clears them", async () => {
    const x = mockExcel();
    const previous = { marks: [{ sheet: S, address: "D4", severity: "error" as const, fill: "#D9E1F2" }, { sheet: S, address: "E9", severity: "warning" as const, fill: "#FFFFFF" }] };
    await markCells(x.context, [{ cell: "C5", severity: "warning" }], { sheet: S, previous });
    const writes = x.log.filter((e) => e.path.includes("fill")).map((e) => `${e.path}${e.value ? `=${e.value}` : ""}`);
    expect(writes).toEqual([`${S}!D4.format.fill.color=#D9E1F2`, `${S}!E9.format.fill.clear`, `${S}!C5.format.fill.color=${markColours.warning}`]);

    const y = mockExcel();
    await clearMarks(y.context, previous);
    expect(y.syncs()).toBe(1);
    expect(y.sets(".color").map((e) => e.value)).toEqual(["#D9E1F2"]);
    expect(y.calls("fill.clear")).toHaveLength(1);
  });

  it("takes the same syncs for 10 and 10,000 findings", async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const x = mockExcel();
      const many = Array.from({ length: n }, (_, i) => ({ cell: `D${i + 4}`, severity: "error" as const }));
      const marks = await markCells(x.context, many, { sheet: S });
      await clearMarks(x.context, marks);
      expect(marks.marks).toHaveLength(n);
      counts.push(x.syncs());
    }
    expect(counts).toEqual([3, 3]);
  });
});

describe("selectCell, writeRow, writeCells, replaceIndicators", () => {
  it("selects a cell on its sheet", async () => {
    const x = mockExcel({ sheets: { [S]: {} } });
    await selectCell(x.context, `'${S}'!D7`);
    expect(x.calls(`${S}.activate`)).toHaveLength(1);
    expect(x.calls(`${S}!D7.select`)).toHaveLength(1);
    expect(x.syncs()).toBe(1);
  });

  it("writes a picked indicator into the active row, contiguous cells in one write", async () => {
    const x = mockExcel({ activeCell: { sheet: S, row: 8 } });
    const r = await writeRow(x.context, {
      cells: [
        { column: 0, value: "产出指标" },
        { column: 1, value: "数量指标" },
        { column: 2, value: "森林管护面积" },
        { column: 4, value: "万亩" },
        { column: 9, value: "FOR-001" },
      ],
    });
    expect(r).toEqual({ sheet: S, row: 8, syncs: 2 });
    expect(x.sets(".values").map((e) => [e.path, e.value])).toEqual([
      [`${S}!A9:C9.values`, [["产出指标", "数量指标", "森林管护面积"]]],
      [`${S}!E9.values`, [["万亩"]]],
      [`${S}!J9.values`, [["FOR-001"]]],
    ]);
  });

  it("writes into a given row with one sync", async () => {
    const x = mockExcel();
    const r = await writeRow(x.context, { sheet: S, row: 3, cells: [{ column: 2, value: "x" }] });
    expect(r.syncs).toBe(1);
    expect(x.sets(".values")[0]!.path).toBe(`${S}!C4.values`);
  });

  it("writes formula-looking text as text: a leading apostrophe, never a formula", async () => {
    const x = mockExcel();
    const typed = ["=SUM(A1:A9)", "+86 电话", "-按月调度", "@部分乡镇", "森林"];
    await writeRow(x.context, { sheet: S, row: 5, cells: typed.map((value, column) => ({ column, value })) });
    expect(x.sets(".values").map((e) => e.value)).toEqual([[["'=SUM(A1:A9)", "'+86 电话", "'-按月调度", "'@部分乡镇", "森林"]]]);

    const y = mockExcel();
    await replaceIndicators(y.context, [{ nameCell: "C4", codeCell: "D4", name: "=HYPERLINK(\"http://x\")", code: "-1" }], S);
    await writeCells(y.context, [{ cell: "E4", value: "+1" }, { cell: "E5", value: "@x" }], S);
    expect(y.sets(".values").map((e) => e.value)).toEqual([[["'=HYPERLINK(\"http://x\")"]], [["'-1"]], [["'+1"]], [["'@x"]]]);
  });

  it("replaces deprecated indicators in place, one sync for any number", async () => {
    for (const n of [10, 10_000]) {
      const x = mockExcel();
      const reps = Array.from({ length: n }, (_, i) => ({ nameCell: `C${i + 4}`, codeCell: `J${i + 4}`, name: "森林覆盖率", code: "F-9" }));
      await replaceIndicators(x.context, reps, S);
      expect(x.syncs()).toBe(1);
      expect(x.sets(".values")).toHaveLength(2 * n);
    }
    const x = mockExcel();
    await writeCells(x.context, [{ cell: `'${S}'!C4`, value: "新名称" }]);
    expect(x.sets(".values")[0]).toMatchObject({ path: `${S}!C4.values`, value: [["新名称"]] });
  });
});

describe("showComments", () => {
  const comments = [{ cell: "D5", comment: "目标值偏低，请参照历史数据" }, { sheet: S, cell: "C6", comment: "名称不规范" }];

  it("adds Excel comments with ExcelApi 1.10, replacing ours on the same cells", async () => {
    const x = mockExcel({ comments: [{ address: `'${S}'!D5`, content: "财政局 / Finance: 旧意见" }, { address: `'${S}'!A1`, content: "unit's own note" }] });
    const r = await showComments(x.context, comments, { defaultSheet: S, supports: () => true });
    expect(r).toEqual({ mode: "comments", syncs: 3 });
    expect(x.calls(`comment('${S}'!D5).delete`)).toHaveLength(1);
    expect(x.calls(`comment('${S}'!A1).delete`)).toHaveLength(0);
    expect(x.calls("comments.add").map((e) => e.args)).toEqual([
      [`'${S}'!D5`, "财政局 / Finance: 目标值偏低，请参照历史数据"],
      [`'${S}'!C6`, "财政局 / Finance: 名称不规范"],
    ]);
    expect(x.sets("fill.color")).toHaveLength(2);
  });

  it("falls back to a fill below ExcelApi 1.10", async () => {
    const x = mockExcel();
    const r = await showComments(x.context, comments, { defaultSheet: S, supports: () => false });
    expect(r).toEqual({ mode: "fill", syncs: 1 });
    expect(x.calls("comments.add")).toHaveLength(0);
    expect(x.sets("fill.color").map((e) => e.path)).toEqual([`${S}!D5.format.fill.color`, `${S}!C6.format.fill.color`]);
  });
});
