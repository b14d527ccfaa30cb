// The policy published with the library (docs/domain.md). Every threshold a rule uses lives here so a
// bureau changes its policy without code; a partial policy is filled from these defaults.
import { z } from "zod";
import { ExpertPolicySchema } from "./expert/policy.ts";
import { TreasuryPolicySchema } from "./treasury/policy.ts";

const Band = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

/**
 * Local names of the frame's levels as counties print them, each → the standard label it stands
 * for (read with or without 指标, full-width or not). A bureau adds its own here: a new county
 * layout is a policy change, not a code change (docs/reading-forms.md).
 */
const defaultLevelLabels: Record<string, string> = {
  预期产出指标: "产出指标",
  产出: "产出指标",
  效果指标: "效益指标",
  预期效果指标: "效益指标",
  效益: "效益指标",
  社会公众或服务对象满意度指标: "满意度指标",
  服务对象满意度: "满意度指标",
  数量指标或建筑规模指标: "数量指标",
  建筑规模指标: "数量指标",
  时效指标工期指标: "时效指标",
  工期指标: "时效指标",
  预算或投资规模控制指标: "成本指标",
  投资规模控制指标: "成本指标",
  预算控制指标: "成本指标",
  环境效益指标: "生态效益指标",
  生态环境效益指标: "生态效益指标",
};

export const LabelsSchema = z
  .object({
    /** a form field (`project.name`, `funds.fiscal`, a column such as `target`) → extra labels that name it */
    fields: z.record(z.string(), z.array(z.string())).default({}),
    /** a local level name → the standard label of the level it is (`效果指标` → `效益指标`) */
    levels: z.record(z.string(), z.string()).default(defaultLevelLabels),
  })
  .prefault({});
export type Labels = z.infer<typeof LabelsSchema>;

export const PolicySchema = z.object({
  frame: z.enum(["2021", "2015"]).default("2021"),
  minIndicators: z.number().int().min(0).default(5),
  requiredLevel1: z.array(z.string()).optional(),
  requiredLevel2: z.array(z.string()).optional(),
  benefitNeedsNonSatisfaction: z.boolean().default(true),
  satisfactionWhenServesPublic: z.boolean().default(true),
  minQuantitativeShare: z.number().min(0).max(1).default(0.6),
  weights: z
    .object({
      budget: z.number().min(0).default(10),
      output: z.number().min(0).default(50),
      /** Set apart only when a bureau scores cost on its own; otherwise folded into output. */
      cost: z.number().min(0).optional(),
      benefit: z.number().min(0).default(30),
      satisfaction: z.number().min(0).default(10),
    })
    .prefault({}),
  grades: z
    .object({
      excellent: z.number().default(90),
      good: z.number().default(80),
      fair: z.number().default(60),
    })
    .prefault({}),
  qualitativeBands: z
    .object({
      achieved: Band.default([0.8, 1]),
      partial: Band.default([0.5, 0.8]),
      notAchieved: Band.default([0, 0.5]),
    })
    .prefault({}),
  executionReasonBelow: z.number().min(0).max(1).default(0.9),
  overAchievementRatio: z.number().min(1).default(1.3),
  monitorThresholds: z
    .object({ yellow: z.number().default(0.8), red: z.number().default(0.6) })
    .prefault({}),
  monitorMonths: z.array(z.number().int().min(1).max(12)).default([6, 7]),
  vagueWords: z
    .array(z.string())
    .default(["进一步", "有效", "明显", "逐步", "显著", "不断", "大力", "积极", "力争", "基本"]),
  inputTypeNames: z.array(z.string()).default(["资金到位率", "投入资金", "资金拨付"]),
  minGoalLength: z.number().int().min(0).default(10),
  fundsTolerance: z.number().min(0).default(0.01),
  scoreTolerance: z.number().min(0).default(0.5),
  copiedAcrossProjects: z.number().int().min(2).default(3),
  /** Labels a bureau's own layouts use beyond the template's (shared/sheet/labels.ts). */
  labels: LabelsSchema,
  /** The treasury's payment export and the tolerances of X603/X604 (shared/treasury/policy.ts). */
  treasury: TreasuryPolicySchema,
  /**
   * What one unit may store (the server refuses more, naming the limit): indicator rows in one
   * form, forms per unit and year, revisions of a form kept whole (older ones keep who, when and
   * the counts; the audit log keeps every save), and bytes of stored forms per unit.
   */
  limits: z
    .object({
      rowsPerForm: z.number().int().min(1).default(2000),
      formsPerUnitYear: z.number().int().min(1).default(1500),
      revisionsKept: z.number().int().min(1).default(20),
      bytesPerUnit: z.number().int().min(1).default(256 * 1024 * 1024),
      /** One uploaded document (评价方案, 评价报告, 自评报告; docs/documents.md); the server never takes more than 64 MB. */
      documentBytes: z.number().int().min(1).max(64 * 1024 * 1024).default(20 * 1024 * 1024),
      /** Versions kept of one document of a project. */
      documentVersions: z.number().int().min(1).default(30),
    })
    .prefault({}),
  /** Expert review (专家评审): the review sheets for each kind of item and the outlier rule (shared/expert/policy.ts). */
  experts: ExpertPolicySchema,
  /**
   * The annual assessment of units (单位绩效管理工作考核), shared/cycle/assessment.ts: the weight of
   * each component (a unit's total is scaled to 100 over the components that apply to it) and the
   * errors per form at first save at which the errors component scores nothing.
   */
  assessment: z
    .object({
      onTime: z.number().min(0).default(25),
      firstPass: z.number().min(0).default(20),
      errors: z.number().min(0).default(15),
      selfEval: z.number().min(0).default(25),
      rectification: z.number().min(0).default(15),
      errorsPerFormAtZero: z.number().positive().default(5),
    })
    .prefault({}),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** Fills a partial policy from the defaults of docs/domain.md. Throws a ZodError on a wrong type. */
export function resolvePolicy(partial: PolicyInput = {}): Policy {
  return PolicySchema.parse(partial);
}

export const defaultPolicy: Policy = resolvePolicy();

/** Required level-1 categories: output and benefit, and cost in the 2021 frame, unless set. */
export function requiredLevel1(policy: Policy): string[] {
  return policy.requiredLevel1 ?? (policy.frame === "2021" ? ["output", "cost", "benefit"] : ["output", "benefit"]);
}

/** Required level-2 categories: quantity, quality, timeliness, and economicCost in 2021, unless set. */
export function requiredLevel2(policy: Policy): string[] {
  return (
    policy.requiredLevel2 ??
    (policy.frame === "2021" ? ["quantity", "quality", "timeliness", "economicCost"] : ["quantity", "quality", "timeliness"])
  );
}
