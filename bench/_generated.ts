// Generated libraries and forms for the benchmarks (bench/validate, bench/growth): names made of a
// place, a thing and a measure (城区公路养护里程), a town before them for the bigger libraries, and
// forms whose rows name library indicators (their targets typed the ways units type them) or, for
// a share of them, names the library does not hold. One deterministic stream of numbers: the same
// calls in the same order give the same library and form on every run.
import { FormSchema, type Form, type FormInput } from "../shared/form.ts";
import type { Level1, Level2 } from "../shared/glossary.ts";
import { LibrarySchema, type Library } from "../shared/library.ts";
import { resolvePolicy } from "../shared/policy.ts";

export const INDICATORS = 5_000;
export const ROWS = 10_000;
export const UNKNOWN = 0.1;

// A small deterministic generator, so every run checks the same form.
let seed = 20240601;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const places = ["城区", "农村", "山区", "重点", "沿河", "库区", "镇域", "林区", "景区", "校园", "社区", "园区", "灌区", "北部", "南部", "东部", "西部", "中心", "边远", "新建"];
const things = ["公路", "林地", "学校", "河道", "农田", "医院", "景点", "管网", "水库", "堤防", "桥梁", "绿地", "村庄", "卫生室", "养老院", "文化站", "污水厂", "垃圾站", "图书馆", "体育场", "渠道", "隧道", "站点", "广场", "苗圃"];
const measures: { word: string; l1: Level1; l2: Level2; unit: string; op: ">=" | "<=" }[] = [
  { word: "建设面积", l1: "output", l2: "quantity", unit: "亩", op: ">=" },
  { word: "养护里程", l1: "output", l2: "quantity", unit: "公里", op: ">=" },
  { word: "覆盖人数", l1: "output", l2: "quantity", unit: "人", op: ">=" },
  { word: "验收合格率", l1: "output", l2: "quality", unit: "%", op: ">=" },
  { word: "完工及时率", l1: "output", l2: "timeliness", unit: "%", op: ">=" },
  { word: "单位成本", l1: "cost", l2: "economicCost", unit: "万元", op: "<=" },
  { word: "事故次数", l1: "cost", l2: "socialCost", unit: "次", op: "<=" },
  { word: "受益人次", l1: "benefit", l2: "social", unit: "万人次", op: ">=" },
  { word: "达标比例", l1: "benefit", l2: "ecological", unit: "%", op: ">=" },
  { word: "群众满意度", l1: "satisfaction", l2: "serviceSatisfaction", unit: "%", op: ">=" },
];

// More names for the big library: a town before the place (城关镇城区公路养护里程).
const towns = ["城关镇", "东城街道", "西城街道", "南湖乡", "北山镇", "青石镇", "白沙乡", "临江镇", "杨柳乡", "金沙镇", "红旗街道", "长乐镇", "太平乡", "新华街道", "永安镇", "石门乡", "龙泉镇", "桃源乡", "清河镇", "双溪乡"];

export function makeLibrary(size = INDICATORS, more: readonly Library["indicators"][number][] = []): Library {
  const seen = new Set<string>(more.map((i) => i.name));
  const indicators: unknown[] = [...more];
  while (indicators.length < size) {
    const m = pick(measures);
    const name = `${more.length > 0 ? pick(towns) : ""}${pick(places)}${pick(things)}${m.word}`;
    if (seen.has(name)) continue;
    seen.add(name);
    indicators.push({
      code: `GEN-${indicators.length}`,
      name,
      level1: m.l1,
      level2: m.l2,
      fields: [],
      valueType: "quantitative" as const,
      operators: [m.op],
      unit: m.unit,
      range: m.unit === "%" ? { min: 60, max: 100 } : { min: 0, max: 100000 },
      // last year's actual: a little easier than most targets, as in a real library
      history: [{ year: 2023, value: m.op === ">=" ? (m.unit === "%" ? 80 : 40) : 6000 }],
    });
  }
  return LibrarySchema.parse({ version: 1, publishedAt: "2026-01-01", note: "", policy: resolvePolicy(), indicators });
}

export function makeForm(library: Library, count = ROWS): Form {
  const rows: FormInput["indicators"] = [];
  for (let i = 0; i < count; i++) {
    if (rand() < UNKNOWN) {
      const m = pick(measures);
      rows.push({ level1: m.l1, level2: m.l2, name: `${pick(["新型", "智慧", "示范"])}${pick(things)}${pick(["巡查", "整治", "改造"])}${m.word}`, operator: m.op, target: `${m.op === ">=" ? "≥" : "≤"}95`, unit: m.unit, custom: rand() < 0.5 });
      continue;
    }
    const ind = pick(library.indicators);
    const pct = ind.unit === "%";
    const style = Math.floor(rand() * 4);
    const value = pct ? 85 + Math.floor(rand() * 15) : 50 + Math.floor(rand() * 5000);
    const target = style === 0 ? value : style === 1 ? `${ind.operators[0] === ">=" ? "≥" : "≤"}${value}${ind.unit}` : style === 2 ? `${value.toLocaleString("en")}` : `${String(value).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
    rows.push({ level1: ind.level1, level2: ind.level2, code: ind.code, name: ind.name, operator: ind.operators[0]!, target, unit: ind.unit! });
  }
  return FormSchema.parse({
    kind: "target",
    year: 2024,
    unit: { code: "U1", name: "区交通运输局" },
    project: { code: "P1", name: "农村公路养护", field: "roads", attribute: "continuing", periodStart: "2024-01", periodEnd: "2024-12", servesPublic: true },
    funds: { total: 1200, fiscal: 1000, other: 200 },
    goals: { annual: "全年养护农村公路1200公里，优良中等路率达到80%以上。" },
    indicators: rows,
  });
}

/** A name the library does not hold, as the forms' unknown rows are named (新型学校巡查建设面积). */
export function unknownName(): string {
  return `${pick(["新型", "智慧", "示范"])}${pick(things)}${pick(["巡查", "整治", "改造"])}${pick(measures).word}`;
}
