// What a form's fields are called, so a message about `funds.total` says 年度资金总额 to the
// accountant who typed it (and the path stays beside it for the record). The Chinese is the label
// the template writes (shared/sheet/labels.ts, the one place those strings live); this file adds
// the English, and names the parts of a form no single cell holds.
import type { Term } from "./glossary.ts";
import { columnLabels, headerLabels, type ColumnField, type HeaderField } from "./sheet/labels.ts";

const fieldsEn: Record<string, string> = {
  year: "year",
  month: "monitoring month",
  "unit.code": "budget unit code",
  "unit.name": "budget unit name",
  "project.code": "project code",
  "project.name": "project name",
  "project.field": "project field",
  "project.attribute": "project type (new or continuing)",
  "project.servesPublic": "serves the public",
  "funds.total": "total funds",
  "funds.fiscal": "fiscal funds",
  "funds.other": "other funds",
  "funds.carryover": "carry-over",
  "goals.overall": "overall goal",
  "goals.annual": "annual goal",
  "goals.actual": "what was achieved",
  "budget.annual": "annual budget",
  "budget.executedToDate": "executed to date",
  "budget.initial": "initial budget",
  "budget.adjusted": "adjusted budget",
  "budget.executed": "budget executed",
  "budget.reason": "reason for low execution",
  totalScore: "total score",
  grade: "grade",
};

/** Fields the sheet writes under another key than their path, and parts of a form with no cell of their own. */
const others: Record<string, Term> = {
  kind: { zh: "表样类型", en: "form kind" },
  unit: { zh: "预算单位", en: "budget unit" },
  project: { zh: "项目信息", en: "project" },
  "project.department": { zh: headerLabels.department[0]!, en: "department" },
  "project.periodStart": { zh: `${headerLabels.period[0]}（起）`, en: "project period start" },
  "project.periodEnd": { zh: `${headerLabels.period[0]}（止）`, en: "project period end" },
  funds: { zh: "资金情况", en: "funds" },
  goals: { zh: "绩效目标", en: "goals" },
  budget: { zh: "预算执行情况", en: "budget execution" },
  indicators: { zh: "绩效指标", en: "indicators" },
};

const columnsEn: Record<ColumnField, string> = {
  level1: "level-1 category",
  level2: "level-2 category",
  code: "indicator code",
  name: "indicator name",
  operator: "operator",
  target: "target",
  targetHigh: "target upper bound",
  unit: "unit",
  basis: "basis",
  custom: "custom",
  na: "not applicable",
  toDate: "value to date",
  expected: "expected for the year",
  possibility: "likelihood",
  deviationCategory: "cause of deviation",
  measures: "corrective measures",
  actual: "actual value",
  weight: "weight",
  score: "score",
  deviation: "deviation analysis",
};

/** `funds.total` → 年度资金总额; `indicators[2].target` → 第3行指标的指标值; unknown paths as they are. */
export function fieldLabel(path: string): Term {
  const other = others[path];
  if (other) return other;
  const en = fieldsEn[path];
  if (en !== undefined && Object.hasOwn(headerLabels, path)) return { zh: headerLabels[path as HeaderField][0]!, en };
  const row = /^indicators\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (row) {
    const n = Number(row[1]) + 1;
    if (!row[2]) return { zh: `第${n}行指标`, en: `indicator row ${n}` };
    if (Object.hasOwn(columnsEn, row[2])) {
      const col = row[2] as ColumnField;
      return { zh: `第${n}行指标的${columnLabels[col][0]}`, en: `the ${columnsEn[col]} of indicator row ${n}` };
    }
  }
  return { zh: path, en: path };
}
