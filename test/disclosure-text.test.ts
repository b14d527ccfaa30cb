import { describe, expect, it } from "vitest";
import { redactDeep, redactPersonalData } from "../shared/disclosure/redact.ts";
import { csvField, looksLikeFormula, toCsv } from "../shared/disclosure/defuse.ts";

describe("redactPersonalData", () => {
  it.each([
    ["联系人：张三，电话13812345678", ["张三", "13812345678"]],
    ["项目负责人 李四 联系电话 0531-88886666", ["李四", "0531-88886666"]],
    ["经办人:王小明（手机 139 1234 5678）", ["王小明", "139 1234 5678"]],
    ["身份证号370102199001011234已核验", ["370102199001011234"]],
    ["身份证37010219900101123X", ["37010219900101123X"]],
    ["邮箱 zhangsan@example.cn 收", ["zhangsan@example.cn"]],
    ["咨询电话(0531)82345678转123", ["82345678"]],
    ["+86 138-1234-5678", ["1234-5678"]],
  ])("takes personal data out of %s", (text, gone) => {
    const out = redactPersonalData(text);
    for (const g of gone) expect(out).not.toContain(g);
    expect(out).toMatch(/已隐去/);
  });

  it("leaves figures and plain text alone", () => {
    for (const text of [
      "完成森林管护面积52.3万亩，当年造林成活率92%",
      "2026年度营养改善计划受益学生12000人",
      "项目资金1380.5万元，执行率96.2%",
      "森林火灾受害率≤0.9‰",
    ]) {
      expect(redactPersonalData(text)).toBe(text);
    }
  });

  it("redacts inside nested data and keeps its shape", () => {
    const out = redactDeep({ goals: { annual: "联系人：赵六" }, indicators: [{ name: "x", target: 95 }] });
    expect(out.goals.annual).not.toContain("赵六");
    expect(out.indicators[0]).toEqual({ name: "x", target: 95 });
  });
});

describe("formula defusing", () => {
  it("defuses what a spreadsheet would run", () => {
    expect(looksLikeFormula("=HYPERLINK(\"http://x\")")).toBe(true);
    expect(looksLikeFormula("+1")).toBe(true);
    expect(looksLikeFormula("-2+3")).toBe(true);
    expect(looksLikeFormula("@SUM(A1)")).toBe(true);
    expect(looksLikeFormula("≥95%")).toBe(false);
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
  });

  it("writes CSV with a BOM and CRLF", () => {
    expect(toCsv([["单位", "得分"], ["林业局", 92.5]])).toBe("\uFEFF单位,得分\r\n林业局,92.5\r\n");
  });
});
