// shared/sheet/cell-text.ts: the one rule both readers (server .xlsx, add-in Office.js) use to turn a
// stored number and its format into what the unit sees.
import { describe, expect, it } from "vitest";
import { cellText, isDateFormat, isPercentFormat, isoDate, percentText, serialToDate } from "../../shared/sheet/cell-text.ts";

describe("cellText", () => {
  it.each([
    // value, format, seen
    [0.95, "0%", "95%"],
    [0.95, "0.0%", "95.0%"],
    [0.955, "0.0%", "95.5%"],
    [0.955, "0%", "96%"], // as Excel shows it: rounded half away from zero
    [1.005, "0.00%", "100.50%"],
    [0.12345, "0.00%", "12.35%"],
    [-0.05, "0%", "-5%"],
    [-0.05, "0%;[Red]-0%", "-5%"],
    [1.2, "#,##0%", "120%"],
    [0.9, "0.##%", "90%"],
    [0.905, "0.##%", "90.5%"],
    [0, "0%", "0%"],
    [0.07, '"完成率"0%', "7%"],
    [45658, "yyyy-mm-dd", "2025-01-01"],
    [45658, "yyyy\"年\"m\"月\"d\"日\"", "2025-01-01"],
    [45658, "[$-804]yyyy/m/d", "2025-01-01"],
    [45658.5, "yyyy-mm-dd hh:mm", "2025-01-01T12:00:00"],
    [45658, "mmm-yy", "2025-01-01"],
    [0.95, "General", 0.95],
    [0.95, "0.00", 0.95],
    [95, "@", 95],
    [1200, "#,##0.00", 1200],
    [1200, "[Red]#,##0", 1200],
    [1200, "0.00E+00", 1200],
    [0.95, "0\\%", 0.95], // an escaped % is a literal, not a percentage
    [0.95, '0"%"', 0.95],
    ["95%", "0%", "95%"],
    ["2025-01", "yyyy-mm", "2025-01"],
    [true, "0%", true],
    [null, "0%", null],
    [0.95, undefined, 0.95],
    [0.95, "", 0.95],
  ] as const)("%s under %s reads %s", (value, fmt, seen) => {
    expect(cellText(value, fmt)).toBe(seen);
  });

  it("gives a Date as an ISO date, with the time of day when it has one", () => {
    expect(cellText(new Date(Date.UTC(2025, 2, 1)))).toBe("2025-03-01");
    expect(cellText(new Date(Date.UTC(2025, 2, 1, 8, 30)))).toBe("2025-03-01T08:30:00");
    expect(isoDate(new Date(Number.NaN))).toBe("");
  });

  it("agrees with exceljs on serials and on which formats are dates", () => {
    expect(serialToDate(45658).toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(serialToDate(45658, true).toISOString()).toBe("2029-01-02T00:00:00.000Z");
    expect(["yyyy-mm", "m/d/yy", "h:mm", "[h]:mm:ss", "d-mmm"].every(isDateFormat)).toBe(true);
    expect(["General", "0%", "0.00", "@", "#,##0", "[Red]0", '"年"0'].some(isDateFormat)).toBe(false);
    expect(["0%", "0.0%", "#,##0.00%"].every(isPercentFormat)).toBe(true);
    expect(["0", "0\\%", '"%"0', undefined].some((f) => isPercentFormat(f))).toBe(false);
    expect(percentText(0.95)).toBe("95%");
  });
});
