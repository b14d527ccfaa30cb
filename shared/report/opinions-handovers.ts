// The work report's opinions on results and problems handed on (docs/work-report.md and
// docs/opinions.md): how many drafts of results notices and evaluation conclusions were sent for
// the units' opinions by the report's day, what came back and how each objection was handled;
// and the problems handed to supervision departments, by department and by where they were found.
// Pure: the server hands over the year's drafts and records; the counting is shared/cycle's.
import { handoverCounts, type Handover, type HandoverCounts } from "../cycle/handover.ts";
import { opinionCounts, SILENCE_ZH, type Consultation, type OpinionCounts } from "../cycle/opinions.ts";
import type { ReportSection } from "./section.ts";

/** The year's drafts and records as they stood at `at` (ISO). */
export function opinionFigures(consultations: readonly Consultation[], at: string): OpinionCounts {
  return opinionCounts(consultations, at);
}

export function handoverFigures(handovers: readonly Handover[], at: string): HandoverCounts {
  return handoverCounts(handovers, at);
}

/** The section 征求意见: its words and its table. */
export function opinionSection(f: OpinionCounts): ReportSection {
  if (f.consultations === 0) return { heading: "征求意见", paragraphs: ["本期未就评价结果征求被评价单位意见。"] };
  const handled = f.accepted + f.rejected;
  return {
    heading: "征求意见",
    paragraphs: [
      `评价结果通报和重点项目评价结论定稿前，书面征求被评价单位意见。本期共发出征求意见稿${f.consultations}份（结果通报${f.bySubject.results}份、评价结论${f.bySubject.conclusion}份），征求意见${f.asked}家次，收到书面反馈${f.answered}家次，其中无异议${f.agreed}家次、提出异议${f.objected}家次；${SILENCE_ZH}${f.silent}家次。`,
      f.objected > 0
        ? `对单位提出的异议逐条核实答复：采纳${f.accepted}条，并据此修改了通报或结论；不予采纳${f.rejected}条，均书面说明理由${f.pending > 0 ? `；尚待答复${f.pending}条` : ""}。已定稿${f.final}份。`
        : `各单位均未提出异议。已定稿${f.final}份。`,
    ],
    table: {
      caption: "征求意见情况",
      headers: ["项目", "数量"],
      rows: [
        ["征求意见稿（份）", f.consultations],
        ["征求意见（家次）", f.asked],
        ["无异议（家次）", f.agreed],
        ["提出异议（家次）", f.objected],
        ["逾期未反馈视为无异议（家次）", f.silent],
        ["异议已采纳（条）", f.accepted],
        ["异议不予采纳（条）", f.rejected],
        ...(handled < f.objected ? [["异议尚待答复（条）", f.pending] as (string | number)[]] : []),
      ],
    },
  };
}

const kindWords = { finding: "审核中发现的问题", rectification: "整改事项", conclusion: "评价结论" } as const;

/** The section 问题移送: its words and its table by department. */
export function handoverSection(f: HandoverCounts): ReportSection {
  if (f.total === 0) return { heading: "问题移送", paragraphs: ["本期未向纪检监察、审计等部门移送问题。"] };
  const departments = Object.entries(f.byDepartment).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh"));
  const kinds = (Object.keys(kindWords) as (keyof typeof kindWords)[]).filter((k) => f.byKind[k] > 0).map((k) => `${kindWords[k]}${f.byKind[k]}个`);
  return {
    heading: "问题移送",
    paragraphs: [
      `对绩效管理中发现的违规违纪问题线索，按规定移送有关部门处理。本期共移送问题${f.total}个，涉及${f.units}个单位，其中${departments.map(([d, n]) => `移送${d}${n}个`).join("、")}；按来源分，${kinds.join("、")}。移送情况已在结果通报和单位考核中列明。`,
    ],
    table: { caption: "问题移送情况", headers: ["移送单位", "问题（个）"], rows: departments.map(([d, n]) => [d, n]) },
  };
}
