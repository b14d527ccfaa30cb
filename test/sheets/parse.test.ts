// parseForm on sheets as units leave them: inserted and blank rows, merged cells, extra and
// reordered columns, labels spelt differently; and on sheets that are no template at all.
import { describe, expect, it } from "vitest";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { parseForm, type Grid } from "../../shared/sheet/parse.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { monitorForm, selfEvalForm, smallLibrary, targetForm } from "./fixtures.ts";

const _ = null;

/** A 申报表 typed by hand in a county's own layout. */
function messyTarget(): Grid {
  return [
    [_, _, "２０２５年度项目支出绩效目标申报表", _, _, _, _, _],
    [_, _, _, _, _, _, _, _],
    ["（单位盖章）", _, _, _, _, _, _, "金额单位：万元"],
    [_, "年 度：", _, "２０２５", _, "主管部门：某区自然资源和规划局", _, _],
    [_, "预算单位名称", "某区林业局", _, _, "单位代码：", 101001, _],
    [_, _, _, _, _, _, _, _],
    [_, "项目名称：", _, "森林资源管护项目（二期）", _, "项目编码", "P2025-LY-01", _],
    [_, "所属领域", "林业", _, _, "项目属性", "延续", _],
    [_, "实施期限", "2025年1月-2025年12月", _, _, "是否面向公众服务：", "√", _],
    [_, "资金情况（万元）", "年度资金总额", "其中：财政拨款", "其他资金", "上年结转资金", _, _],
    [_, _, 1250.5, 1200, "50.5", _, _, _],
    [_, "总体目标", "加强森林资源管护。", _, _, _, _, _],
    [_, "年度绩效目标", "完成森林管护面积５０万亩。", _, _, _, _, _],
    // a two-row header: 指标值 merged down from the row above, an extra 备注 column, 计量单位
    // before 指标值, no 设定依据 or 不适用 column, 自定义 last
    [_, "绩效指标", _, _, _, "指标值", _, _],
    ["序号", "一级指标", "二级指标", "三级指标名称", "计量单位", _, "备注", "自定义"],
    [1, "产出指标", "数量", "森林管护面积", "万亩", "≥５０万亩", _, _],
    [2, _, _, "生态护林员选聘人数", "人", 1200, "含续聘", _],
    [_, _, _, _, _, _, _, _],
    [3, _, "质量指标", "当年造林成活率", "%", "≥95%", _, _],
    [4, "成本指标", "经济成本指标", "每万亩管护成本", "万元/万亩", "20-25.5", _, "是"],
    [_, _, _, _, _, _, "（下转）", _],
    [5, "效益指标", "生态效益指标", _, _, _, _, _],
    [6, _, "可持续影响", "森林覆盖率", "%", "72", _, _],
    [7, "满意度指标", "服务对象满意度指标", "服务对象满意度", "%", "９０％", _, _],
    [_, _, _, _, _, _, _, _],
    [_, "填表人：张三", _, _, "联系电话：12345678", _, _, _],
  ];
}

describe("parseForm on a hand-made sheet", () => {
  const { form, issues } = parseForm(messyTarget(), "申报表");

  it("reads the header by its labels wherever they sit", () => {
    expect(issues).toEqual([]);
    expect(form).toBeDefined();
    expect(form!.kind).toBe("target");
    expect(form!.year).toBe(2025);
    // the fixture's unit and project (test/sheets/fixtures.ts), typed into the county's layout
    const typed = targetForm();
    expect(form!.unit).toEqual(typed.unit);
    expect(form!.project).toEqual(typed.project);
    expect(form!.funds).toEqual({ total: 1250.5, fiscal: 1200, other: "50.5" });
    expect(form!.goals).toEqual({ overall: "加强森林资源管护。", annual: "完成森林管护面积５０万亩。" });
  });

  it("points at the cells the header values came from", () => {
    const c = form!.cells!;
    expect(c.year).toBe("'申报表'!D4");
    expect(c["project.department"]).toBe("'申报表'!F4"); // label and value in one cell
    expect(c["unit.code"]).toBe("'申报表'!G5");
    expect(c["funds.total"]).toBe("'申报表'!C11"); // a row of labels with the values below
    expect(c["funds.other"]).toBe("'申报表'!E11");
    expect(c["goals.annual"]).toBe("'申报表'!C13");
  });

  it("reads the rows: merged level-1 and level-2 cells fill down, blank rows are skipped, the footer ends the grid", () => {
    expect(form!.indicators).toEqual([
      { level1: "output", level2: "quantity", name: "森林管护面积", unit: "万亩", target: "≥５０万亩", custom: false },
      { level1: "output", level2: "quantity", name: "生态护林员选聘人数", unit: "人", target: 1200, custom: false },
      { level1: "output", level2: "quality", name: "当年造林成活率", unit: "%", target: "≥95%", custom: false },
      { level1: "cost", level2: "economicCost", name: "每万亩管护成本", unit: "万元/万亩", target: "20-25.5", custom: true },
      // a row with only its levels is a label row, never an indicator: it sets the level-1 below it
      { level1: "benefit", level2: "sustainability", name: "森林覆盖率", unit: "%", target: "72", custom: false },
      { level1: "satisfaction", level2: "serviceSatisfaction", name: "服务对象满意度", unit: "%", target: "９０％", custom: false },
    ]);
  });

  it("points at each row's cells", () => {
    const c = form!.cells!;
    expect(c["indicators[0].target"]).toBe("'申报表'!F16");
    expect(c["indicators[1].level1"]).toBe("'申报表'!B17");
    expect(c["indicators[2].name"]).toBe("'申报表'!D19");
    expect(c["indicators[3].custom"]).toBe("'申报表'!H20");
    expect(c["indicators[4].name"]).toBe("'申报表'!D23");
    expect(c["indicators[5].unit"]).toBe("'申报表'!E24");
  });

  it("fills a level-1 left empty from its level-2", () => {
    const grid = messyTarget();
    grid[21]![1] = null; // 效益指标 gone: the row below a 成本指标 row
    grid[21]![3] = "森林火灾受害率";
    const { form: f } = parseForm(grid, "申报表");
    expect(f!.indicators[4]).toMatchObject({ level1: "benefit", level2: "ecological" });
  });
});

describe("parseForm says what it cannot read", () => {
  it("P001 for a sheet that is no template", () => {
    const { form, issues } = parseForm([["姓名", "电话"], ["张三", 123]], "通讯录");
    expect(form).toBeUndefined();
    expect(issues).toMatchObject([{ rule: "P001", severity: "error" }]);
  });

  it("P001 naming the missing table header when the metadata says it is a template", () => {
    const { issues } = parseForm([["年度", 2025]], "绩效目标申报表", { kind: "target" });
    expect(issues).toMatchObject([{ rule: "P001", path: "indicators" }]);
    expect(issues[0]!.message.zh).toContain("表头");
  });

  it("P002 for an empty required header value, P003 for a bad year or month, each with the cell", () => {
    const grid = layoutForm("monitor", monitorForm(), smallLibrary()).sheets[0]!.values as Grid;
    const at = (label: string) => grid.findIndex((row) => row[0] === label);
    grid[at("年度")]![1] = "二〇二五";
    grid[at("监控月份")]![1] = "十三";
    grid[at("项目名称")]![1] = null;
    const { form, issues } = parseForm(grid, "绩效运行监控表");
    expect(form).toBeUndefined();
    const by = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(by.year).toMatchObject({ rule: "P003", cell: `'绩效运行监控表'!B${at("年度") + 1}` });
    expect(by.month).toMatchObject({ rule: "P003", cell: `'绩效运行监控表'!B${at("监控月份") + 1}` });
    expect(by["project.name"]).toMatchObject({ rule: "P002", cell: `'绩效运行监控表'!B${at("项目名称") + 1}` });
  });

  it("P003 for a row value that is not on the list, keeping the rest of the form", () => {
    const grid = layoutForm("selfEval", selfEvalForm(), smallLibrary()).sheets[0]!.values as Grid;
    const header = grid.findIndex((row) => row[0] === "一级指标");
    grid[header + 2]![4] = "约等于";
    grid[header + 3]![1] = "数量质量指标";
    const { form, issues } = parseForm(grid, "绩效自评表");
    expect(form).toBeDefined();
    expect(form!.indicators).toHaveLength(8);
    expect(form!.indicators[1]!.operator).toBeUndefined();
    expect(issues).toMatchObject([
      { rule: "P003", path: "indicators[1].operator", cell: `'绩效自评表'!E${header + 3}` },
      { rule: "P003", path: "indicators[2].level2", cell: `'绩效自评表'!B${header + 4}` },
    ]);
  });

  it("reads a sheet without metadata by its title and labels", () => {
    for (const form of [targetForm(), monitorForm(), selfEvalForm()]) {
      const grid = layoutForm(form.kind, form, smallLibrary()).sheets[0]!.values as Grid;
      const parsed = parseForm(grid, "Sheet1");
      expect(parsed.issues).toEqual([]);
      expect(parsed.form!.kind).toBe(form.kind);
      expect(parsed.form!.indicators).toHaveLength(form.indicators.length);
    }
  });

  it("parseWorkbook leaves out sheets that are not forms when others are", () => {
    const grid = layoutForm("target", targetForm(), smallLibrary()).sheets[0]!.values as Grid;
    const parsed = parseWorkbook([
      { name: "说明", values: [["本工作簿包含项目绩效目标"]] },
      { name: "申报表", values: grid },
      { name: "指标库", values: [["数量指标"]], state: "hidden" },
    ]);
    expect(parsed.map((p) => p.sheet)).toEqual(["申报表"]);
    expect(parseWorkbook([{ name: "说明", values: [["你好"]] }])).toMatchObject([{ sheet: "说明", issues: [{ rule: "P001" }] }]);
    expect(parseWorkbook([])).toMatchObject([{ issues: [{ rule: "P001" }] }]);
  });
});

describe("form.cells", () => {
  it("behaves as a plain record: JSON, spreading, structuredClone, assignment", () => {
    const grid = layoutForm("target", targetForm(), smallLibrary()).sheets[0]!.values as Grid;
    const fresh = () => parseForm(grid, "S").form!;
    const address = fresh().cells!["indicators[0].name"];
    expect(address).toMatch(/^'S'!C\d+$/);
    expect((JSON.parse(JSON.stringify(fresh())) as { cells: Record<string, string> }).cells["indicators[0].name"]).toBe(address);
    expect({ ...fresh() }.cells!["indicators[0].name"]).toBe(address);
    expect(structuredClone(fresh()).cells!["indicators[0].name"]).toBe(address);
    const f = fresh();
    f.cells = { year: "'S'!Z9" };
    expect(f.cells).toEqual({ year: "'S'!Z9" });
    expect(Object.keys(fresh())).toContain("cells");
  });
});
