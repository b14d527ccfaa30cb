// Workbooks as units send them, not as our renderer writes them: county layouts typed by hand in
// openpyxl (a second header row under 指标值, a row of fund labels with values below,
// `填报单位（盖章）：`, 所属领域 as counties write it, a chart sheet). Each reads with its cells right.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { checkFile } from "../../server/cli/validate.ts";
import { formsFromXlsx } from "../../server/xlsx/forms.ts";
import { openpyxl } from "../support/system.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-units-"));

function python(script: string, ...args: string[]): string {
  const py = join(dir, `s${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(py, script);
  return execFileSync("/usr/bin/python3", [py, ...args], { encoding: "utf8", timeout: 120_000 });
}

// A county's own 项目支出绩效目标申报表: labels with full-width colons, 2015 frame (cost under
// output), 指标值 merged over a second header row 符号 | 数值, merged level cells, a 备注 column.
const county = String.raw`
import sys, openpyxl
from openpyxl.chart import BarChart, Reference
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.merge_cells("A1:I1"); ws["A1"] = "2025年项目支出绩效目标申报表"
ws["A2"] = "填报单位（盖章）：某县教育局"
ws["A3"] = "项目名称："; ws["B3"] = "义务教育学生营养改善计划"; ws["F3"] = "项目编码："; ws["G3"] = "P2025-JY-07"
ws["A4"] = "单位编码："; ws["B4"] = 201003; ws["F4"] = "所属领域："; ws["G4"] = sys.argv[2]
ws["A5"] = "项目属性："; ws["B5"] = "新增"; ws["F5"] = "项目期限："; ws["G5"] = "2025年1月-2025年12月"
ws["A6"] = "是否面向社会公众服务："; ws["B6"] = "√"
ws["A7"] = "资金总额"; ws["B7"] = "财政资金"; ws["C7"] = "其他资金"
ws["A8"] = 300; ws["B8"] = 300; ws["C8"] = 0
ws["A9"] = "年度绩效目标："; ws.merge_cells("B9:I9"); ws["B9"] = "保障全县12所学校3,600名学生每天营养餐供应。"
ws["A10"] = "一级指标"; ws.merge_cells("A10:A11")
ws["B10"] = "二级指标"; ws.merge_cells("B10:B11")
ws["C10"] = "三级指标"; ws.merge_cells("C10:C11")
ws["D10"] = "指标值"; ws.merge_cells("D10:E10"); ws["D11"] = "符号"; ws["E11"] = "数值"
ws["F10"] = "计量单位"; ws.merge_cells("F10:F11")
ws["G10"] = "备注"; ws.merge_cells("G10:G11")
rows = [
  ("产出指标", "数量指标", "营养改善计划受益学生数", "≥", "3600", "人", "含寄宿生"),
  (None, "质量指标", "学生食品安全事故", "=", "0", "起", None),
  (None, "时效指标", "学生资助金发放及时率", "≥", 0.95, "%", None),
  ("效益指标", "社会效益指标", "农村学生营养健康状况改善", "定性", "达成年度指标", None, None),
  ("满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥", "９０％", "%", None),
]
for i, row in enumerate(rows):
    for j, v in enumerate(row):
        if v is not None: ws.cell(row=12 + i, column=1 + j).value = v
ws["E14"].number_format = "0%"
ws.merge_cells("A12:A14")
ws["A17"] = "单位负责人：李四"; ws["E17"] = "填报人：王五"
if sys.argv[3] == "chart":
    cs = wb.create_chartsheet("图表")
    ch = BarChart(); ch.add_data(Reference(ws, min_col=1, min_row=8, max_col=3)); cs.add_chart(ch)
wb.save(sys.argv[1])
`;

describe.skipIf(!openpyxl())("county forms typed in openpyxl", () => {
  let path = "";
  beforeAll(() => {
    path = join(dir, "county.xlsx");
    python(county, path, "教育", "");
  });

  it("reads a two-row indicator header (指标值 over 符号 | 数值): no row for the second header row, each value from its column", async () => {
    const [sheet, ...rest] = await formsFromXlsx(path);
    expect(rest).toEqual([]);
    expect(sheet!.issues).toEqual([]);
    const form = sheet!.form!;
    expect(form.indicators.map((r) => [r.name, r.operator, r.target, r.unit])).toEqual([
      ["营养改善计划受益学生数", ">=", "3600", "人"],
      ["学生食品安全事故", "=", "0", "起"],
      ["学生资助金发放及时率", ">=", "95%", "%"],
      ["农村学生营养健康状况改善", "qualitative", "达成年度指标", undefined],
      ["学生及家长满意度", ">=", "９０％", "%"],
    ]);
    const cells = form.cells!;
    expect(cells["indicators[0].operator"]).toBe("'Sheet1'!D12");
    expect(cells["indicators[0].target"]).toBe("'Sheet1'!E12");
    expect(cells["indicators[4].target"]).toBe("'Sheet1'!E16");
  });

  it("reads `填报单位（盖章）：` as the unit, with its cell", async () => {
    const [sheet] = await formsFromXlsx(path);
    expect(sheet!.form!.unit).toEqual({ code: "201003", name: "某县教育局" });
    expect(sheet!.form!.cells!["unit.name"]).toBe("'Sheet1'!A2");
  });

  it.each([
    ["农业", "agriculture"],
    ["卫生", "health"],
    ["交通", "roads"],
    ["文旅", "tourism"],
    ["教育", "education"],
    ["其他领域", "其他领域"],
  ])("所属领域 %s reads as %s", async (typed, field) => {
    const p = join(dir, `field-${typed}.xlsx`);
    python(county, p, typed, "");
    const [sheet] = await formsFromXlsx(p);
    expect(sheet!.form!.project.field).toBe(field);
  });

  it("reads a workbook with a chart sheet openpyxl wrote (its drawing has no xdr: prefix)", async () => {
    const p = join(dir, "county-chart.xlsx");
    python(county, p, "教育", "chart");
    const sheets = await formsFromXlsx(p);
    expect(sheets.map((s) => [s.sheet, s.issues])).toEqual([["Sheet1", []]]);
    const report = await checkFile(p, starterLibrary());
    expect(report.error).toBeUndefined();
  });
});
