// The pure model, without a server: the passes over the source, units the directory no longer
// knows, forms whose body does not fit the schema, and the grid and plan the add-in pulls with.
import { describe, expect, it } from "vitest";
import { consolidate, gridRow, headerRow, indicatorColumns, planOf, sheetsOf, summaryColumns, type StoredForm } from "../../shared/consolidate/index.ts";
import { defaultPolicy } from "../../shared/policy.ts";
import { formOf, YEAR } from "../server/helpers.ts";

function stored(unit: string, project: string, kind: "target" | "selfEval", form: unknown = formOf(kind, unit, project)): StoredForm {
  return { key: { year: YEAR, unit, project, kind }, status: "submitted", revision: 1, form: form as Record<string, unknown>, issues: [] };
}

describe("consolidate()", () => {
  it("walks the forms once for the summary and once more for each generated sheet, holding no rows", async () => {
    const list = [stored("U-A", "P1", "selfEval"), stored("U-A", "P2", "selfEval"), stored("U-X", "P1", "target")];
    let walks = 0;
    const c = await consolidate({
      year: YEAR,
      policy: defaultPolicy,
      units: [{ code: "U-A", name: "林业局", confidential: false }],
      keys: list.map((s) => s.key),
      forms: function* () {
        walks++;
        yield* list;
      },
    });
    expect(walks).toBe(1);
    expect(c.counts).toEqual({ forms: 3, rows: 21, findings: 0 });
    let n = 0;
    for await (const r of c.rows()) {
      n++;
      expect(r.unitCode).toMatch(/^U-/);
    }
    expect(n).toBe(21);
    expect(walks).toBe(2);
    // A unit the directory does not know is shown under the name on its form, and owes nothing more.
    const x = c.summary.find((s) => s.unitCode === "U-X" && s.kind === "target")!;
    expect(x).toMatchObject({ unitName: "水利局", expected: 1, received: 1 });
    expect(sheetsOf(c).map((s) => [s.columns.name, s.count])).toEqual([
      ["汇总", 6],
      ["表单", 3],
      ["指标明细", 21],
      ["未报送单位", 4], // U-A target and monitor, U-X monitor and selfEval
      ["问题清单", 0],
    ]);
  });

  it("lists a form whose body does not fit the schema, with no figures and no rows", async () => {
    const bad = stored("U-A", "P1", "selfEval", { kind: "selfEval", year: YEAR, project: { name: "坏表" }, indicators: "x" });
    const c = await consolidate({ year: YEAR, kind: "selfEval", policy: defaultPolicy, units: [], keys: [bad.key], forms: () => [bad] });
    expect(c.forms[0]).toMatchObject({ readable: false, score: null, projectName: "坏表", indicators: 0 });
    expect(c.counts.rows).toBe(0);
  });

  it("gives grid rows as the sheet shows them, and a plan for the formats", async () => {
    const c = await consolidate({ year: YEAR, kind: "selfEval", policy: defaultPolicy, units: [], keys: [], forms: () => [stored("U-A", "P1", "selfEval")] });
    const first = (await c.rows().next()).value!;
    const grid = gridRow(indicatorColumns, first);
    expect(grid.slice(4, 10)).toEqual(["绩效自评表", "已报送", 1, "产出指标", "数量指标", "森林管护面积"]);
    expect(grid).toHaveLength(headerRow(indicatorColumns).length);
    const plan = planOf(summaryColumns, c.summary.length);
    expect(plan.values[0]![0]).toBe("单位代码");
    expect(plan.freeze).toEqual({ rows: 1, columns: 0 });
    // 24 columns of the forms, then 9 of the bureau's cycle: A … AG
    expect(plan.tables![0]!.range).toBe("A1:AG2");
    expect(plan.print).toMatchObject({ orientation: "landscape", fitToWidth: true, titleRows: "1:1" });
  });
});
