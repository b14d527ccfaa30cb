// Where a picked indicator goes: the indicator grid only (never the funds rows), the active row
// when it is an empty grid row, the next empty one otherwise, a new row above the footer when the
// grid is full, and a question before a filled row is replaced.
import { describe, expect, it } from "vitest";
import { newFormSkeleton } from "../../addin/src/formsheet.ts";
import { planFor } from "../../addin/src/sheets.ts";
import { indicatorGrid, nextEmpty, pickTarget } from "../../addin/src/unit/pick-row.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";

type Grid = (string | number | boolean | null)[][];
const library = starterLibrary();
const form = newFormSkeleton({ kind: "target", year: 2025, unit: { code: "U01", name: "区林业局" }, project: { code: "P001", name: "森林资源管护项目", field: "forestry", attribute: "continuing", servesPublic: true } });
const blank = () => planFor("target", form, library).sheets[0]!.values.map((r) => [...r]) as Grid;
const rowOf = (grid: Grid, text: string) => grid.findIndex((r) => r.includes(text));

describe("pickTarget", () => {
  it("finds the grid between its header and the footer", () => {
    const grid = blank();
    const g = indicatorGrid(grid)!;
    expect(g.first).toBe(rowOf(grid, "三级指标") + 1);
    expect(g.footer).toBe(grid.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("填报说明")));
    expect(g.last).toBe(g.footer! - 1);
  });

  it("never writes on a funds row: the active cell there sends the pick to the first empty grid row", () => {
    const grid = blank();
    const g = indicatorGrid(grid)!;
    expect(pickTarget(grid, g, rowOf(grid, "年度资金总额"))).toEqual({ row: g.first, insert: false });
    expect(pickTarget(grid, g, undefined)).toEqual({ row: g.first, insert: false });
  });

  it("uses the active row when it is empty, and asks before replacing a filled one", () => {
    const grid = blank();
    const g = indicatorGrid(grid)!;
    expect(pickTarget(grid, g, g.first + 3)).toEqual({ row: g.first + 3, insert: false });
    grid[g.first]![g.columns.name!] = "森林覆盖率";
    expect(pickTarget(grid, g, g.first)).toEqual({ row: g.first, insert: false, replaces: "森林覆盖率" });
    // picking twice from outside the grid: the second goes under the first
    expect(pickTarget(grid, g, 0)).toEqual({ row: g.first + 1, insert: false });
    expect(nextEmpty(grid, g, g.first + 1)).toEqual({ row: g.first + 1, insert: false });
  });

  it("inserts a row above the footer when every grid row is filled", () => {
    const grid = blank();
    const g = indicatorGrid(grid)!;
    for (let r = g.first; r <= g.last; r++) grid[r]![g.columns.name!] = `指标${r}`;
    expect(pickTarget(grid, g, 0)).toEqual({ row: g.last + 1, insert: true });
    // the footer is never written over
    expect(pickTarget(grid, g, g.footer!)).toEqual({ row: g.footer!, insert: true });
  });
});
