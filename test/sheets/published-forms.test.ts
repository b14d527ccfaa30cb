// Forms as counties, districts, cities and departments publish them (test/fixtures/published,
// SOURCES.md names each source), read as a unit would send them: the kind, every field the layout
// has (with its cell), the row count, two rows' values, and for self-evaluations the total the
// source prints. What a layout lacks is reported and does not stop the rows, the score or the
// lights: checkForm on the form as read still scores and lights it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkForm } from "../../shared/check.ts";
import { parseForm } from "../../shared/sheet/parse.ts";
import { type ParsedSheet } from "../../shared/sheet/workbook.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { formsFromXlsx } from "../../server/xlsx/forms.ts";

const library = starterLibrary();
const dir = join(import.meta.dirname, "../fixtures/published");

async function read(file: string): Promise<{ sheet: ParsedSheet; form: Record<string, any>; cells: Record<string, string> }> {
  const sheets = await formsFromXlsx(join(dir, file), { labels: library.policy.labels, frame: library.policy.frame });
  expect(sheets).toHaveLength(1);
  const sheet = sheets[0]!;
  expect(sheet.read, `${file} was read as a form`).toBeDefined();
  const form = sheet.read as Record<string, any>;
  return { sheet, form, cells: form.cells };
}

/** The header as read, without its rows and cells. */
function header(form: Record<string, any>): Record<string, unknown> {
  const { indicators: _rows, cells: _cells, sheet: _sheet, ...rest } = form;
  return JSON.parse(JSON.stringify(rest));
}

const missingPaths = (s: ParsedSheet) => s.issues.filter((i) => i.rule === "P002").map((i) => i.path);

type Row = Record<string, unknown>;
type Skip = { at?: string; text: string; why: string };

/**
 * One published form and what reading it must give. `is` is the whole of it (toEqual), `has` a part
 * (toMatchObject, arrayContaining for lists). Every form's kind is checked; the rest where given.
 */
interface Published {
  /** the source, and what its layout tries */
  about: string;
  file: string;
  kind: "target" | "monitor" | "selfEval";
  /** where the kind came from when not the title */
  kindFrom?: string;
  header?: { is: Row } | { has: Row };
  /** the cells header fields and row fields came from, by path */
  cells?: Record<string, string>;
  /** all the rows, or how many and some of them by index */
  rows: Row[] | { count: number; at: Record<number, { is: Row } | { has: Row }> };
  skipped?: { is: Skip[] } | { has: Skip } | { texts: string[] } | { textsAndWhys: [string, string][] } | { fillersAtLeast: number };
  /** the header fields reported missing (P002) */
  missing?: { is: string[] } | { has: string[] };
  /** no issue but the missing fields */
  onlyMissing?: true;
  /** what checkForm makes of the form as read */
  checked?: { scoredRows?: number; budget?: number; lights?: unknown; handedBack?: false };
}

const selfEvaluations: Published[] = [
  {
    about: "Anhui, 池州市贵池区棠溪镇 (2022): 年度资金总额 and 本年财政拨款 as printed, unit code from `219001-…`, 经济效益指标 left as a label row",
    file: "anhui-chizhou-guichi-selfeval-2022.xlsx",
    kind: "selfEval",
    header: {
      is: {
        kind: "selfEval",
        year: 2022,
        unit: { code: "219001", name: "池州市贵池区棠溪镇人民政府" },
        project: { name: "委托业务项目", department: "219-池州市贵池区棠溪镇人民政府" },
        funds: { total: 0, fiscal: 90 },
        goals: { annual: expect.stringMatching(/^本项目共申请预算资金90万元/), actual: expect.stringMatching(/^本项目共完成预算资金89.97万元/) },
        budget: { initial: 0, adjusted: 0, executed: 0 },
      },
    },
    cells: { "funds.fiscal": "'自评表'!C8", "budget.adjusted": "'自评表'!D7", "goals.actual": "'自评表'!F12" },
    rows: {
      count: 9,
      at: {
        0: { is: { level1: "output", level2: "quantity", custom: false, name: "基建工程委托业务项目数量", target: "≥50个", actual: 50, weight: 8, score: 8 } },
        // 产出指标(50分) / 成本指标 (the 2015 frame) → the policy's 2021 frame: cost / economic cost
        4: { is: { level1: "cost", level2: "economicCost", custom: false, name: "项目总成本", target: "≤90万元", actual: 90, weight: 8, score: 8 } },
      },
    },
    skipped: { has: { at: "'自评表'!C23", text: "经济效益指标", why: "level" } },
    // the layout has no project code, field, attribute or 面向公众: reported, and the form is still scored
    missing: { is: ["project.code", "project.field", "project.attribute", "project.servesPublic", "funds.other"] },
    checked: { scoredRows: 9 },
  },
  {
    about: "Hubei, 黄石市住建局 (2022): 预算数(A) | 执行数(B) | 执行率(B/A), 年初目标值(A) | 实际完成值(B), 项目属性 ☑ and the published 总分 99.55分",
    file: "hubei-huangshi-haimian-selfeval-2022.xlsx",
    kind: "selfEval",
    header: {
      is: {
        kind: "selfEval",
        year: 2022,
        unit: { name: "黄石市住房和城乡建设局" },
        project: { name: "黄石市系统化全域海绵城市示范城市的申报工作经费", attribute: "continuing", department: "黄石市住房和城乡建设局" },
        funds: { total: 200 },
        goals: {},
        budget: { adjusted: 200, executed: 195.5 },
        totalScore: "99.55分",
      },
    },
    cells: { "budget.adjusted": "'自评表'!B8", "budget.executed": "'自评表'!C8", totalScore: "'自评表'!B18" },
    rows: {
      count: 8,
      at: {
        3: { has: { level1: "cost", level2: "economicCost", name: "省级宣传片制作费、申报文本编制费、自评估报告编制费", target: "200万", actual: "195.5万元", score: 10 } },
        7: { has: { level1: "satisfaction", level2: "serviceSatisfaction", name: "群众满意度", target: "满意", actual: "完成", score: 10 } },
      },
    },
    checked: { budget: 9.78 },
  },
  {
    about: "Sichuan, 青神县 (2023): 指标性质 | 指标值 | 度量单位, 完成值 as the actual, code and name in one cell, 合计 / 评价结论 / signatures end the grid",
    file: "sichuan-qingshen-wages-selfeval-2023.xlsx",
    kind: "selfEval",
    header: {
      has: {
        year: 2023,
        unit: { name: "青神县发展和改革局" },
        project: { code: "51000021R000000019951", name: "工资性支出", department: "青神县发展和改革局本级" },
        funds: { total: 238.93, fiscal: 238.93, other: "/" },
        budget: { initial: 238.93, adjusted: 251.89, executed: 251.89 },
        // 项目年度目标 merged over C:F beside 年度目标完成情况: each goal from the cell under its label
        goals: { annual: expect.stringMatching(/^严格执行相关政策/), actual: "对照年度目标,说明相关任务目标的完成情况(100字以内)" },
      },
    },
    // the row's actual from the 完成值 column
    cells: { "project.code": "'自评表'!B3", "budget.initial": "'自评表'!C10", "funds.other": "'自评表'!G14", "goals.annual": "'自评表'!C6", "indicators[0].actual": "'自评表'!H16" },
    rows: [
      { level1: "output", level2: "quantity", custom: false, name: "发放(缴纳)覆盖率", operator: "=", target: 100, unit: "%", weight: 60 },
      { level1: "benefit", level2: "social", custom: false, name: "足额保障率(参保率)", operator: "=", target: 100, unit: "%", weight: 30 },
    ],
    skipped: { texts: ["合计"] },
  },
  {
    about: "Sichuan, 大英县 (2023): the same layout, the stored copy ending inside its first row",
    file: "sichuan-daying-anke-selfeval-2023.xlsx",
    kind: "selfEval",
    header: {
      has: {
        year: 2023,
        unit: { name: "大英县司法局" },
        project: { code: "51092324T000010263357", name: "2023年全县安可替代补助资金项目", department: "大英县司法局部门" },
        goals: { actual: "完成" },
        budget: { initial: "0.00", adjusted: 3.36, executed: 3.36 },
      },
    },
    rows: [{ level1: "output", level2: "quality", custom: false, name: "完成安可产品购买并按要求支付资金", operator: "=", target: 100 }],
    checked: { budget: 10 }, // the source's 得分 for budget execution
  },
  {
    about: "Sichuan, 大英县: a grid with no header block at all still comes back, its rows scored, every missing header field reported",
    file: "sichuan-daying-costcontrol-selfeval-2023.xlsx",
    kind: "selfEval",
    kindFrom: "columns",
    rows: [{ level1: "cost", level2: "economicCost", custom: false, name: "成本控制数", operator: "<=", target: 30, unit: "万元", actual: "完成", weight: 90, score: 90 }],
    missing: { has: ["year", "unit.code", "unit.name", "project.code", "project.name", "budget.adjusted"] },
    // checked with stand-ins: not handed back as a form
    checked: { scoredRows: 1, handedBack: false },
  },
  {
    about: "Hebei, 廊坊市食品工程学校 (2019): labels broken over lines (年初\\n预算数), numbered template slots (指标1…, 指标2, ……) not rows",
    file: "hebei-langfang-heating-selfeval-2019.xlsx",
    kind: "selfEval",
    header: {
      is: {
        kind: "selfEval",
        year: 2019,
        unit: { name: "廊坊市食品工程学校" },
        project: { name: "办公宿舍楼、食堂及餐厅暖通改造经费", department: "廊坊市发改委" },
        funds: { total: 43.2, fiscal: 43.2 },
        goals: { annual: "43.2", actual: "37.24" },
        budget: { initial: 43.2, adjusted: 43.2, executed: 37.24 },
      },
    },
    cells: { "budget.initial": "'自评表'!C7", "budget.executed": "'自评表'!E7" },
    rows: {
      count: 9,
      at: {
        0: {
          is: {
            level1: "output", level2: "quantity", custom: false, name: "工程资金金额", target: 43.2, actual: 37.24, weight: 10, score: 9,
            deviation: "已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。",
          },
        },
        8: { has: { level1: "satisfaction", level2: "serviceSatisfaction", name: "学生满意度", target: 100, actual: 100, weight: 10, score: 10 } },
      },
    },
    skipped: { fillersAtLeast: 8 },
  },
  {
    about: "Yunnan, 南华县: 产出指标(50分), 经济效益指标 printed under output read as benefit; no year on the layout, scored all the same",
    file: "yunnan-nanhua-mushroom-selfeval.xlsx",
    kind: "selfEval",
    header: {
      has: {
        unit: { name: "南华县国有资本管理有限公司" },
        project: { name: "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)", department: "南华县农业农村局" },
        funds: { total: 1100, fiscal: 1100, other: "—", carryover: "—" },
        budget: { initial: 1100, adjusted: 1100, executed: 1100 },
      },
    },
    rows: {
      count: 5,
      at: {
        0: { has: { level1: "output", level2: "quantity", target: "≥1290.3平方米", actual: "1290.3平方米", weight: 10.3, score: 10.3 } },
        3: { has: { level1: "benefit", level2: "economic", name: "奖补资金兑付率(%)", target: "≥100%", weight: 10.8, score: 10.8 } },
      },
    },
    missing: { has: ["year"] },
    checked: { budget: 10 }, // the source's 得分 for 执行率 100%
  },
];

const monitoringForms: Published[] = [
  {
    about: "Hubei, 黄石市 申遗 (2019): 年初预算数 | 1-6月执行数, 半年度指标执行情况 as progress to month 6, level words in the name column, notes end the grid",
    file: "hubei-huangshi-shenyi-monitor-2019.xlsx",
    kind: "monitor",
    header: {
      is: {
        kind: "monitor",
        year: 2019,
        month: 6,
        unit: { name: "黄石市文物局(湖北水泥遗址博物馆)" },
        project: { name: "申遗经费", department: "黄石市文化和旅游局" },
        funds: { total: 220, fiscal: 220 },
        goals: {},
        budget: { annual: 220, executedToDate: 87.57 },
      },
    },
    cells: { "budget.annual": "'监控表'!C10", "budget.executedToDate": "'监控表'!D10", "funds.fiscal": "'监控表'!C11" },
    // 质量 and 时效 are label rows; 成本 and 社会效益 carry values: the level-2 words are the rows' level-2
    rows: [
      { level1: "cost", level2: "economicCost", custom: false, target: "年度预算220万元", toDate: "按进度执行,已使用约40%", possibility: "certain" },
      { level1: "benefit", level2: "social", custom: false, toDate: expect.stringMatching(/^开展黄石矿冶工业遗产/), possibility: "certain" },
    ],
    skipped: { texts: ["质量", "时效", "偏差或不能完成目标原因分析"] },
    checked: { lights: { budget: "yellow", rows: [null, null] } }, // 87.57 of 220 by June: 0.80 of time
  },
];

const targetForms: Published[] = [
  {
    about: "Hunan, 南岳区 (2018): `[610001]公司` as the unit's code and name, 16 rows, reviewers' boxes end the grid",
    file: "hunan-nanyue-tourism-target-2018.xlsx",
    kind: "target",
    header: {
      is: {
        kind: "target",
        year: 2018,
        unit: { code: "610001", name: "湖南省润山润水生态农业发展有限公司" },
        project: { name: "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)", department: "南岳镇政府" },
        funds: { total: 10, fiscal: 10, other: 0 },
        goals: { overall: "为水濂村带来观光游客不少于6万人,村集体收入达6万元。" },
      },
    },
    cells: { "unit.code": "'申报表'!E4" },
    rows: {
      count: 16,
      at: {
        5: { is: { level1: "cost", level2: "economicCost", custom: false, name: "流转土地补助标准", target: "<=475元/亩" } },
        15: { is: { level1: "satisfaction", level2: "serviceSatisfaction", custom: false, name: "游客满意度(≥**%)", target: ">=90%" } },
      },
    },
    skipped: { is: [{ at: "'申报表'!A27", text: "财政部门支出股室初审意见 (盖章)", why: "end" }] },
  },
  {
    about: "Hunan, 宁乡市坝塘镇 (2021): 新增项目□延续项目√, 项目起止时间 2021年度, 长期 and 年度 grids (the first is read), 社会公众或服务对象满意度指标",
    file: "hunan-ningxiang-batang-target-2021.xlsx",
    kind: "target",
    header: {
      is: {
        kind: "target",
        year: 2021,
        unit: { name: "宁乡市坝塘镇人民政府" },
        project: { name: "镇域内基础设施建设", attribute: "continuing", department: "坝塘镇", periodStart: "2021-01", periodEnd: "2021-12" },
        funds: { total: "10606.7522万元", fiscal: "6923.3552万元(其中:上级财政资金:6923.3552万元;本级财政:0万元)" },
        goals: { overall: "改善镇域内基础设施,振兴乡村经济", annual: "全面完成集镇立面改造、机关、学校、乡村振兴等项目,搞好提质改造" },
      },
    },
    rows: {
      count: 9,
      at: {
        6: { is: { level1: "benefit", level2: "ecological", custom: false, target: 20 } },
        8: { is: { level1: "satisfaction", level2: "serviceSatisfaction", custom: false, target: 88 } },
      },
    },
    skipped: { has: { at: "'目标表'!A31", text: "年度绩效指标", why: "end" } },
  },
  {
    about: "Chongqing, 奉节县 (2023): 审批表 title, 预算单位: in one cell, 建设周期, 成本指标(0-20)分, label rows for empty level-2s",
    file: "chongqing-fengjie-yunwu-target-2023.xlsx",
    kind: "target",
    header: {
      has: {
        year: 2023,
        unit: { name: "奉节县云雾土家族乡人民政府" },
        project: { name: "2023年云雾土家族乡加工园配套设施建设项目", department: "县民宗委", periodStart: "2023-04", periodEnd: "2024-02" },
        funds: { total: 65, fiscal: 65, other: 0 },
        goals: { annual: expect.stringMatching(/^新建中药材晾晒房一座/) },
      },
    },
    cells: { "unit.name": "'目标表'!A3", "project.periodStart": "'目标表'!B5", "goals.overall": "'目标表'!B8" },
    rows: [{ level1: "cost", level2: "economicCost", custom: false, name: "项目建设成本", target: "≤65万元", weight: 10 }],
    skipped: { textsAndWhys: [["社会成本指标", "level"], ["生态环境成本指标", "level"]] },
  },
  {
    about: "Shaanxi, 佳县 (the blank form as published): no rows at all from its label rows, `…` and `具体指标`, every field reported missing",
    file: "shaanxi-jiaxian-target-2016.xlsx",
    kind: "target",
    rows: [],
    onlyMissing: true,
    missing: { has: ["year", "unit.name", "project.name", "funds.total"] },
  },
];

/** Reads the form and holds it to what `p` says. */
async function readsAs(p: Published): Promise<void> {
  const { sheet, form, cells } = await read(p.file);
  expect(sheet.kind).toBe(p.kind);
  if (p.kindFrom) expect(sheet.explain!.kindFrom).toBe(p.kindFrom);
  if (p.header && "is" in p.header) expect(header(form)).toEqual(p.header.is);
  if (p.header && "has" in p.header) expect(header(form)).toMatchObject(p.header.has);
  if (p.cells) expect(Object.fromEntries(Object.keys(p.cells).map((path) => [path, cells[path]]))).toEqual(p.cells);
  if (Array.isArray(p.rows)) {
    expect(form.indicators).toEqual(p.rows);
  } else {
    expect(form.indicators).toHaveLength(p.rows.count);
    for (const [i, row] of Object.entries(p.rows.at)) {
      if ("is" in row) expect(form.indicators[i], `row ${i}`).toEqual(row.is);
      else expect(form.indicators[i], `row ${i}`).toMatchObject(row.has);
    }
  }
  const skipped = sheet.explain?.skipped ?? [];
  if (p.skipped && "is" in p.skipped) expect(skipped).toEqual(p.skipped.is);
  if (p.skipped && "has" in p.skipped) expect(skipped).toContainEqual(p.skipped.has);
  if (p.skipped && "texts" in p.skipped) expect(skipped.map((s) => s.text)).toEqual(p.skipped.texts);
  if (p.skipped && "textsAndWhys" in p.skipped) expect(skipped.map((s) => [s.text, s.why])).toEqual(p.skipped.textsAndWhys);
  if (p.skipped && "fillersAtLeast" in p.skipped) expect(skipped.filter((s) => s.why === "filler").length).toBeGreaterThanOrEqual(p.skipped.fillersAtLeast);
  if (p.missing && "is" in p.missing) expect(missingPaths(sheet)).toEqual(p.missing.is);
  if (p.missing && "has" in p.missing) expect(missingPaths(sheet)).toEqual(expect.arrayContaining(p.missing.has));
  if (p.onlyMissing) expect(sheet.issues.filter((i) => i.rule !== "P002")).toEqual([]);
  if (p.checked) {
    const checked = checkForm(form, library);
    if (p.checked.scoredRows !== undefined) expect(checked.score?.rows).toHaveLength(p.checked.scoredRows);
    if (p.checked.budget !== undefined) expect(checked.score?.budget).toBe(p.checked.budget);
    if (p.checked.lights !== undefined) expect(checked.lights).toEqual(p.checked.lights);
    if (p.checked.handedBack === false) expect(checked.form).toBeUndefined();
  }
}

describe("published self-evaluations", () => {
  for (const p of selfEvaluations) it(p.about, () => readsAs(p));
});

describe("published monitoring forms", () => {
  for (const p of monitoringForms) it(p.about, () => readsAs(p));
});

describe("published target forms", () => {
  for (const p of targetForms) it(p.about, () => readsAs(p));
});

it("the corpus spans at least 12 forms, 6 provinces and all three kinds", async () => {
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
  expect(files.length).toBeGreaterThanOrEqual(12);
  expect(new Set(files.map((f) => f.split("-")[0])).size).toBeGreaterThanOrEqual(6);
  const kinds = new Set<string>();
  for (const f of files) kinds.add((await formsFromXlsx(join(dir, f)))[0]!.kind!);
  expect([...kinds].sort()).toEqual(["monitor", "selfEval", "target"]);
});

it("a monitoring form whose only month is its funds label (1-7月执行数) reads month 7", () => {
  const grid = [
    ["项目支出绩效运行监控表"],
    ["项目名称", "申遗经费"],
    ["项目资金（万元）", null, "年初预算数", "1-7月执行数"],
    [null, "年度资金总额", 220, 120],
    ["一级指标", "指标名称", "指标值", "指标执行情况"],
    ["产出指标", "数量", "举办活动5场", "已举办3场"],
  ];
  const { read, explain } = parseForm(grid, "监控表");
  expect(read).toMatchObject({ kind: "monitor", month: 7, budget: { annual: 220, executedToDate: 120 } });
  expect(explain!.kind).toBe("monitor");
});
