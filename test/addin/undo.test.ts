// One step back for the pane's writes: what the cells held is read before the write (one or two
// syncs, never more with more rows) and put back by undo (one sync): a sheet the insert created is
// deleted, a row the pick inserted is removed, a range gets its formulas back.
import { describe, expect, it } from "vitest";
import { restoreSnapshot, takeSnapshot } from "../../addin/excel/undo.ts";
import { mockExcel } from "./mock-excel.ts";

describe("undo snapshots", () => {
  it("records a missing sheet as created and an existing one's used range, in two syncs whatever the rows", async () => {
    for (const rows of [3, 3000]) {
      const values = Array.from({ length: rows }, (_, r) => [`指标${r}`, r]);
      const x = mockExcel({ sheets: { 绩效目标申报表: { used: { address: `A1:B${rows}`, values } } } });
      const snap = await takeSnapshot(x.context, [{ sheet: "绩效目标申报表" }, { sheet: "绩效目标申报表(2)" }]);
      expect(x.syncs()).toBe(2);
      expect(snap.steps[1]).toEqual({ sheet: "绩效目标申报表(2)", created: true });
      const kept = snap.steps[0] as { address: string; formulas: unknown[][]; wholeSheet: boolean };
      expect(kept.address).toBe(`A1:B${rows}`);
      expect(kept.formulas).toHaveLength(rows);
      expect(kept.wholeSheet).toBe(true);
    }
  });

  it("puts back in one sync: deletes created sheets, removes an inserted row, writes the old formulas", async () => {
    const x = mockExcel({ sheets: { 绩效目标申报表: {} } });
    await restoreSnapshot(x.context, {
      steps: [
        { sheet: "绩效目标申报表(2)", created: true },
        { sheet: "绩效目标申报表", insertedRow: 29 },
        { sheet: "绩效目标申报表", address: "A16:H16", formulas: [["产出指标", "数量指标", "森林管护面积", "", "≥", 120, "", "万亩"]] },
      ],
    });
    expect(x.syncs()).toBe(1);
    const deletes = x.calls(".delete").map((e) => e.path);
    expect(deletes).toHaveLength(2);
    expect(deletes[0]).toBe("绩效目标申报表!30:30.delete"); // last step first
    expect(deletes[1]).toBe("绩效目标申报表(2).delete");
    expect(x.sets(".formulas").map((e) => e.path)).toEqual(["绩效目标申报表!A16:H16.formulas"]);
  });
});
