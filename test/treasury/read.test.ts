// Reading the treasury's payment export and the budget approvals as platforms write them.
import { describe, expect, it } from "vitest";
import { resolvePolicy } from "../../shared/policy.ts";
import { readBudgets } from "../../shared/treasury/budgets.ts";
import { decodeCsv, parseCsv } from "../../shared/treasury/csv.ts";
import { readPayments } from "../../shared/treasury/payments.ts";
import { amountFen, isoDate } from "../../shared/treasury/table.ts";
import { encodeGbk } from "../support/gbk.ts";

const policy = resolvePolicy().treasury;

// As a district platform prints a payment detail export: a title, a unit line, two-row noise,
// then the table; a totals line at the end.
const exportCsv = [
  "国库集中支付明细表,,,,,,,",
  "单位：元,,,,,,,",
  "支付凭证号,支付日期,预算单位编码,预算单位,项目编码,支付金额,功能分类,收款人全称",
  'ZF2025000101,2025-01-15,001001,区林业局,LY-2025-01,"125,000.00",2130205 森林资源管理,某某林业工程有限公司',
  "ZF2025000102,2025/3/5,001001,区林业局,LY-2025-01,８０，０００．５０,2130205 森林资源管理,某某苗木合作社",
  "ZF2025000103,2025年6月30日,001001,区林业局,LY-2025-01,(5000.00),2130205 森林资源管理,某某苗木合作社",
  ",,,,,,,",
  "ZF2025000104,2025-13-01,001001,区林业局,LY-2025-01,100,2130205,某单位",
  "ZF2025000105,2025-07-01,001001,区林业局,LY-2025-01,一百元,2130205,某单位",
  "合计,,,,,200000.50,,",
].join("\r\n");

describe("payment export", () => {
  it("finds the table under a title and reads amounts, dates and refunds as the platform prints them", () => {
    const r = readPayments(parseCsv(exportCsv), policy);
    expect(r.error).toBeUndefined();
    expect(r.payments.map((p, i) => [r.rows[i], p.voucher, p.date, p.amountFen])).toEqual([
      [4, "ZF2025000101", "2025-01-15", 12_500_000],
      [5, "ZF2025000102", "2025-03-05", 8_000_050],
      [6, "ZF2025000103", "2025-06-30", -500_000],
    ]);
    expect(r.payments[0]).toMatchObject({ unit: "001001", project: "LY-2025-01", functional: "2130205 森林资源管理", payee: "某某林业工程有限公司" });
  });

  it("rejects unreadable rows with their row, column and what to do, and skips the totals line", () => {
    const r = readPayments(parseCsv(exportCsv), policy);
    expect(r.rejected.map((p) => [p.row, p.column])).toEqual([
      [8, "支付日期"],
      [9, "支付金额"],
    ]);
    expect(r.rejected[0]!.message.zh).toContain("2025-13-01");
    expect(r.rejected[0]!.message.en).toContain("2025-03-05");
  });

  it("reads 万元 from the header label or from a unit line above the table", () => {
    const inLabel = readPayments(parseCsv("凭证号,支付日期,单位编码,项目编码,支付金额（万元）\nV1,2025-02-01,001,P1,12.5"), policy);
    expect(inLabel.payments[0]!.amountFen).toBe(12_500_000);
    const inLine = readPayments(parseCsv("单位：万元\n支付凭证号,支付日期,预算单位编码,项目编码,支付金额\nV1,2025-02-01,001,P1,0.35"), policy);
    expect(inLine.payments[0]!.amountFen).toBe(350_000);
  });

  it("takes a bureau's own column names from the policy", () => {
    const csv = "单据编号,记账日期,单位,项目,金额\nV9,20250410,001,P1,100";
    expect(readPayments(parseCsv(csv), policy).error?.zh).toContain("treasury.paymentLabels");
    const own = resolvePolicy({ treasury: { paymentLabels: { voucher: ["单据编号"], date: ["记账日期"], unit: ["单位"], project: ["项目"] } } }).treasury;
    const r = readPayments(parseCsv(csv), own);
    expect(r.payments).toEqual([{ voucher: "V9", date: "2025-04-10", unit: "001", project: "P1", amountFen: 10_000 }]);
    expect(r.rows).toEqual([2]);
  });

  it("label variants read the same column: full-width, spaces, a line break, a unit suffix", () => {
    for (const label of ["支付凭证号", "支付 凭证号", "支付\n凭证号", "＊支付凭证号：", "支付凭证号"]) {
      const grid = [[label, "支付日期", "预算单位编码", "项目编码", "支付金额（元）"], ["V1", "2025-01-02", "001", "P1", "1"]];
      expect(readPayments(grid, policy).payments.length, label).toBe(1);
    }
  });
});

describe("CSV", () => {
  it("decodes GBK as platforms on Windows write it, and UTF-8 with or without a BOM", () => {
    const text = "支付凭证号,预算单位\nV1,区林业局";
    expect(decodeCsv(encodeGbk(text))).toEqual({ text, encoding: "gb18030" });
    expect(decodeCsv(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: "utf-8" });
  });

  it("keeps commas, quotes and line breaks inside quoted fields; reads tab-separated exports", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\n1,,3')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["1", null, "3"],
    ]);
    expect(parseCsv("凭证号\t金额\r\nV1\t100\r\n")).toEqual([
      ["凭证号", "金额"],
      ["V1", "100"],
    ]);
  });
});

describe("values", () => {
  it("dates in every common notation, and an Excel serial day", () => {
    expect(["2025-03-05", "2025/3/5", "2025.3.5", "20250305", "2025年3月5日", "2025-03-05 14:22:01", 45721].map((v) => isoDate(v))).toEqual(Array(7).fill("2025-03-05"));
    expect([isoDate("2025-02-30"), isoDate("三月五日"), isoDate(12)]).toEqual([undefined, undefined, undefined]);
  });

  it("amounts to the 分 with separators, currency signs, full-width digits and refunds", () => {
    expect([amountFen("1,234.56", 1), amountFen("￥1,234.56", 1), amountFen("１２３４．５６", 1), amountFen("(100)", 1), amountFen("-0.01", 1), amountFen(1.005, 10000)]).toEqual([
      123_456, 123_456, 123_456, -10_000, -1, 1_005_000,
    ]);
    expect(amountFen("abc", 1)).toBeUndefined();
  });
});

describe("budget approvals", () => {
  it("reads approved and adjusted budgets in 万元, from 元 columns too", () => {
    const csv = ["预算单位编码,预算单位名称,项目编码,项目名称,年初批复数（元）,调整后预算数（元）", "001001,区林业局,LY-2025-01,森林资源管护,5000000,5200000", "001001,区林业局,LY-2025-02,林业有害生物防治,300000,", "合计,,,,5300000,"].join("\n");
    const r = readBudgets(parseCsv(csv), 2025, policy);
    expect(r.budgets).toEqual([
      { row: 2, year: 2025, unit: "001001", project: "LY-2025-01", approved: 500, adjusted: 520, unitName: "区林业局", projectName: "森林资源管护" },
      { row: 3, year: 2025, unit: "001001", project: "LY-2025-02", approved: 30, unitName: "区林业局", projectName: "林业有害生物防治" },
    ]);
    expect(r.rejected).toEqual([]);
  });
});
