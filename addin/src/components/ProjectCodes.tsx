// Which project a finance action is about, typed as codes: the unit's and the project's (a
// rectification item to open, a key project's conclusion to consult on, a finding to hand on).
// Two short boxes in the row of the form that holds them.
import { Input } from "@fluentui/react-components";
import type { T } from "../messages.ts";

interface Bound {
  value: string;
  onChange: (value: string) => void;
}

const box = { width: 90, minWidth: 0 } as const;

/** `data-testid` names the pair: its boxes are `<name>-unit` and `<name>-project`. */
export function ProjectCodes({ t, unit, project, "data-testid": name }: { t: T; unit: Bound; project: Bound; "data-testid": string }) {
  return (
    <>
      <Input value={unit.value} onChange={(_, d) => unit.onChange(d.value)} placeholder={t("opUnitCode")} style={box} data-testid={`${name}-unit`} />
      <Input value={project.value} onChange={(_, d) => project.onChange(d.value)} placeholder={t("opProject")} style={box} data-testid={`${name}-project`} />
    </>
  );
}

/** Several codes typed in one box (units to send a notice or a draft to): split at commas, full-width or not, 、 and spaces. */
export function typedCodes(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
