// The finance side's first tab (总览): for a year and a form kind, progress by unit (owed,
// received, on time, late, missing), budget execution against the year gone, red and yellow
// lights, grades and the lowest scores, open and overdue rectification items. Each chart has its
// numbers beside it (a table a screen reader and a printout can use); every bar, slice and table
// row opens the forms behind it in the review list. The charts load on demand; the numbers do not
// wait for them. Refreshed when the server reports a change.
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useEffect, useState } from "react";
import { lightTerms, ratingTerms, type FormKind, ratings } from "../../../shared/glossary.ts";
import type { OverviewFocus } from "../../../shared/overview.ts";
import { paneStyles } from "../styles.ts";
import { beijingTime } from "./Review.tsx";
import type { FinanceTabProps } from "./tab.ts";
import { Section } from "../components/Section.tsx";
import { Table, type Column } from "../components/Table.tsx";
import { YearAndKind, typedYear, useYearText } from "../components/YearField.tsx";
import { useTabData } from "./useTabData.ts";

const OverviewCharts = lazy(() => import("./OverviewCharts.tsx"));

const useStyles = makeStyles({
  ...paneStyles,
  link: { background: "none", border: "none", padding: 0, color: tokens.colorBrandForegroundLink, cursor: "pointer", font: "inherit", textAlign: "left" },
  chart: { minHeight: "40px" },
});

export interface OverviewProps extends Pick<FinanceTabProps, "t" | "lang" | "api" | "guarded"> {
  /** bumped by FinancePane when the server reports a change */
  version: number;
  open: (focus: OverviewFocus & { year: number }, label: string) => void;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A figure of the year with its name, shown red when it needs action. */
type Figure = { name: string; n: number; bad?: boolean };

export default function Overview({ t, lang, api, version, open, guarded }: OverviewProps) {
  const s = useStyles();
  const [year, setYear] = useYearText();
  const [kind, setKind] = useState<FormKind | "">("");
  const [width, setWidth] = useState(300);
  const { data: o, reload } = useTabData(
    "overview",
    guarded,
    () => {
      const asked = typedYear(year);
      return asked === undefined ? undefined : api.overview(asked, kind || undefined);
    },
    [api, year, kind, version],
  );
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
  /** A unit or a project named in a table: a click opens its forms in the review list. */
  const link = (focus: OverviewFocus, label: string, unit?: string) => (
    <button className={s.link} onClick={() => go(focus, label)} data-ov-unit={unit}>
      {label}
    </button>
  );

  return (
    <div className={s.col} data-testid="overview">
      <div className={s.row}>
        <YearAndKind t={t} lang={lang} year={year} onYear={setYear} kind={kind} onKind={setKind} data-testid="overview" />
        <Button size="small" onClick={() => void guarded("overview", reload)}>
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
          <Section title={t("ovProgress")} data-testid="ov-progress">
            {charts("progress")}
            <Table<Figure[]>
              rows={[
                [
                  { name: t("ovExpected"), n: o.totals.expected },
                  { name: t("ovReceived"), n: o.totals.received },
                  { name: t("ovApproved"), n: o.totals.approved },
                ],
                [
                  { name: t("ovOnTime"), n: o.totals.onTime },
                  { name: t("ovLate"), n: o.totals.late },
                  { name: t("ovMissing"), n: o.totals.missing, bad: o.totals.missing > 0 },
                ],
              ]}
              rowKey={(_, i) => i}
              columns={[0, 1, 2].flatMap((i): Column<Figure[]>[] => [
                { cell: (r) => <b>{r[i]!.name}</b> },
                { figure: true, cell: (r) => r[i]!.n, className: (r) => (r[i]!.bad ? s.bad : undefined) },
              ])}
            />
            {charts("byUnit")}
            <Table
              rows={o.progress.slice(0, 12)}
              rowKey={(p) => p.unit}
              columns={[
                { head: t("ovUnit"), cell: (p) => link({ units: [p.unit], ...(k ? { kind: k } : {}) }, p.unitName, p.unit) },
                { head: t("ovExpected"), figure: true, cell: (p) => p.expected },
                { head: t("ovReceived"), figure: true, cell: (p) => p.received },
                { head: t("ovLate"), figure: true, cell: (p) => p.late },
                { head: t("ovMissing"), figure: true, cell: (p) => p.missing, className: (p) => (p.missing ? s.bad : undefined) },
              ]}
              data-testid="ov-units"
            />
          </Section>
          {o.execution.length > 0 && (
            <Section title={t("ovExecution", { p: pct(o.timeElapsed) })} data-testid="ov-execution">
              {charts("execution")}
              <Text className={s.small}>
                {t("ovBehind")}: {o.execution.filter((e) => e.rate < o.timeElapsed).map((e) => `${e.unitName} ${pct(e.rate)}`).join("、") || "—"}
              </Text>
            </Section>
          )}
          {(o.paymentWarnings?.length ?? 0) > 0 && (
            <Section title={t("ovPayments")} data-testid="ov-payments">
              <Table
                rows={o.paymentWarnings!.slice(0, 10)}
                rowKey={(w) => `${w.unitCode}/${w.projectCode}`}
                columns={[
                  { cell: (w) => link({ units: [w.unitCode] }, `${w.unitName} · ${w.projectName || w.projectCode}`) },
                  { figure: true, cell: (w) => `${t("ovPaid")} ${pct(w.rate ?? 0)}` },
                  { figure: true, cell: (w) => `● ${w.light ? lightTerms[w.light][lang] : ""}`, className: (w) => (w.light === "red" ? s.bad : undefined) },
                ]}
              />
            </Section>
          )}
          {o.lights.red + o.lights.yellow + o.lights.green > 0 && (
            <Section title={t("ovLights")} data-testid="ov-lights">
              {charts("lights")}
              <Table
                rows={o.redUnits.slice(0, 8)}
                rowKey={(u) => u.unit}
                columns={[
                  { cell: (u) => link({ units: [u.unit], kind: "monitor" }, u.unitName) },
                  { figure: true, cell: (u) => `● ${u.red}`, className: () => s.bad },
                  { figure: true, cell: (u) => `● ${u.yellow}` },
                ]}
              />
            </Section>
          )}
          {o.grades.excellent + o.grades.good + o.grades.fair + o.grades.poor > 0 && (
            <Section title={t("ovGrades")} data-testid="ov-grades">
              {charts("grades")}
              <Text className={s.small}>{ratings.map((g) => `${ratingTerms[g][lang]} ${o.grades[g]}`).join(" · ")}</Text>
              <Text className={s.h}>{t("ovLowest")}</Text>
              <Table
                rows={o.lowest}
                rowKey={(l) => `${l.unit}/${l.project}`}
                columns={[
                  { cell: (l) => link({ units: [l.unit], kind: "selfEval" }, `${l.unitName} · ${l.projectName}`) },
                  { figure: true, cell: (l) => l.score.toFixed(1) },
                  { cell: (l) => (l.grade ? ratingTerms[l.grade][lang] : "") },
                ]}
                data-testid="ov-lowest"
              />
            </Section>
          )}
          <Section title={t("ovRect")} data-testid="ov-rect">
            <Text className={s.small}>
              {t("ovRectOpen")} {o.rectifications.open} · <span className={o.rectifications.overdue ? s.bad : undefined}>{t("ovRectOverdue")} {o.rectifications.overdue}</span> · {t("ovRectClosed")} {o.rectifications.closed}
            </Text>
            <Table
              rows={o.rectifications.byUnit.slice(0, 8)}
              rowKey={(r) => r.unit}
              columns={[
                { cell: (r) => r.unitName },
                { figure: true, cell: (r) => `${t("ovRectOpen")} ${r.open}` },
                { figure: true, cell: (r) => `${t("ovRectOverdue")} ${r.overdue}`, className: (r) => (r.overdue ? s.bad : undefined) },
              ]}
            />
          </Section>
        </>
      )}
    </div>
  );
}
