// Properties of reading labels and rows as published (docs/reading-forms.md): a label with a note in
// brackets, full-width punctuation, spaces or line breaks reads the same field; a 合计, note or
// signature row after the grid changes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseForm, type Grid } from "../../shared/sheet/parse.ts";

const _ = null;

/** A self-evaluation as county forms lay it out (财预〔2020〕10号 annex), with a 总分 row. */
function selfEvalGrid(): Grid {
  return [
    ["项目支出绩效自评表", _, _, _, _, _, _, _, _],
    ["（2024年度）", _, _, _, _, _, _, _, _],
    ["项目名称", "农村饮水安全巩固提升工程", _, "项目编码", "P2024-SW-011", _, "主管部门", "某县水务局", _],
    ["实施单位", "某县农村供水管理站", _, "单位编码", "402006", _, "所属领域", "水利", _],
    ["项目属性", "延续", _, "是否面向社会公众服务", "是", _, _, _, _],
    ["项目资金（万元）", _, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", _],
    [_, "年度资金总额", 200, 200, 190, 10, "95%", 9.5, _],
    [_, "其中：当年财政拨款", 200, 200, 190, _, _, _, _],
    [_, "其他资金", 0, 0, 0, _, _, _, _],
    ["年度总体目标", "预期目标", _, _, _, "实际完成情况", _, _, _],
    [_, "新建集中供水工程3处，改造管网45公里。", _, _, _, "建成集中供水工程3处，改造管网46公里。", _, _, _],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [_, "产出指标", "数量指标", "中小河流治理长度", "≥28公里", "29公里", 30, 30, _],
    [_, _, "质量指标", "水利工程质量验收合格率", "100%", "100%", 30, 30, _],
    [_, "效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", 20, 20, _],
    [_, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", 10, 10, _],
    ["总分", _, _, _, _, _, 100, 99.5, _],
  ];
}

/** The labels of the grid above, with where each sits: a variant replaces the cell's text. */
const labelCells: [number, number][] = [];
selfEvalGrid().forEach((row, r) =>
  row.forEach((v, c) => {
    if (typeof v === "string" && r !== 0 && r !== 1 && r !== 10 && !(r >= 12 && r <= 15) && !(r === 2 && (c === 1 || c === 4 || c === 7)) && !(r === 3 && (c === 1 || c === 4 || c === 7)) && !(r === 4 && (c === 1 || c === 4))) {
      labelCells.push([r, c]);
    }
  }),
);

function read(grid: Grid): unknown {
  const { form, read: asRead, issues } = parseForm(grid, "自评表");
  expect(form, JSON.stringify(issues)).toBeDefined();
  return JSON.parse(JSON.stringify({ ...asRead, cells: undefined }));
}

const fullWidth = (t: string) => t.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const variant = fc.record({
  suffix: fc.constantFrom("", "(A)", "（B）", "(10分)", "（万元）", "(盖章)", "（确定能、有可能、不可能）", "(B/A)"),
  colon: fc.constantFrom("", ":", "："),
  spaces: fc.constantFrom("none", "space", "ideographic", "newline"),
  width: fc.boolean(),
  at: fc.nat(),
});

interface Variant {
  suffix: string;
  colon: string;
  spaces: string;
  width: boolean;
  at: number;
}

function applyVariant(label: string, v: Variant): string {
  const chars = [...label];
  const gap = v.spaces === "space" ? " " : v.spaces === "ideographic" ? "\u3000" : v.spaces === "newline" ? "\n" : "";
  const i = chars.length > 1 ? 1 + (v.at % (chars.length - 1)) : 0;
  let t = gap ? [...chars.slice(0, i), gap, ...chars.slice(i)].join("") : label;
  t = `${t}${v.suffix}${v.colon}`;
  return v.width ? fullWidth(t) : t;
}

describe("label variants read the same field", () => {
  const base = read(selfEvalGrid());

  it("every label, with a note in brackets, a colon, a space or line break inside, full-width or not", () => {
    fc.assert(
      fc.property(fc.constantFrom(...labelCells), variant, ([r, c], v) => {
        const grid = selfEvalGrid();
        grid[r]![c] = applyVariant(grid[r]![c] as string, v);
        expect(read(grid)).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });

  it("several labels changed at once", () => {
    fc.assert(
      // each label once (as the published forms vary them): a cell changed twice would stack two notes
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom(...labelCells), variant), { minLength: 2, maxLength: 8, selector: ([cell]) => cell }), (changes) => {
        const grid = selfEvalGrid();
        for (const [[r, c], v] of changes) grid[r]![c] = applyVariant(grid[r]![c] as string, v);
        expect(read(grid)).toEqual(base);
      }),
      { numRuns: 150 },
    );
  });

  it("a label with four notes still reads as itself (fast-check found it)", () => {
    const grid = selfEvalGrid();
    grid[9]![1] = "预期目标(A)(10分)（确定能、有可能、不可能）(B/A)";
    expect(read(grid)).toEqual(base);
  });

  it("a label whose notes make it longer than 24 characters still ends the grid (fast-check found it)", () => {
    const grid = selfEvalGrid();
    grid[16]![0] = "自评总分（确定能、有可能、不可能）（满分为100分）";
    expect([...(grid[16]![0] as string)].length).toBeGreaterThan(24);
    expect(read(grid)).toEqual(base);
  });

  it("is not vacuous: a label made unreadable loses its field", () => {
    const grid = selfEvalGrid();
    grid[6]![1] = "年度资金总量";
    const { form, read: asRead } = parseForm(grid, "自评表");
    expect(form).toBeUndefined();
    expect((asRead!.funds as Record<string, unknown>).total).toBeUndefined();
  });
});

const footers = [
  ["合计", _, _, _, _, _, 100, 99.5, _],
  ["注：1.定量指标按完成比例计分。2.偏差原因请在对应栏内说明。"],
  ["填报说明：本表由项目实施单位填报。"],
  ["项目负责人：李梅", _, _, _, "财务负责人：王强", _, _, _, _],
  ["填表人：张三", _, _, "联系电话：0871-1234567", _, _, "填报日期：2025年3月5日", _, _],
  ["评价结论", "项目按计划完成，资金使用规范。", _, _, _, _, _, _, _],
  ["存在问题", "无", _, _, _, _, _, _, _],
  [_, "小计", _, _, _, _, 90, 89.5, _],
  [_, "……", _, _, _, _, _, _, _],
] as const;

describe("rows after the grid are never indicators", () => {
  const base = read(selfEvalGrid());

  it("a 合计, note, signature, conclusion or filler row inserted after the last indicator (before 总分) changes nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...footers), { minLength: 1, maxLength: 4 }), fc.boolean(), (rows, blankFirst) => {
        const grid = selfEvalGrid();
        const inserted = rows.map((r) => [...r] as (string | number | null)[]);
        if (blankFirst) inserted.unshift([]);
        grid.splice(16, 0, ...inserted);
        expect(read(grid)).toEqual(base);
      }),
      { numRuns: 200 },
    );
  });

  it("and after 总分 too", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...footers), { minLength: 1, maxLength: 4 }), (rows) => {
        const grid = selfEvalGrid();
        grid.push(...rows.map((r) => [...r] as (string | number | null)[]));
        expect(read(grid)).toEqual(base);
      }),
      { numRuns: 200 },
    );
  });

  it("is not vacuous: the same row with a name in the name column is an indicator", () => {
    const grid = selfEvalGrid();
    grid.splice(16, 0, [_, _, _, "农村供水工程受益人口", "≥1.2万人", "1.2万人", 10, 10, _]);
    expect((read(grid) as { indicators: unknown[] }).indicators).toHaveLength(5);
  });
});
