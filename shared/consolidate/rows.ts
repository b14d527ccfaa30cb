// The rows of each consolidated sheet, as plain data (the JSON format holds exactly these). Domain
// keys stay keys here (`kind: "selfEval"`, `light: "red"`, `level1: "output"`); the sheet columns
// (columns.ts) say how each is shown (绩效自评表, 红灯, 产出指标).
import type { FormKind, Level1, Level2, Light, Operator, Rating, SubmissionStatus } from "../glossary.ts";
import type { Severity } from "../issue.ts";
import type { Typed } from "../form.ts";

/** Which unit and kind a row of the 汇总 and 未报送 sheets is about, and how many forms it owes. */
export interface UnitKindLine {
  unitCode: string;
  unitName: string;
  confidential: boolean;
  kind: FormKind;
  /** Forms owed: one per project the unit has any form for in the year, and at least one. */
  expected: number;
}

/** The money of the forms a row stands for, on the 汇总 and 表单 sheets. */
export interface FundsFigures {
  /** Σ funds total (万元) of the forms held. */
  fundsTotal: number | null;
  /** Σ executed ÷ Σ adjusted (selfEval), Σ executedToDate ÷ Σ annual (monitor). */
  executionRate: number | null;
}

/** What is flagged on the forms a row stands for, on the 汇总 and 表单 sheets. */
export interface AlertCounts {
  /** Red and yellow lights (the budget's and the rows'), on monitoring forms. */
  red: number;
  yellow: number;
  /** Errors and warnings found on the latest revisions. */
  errors: number;
  warnings: number;
}

/** 汇总: one row per unit and kind in scope. */
export interface SummaryRow extends UnitKindLine, FundsFigures, AlertCounts {
  /** Latest forms sent to the bureau: submitted, returned or approved (drafts are not received). */
  received: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  /** expected − (submitted + returned + approved), never below 0. */
  pending: number;
  /** Projects the unit has other forms for but none of this kind. */
  projectsMissing: string[];
  averageScore: number | null;
  lowestScore: number | null;
  excellent: number;
  good: number;
  fair: number;
  poor: number;
  /**
   * The bureau's cycle for the unit (its notices' deadlines, rectification items, the annual
   * assessment), the same on each of the unit's rows; null when the cycle was not given.
   */
  onTime: number | null;
  late: number | null;
  due: number | null;
  notSent: number | null;
  rectOpen: number | null;
  rectOverdue: number | null;
  rectClosed: number | null;
  assessment: number | null;
  rank: number | null;
}

/** Which form a row of the 表单, 指标明细 and 问题清单 sheets comes from: they start alike. */
export interface FormLine {
  unitCode: string;
  unitName: string;
  projectCode: string;
  projectName: string;
  kind: FormKind;
  status: SubmissionStatus;
}

/** 表单: one row per latest form. */
export interface FormRow extends FormLine, FundsFigures, AlertCounts {
  revision: number;
  updatedAt: string | null;
  /** false: the stored body does not fit the schema, so it has no figures and no rows. */
  readable: boolean;
  score: number | null;
  grade: Rating | null;
  budgetLight: Light | null;
  indicators: number;
}

/** 指标明细: one row per indicator row of every latest form. */
export interface IndicatorLine extends FormLine {
  /** 1-based position of the row in its form. */
  row: number;
  level1: Level1;
  level2: Level2;
  name: string | null;
  code: string | null;
  operator: Operator | null;
  /** As typed: a number, or the text the cell held. */
  target: Typed | null;
  targetHigh: Typed | null;
  unit: string | null;
  /** selfEval: actual (实际完成值); monitor: toDate (1–N月完成值); as typed. */
  value: Typed | null;
  weight: Typed | null;
  /** selfEval: the row's computed score. */
  score: number | null;
  /** monitor: the row's light. */
  light: Light | null;
  na: boolean;
  /** The stored findings of this row: `I208 目标值…；I209 …`. */
  findings: string;
}

/** 未报送: one row per unit and kind with nothing sent (drafts do not count as sent). */
export interface MissingLine extends UnitKindLine {
  drafts: number;
  /** Projects the unit has forms of other kinds for. */
  projects: string[];
}

/** 问题清单: one row per stored finding of every latest form. */
export interface FindingLine extends FormLine {
  rule: string;
  severity: Severity;
  cell: string | null;
  path: string;
  zh: string;
  en: string;
}
