// Monitoring and self-evaluation forms as county units fill them, typed by hand in openpyxl (not
// made by our renderer): a 项目支出绩效运行监控表 with its funds block (年初预算数 | 全年预算数 |
// 1-6月执行数 | 执行率), the month in the title or a 监控时点 cell, 偏差原因分析 and 完成目标可能性 as
// tick columns (or one column of ☑/□ choices) and a 备注 column; a 项目支出绩效自评表 in the
// 财预〔2020〕10号 annex layout (年度总体目标 over 预期目标 | 实际完成情况, 总分 under 分值 | 得分, the year
// on its own line). Each value lands in its field with its cell, directly and after LibreOffice
// re-saves the file, and `jixiao validate` reports only what a finance clerk would agree with.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Form, MonitorForm, SelfEvalForm } from "../../shared/form.ts";
import { parseForm, type Grid } from "../../shared/sheet/parse.ts";
import { formsFromXlsx } from "../../server/xlsx/forms.ts";
import { libreOffice, openpyxl } from "../support/system.ts";
import { libreOfficeResave } from "./office.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-county-forms-"));

function python(script: string, ...args: string[]): void {
  const py = join(dir, `s${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(py, script);
  execFileSync("/usr/bin/python3", [py, ...args], { encoding: "utf8", timeout: 120_000 });
}

async function onlyForm(path: string): Promise<Form> {
  const sheets = await formsFromXlsx(path);
  expect(sheets).toHaveLength(1);
  expect(sheets[0]!.issues).toEqual([]);
  return sheets[0]!.form!;
}

interface CliForm {
  sheet?: string;
  kind: string;
  issues: { rule: string; severity: string; path: string; cell?: string }[];
  score?: { budget: number; rows: number[]; total: number; grade: string };
  lights?: { budget: string; rows: (string | null)[] };
}

/** `node server/cli/bin.js validate --json FILE`: the one form it reports. */
function validate(path: string): CliForm {
  const r = spawnSync("node", ["server/cli/bin.js", "validate", "--json", path], { encoding: "utf8", timeout: 120_000 });
  expect(r.status, r.stderr).not.toBe(2);
  const out = JSON.parse(r.stdout) as { files: { forms: CliForm[] }[] };
  expect(out.files[0]!.forms).toHaveLength(1);
  return out.files[0]!.forms[0]!;
}

// argv: out, "ticks" (tick columns) | "text" (one column of ☑/□ choices), where the month is:
// "title" (（1-6月） in the title, 1-6月实际完成值 over the grid), "cell" (监控时点：2025年6月30日),
// "jiezhi" (（截至2025年7月31日） in the title). The grid column says 累计完成值 unless "title".
const monitorScript = String.raw`
import sys, openpyxl
from openpyxl.styles import Alignment
# argv: out, variant ("ticks" | "text"), month-place ("title" | "cell" | "jiezhi")
out, variant, where = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "监控表"
title = "2025年度项目支出绩效运行监控表"
if where == "title": title += "（1-6月）"
if where == "jiezhi": title += "（截至2025年7月31日）"
ws.merge_cells("A1:O1"); ws["A1"] = title
ws["A2"] = "填报单位（盖章）：某县林业局"
if where == "cell": ws["L2"] = "监控时点："; ws["M2"] = "2025年6月30日"
ws["A3"] = "项目名称"; ws.merge_cells("B3:F3"); ws["B3"] = "天然林保护修复工程"
ws["G3"] = "项目编码"; ws.merge_cells("H3:J3"); ws["H3"] = "P2025-LY-03"
ws["A4"] = "主管部门"; ws.merge_cells("B4:F4"); ws["B4"] = "某县自然资源局"
ws["G4"] = "单位编码"; ws["H4"] = 305001
ws["A5"] = "所属领域"; ws["B5"] = "林业"; ws["G5"] = "项目属性"; ws["H5"] = "延续项目"
ws["A6"] = "实施期限"; ws["B6"] = "2025.01-2025.12"; ws["G6"] = "是否面向社会公众服务"; ws["H6"] = "是"
# funds block: section label merged down, a row of labels, rows of amounts
ws.merge_cells("A7:A10"); ws["A7"] = "项目资金（万元）"
ws["C7"] = "年初预算数"; ws["D7"] = "全年预算数"; ws["E7"] = "1-6月执行数"; ws["F7"] = "执行率"
rows = [("年度资金总额", 120, 120, 94.2), ("其中：财政资金", "１２０", 120, 94.2), ("其他资金", 0, 0, 0)]
for i, (name, a, b, c) in enumerate(rows):
    r = 8 + i
    ws.cell(row=r, column=2).value = name
    ws.cell(row=r, column=3).value = a; ws.cell(row=r, column=4).value = b; ws.cell(row=r, column=5).value = c
ws["F8"] = "=E8/D8"; ws["F8"].number_format = "0.0%"
ws["F9"] = "78.5%"
ws["A11"] = "年度绩效目标"; ws.merge_cells("B11:O11")
ws["B11"] = "完成天然林管护12万亩，新造林3000亩，成活率85%以上，森林火灾受害率控制在0.9‰以内。"
# indicator grid, two header rows
h, s = 12, 13
for col, label in [("A", "一级指标"), ("B", "二级指标"), ("C", "三级指标"), ("D", "年度指标值"), ("E", "1-6月实际完成值" if where == "title" else "累计完成值"), ("F", "全年预计完成值")]:
    ws[f"{col}{h}"] = label; ws.merge_cells(f"{col}{h}:{col}{s}")
ws.merge_cells(f"G{h}:K{h}"); ws[f"G{h}"] = "偏差原因分析"
for col, label in zip("GHIJK", ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]):
    ws[f"{col}{s}"] = label
if variant == "ticks":
    ws.merge_cells(f"L{h}:N{h}"); ws[f"L{h}"] = "完成目标可能性"
    for col, label in zip("LMN", ["确定能", "有可能", "完全不可能"]):
        ws[f"{col}{s}"] = label
else:
    ws[f"L{h}"] = "完成目标可能性"; ws.merge_cells(f"L{h}:N{s}")
ws[f"O{h}"] = "备注"; ws.merge_cells(f"O{h}:O{s}")
# name, level1, level2, target, toDate, expected, tick deviation (col), possibility, remark
data = [
  ("产出指标", "数量指标", "森林管护面积", "≥90万亩", "90万亩", "90万亩", None, "certain", None),
  (None, None, "人工造林面积", "≥3000亩", "８００亩", "2600亩", "J", "possible", "春季苗木未到位"),
  (None, "质量指标", "当年造林成活率", "≥90%", "90%", "90%", None, "certain", None),
  (None, "时效指标", "造林任务按季节完成率", "≥95%", 0.6, "95%", "G", "possible", None),
  ("成本指标", "经济成本指标", "项目成本超支率", "≤5%", "0", "≤3%", None, "certain", None),
  ("效益指标", "生态效益指标", "森林火灾受害率", "≤0.3‰", "0", "≤0.3‰", None, "certain", None),
  (None, "社会效益指标", "带动农村低收入人口就业人数", "≥50人", "５０人", "60人", None, "certain", None),
  ("满意度指标", "服务对象满意度指标", "林农满意度", "≥90%", "—", "92%", None, "certain", "年底开展问卷调查"),
]
marks = {"certain": "L", "possible": "M", "impossible": "N"}
text = {"certain": "☑确定能 □有可能 □完全不可能", "possible": "□确定能 ☑有可能 □完全不可能", "impossible": "□确定能 □有可能 ☑完全不可能"}
tick = ["√", "✓", "是"]
r = s + 1
for i, (l1, l2, name, tgt, todate, exp, dev, poss, note) in enumerate(data):
    if l1: ws[f"A{r}"] = l1
    if l2: ws[f"B{r}"] = l2
    ws[f"C{r}"] = name; ws[f"D{r}"] = tgt; ws[f"E{r}"] = todate; ws[f"F{r}"] = exp
    if isinstance(todate, float): ws[f"E{r}"].number_format = "0%"
    if dev: ws[f"{dev}{r}"] = tick[i % 3]
    if variant == "ticks": ws[f"{marks[poss]}{r}"] = "√"
    else: ws[f"L{r}"] = text[poss]; ws.merge_cells(f"L{r}:N{r}")
    if note: ws[f"O{r}"] = note
    r += 1
ws.merge_cells(f"A{s+1}:A{s+4}"); ws.merge_cells(f"B{s+1}:B{s+2}")
r += 1  # a blank row
ws[f"A{r}"] = "填表人：张三"; ws[f"F{r}"] = "联系电话：0871-1234567"; ws[f"K{r}"] = "填报日期：2025年7月10日"
ws[f"A{r+1}"] = "说明：偏差原因分析在对应栏内打“√”。"
wb.save(out)
`;

// argv: out, "full" | "bare" (the annex as published: no 项目编码/单位编码/所属领域/项目属性/面向公众),
// "value" | "formula" (总分's 得分 typed, or a formula openpyxl leaves without a cached value).
const selfEvalScript = String.raw`
import sys, openpyxl
out = sys.argv[1]
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "自评表"
ws.merge_cells("A1:J1"); ws["A1"] = "项目支出绩效自评表"
ws.merge_cells("A2:J2"); ws["A2"] = "（２０２４年度）"
ws["A3"] = "项目名称"; ws.merge_cells("B3:D3"); ws["B3"] = "农村饮水安全巩固提升工程"
ws["E3"] = "主管部门"; ws["F3"] = "某县水务局"
ws["G3"] = "实施单位"; ws.merge_cells("H3:J3"); ws["H3"] = "某县农村供水管理站"
if sys.argv[2] != "bare":
    for col, v in zip("ABCDEFGHIJ", ["项目编码", "P2024-SW-011", "单位编码", "402006", "所属领域", "水利", "项目属性", "延续", "是否面向社会公众服务", "是"]):
        ws[f"{col}4"] = v
# funds: section label merged down, labels row, row names in B
ws.merge_cells("A5:B9"); ws["A5"] = "项目资金（万元）"
ws.unmerge_cells("A5:B9"); ws.merge_cells("A5:A9")
for col, label in zip("CDEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
    ws[f"{col}5"] = label
ws.merge_cells("H5:J5")
rows = [("年度资金总额", 200, 200, 190, 10, None, 9.5),
        ("其中：当年财政拨款", 200, 200, 190, "—", "—", "—"),
        ("上年结转资金", 0, 0, 0, "—", "—", "—"),
        ("其他资金", 0, 0, 0, "—", "—", "—")]
for i, row in enumerate(rows):
    r = 6 + i
    ws.cell(row=r, column=2).value = row[0]
    for j, v in enumerate(row[1:]):
        ws.cell(row=r, column=3 + j).value = v
    ws.merge_cells(f"H{r}:J{r}")
ws["G6"] = "=E6/D6"; ws["G6"].number_format = "0.00%"
# 年度总体目标: 预期目标 | 实际完成情况 side by side
ws["A10"] = "年度总体目标"; ws.merge_cells("A10:A11")
ws["B10"] = "预期目标"; ws.merge_cells("B10:E10")
ws["F10"] = "实际完成情况"; ws.merge_cells("F10:J10")
ws["B11"] = "新建集中供水工程3处，改造管网45公里，巩固提升1.2万农村人口饮水安全保障水平。"; ws.merge_cells("B11:E11")
ws["F11"] = "建成集中供水工程3处，改造管网46公里，1.2万农村人口饮水安全保障水平得到提升。"; ws.merge_cells("F11:J11")
# grid
ws["A12"] = "绩效指标"; ws.merge_cells("A12:A22")
for col, label in zip("BCDEFGHI", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
    ws[f"{col}12"] = label
ws.merge_cells("I12:J12")
data = [
  ("产出指标", "数量指标", "中小河流治理长度", "≥28公里", "２９公里", 10, 10, None),
  (None, None, "新增恢复灌溉面积", "≥2000亩", "2100亩", 10, 10, None),
  (None, "质量指标", "水利工程质量验收合格率", "100%", "100%", 10, 10, None),
  (None, "时效指标", "汛前水毁工程修复及时率", "≥95%", 0.9, 10, 9.47, "2处水毁工程因雨季顺延，已督促施工单位加快进度。"),
  ("成本指标", "经济成本指标", "项目成本超支率", "≤5%", "0", 10, 10, None),
  ("效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", 10, 10, None),
  (None, None, "农村供水工程受益人口", "≥1.2万人", "1.2万人", 10, 10, None),
  (None, "可持续影响指标", "水土保持率", "≥85%", "86%", 10, 10, None),
  ("满意度指标", "服务对象满意度指标", "受益群众对农村供水满意度", "≥90%", "95%", 10, 10, None),
]
r = 13
for (l1, l2, name, tgt, act, w, sc, dev) in data:
    for col, v in zip("BCDEFGHI", [l1, l2, name, tgt, act, w, sc, dev]):
        if v is not None: ws[f"{col}{r}"] = v
    if isinstance(act, float): ws[f"F{r}"].number_format = "0%"
    ws.merge_cells(f"I{r}:J{r}")
    r += 1
ws.merge_cells("B13:B16"); ws.merge_cells("C13:C14"); ws.merge_cells("B18:B20"); ws.merge_cells("C18:C19")
# row 22 blank (inside the merged 绩效指标)
ws["A23"] = "总分"; ws.merge_cells("A23:F23"); ws["G23"] = 100; ws["H23"] = "=H6+SUM(H13:H21)" if sys.argv[3] == "formula" else 98.97; ws["I23"] = "等级"; ws["J23"] = "优"
ws["A25"] = "填报人：李梅"; ws["E25"] = "联系电话：13800000000"; ws["H25"] = "填报日期：2025年3月5日"
wb.save(out)
`;

const sheet = (a: string) => `'监控表'!${a}`;

describe.skipIf(!openpyxl())("a county 项目支出绩效运行监控表", () => {
  const path = (v: string, w: string) => join(dir, `monitor-${v}-${w}.xlsx`);
  beforeAll(() => {
    for (const [v, w] of [["ticks", "title"], ["text", "cell"], ["ticks", "jiezhi"]] as const) python(monitorScript, path(v, w), v, w);
  });

  it("reads the funds block (年初预算数 | 全年预算数 | 1-6月执行数 | 执行率) with 执行率 not taken for the amount executed", async () => {
    const form = (await onlyForm(path("ticks", "title"))) as MonitorForm;
    expect(form.kind).toBe("monitor");
    expect(form.month).toBe(6);
    expect(form.budget).toEqual({ annual: 120, executedToDate: 94.2 });
    expect(form.funds).toEqual({ total: 120, fiscal: "１２０", other: 0 });
    const c = form.cells!;
    expect([c["budget.annual"], c["budget.executedToDate"], c["funds.total"], c["funds.fiscal"], c["funds.other"]]).toEqual(
      ["D8", "E8", "C8", "C9", "C10"].map(sheet),
    );
    expect(form.goals.annual).toMatch(/^完成天然林管护/);
  });

  it("reads 偏差原因分析 and 完成目标可能性 laid out as tick columns: the ticked column's choice, with the ticked cell", async () => {
    const form = (await onlyForm(path("ticks", "title"))) as MonitorForm;
    expect(form.indicators.map((r) => [r.level1, r.level2, r.name, r.target, r.toDate, r.expected, r.possibility, r.deviationCategory ?? null, r.measures ?? null])).toEqual([
      ["output", "quantity", "森林管护面积", "≥90万亩", "90万亩", "90万亩", "certain", null, null],
      ["output", "quantity", "人工造林面积", "≥3000亩", "８００亩", "2600亩", "possible", "hardware", "春季苗木未到位"],
      ["output", "quality", "当年造林成活率", "≥90%", "90%", "90%", "certain", null, null],
      ["output", "timeliness", "造林任务按季节完成率", "≥95%", "60%", "95%", "possible", "funding", null],
      ["cost", "economicCost", "项目成本超支率", "≤5%", "0", "≤3%", "certain", null, null],
      ["benefit", "ecological", "森林火灾受害率", "≤0.3‰", "0", "≤0.3‰", "certain", null, null],
      ["benefit", "social", "带动农村低收入人口就业人数", "≥50人", "５０人", "60人", "certain", null, null],
      ["satisfaction", "serviceSatisfaction", "林农满意度", "≥90%", "—", "92%", "certain", null, "年底开展问卷调查"],
    ]);
    const c = form.cells!;
    expect(c["indicators[0].toDate"]).toBe(sheet("E14"));
    expect(c["indicators[0].expected"]).toBe(sheet("F14"));
    expect(c["indicators[1].deviationCategory"]).toBe(sheet("J15")); // 硬件条件保障, ✓
    expect(c["indicators[3].deviationCategory"]).toBe(sheet("G17")); // 经费保障, √
    expect(c["indicators[0].deviationCategory"]).toBe(sheet("G14")); // none ticked: the group's first cell
    expect(c["indicators[0].possibility"]).toBe(sheet("L14"));
    expect(c["indicators[1].possibility"]).toBe(sheet("M15"));
    expect(c["indicators[1].measures"]).toBe(sheet("O15"));
  });

  it("reads one 完成目标可能性 column of printed choices (☑确定能 □有可能 □完全不可能), and the month from a 监控时点 cell", async () => {
    const ticks = (await onlyForm(path("ticks", "title"))) as MonitorForm;
    const text = (await onlyForm(path("text", "cell"))) as MonitorForm;
    expect(text.month).toBe(6);
    expect(text.cells!.month).toBe(sheet("M2"));
    expect(text.indicators.map((r) => r.possibility)).toEqual(ticks.indicators.map((r) => r.possibility));
    expect(text.cells!["indicators[1].possibility"]).toBe(sheet("L15"));
  });

  it("takes the month from the title (（截至2025年7月31日）) when the grid's column does not name it", async () => {
    const form = (await onlyForm(path("ticks", "jiezhi"))) as MonitorForm;
    expect(form.month).toBe(7);
  });

  it("jixiao validate: the red row and the doubtful row with no remedy, each at its cell; nothing about reading the sheet", () => {
    const f = validate(path("ticks", "title"));
    expect(f.kind).toBe("monitor");
    expect(f.lights).toEqual({ budget: "green", rows: ["green", "red", "green", "green", null, null, "green", null] });
    expect(f.issues.map((i) => [i.rule, i.path, i.cell])).toEqual([
      ["M502", "indicators[1].toDate", sheet("E15")],
      // 有可能 with 经费保障 ticked but no 备注: the remedy is asked for in the 备注 cell
      ["M503", "indicators[3].measures", sheet("O17")],
    ]);
  });

  describe.skipIf(!libreOffice())("re-saved by LibreOffice", () => {
    it("reads the same forms, cell for cell", async () => {
      const files = [path("ticks", "title"), path("text", "cell"), path("ticks", "jiezhi")];
      const resaved = libreOfficeResave(...files);
      for (let i = 0; i < files.length; i++) {
        const before = await onlyForm(files[i]!);
        const after = await onlyForm(resaved[i]!);
        expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(before)));
      }
      expect(validate(resaved[0]!).issues.map((i) => i.rule)).toEqual(["M502", "M503"]);
    }, 240_000);
  });
});

describe("tick columns read from a grid", () => {
  const grid = (poss: [string | null, string | null, string | null], dev: (string | null)[]): Grid => [
    ["2025年度项目支出绩效运行监控表（1-6月）"],
    ["项目名称", "人工造林", "项目编码", "P1"],
    ["单位编码", "305001", "预算单位", "某县林业局"],
    ["所属领域", "林业", "项目属性", "新增"],
    ["是否面向公众服务", "是"],
    ["资金总额", 10, "财政资金", 10],
    ["其他资金", 0],
    ["全年预算数", 10, "执行数", 5],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "1-6月完成值", "偏差原因分析", null, null, null, null, "完成目标可能性", null, null],
    [null, null, null, null, null, "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能", "有可能", "完全不可能"],
    ["产出指标", "数量指标", "人工造林面积", "≥3000亩", "800亩", ...dev, ...poss],
  ];
  it("two possibilities ticked: a finding at the second, none read", () => {
    const { form, issues } = parseForm(grid(["√", "√", null], [null, null, null, null, null]), "S");
    expect(issues.map((i) => [i.rule, i.path, i.cell])).toEqual([["P003", "indicators[0].possibility", "'S'!L11"]]);
    expect(form?.indicators[0]!.possibility).toBeUndefined();
  });
  it("□ or 否 is not a tick; text written in a category's column is; two categories: the first", () => {
    const { form } = parseForm(grid(["□", "☑", "□"], ["否", "□", "人员未到岗", null, "√"]), "S");
    expect(form!.indicators[0]).toMatchObject({ possibility: "possible", deviationCategory: "staffing" });
    expect(form!.cells!["indicators[0].deviationCategory"]).toBe("'S'!H11");
  });
});

const se = (a: string) => `'自评表'!${a}`;

describe.skipIf(!openpyxl())("a county 项目支出绩效自评表 (财预〔2020〕10号 annex layout)", () => {
  const full = join(dir, "self-eval.xlsx");
  const formula = join(dir, "self-eval-formula.xlsx");
  const bare = join(dir, "self-eval-bare.xlsx");
  beforeAll(() => {
    python(selfEvalScript, full, "full", "value");
    python(selfEvalScript, formula, "full", "formula");
    python(selfEvalScript, bare, "bare", "value");
  });

  it("reads the year on its own line under the title (（２０２４年度）) and 其中：当年财政拨款 as the fiscal funds", async () => {
    const form = (await onlyForm(full)) as SelfEvalForm;
    expect(form.year).toBe(2024);
    expect(form.funds).toEqual({ total: 200, fiscal: 200, other: 0, carryover: 0 });
    expect([form.cells!["funds.fiscal"], form.cells!["funds.carryover"]]).toEqual([se("C7"), se("C8")]);
  });

  it("reads 年度总体目标 with 预期目标 | 实际完成情况 side by side: the goal and what was achieved, each from the cell under its label", async () => {
    const form = (await onlyForm(full)) as SelfEvalForm;
    expect(form.goals.annual).toMatch(/^新建集中供水工程3处/);
    expect(form.goals.actual).toMatch(/^建成集中供水工程3处/);
    expect([form.cells!["goals.annual"], form.cells!["goals.actual"]]).toEqual([se("B11"), se("F11")]);
  });

  it("reads the budget row (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and 总分 from under 得分, not 分值's 100", async () => {
    const form = (await onlyForm(full)) as SelfEvalForm;
    expect(form.budget).toEqual({ initial: 200, adjusted: 200, executed: 190 });
    expect([form.cells!["budget.initial"], form.cells!["budget.adjusted"], form.cells!["budget.executed"]]).toEqual([se("C6"), se("D6"), se("E6")]);
    expect(form.totalScore).toBe(98.97);
    expect(form.grade).toBe("excellent");
    expect([form.cells!.totalScore, form.cells!.grade]).toEqual([se("H23"), se("J23")]);
  });

  it("reads the grid: 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, each with its cell", async () => {
    const form = (await onlyForm(full)) as SelfEvalForm;
    expect(form.indicators.map((r) => [r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score, r.deviation ?? null])).toEqual([
      ["output", "quantity", "中小河流治理长度", "≥28公里", "２９公里", 10, 10, null],
      ["output", "quantity", "新增恢复灌溉面积", "≥2000亩", "2100亩", 10, 10, null],
      ["output", "quality", "水利工程质量验收合格率", "100%", "100%", 10, 10, null],
      ["output", "timeliness", "汛前水毁工程修复及时率", "≥95%", "90%", 10, 9.47, "2处水毁工程因雨季顺延，已督促施工单位加快进度。"],
      ["cost", "economicCost", "项目成本超支率", "≤5%", "0", 10, 10, null],
      ["benefit", "social", "农村自来水普及率", "≥90%", "92%", 10, 10, null],
      ["benefit", "social", "农村供水工程受益人口", "≥1.2万人", "1.2万人", 10, 10, null],
      ["benefit", "sustainability", "水土保持率", "≥85%", "86%", 10, 10, null],
      ["satisfaction", "serviceSatisfaction", "受益群众对农村供水满意度", "≥90%", "95%", 10, 10, null],
    ]);
    const c = form.cells!;
    expect([c["indicators[3].target"], c["indicators[3].actual"], c["indicators[3].weight"], c["indicators[3].score"], c["indicators[3].deviation"]]).toEqual(
      ["E16", "F16", "G16", "H16", "I16"].map(se),
    );
  });

  it("jixiao validate: the score agrees with the form's 总分 and 等级; the one error is the 100% typed with no ≥ or =", () => {
    const f = validate(full);
    expect(f.score).toEqual({ budget: 9.5, rows: [10, 10, 10, 9.47, 10, 10, 10, 10, 10], total: 98.97, grade: "excellent" });
    expect(f.issues.map((i) => [i.rule, i.path])).toEqual([["I207", "indicators[2].operator"]]);
  });

  describe.skipIf(!libreOffice())("re-saved by LibreOffice", () => {
    it("reads the same form, and 总分 from the formula's cached value", async () => {
      const [a, b] = libreOfficeResave(full, formula);
      const before = await onlyForm(full);
      expect(JSON.parse(JSON.stringify(await onlyForm(a!)))).toEqual(JSON.parse(JSON.stringify(before)));
      const fromFormula = (await onlyForm(b!)) as SelfEvalForm;
      expect(fromFormula.totalScore).toBe(98.97);
      expect(validate(b!).issues.map((i) => i.rule)).toEqual(["I207"]);
    }, 240_000);
  });

  it("the annex as published, without 项目编码/单位编码/所属领域/项目属性: reported missing, and the form still read, scored and lit", async () => {
    const [sheet] = await formsFromXlsx(bare);
    expect(sheet!.form).toBeUndefined();
    expect(sheet!.read!.indicators).toHaveLength(9);
    const f = validate(bare);
    expect(f.score?.total).toBe(98.97);
    expect(f.issues.map((i) => i.rule)).toEqual(expect.arrayContaining(["P002", "I207"]));
    expect(sheet!.issues.map((i) => [i.rule, i.path])).toEqual([
      ["P002", "unit.code"],
      ["P002", "project.code"],
      ["P002", "project.field"],
      ["P002", "project.attribute"],
      ["P002", "project.servesPublic"],
    ]);
  });
});
