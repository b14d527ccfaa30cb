import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readValue, readNumber, isBlank, normaliseText, type ReadValue } from "../shared/values.ts";

// Each row: what a unit typed, the indicator's unit, and what the reader must make of it.
const table: [string | number | null, string | undefined, ReadValue][] = [
  ["95", "%", { kind: "number", value: 95 }],
  [95, "%", { kind: "number", value: 95 }],
  ["95%", "%", { kind: "number", value: 95, unit: "%" }],
  ["≥95%", "%", { kind: "number", value: 95, operator: ">=", unit: "%" }],
  [">=95%", "%", { kind: "number", value: 95, operator: ">=", unit: "%" }],
  ["≥ 95 %", "%", { kind: "number", value: 95, operator: ">=", unit: "%" }],
  ["＞＝９５％", "%", { kind: "number", value: 95, operator: ">=", unit: "%" }],
  ["９５％", "%", { kind: "number", value: 95, unit: "%" }],
  ["1,200", "人", { kind: "number", value: 1200 }],
  ["１，２００", "人", { kind: "number", value: 1200 }],
  ["12,345,678.5", "元", { kind: "number", value: 12345678.5 }],
  ["1.2万", "人", { kind: "number", value: 12000 }],
  ["1.2万", "万元", { kind: "number", value: 1.2 }],
  ["3亿", "元", { kind: "number", value: 300000000 }],
  ["≥50万亩", "万亩", { kind: "number", value: 50, operator: ">=", unit: "万亩" }],
  ["≤0.9‰", "‰", { kind: "number", value: 0.9, operator: "<=", unit: "‰" }],
  ["=5元/生·天", "元/生·天", { kind: "number", value: 5, operator: "=", unit: "元/生·天" }],
  ["≥20公里", "公里", { kind: "number", value: 20, operator: ">=", unit: "公里" }],
  ["≥2000亩", "万亩", { kind: "number", value: 2000, operator: ">=", unit: "亩" }],
  ["５０公顷", "亩", { kind: "number", value: 50, unit: "公顷" }],
  ["不低于90%", "%", { kind: "number", value: 90, operator: ">=", unit: "%" }],
  ["不超过2次", "次", { kind: "number", value: 2, operator: "<=", unit: "次" }],
  ["100%以上", "%", { kind: "number", value: 100, operator: ">=", unit: "%" }],
  ["80-95", "%", { kind: "number", value: 80, high: 95, operator: "range" }],
  ["80～95", "%", { kind: "number", value: 80, high: 95, operator: "range" }],
  ["0.5", "万元/公里", { kind: "number", value: 0.5 }],
  [".5", undefined, { kind: "number", value: 0.5 }],
  ["-5", undefined, { kind: "number", value: -5 }],
  ["<1", "起", { kind: "number", value: 1, operator: "<" }],
  ["-", "%", { kind: "placeholder", text: "-" }],
  ["*", "%", { kind: "placeholder", text: "*" }],
  ["/", "%", { kind: "placeholder", text: "/" }],
  ["无", "%", { kind: "placeholder", text: "无" }],
  ["—", "%", { kind: "placeholder", text: "—" }],
  ["达成年度指标", undefined, { kind: "grade", grade: "achieved" }],
  ["部分达成年度指标并具有一定效果", undefined, { kind: "grade", grade: "partial" }],
  ["未达成年度指标且效果较差", undefined, { kind: "grade", grade: "notAchieved" }],
  ["未达成", undefined, { kind: "grade", grade: "notAchieved" }],
  ["achieved", undefined, { kind: "grade", grade: "achieved" }],
  ["", "%", { kind: "empty" }],
  ["　 ", "%", { kind: "empty" }],
  [null, "%", { kind: "empty" }],
  ["逐步提高", "%", { kind: "text", text: "逐步提高" }],
  ["95分", "%", { kind: "text", text: "95分" }],
  ["95%左右", "%", { kind: "text", text: "95%左右" }],
  ["1.2.3", undefined, { kind: "text", text: "1.2.3" }],
  ["≥", "%", { kind: "text", text: "≥" }],
  ["约100", "人", { kind: "text", text: "约100" }],
];

describe("readValue: cells as units type them", () => {
  it.each(table)("%j (unit %s)", (cell, unit, expected) => {
    expect(readValue(cell, { unit })).toEqual(expected);
  });

  it("covers at least 30 inputs, failures among them", () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
    expect(table.filter(([, , r]) => r.kind === "text").length).toBeGreaterThanOrEqual(5);
  });

  it("never throws on odd cells", () => {
    for (const cell of [NaN, Infinity, true, false, "\u0000", "∞", "1e5", "0x10", "--5"]) {
      expect(() => readValue(cell)).not.toThrow();
    }
    expect(readValue(NaN).kind).toBe("text");
  });
});

describe("readNumber and isBlank", () => {
  it("reads amounts typed as text", () => {
    expect(readNumber("1,250.50")).toBe(1250.5);
    expect(readNumber("１２０")).toBe(120);
    expect(readNumber("-")).toBeUndefined();
    expect(readNumber("十万")).toBeUndefined();
  });
  it("treats absent, null and blank text as empty", () => {
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank(" \u3000")).toBe(true);
    expect(isBlank("0")).toBe(false);
    expect(isBlank(0)).toBe(false);
  });
});

describe("normaliseText", () => {
  // What it has always meant: NFKC, the tildes and dashes units type, spaces dropped. Text typed the
  // common ways (ASCII, full-width ASCII, ideographs, ≥ ≤) is folded without NFKC: the same text.
  const general = (t: string) => t.normalize("NFKC").replace(/[～〜]/g, "~").replace(/[－―−]/g, "-").replace(/[\s\u00a0\u3000]+/g, "");

  it("folds full-width forms as NFKC does: ９５％ → 95%, ＞＝９５ → >=95, ～ → ~", () => {
    expect(normaliseText("９５％")).toBe("95%");
    expect(normaliseText("＞＝９５")).toBe(">=95");
    expect(normaliseText("８０～９５")).toBe("80~95");
    expect(normaliseText("≥５０万亩")).toBe("≥50万亩");
    expect(normaliseText("１，２００")).toBe("1,200");
    expect(normaliseText("≥ 95 %")).toBe("≥95%");
    expect(normaliseText("－5")).toBe("-5");
  });

  it("is the general fold for any text, the common characters mixed with odd ones", () => {
    const common = fc.constantFrom("9", "5", ",", ".", "%", "-", "~", ">", "=", "a", "Z", "９", "５", "％", "，", "．", "＞", "＝", "～", "－", "ｍ", "亩", "万", "达", "≥", "≤");
    const odd = fc.constantFrom(" ", "\u3000", "\u00a0", "〜", "―", "−", "\u0338", "\u0301", "①", "㎞", "‰", "²", "ｶ", "\uff9e", "\ufeff", "豈", "⼀");
    const text = fc.array(fc.oneof({ weight: 5, arbitrary: common }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 1 }) }), { maxLength: 12 }).map((xs) => xs.join(""));
    fc.assert(fc.property(text, (t) => {
        expect(normaliseText(t)).toBe(general(t));
      }), { numRuns: 3000 });
  });
});
