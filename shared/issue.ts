// A finding (docs/rules.md): which rule, how bad, where (JSON path and, from a sheet, the cell), and
// what to do, in Chinese and English.
import { z } from "zod";

export const ruleIds = [
  "P001", "P002", "P003",
  "H101", "H102", "H103", "H104",
  "I201", "I202", "I203", "I204", "I205", "I206", "I207", "I208", "I209", "I210", "I211", "I212", "I213", "I214", "I215", "I216",
  "C301", "C302", "C303", "C304", "C305", "C306",
  "E401", "E402", "E403", "E404", "E405", "E406", "E407", "E408",
  "M501", "M502", "M503",
  "X601", "X602", "X603", "X604",
] as const;
export type RuleId = (typeof ruleIds)[number];

export const SeveritySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;

export const IssueSchema = z.object({
  rule: z.enum(ruleIds),
  severity: SeveritySchema,
  cell: z.string().optional(),
  path: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  light: z.enum(["yellow", "red"]).optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[i.severity]++;
  return out;
}
