// The finance side's first tab (总览): for a year and a form kind, progress by unit (owed,
// received, on time, late, missing), budget execution against the year gone, red and yellow
// lights, grades and the lowest scores, open and overdue rectification items. Each chart has its
// numbers beside it (a table a screen reader and a printout can use); every bar, slice and table
// row opens the forms behind it in the review list. The charts load on demand; the numbers do not
// wait for them. Refreshed when the server reports a change.
import { Button, Field, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { formKinds, kindTerms, lightTerms, ratingTerms, type FormKind, ratings } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { OverviewFocus } from "../../../shared/overview.ts";
import type { OverviewView } from "../api.ts";
import { paneStyles } from "../styles.ts";
import { beijingTime } from "./Review.tsx";
import type { FinanceTabProps } from "./tab.ts";
import { TextField } from "../components/TextField.tsx";

const OverviewCharts = lazy(() => import("./OverviewCharts.tsx"));

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px", display: "flex", flexDirection: "column", gap: "4px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left" }, "& td.n, & th.n": { textAlign: "right" } },
  link: { background: "none", border: "none", padding: 0, color: tokens.colorBrandForegroundLink, cursor: "pointer", font: "inherit", textAlign: "left" },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  chart: { minHeight: "40px" },
});

export interface OverviewProps extends Pick<FinanceTabProps, "t" | "lang" | "api" | "guarded"> {
  /** bumped by FinancePane when the server reports a change */
  version: number;
  open: (focus: OverviewFocus & { year: number }, label: string) => void;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export default function Overview({ t, lang, api, version, open, guarded }: OverviewProps) {
  const s = useStyles();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [kind, setKind] = useState<FormKind | "">("");
  const [o, setO] = useState<OverviewView>();
  const [width, setWidth] = useState(300);
  const load = useCallback(async () => {
    if (!/^\d{4}$/.test(year.trim())) return;
    setO(await api.overview(Number(year), kind || undefined));
  }, [api, year, kind]);
  useEffect(() => {
    void guarded("overview", load);
  }, [load, version]);
  useEffect(() => {
    const fit = () => setWidth(Math.max(240, Math.min(560, (document.querySelector('[data-testid="overview"]') as HTMLElement | null)?.clientWidth ?? 300) - 14));
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [o]);

  const go = (focus: OverviewFocus, label: string) => open({ ...focus, year: Number(year) }, label);
  const charts = (chart: "progress" | "byUnit" | "execution" | "lights" | "grades") =>
    o && (
      <div className={s.chart}>
        <Suspense fallback={<Spinner size="tiny" />}>
          <OverviewCharts t={t} lang={lang} words={words} overview={o} width={width} chart={chart} open={go} />
        </Suspense>
      </div>
    );
  const k = kind || undefined;
  const words = {
    lights: { red: lightTerms.red[lang], yellow: lightTerms.yellow[lang], green: lightTerms.green[lang] },
    grades: { excellent: ratingTerms.excellent[lang], good: ratingTerms.good[lang], fair: ratingTerms.fair[lang], poor: ratingTerms.poor[lang] },
  };

  return (
    <div className={s.col} data-testid="overview">
      <div className={s.row}>
        <TextField label={t("year")} value={year} onChange={setYear} style={{ width: 80, minWidth: 0 }} data-testid="overview-year" />
        <Field label={t("kind")} style={{ flex: 1 }}>
          <TermSelect terms={kindTerms} keys={formKinds} lang={lang} any={t("allKinds")} value={kind} onChange={setKind} data-testid="overview-kind" />
        </Field>
        <Button size="small" onClick={() => void guarded("overview", load)}>
          {t("refresh")}
        </Button>
      </div>
      {!o ? (
        <Spinner size="tiny" />
      ) : o.totals.expected === 0 ? (
        <Text className={s.small}>{t("ovNothing")}</Text>
      ) : (
        <>
          <Text className={s.small} data-testid="overview-at">
            {t("ovAsOf", { at: beijingTime(o.at) })}
          </Text>
          <section className={s.card} data-testid="ov-progress">
            <Text className={s.h}>{t("ovProgress")}</Text>
            {charts("progress")}
            <table className={s.table}>
              <tbody>
                <tr>
                  <th>{t("ovExpected")}</th>
                  <td className="n">{o.totals.expected}</td>
                  <th>{t("ovReceived")}</th>
                  <td className="n">{o.totals.received}</td>
                  <th>{t("ovApproved")}</th>
                  <td className="n">{o.totals.approved}</td>
                </tr>
                <tr>
                  <th>{t("ovOnTime")}</th>
                  <td className="n">{o.totals.onTime}</td>
                  <th>{t("ovLate")}</th>
                  <td className="n">{o.totals.late}</td>
                  <th>{t("ovMissing")}</th>
                  <td className={`n ${o.totals.missing ? s.bad : ""}`}>{o.totals.missing}</td>
                </tr>
              </tbody>
            </table>
            {charts("byUnit")}
            <table className={s.table} data-testid="ov-units">
              <thead>
                <tr>
                  <th>{t("ovUnit")}</th>
                  <th className="n">{t("ovExpected")}</th>
                  <th className="n">{t("ovReceived")}</th>
                  <th className="n">{t("ovLate")}</th>
                  <th className="n">{t("ovMissing")}</th>
                </tr>
              </thead>
              <tbody>
                {o.progress.slice(0, 12).map((p) => (
                  <tr key={p.unit}>
                    <td>
                      <button className={s.link} onClick={() => go({ units: [p.unit], ...(k ? { kind: k } : {}) }, p.unitName)} data-ov-unit={p.unit}>
                        {p.unitName}
                      </button>
                    </td>
                    <td className="n">{p.expected}</td>
                    <td className="n">{p.received}</td>
                    <td className="n">{p.late}</td>
                    <td className={`n ${p.missing ? s.bad : ""}`}>{p.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {o.execution.length > 0 && (
            <section className={s.card} data-testid="ov-execution">
              <Text className={s.h}>{t("ovExecution", { p: pct(o.timeElapsed) })}</Text>
              {charts("execution")}
              <Text className={s.small}>
                {t("ovBehind")}: {o.execution.filter((e) => e.rate < o.timeElapsed).map((e) => `${e.unitName} ${pct(e.rate)}`).join("、") || "—"}
              </Text>
            </section>
          )}
          {(o.paymentWarnings?.length ?? 0) > 0 && (
            <section className={s.card} data-testid="ov-payments">
              <Text className={s.h}>{t("ovPayments")}</Text>
              <table className={s.table}>
                <tbody>
                  {o.paymentWarnings!.slice(0, 10).map((w) => (
                    <tr key={`${w.unitCode}/${w.projectCode}`}>
                      <td>
                        <button className={s.link} onClick={() => go({ units: [w.unitCode] }, `${w.unitName} · ${w.projectName || w.projectCode}`)}>
                          {w.unitName} · {w.projectName || w.projectCode}
                        </button>
                      </td>
                      <td className="n">
                        {t("ovPaid")} {pct(w.rate ?? 0)}
                      </td>
                      <td className={`n ${w.light === "red" ? s.bad : ""}`}>● {w.light ? lightTerms[w.light][lang] : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {o.lights.red + o.lights.yellow + o.lights.green > 0 && (
            <section className={s.card} data-testid="ov-lights">
              <Text className={s.h}>{t("ovLights")}</Text>
              {charts("lights")}
              <table className={s.table}>
                <tbody>
                  {o.redUnits.slice(0, 8).map((u) => (
                    <tr key={u.unit}>
                      <td>
                        <button className={s.link} onClick={() => go({ units: [u.unit], kind: "monitor" }, u.unitName)}>
                          {u.unitName}
                        </button>
                      </td>
                      <td className={`n ${s.bad}`}>● {u.red}</td>
                      <td className="n">● {u.yellow}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {o.grades.excellent + o.grades.good + o.grades.fair + o.grades.poor > 0 && (
            <section className={s.card} data-testid="ov-grades">
              <Text className={s.h}>{t("ovGrades")}</Text>
              {charts("grades")}
              <Text className={s.small}>{ratings.map((g) => `${ratingTerms[g][lang]} ${o.grades[g]}`).join(" · ")}</Text>
              <Text className={s.h}>{t("ovLowest")}</Text>
              <table className={s.table} data-testid="ov-lowest">
                <tbody>
                  {o.lowest.map((l) => (
                    <tr key={`${l.unit}/${l.project}`}>
                      <td>
                        <button className={s.link} onClick={() => go({ units: [l.unit], kind: "selfEval" }, `${l.unitName} · ${l.projectName}`)}>
                          {l.unitName} · {l.projectName}
                        </button>
                      </td>
                      <td className="n">{l.score.toFixed(1)}</td>
                      <td>{l.grade ? ratingTerms[l.grade][lang] : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <section className={s.card} data-testid="ov-rect">
            <Text className={s.h}>{t("ovRect")}</Text>
            <Text className={s.small}>
              {t("ovRectOpen")} {o.rectifications.open} · <span className={o.rectifications.overdue ? s.bad : undefined}>{t("ovRectOverdue")} {o.rectifications.overdue}</span> · {t("ovRectClosed")} {o.rectifications.closed}
            </Text>
            <table className={s.table}>
              <tbody>
                {o.rectifications.byUnit.slice(0, 8).map((r) => (
                  <tr key={r.unit}>
                    <td>{r.unitName}</td>
                    <td className="n">
                      {t("ovRectOpen")} {r.open}
                    </td>
                    <td className={`n ${r.overdue ? s.bad : ""}`}>
                      {t("ovRectOverdue")} {r.overdue}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
