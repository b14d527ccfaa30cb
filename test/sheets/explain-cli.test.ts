// `jixiao validate --explain FILE.xlsx`: which label was read from which cell into which field, in
// Chinese or English by LANG, and which rows were passed over and why (docs/reading-forms.md).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const file = join(import.meta.dirname, "../fixtures/published/hubei-huangshi-shenyi-monitor-2019.xlsx");

function explain(lang: string, ...files: string[]) {
  const r = spawnSync("node", ["server/cli/bin.js", "validate", "--explain", ...files], { encoding: "utf8", timeout: 120_000, env: { ...process.env, LANG: lang, LC_ALL: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Each of `lines` is in the explanation. */
function expectLines(out: string, lines: readonly string[]): void {
  for (const line of lines) expect(out).toContain(line);
}

describe("jixiao validate --explain", () => {
  it("in Chinese: the kind and where it came from, each header label with its cell and its value's cell, each column, each row passed over", () => {
    const { code, out } = explain("zh_CN.UTF-8", file);
    expect(code).toBe(0);
    expectLines(out, [
      "[监控表] 绩效运行监控表（依据标题），读入 2 行指标",
      "'监控表'!D5“项目执行单位” → 预算单位（unit.name），取值于 '监控表'!E5",
      "'监控表'!D9“1-6月执行数” → 执行数（budget.executedToDate），取值于 '监控表'!D10",
      // a label printed over two lines is shown on one
      "'监控表'!E12“半年度 指标执行情况” → 完成值（toDate）",
      "'监控表'!F12“完成目标可能性(确定能、有可能、不可能)” → 完成可能性（possibility）",
      "'监控表'!C13“质量”：只有指标级别的标题行",
      "'监控表'!A17“偏差或不能完成目标原因分析”：表格到此结束",
    ]);
  });

  it("in English, and exit 2 for a file that cannot be read, the others still explained", () => {
    const { code, out, err } = explain("en_US.UTF-8", file, join(import.meta.dirname, "missing.xlsx"));
    expect(code).toBe(2);
    expectLines(out, [
      "[监控表] performance monitoring form (from the title), 2 indicator rows read",
      "'监控表'!A4 “项目名称” → project name (project.name), value from '监控表'!B4",
      "'监控表'!G12 “备注” → corrective measures (measures)",
      "'监控表'!C14 “时效”: a row with level labels only",
    ]);
    expect(err).toContain("missing.xlsx");
  });
});
