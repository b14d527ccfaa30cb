import { describe, expect, it } from "vitest";
import { conversionFactor, convert, isKnownUnit, isWanBased } from "../shared/measure-units.ts";

describe("unit conversion (docs/domain.md)", () => {
  it.each([
    [1, "万元", "元", 10000],
    [2.5, "亿元", "万元", 25000],
    [3, "公里", "米", 3000],
    [1500, "m", "km", 1.5],
    [1, "公顷", "亩", 15],
    [15, "亩", "公顷", 1],
    [1, "万亩", "亩", 10000],
    [1, "平方公里", "公顷", 100],
    [1, "平方公里", "平方米", 1e6],
    [2, "万人", "人", 20000],
    [3, "万次", "次", 30000],
    [1.5, "万人次", "人次", 15000],
    [5, "‰", "%", 0.5],
    [95, "%", "‰", 950],
  ])("%d %s = %d %s", (value, from, to, expected) => {
    expect(convert(value, from, to)).toBe(expected);
  });

  it("refuses what does not convert", () => {
    expect(conversionFactor("人", "人次")).toBeUndefined();
    expect(conversionFactor("元", "亩")).toBeUndefined();
    expect(conversionFactor("个", "所")).toBeUndefined();
    expect(convert(1, "%", "人")).toBeUndefined();
  });

  it("treats a unit as itself, full-width folded", () => {
    expect(conversionFactor("元/生·天", "元/生·天")).toBe(1);
    expect(conversionFactor("％", "%")).toBe(1);
    expect(conversionFactor("ＫＭ", "公里")).toBe(1);
  });

  it("knows its units", () => {
    expect(isKnownUnit("万亩")).toBe(true);
    expect(isKnownUnit("元/生·天")).toBe(false);
    expect(isWanBased("万元")).toBe(true);
    expect(isWanBased("元")).toBe(false);
  });
});
