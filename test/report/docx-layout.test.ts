// The work report's .docx keeps what belongs together on one page (server/report/docx.ts): a
// heading with its first paragraph, a table's caption with the table, a short table whole and a
// long one's header with its first row; a chart's caption, below it, is not tied to what follows.
// Found walking a key project: the opinions table's caption ended page 3, its table began page 4.
import { describe, expect, it } from "vitest";
import type { WorkReport } from "../../shared/report/work-report.ts";
import { workReportDocx } from "../../server/report/docx.ts";
import { unpack } from "../../server/xlsx/package.ts";

const report = (rows: number): WorkReport =>
  ({
    title: "某区财政局关于2025年度预算绩效管理工作情况的报告",
    byline: "（数据截至2025-12-31）",
    sections: [
      { heading: "一、总体情况", paragraphs: ["全区3个预算单位纳入预算绩效管理。"], table: { caption: "表1 征求意见情况", headers: ["项目", "数量"], rows: Array.from({ length: rows }, (_, i) => [`第${i + 1}项`, i]) } },
      { heading: "二、自评结果", paragraphs: ["已报送的绩效自评表2份。"], chart: { caption: "图1 自评等级分布（份）", bars: [{ label: "优", value: 2, colour: "green" }] } },
    ],
    figures: {},
  }) as unknown as WorkReport;

/** The document's paragraphs (outside tables) and table rows, as XML. */
async function parts(r: WorkReport): Promise<{ paragraphs: string[]; rows: string[] }> {
  const xml = unpack(await workReportDocx(r)).get("word/document.xml")!.toString("utf8");
  const rows = [...xml.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
  const paragraphs = [...xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, "").matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => m[0]);
  return { paragraphs, rows };
}
const text = (p: string) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
const keptWithNext = (p: string) => p.includes("<w:keepNext/>");

describe("the work report's pages", () => {
  it("keep a heading with its paragraph and a caption with its table; a chart's caption stands free", async () => {
    const { paragraphs } = await parts(report(3));
    const by = (s: string) => paragraphs.find((p) => text(p).startsWith(s))!;
    expect(keptWithNext(by("一、总体情况"))).toBe(true);
    expect(keptWithNext(by("二、自评结果"))).toBe(true);
    expect(keptWithNext(by("表1 征求意见情况"))).toBe(true);
    expect(keptWithNext(by("全区3个预算单位"))).toBe(false);
    expect(keptWithNext(by("图1 自评等级分布"))).toBe(false);
  });

  it("keep a short table whole, rows unsplit; a long one keeps only its header with the first row", async () => {
    const short = (await parts(report(7))).rows;
    expect(short).toHaveLength(8);
    expect(short.map((r) => keptWithNext(r))).toEqual([true, true, true, true, true, true, true, false]);
    expect(short.every((r) => r.includes("<w:cantSplit/>"))).toBe(true);
    const long = (await parts(report(40))).rows;
    expect(long.filter((r) => keptWithNext(r))).toHaveLength(1);
    expect(keptWithNext(long[0]!)).toBe(true);
  });
});
