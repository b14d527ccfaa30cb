import { describe, it, expect } from "vitest";
import { LibrarySchema } from "../shared/library.ts";
import { isInFrame, frames } from "../shared/frame.ts";
import { defaultPolicy } from "../shared/policy.ts";
import { starterLibrary, starterIndicators } from "../shared/starter-library/index.ts";

// docs/domain.md: the rows the starter library must contain. field "" = any field (fields: []).
const table: [field: string, name: string, pair: string, unit: string, op: string, min: number, max: number][] = [
  ["forestry", "森林管护面积", "output/quantity", "万亩", ">=", 10, 150],
  ["forestry", "生态护林员选聘人数", "output/quantity", "人", ">=", 50, 800],
  ["forestry", "当年造林成活率", "output/quality", "%", ">=", 85, 95],
  ["forestry", "森林火灾受害率", "benefit/ecological", "‰", "<=", 0, 0.9],
  ["forestry", "林业有害生物成灾率", "benefit/ecological", "‰", "<=", 0, 4],
  ["forestry", "森林覆盖率", "benefit/sustainability", "%", ">=", 60, 85],
  ["water", "水土流失综合治理面积", "output/quantity", "平方公里", ">=", 5, 50],
  ["water", "中小河流治理长度", "output/quantity", "公里", ">=", 2, 30],
  ["water", "农村自来水普及率", "benefit/social", "%", ">=", 85, 98],
  ["water", "地表水考核断面水质优良比例", "benefit/ecological", "%", ">=", 90, 100],
  ["roads", "农村公路列养里程", "output/quantity", "公里", ">=", 300, 2000],
  ["roads", "优良中等路率", "output/quality", "%", ">=", 75, 90],
  ["roads", "单位养护成本", "cost/economicCost", "万元/公里", "<=", 0.1, 0.8],
  ["roads", "施工期安全生产事故", "cost/socialCost", "起", "=", 0, 0],
  ["education", "营养改善计划受益学生数", "output/quantity", "人", ">=", 2000, 20000],
  ["education", "膳食补助标准", "cost/economicCost", "元/生·天", "=", 5, 5],
  ["education", "家庭经济困难学生资助覆盖率", "output/quality", "%", "=", 100, 100],
  ["health", "65岁及以上老年人健康管理率", "output/quality", "%", ">=", 60, 75],
  ["health", "适龄儿童免疫规划疫苗接种率", "output/quality", "%", ">=", 90, 95],
  ["agriculture", "高标准农田建设面积", "output/quantity", "亩", ">=", 2000, 30000],
  ["agriculture", "补贴资金兑付及时率", "output/timeliness", "%", "=", 100, 100],
  ["tourism", "接待游客人次", "benefit/economic", "万人次", ">=", 50, 800],
  ["tourism", "景区建设期环境投诉", "cost/ecologicalCost", "次", "<=", 0, 2],
  ["", "服务对象满意度", "satisfaction/serviceSatisfaction", "%", ">=", 85, 95],
  ["admin", "政务服务事项网上可办率", "benefit/social", "%", ">=", 90, 100],
  ["", "项目按期完成率", "output/timeliness", "%", ">=", 90, 100],
];

const level2s2021 = Object.values(frames["2021"]).flat();

describe("starter library", () => {
  const lib = starterLibrary();
  const inds = lib.indicators;

  it("parses with LibrarySchema, version 1, default policy", () => {
    expect(() => LibrarySchema.parse(lib)).not.toThrow();
    expect(LibrarySchema.safeParse({ ...lib, indicators: starterIndicators }).success).toBe(true);
    expect(lib.version).toBe(1);
    expect(lib.publishedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(lib.policy).toEqual(defaultPolicy);
    expect(inds).toHaveLength(starterIndicators.length);
  });

  it("has at least 200 indicators over at least 8 fields", () => {
    expect(inds.length).toBeGreaterThanOrEqual(200);
    const fields = new Set(inds.flatMap((i) => i.fields));
    expect(fields.size).toBeGreaterThanOrEqual(8);
  });

  it("covers every level-2 of the 2021 frame, each in several fields", () => {
    for (const l2 of level2s2021) {
      const fields = new Set(inds.filter((i) => i.level2 === l2 && i.status === "active").flatMap((i) => i.fields));
      expect(fields.size, l2).toBeGreaterThanOrEqual(3);
    }
  });

  it("puts every indicator in the 2021 frame", () => {
    const outside = inds.filter((i) => !isInFrame("2021", i.level1, i.level2)).map((i) => i.code);
    expect(outside).toEqual([]);
  });

  it.each(table)("contains %s %s", (field, name, pair, unit, op, min, max) => {
    const ind = inds.find((i) => i.name === name && i.status === "active");
    expect(ind, name).toBeDefined();
    if (!ind) return;
    expect(ind.fields).toEqual(field === "" ? [] : [field]);
    expect(`${ind.level1}/${ind.level2}`).toBe(pair);
    expect(ind.unit).toBe(unit);
    expect(ind.operators[0]).toBe(op);
    expect(ind.range).toEqual({ min, max });
  });

  it("has unique codes and unique names", () => {
    const codes = inds.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = inds.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("points every replacedBy at an active indicator, and has deprecated ones", () => {
    const active = new Set(inds.filter((i) => i.status === "active").map((i) => i.code));
    const deprecated = inds.filter((i) => i.status === "deprecated");
    expect(deprecated.length).toBeGreaterThanOrEqual(4);
    for (const i of deprecated) expect(active.has(i.replacedBy ?? ""), i.code).toBe(true);
    for (const i of inds.filter((x) => x.replacedBy !== undefined)) expect(active.has(i.replacedBy!), i.code).toBe(true);
  });

  it("has no vague word in any name, and no input-type name under output", () => {
    const vague = inds.filter((i) => defaultPolicy.vagueWords.some((w) => i.name.includes(w))).map((i) => i.name);
    expect(vague).toEqual([]);
    const inputType = inds
      .filter((i) => i.level1 === "output" && defaultPolicy.inputTypeNames.some((w) => i.name.includes(w)))
      .map((i) => i.name);
    expect(inputType).toEqual([]);
  });

  it("gives every indicator its explanation, scoring and data source; units and ranges where they belong", () => {
    for (const i of inds) {
      expect(i.explanation, i.code).toMatch(/\S/);
      expect(i.scoring, i.code).toMatch(/\S/);
      expect(i.dataSource, i.code).toMatch(/\S/);
      if (i.valueType === "qualitative") {
        expect(i.operators, i.code).toEqual(["qualitative"]);
        expect(i.unit, i.code).toBeUndefined();
      } else {
        expect(i.unit, i.code).toMatch(/\S/);
        expect(i.range, i.code).toBeDefined();
        if (i.unit === "%") {
          expect(i.range!.min!, i.code).toBeGreaterThanOrEqual(0);
          expect(i.range!.max!, i.code).toBeLessThanOrEqual(100);
        }
        for (const h of i.history ?? []) {
          if (i.unit === "%") expect(h.value, i.code).toBeLessThanOrEqual(100);
          expect(h.value, i.code).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("is about 15% qualitative", () => {
    const share = inds.filter((i) => i.valueType === "qualitative").length / inds.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.25);
  });
});
