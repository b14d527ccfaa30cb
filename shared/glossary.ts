// One place for every domain key with its Chinese and English label. The task pane, the sheets
// and every rule message take their words from here, so a term is spelled one way everywhere.

export interface Term {
  zh: string;
  en: string;
}

/** A term table's codes in the order it declares them, as the non-empty list `z.enum` takes. */
export function codesOf<K extends string>(terms: Record<K, unknown>): [K, ...K[]] {
  return Object.keys(terms) as [K, ...K[]];
}

export const level1Terms = {
  output: { zh: "产出指标", en: "Output" },
  cost: { zh: "成本指标", en: "Cost" },
  benefit: { zh: "效益指标", en: "Benefit" },
  satisfaction: { zh: "满意度指标", en: "Satisfaction" },
} as const satisfies Record<string, Term>;

export const level2Terms = {
  quantity: { zh: "数量指标", en: "Quantity" },
  quality: { zh: "质量指标", en: "Quality" },
  timeliness: { zh: "时效指标", en: "Timeliness" },
  cost: { zh: "成本指标", en: "Cost" },
  economicCost: { zh: "经济成本指标", en: "Economic cost" },
  socialCost: { zh: "社会成本指标", en: "Social cost" },
  ecologicalCost: { zh: "生态环境成本指标", en: "Ecological cost" },
  economic: { zh: "经济效益指标", en: "Economic benefit" },
  social: { zh: "社会效益指标", en: "Social benefit" },
  ecological: { zh: "生态效益指标", en: "Ecological benefit" },
  sustainability: { zh: "可持续影响指标", en: "Sustainable impact" },
  serviceSatisfaction: { zh: "服务对象满意度指标", en: "Service recipients' satisfaction" },
} as const satisfies Record<string, Term>;

export type Level1 = keyof typeof level1Terms;
export type Level2 = keyof typeof level2Terms;

export const operatorTerms = {
  ">=": { zh: "≥", en: "at least" },
  ">": { zh: ">", en: "more than" },
  "=": { zh: "=", en: "equal to" },
  "<=": { zh: "≤", en: "at most" },
  "<": { zh: "<", en: "less than" },
  range: { zh: "区间", en: "range" },
  qualitative: { zh: "定性", en: "qualitative" },
} as const satisfies Record<string, Term>;
export type Operator = keyof typeof operatorTerms;
export const operators = codesOf(operatorTerms);

export const valueTypeTerms = {
  quantitative: { zh: "定量", en: "quantitative" },
  qualitative: { zh: "定性", en: "qualitative" },
} as const satisfies Record<string, Term>;
export type ValueType = keyof typeof valueTypeTerms;

export const gradeTerms = {
  achieved: { zh: "达成年度指标", en: "achieved" },
  partial: { zh: "部分达成年度指标并具有一定效果", en: "partly achieved, with some effect" },
  notAchieved: { zh: "未达成年度指标且效果较差", en: "not achieved, poor effect" },
} as const satisfies Record<string, Term>;
export type QualitativeGrade = keyof typeof gradeTerms;

export const ratingTerms = {
  excellent: { zh: "优", en: "excellent" },
  good: { zh: "良", en: "good" },
  fair: { zh: "中", en: "fair" },
  poor: { zh: "差", en: "poor" },
} as const satisfies Record<string, Term>;
export type Rating = keyof typeof ratingTerms;
/** The grades of a self-evaluation, best first. */
export const ratings = codesOf(ratingTerms);

export const kindTerms = {
  target: { zh: "绩效目标申报表", en: "performance target form" },
  monitor: { zh: "绩效运行监控表", en: "performance monitoring form" },
  selfEval: { zh: "绩效自评表", en: "performance self-evaluation form" },
} as const satisfies Record<string, Term>;
export type FormKind = keyof typeof kindTerms;
export const formKinds = codesOf(kindTerms);

export const basisTerms = {
  plan: { zh: "计划标准", en: "plan" },
  industry: { zh: "行业标准", en: "industry standard" },
  history: { zh: "历史标准", en: "history" },
  other: { zh: "其他标准", en: "other" },
} as const satisfies Record<string, Term>;
export type Basis = keyof typeof basisTerms;

export const attributeTerms = {
  new: { zh: "新增项目", en: "new project" },
  continuing: { zh: "延续项目", en: "continuing project" },
} as const satisfies Record<string, Term>;
export type ProjectAttribute = keyof typeof attributeTerms;

export const possibilityTerms = {
  certain: { zh: "确定能", en: "certain" },
  possible: { zh: "有可能", en: "possible" },
  impossible: { zh: "完全不可能", en: "impossible" },
} as const satisfies Record<string, Term>;
export type Possibility = keyof typeof possibilityTerms;

export const deviationCategoryTerms = {
  funding: { zh: "经费保障", en: "funding" },
  institutional: { zh: "制度保障", en: "rules and procedures" },
  staffing: { zh: "人员保障", en: "staffing" },
  hardware: { zh: "硬件条件保障", en: "equipment and facilities" },
  other: { zh: "其他", en: "other" },
} as const satisfies Record<string, Term>;
export type DeviationCategory = keyof typeof deviationCategoryTerms;

export const statusTerms = {
  draft: { zh: "草稿", en: "draft" },
  submitted: { zh: "已报送", en: "submitted" },
  returned: { zh: "已退回", en: "returned" },
  approved: { zh: "已审核", en: "approved" },
} as const satisfies Record<string, Term>;
export type SubmissionStatus = keyof typeof statusTerms;
export const submissionStatuses = codesOf(statusTerms);

export const lightTerms = {
  green: { zh: "绿灯", en: "green" },
  yellow: { zh: "黄灯", en: "yellow" },
  red: { zh: "红灯", en: "red" },
} as const satisfies Record<string, Term>;
export type Light = keyof typeof lightTerms;
/** The monitoring lights, green first. */
export const lights = codesOf(lightTerms);

export const fieldTerms = {
  forestry: { zh: "林业", en: "forestry" },
  water: { zh: "水利", en: "water" },
  roads: { zh: "交通公路", en: "roads" },
  education: { zh: "教育", en: "education" },
  health: { zh: "卫生健康", en: "health" },
  agriculture: { zh: "农业农村", en: "agriculture" },
  tourism: { zh: "文化旅游", en: "tourism" },
  admin: { zh: "行政管理", en: "administration" },
  environment: { zh: "生态环境", en: "environment" },
  socialSecurity: { zh: "社会保障", en: "social security" },
  housing: { zh: "住房城乡建设", en: "housing and construction" },
  emergency: { zh: "应急管理", en: "emergency management" },
} as const satisfies Record<string, Term>;
export type Field = keyof typeof fieldTerms;

/** Finds a key by its key, Chinese label or English label (trimmed, case-insensitive for English). */
export function keyOf<K extends string>(terms: Record<K, Term>, text: string): K | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (Object.hasOwn(terms, t)) return t as K;
  const lower = t.toLowerCase();
  for (const [key, term] of Object.entries(terms) as [K, Term][]) {
    if (term.zh === t || term.en.toLowerCase() === lower) return key;
  }
  return undefined;
}

/** The glossary of each coded field of an indicator (a form's row or a library entry). */
const codedFields: Record<string, Record<string, Term>> = {
  level1: level1Terms,
  level2: level2Terms,
  operator: operatorTerms,
  basis: basisTerms,
  possibility: possibilityTerms,
  deviationCategory: deviationCategoryTerms,
  valueType: valueTypeTerms,
};

/**
 * A coded field's value as a sheet shows it: its Chinese term (the code itself if the glossary
 * lacks it), null when empty; undefined when `field` is not a coded one.
 */
export function codedCell(field: string, code: unknown): string | null | undefined {
  const terms = codedFields[field];
  if (terms === undefined) return undefined;
  if (typeof code !== "string" || code === "") return null;
  return terms[code]?.zh ?? code;
}
