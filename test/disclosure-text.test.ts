// Formula defusing in what the disclosure exports write (the redaction of personal data has its
// own catalogue: test/disclosure/redaction-catalogue.test.ts).
import { describe, expect, it } from "vitest";
import { csvField, looksLikeFormula, toCsv } from "../shared/disclosure/defuse.ts";

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
