// Findings grouped by sheet row (or by rule), with counts; each names the label and the row Excel
// shows, the rule id and path in small print. A finding with a cell is a button that selects it
// when there is a sheet to select in; outside Excel the cell reference is plain text to copy.
import { Badge, MessageBar, MessageBarBody, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { FormLights, FormScore } from "../../../shared/check.ts";
import type { Form } from "../../../shared/form.ts";
import { lightTerms, ratingTerms } from "../../../shared/glossary.ts";
import type { Issue, Severity } from "../../../shared/issue.ts";
import { findingView, groupFindings, localCell, type GroupBy } from "../findings.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles({
  ...paneStyles,
  dot: { display: "inline-block", width: "10px", height: "10px", borderRadius: "50%", marginRight: "4px" },
  groupHead: { display: "flex", gap: "4px", alignItems: "center", width: "100%", border: "none", background: tokens.colorNeutralBackground3, padding: "3px 6px", borderRadius: "4px", cursor: "pointer", font: "inherit", color: "inherit", textAlign: "left" },
  details: { color: tokens.colorNeutralForeground4, fontSize: "11px" },
  cellRef: { userSelect: "all", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  plain: { padding: "4px 6px" },
});

const lightColour: Record<string, string> = { green: "#2e7d32", yellow: "#f9a825", red: "#c62828" };
const badgeColour: Record<Severity, "danger" | "warning" | "informative"> = { error: "danger", warning: "warning", info: "informative" };
/** groups opened at first, until this many findings are shown */
const openBudget = 40;

export interface FindingsProps {
  t: T;
  lang: Lang;
  issues: readonly Issue[];
  score?: FormScore | undefined;
  lights?: FormLights | undefined;
  form?: Form | undefined;
  /** selects a finding's cell in the sheet; absent outside Excel */
  onSelect?: ((cell: string) => void) | undefined;
}

export function FindingsList({ t, lang, issues, score, lights, form, onSelect }: FindingsProps) {
  const s = useStyles();
  const [by, setBy] = useState<GroupBy>("row");
  const groups = useMemo(() => groupFindings(issues, by, lang), [issues, by, lang]);
  const initiallyOpen = useMemo(() => {
    const open = new Set<string>();
    let shown = 0;
    for (const g of groups) {
      if (shown >= openBudget) break;
      open.add(g.key);
      shown += g.items.length;
    }
    return open;
  }, [groups]);
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const isOpen = (key: string) => initiallyOpen.has(key) !== toggled.has(key);
  const total = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const i of issues) total[i.severity]++;
  return (
    <div className={s.col} data-testid="findings">
      {score && (
        <div data-testid="score">
          <div className={s.h}>{t("score")}</div>
          <Text>
            {score.total.toFixed(1)} · {t("grade")} {ratingTerms[score.grade][lang]} · {t("budgetScore")} {score.budget.toFixed(1)}
          </Text>
        </div>
      )}
      {lights && (
        <div data-testid="lights">
          <div className={s.h}>{t("lights")}</div>
          <div>
            <span className={s.dot} style={{ background: lights.budget ? lightColour[lights.budget] : "#999" }} />
            {t("budgetLight")}: {lights.budget ? lightTerms[lights.budget][lang] : "—"}
          </div>
          {lights.rows.map((l, i) =>
            l && l !== "green" ? (
              <div key={i} className={s.small}>
                <span className={s.dot} style={{ background: lightColour[l] }} />
                {form?.indicators[i]?.name ?? t("row", { n: i + 1 })}: {lightTerms[l][lang]}
              </div>
            ) : null,
          )}
        </div>
      )}
      {issues.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{t("noIssues")}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={s.row} style={{ alignItems: "center" }} data-testid="findings-summary">
          {(["error", "warning", "info"] as const).map((sev) =>
            total[sev] ? (
              <Badge key={sev} appearance="filled" color={badgeColour[sev]} data-testid={`count-${sev}`}>
                {total[sev]} {t(sev === "error" ? "errorsShort" : sev === "warning" ? "warnings" : "infos")}
              </Badge>
            ) : null,
          )}
          <span style={{ flex: 1 }} />
          <ToggleButton size="small" appearance="subtle" checked={by === "rule"} onClick={() => { setBy(by === "row" ? "rule" : "row"); setToggled(new Set()); }} data-testid="group-toggle">
            {by === "row" ? t("groupByRule") : t("groupByRow")}
          </ToggleButton>
        </div>
      )}
      {groups.map((g) => {
        const open = isOpen(g.key);
        return (
          <div key={g.key} data-testid="finding-group" data-group={g.key} data-worst={g.worst}>
            <button
              className={s.groupHead}
              aria-expanded={open}
              onClick={() => setToggled((prev) => { const next = new Set(prev); if (next.has(g.key)) next.delete(g.key); else next.add(g.key); return next; })}
            >
              <span aria-hidden>{open ? "▾" : "▸"}</span>
              <b>{g.label}</b>
              <span style={{ flex: 1 }} />
              {(["error", "warning", "info"] as const).map((sev) =>
                g.counts[sev] ? (
                  <Badge key={sev} size="small" appearance="tint" color={badgeColour[sev]}>
                    {g.counts[sev]}
                  </Badge>
                ) : null,
              )}
            </button>
            {open && (
              <ul className={s.list}>
                {g.items.map((i, n) => {
                  const v = findingView(i, lang);
                  const body = (
                    <>
                      <div>
                        <Badge size="tiny" appearance="filled" color={badgeColour[i.severity]} /> <b>{by === "row" ? v.label : v.title}</b>
                      </div>
                      <div>{v.text}</div>
                      <div className={s.details}>{v.details}</div>
                    </>
                  );
                  return (
                    <li key={n} data-rule={i.rule} data-severity={i.severity} data-cell={i.cell ?? ""} data-testid="finding">
                      {i.cell && onSelect ? (
                        <button className={s.item} onClick={() => onSelect(i.cell!)} title={t("goToCell", { cell: localCell(i.cell) })}>
                          {body}
                        </button>
                      ) : (
                        <div className={s.plain}>
                          {body}
                          {i.cell && <span className={s.cellRef}>{localCell(i.cell)}</span>}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
