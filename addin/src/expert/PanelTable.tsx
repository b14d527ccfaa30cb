// The panel's scores side by side (docs/experts.md, "Reading a panel"): a row per criterion and
// the total, a column per expert, then the mean and the spread; an outlier's cell is marked in
// words as well as colour. Finance sees it always, an expert once their own sheet is submitted.
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Expert } from "../../../shared/expert/review.ts";
import type { PanelView } from "../../../shared/api/experts.ts";
import type { T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles({
  ...paneStyles,
  scroll: { overflowX: "auto", maxWidth: "100%" },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& td, & th": { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "right", whiteSpace: "nowrap" },
    "& th:first-child, & td:first-child": { textAlign: "left", whiteSpace: "normal", minWidth: "5.5em" },
  },
  off: { background: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2, fontWeight: tokens.fontWeightSemibold },
  total: { fontWeight: tokens.fontWeightSemibold },
});

export function PanelTable({ t, panel, experts }: { t: T; panel: PanelView; experts: readonly Expert[] }) {
  const s = useStyles();
  if (panel.experts.length === 0) return <Text className={s.small}>{t("expNoneSubmitted")}</Text>;
  const name = (code: string) => experts.find((e) => e.code === code)?.name ?? code;
  return (
    <div className={s.col} data-testid="panel">
      <div className={s.scroll}>
        <table className={s.table}>
          <thead>
            <tr>
              <th>{t("expCriterion")}</th>
              {panel.experts.map((e) => (
                <th key={e.expert}>{name(e.expert)}</th>
              ))}
              <th>{t("expMean")}</th>
              <th>{t("expSpread")}</th>
            </tr>
          </thead>
          <tbody>
            {panel.criteria.map((c) => (
              <tr key={c.id} data-criterion={c.id}>
                <td>
                  {c.name}（{c.weight}）
                </td>
                {c.scores.map((v, i) => {
                  const off = c.outliers.includes(panel.experts[i]!.expert);
                  return (
                    <td key={i} className={off ? s.off : undefined} title={off ? t("expOutlier") : undefined}>
                      {v}
                      {off ? ` ${t("expOutlier")}` : ""}
                    </td>
                  );
                })}
                <td>{c.mean}</td>
                <td>{c.spread}</td>
              </tr>
            ))}
            <tr className={s.total} data-testid="panel-total">
              <td>{t("expTotalRow")}</td>
              {panel.experts.map((e) => (
                <td key={e.expert} className={e.outlier ? s.off : undefined} data-outlier={e.outlier ? "true" : undefined}>
                  {e.total}
                  {e.outlier ? ` ${t("expOutlier")}` : ""}
                </td>
              ))}
              <td>{panel.total.mean}</td>
              <td>{panel.total.spread}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {panel.divergent ? (
        <Badge appearance="tint" color="warning" data-testid="divergent">
          {t("expDivergent", { t: panel.threshold })}
        </Badge>
      ) : (
        <Text className={s.small}>{t("expOutlierRule", { t: panel.threshold })}</Text>
      )}
    </div>
  );
}
