// How an assignment is named wherever the pane shows it (the expert's tab, finance's 专家评审 tab):
// its item and project, then its unit, due date (a Beijing day), round and state.
import { Button, Text, makeStyles } from "@fluentui/react-components";
import { beijingDay } from "../../../shared/beijing.ts";
import { itemKindTerms } from "../../../shared/expert/review.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { AssignmentView } from "./reviews-api.ts";

const useStyles = makeStyles(paneStyles);

/** `绩效目标表 · 森林资源管护项目` */
export function assignmentTitle(a: AssignmentView, lang: Lang): string {
  return `${itemKindTerms[a.kind][lang]} · ${a.projectName ?? a.project}`;
}

/** `区林业局 · 截止 2025-04-30 · 第1轮`, and what the caller adds */
export function assignmentFacts(a: AssignmentView, t: T, more: readonly string[] = []): string {
  const round = a.kind === "plan" || a.kind === "report" ? [t("expRound", { n: a.round })] : [];
  return [a.unitName ?? a.unit, t("expDue", { due: beijingDay(Date.parse(a.due)) }), ...round, ...more].join(" · ");
}

export function AssignmentHeading({ a, t, lang, more, onBack }: { a: AssignmentView; t: T; lang: Lang; more?: readonly string[]; onBack: () => void }) {
  const s = useStyles();
  return (
    <>
      <Button size="small" appearance="subtle" onClick={onBack}>
        ← {t("expBack")}
      </Button>
      <div className={s.h}>{assignmentTitle(a, lang)}</div>
      <Text className={s.small}>{assignmentFacts(a, t, more)}</Text>
    </>
  );
}
