// The indicator-rows sheet "pull consolidated" writes (addin/excel/pull.ts), at any size, for the
// pull's tests and its benchmark (bench/pull.ts): Chinese text, numbers, lights, findings.
import type { PullSheet } from "../../addin/excel/pull.ts";

/** An indicator-rows sheet as consolidation gives it: Chinese text, numbers, lights. */
export function indicatorSheet(rows: number): PullSheet {
  return {
    name: "指标明细",
    table: "T_rows",
    columns: [
      { header: "单位代码", width: 10 },
      { header: "单位名称", width: 20 },
      { header: "项目名称", width: 24 },
      { header: "表类", width: 10 },
      { header: "一级指标", width: 10 },
      { header: "二级指标", width: 12 },
      { header: "三级指标", width: 24 },
      { header: "符号", width: 6 },
      { header: "指标值", width: 10, format: "number" },
      { header: "计量单位", width: 8 },
      { header: "实际完成值", width: 10, format: "number" },
      { header: "得分", width: 8, format: "number" },
      { header: "预警", width: 8, highlights: [{ equals: "红灯", fill: "#FFC7CE" }, { equals: "黄灯", fill: "#FFEB9C" }] },
      { header: "问题", width: 30 },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `U${String(i % 1000).padStart(4, "0")}`,
      `区第${i % 1000}预算单位`,
      `森林资源管护项目${i % 20}`,
      "绩效自评表",
      "产出指标",
      "数量指标",
      `森林管护面积${i % 10}`,
      "≥",
      120 + (i % 7),
      "万亩",
      118.5,
      i % 3 === 0 ? 9.5 : 10,
      i % 5 === 0 ? "红灯" : i % 3 === 0 ? "黄灯" : "绿灯",
      i % 4 === 0 ? "I211 指标值超出合理区间" : null,
    ]),
  };
}
