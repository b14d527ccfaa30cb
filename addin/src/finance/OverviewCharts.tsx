// The overview's charts, Fluent's v9 charts (@fluentui/react-charts), in a chunk of their own:
// Overview.tsx imports this file on demand, so neither the entry script nor a unit's pane ever
// downloads the charting code. Each bar or slice calls `open` with the forms it stands for.
import { ratings, type Light, type Rating } from "../../../shared/glossary.ts";
import { DonutChart, HorizontalBarChartWithAxis, type ChartDataPoint, type HorizontalBarChartWithAxisDataPoint } from "@fluentui/react-charts";
import type { Overview, OverviewFocus } from "../../../shared/overview.ts";
import type { Lang, T } from "../messages.ts";

export interface OverviewChartsProps {
  t: T;
  /** the glossary's words for lights and grades, handed in: this chunk imports nothing the entry has */
  words: { lights: Record<Light, string>; grades: Record<Rating, string> };
  lang: Lang;
  overview: Overview;
  width: number;
  /** which chart: each is placed by Overview.tsx beside its numbers */
  chart: "progress" | "byUnit" | "execution" | "lights" | "grades";
  open: (focus: OverviewFocus, label: string) => void;
}

// Fluent's palette (green, blue, red, yellow), as values: the charts draw SVG fills.
const colours = { approved: "#107c10", waiting: "#0f6cbd", missing: "#d13438", yellow: "#fde300" };

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A donut of slices that open their forms, or nothing when every slice is empty. */
function Donut({ name, title, slices, width, middle, lang }: { name: string; title: string; slices: ChartDataPoint[]; width: number; middle?: string; lang?: Lang }) {
  if (slices.every((x) => !x.data)) return null;
  return (
    <div data-chart={name}>
      <DonutChart
        data={{ chartTitle: title, chartData: slices }}
        innerRadius={45}
        width={width}
        height={200}
        hideLabels={false}
        {...(middle !== undefined ? { valueInsideDonut: middle } : {})}
        {...(lang ? { culture: lang === "zh" ? "zh-CN" : "en-GB" } : {})}
      />
    </div>
  );
}

/** Bars, one per unit, that open its forms, or nothing when there are none; tall enough for their labels. */
function Bars({ name, title, data, width, xMax }: { name: string; title: string; data: HorizontalBarChartWithAxisDataPoint[]; width: number; xMax?: number }) {
  if (data.length === 0) return null;
  return (
    <div data-chart={name}>
      <HorizontalBarChartWithAxis data={data} width={width} barHeight={16} height={Math.max(110, 30 * data.length + 50)} hideLegend showYAxisLables {...(xMax !== undefined ? { xMaxValue: xMax } : {})} chartTitle={title} />
    </div>
  );
}

export default function OverviewCharts({ t, lang, words, overview: o, width, chart, open }: OverviewChartsProps) {
  const kind = o.kind;
  if (chart === "progress") {
    const slices: ChartDataPoint[] = [
      { legend: t("ovApproved"), data: o.totals.approved, color: colours.approved, onClick: () => open({ ...(kind ? { kind } : {}), status: "approved" }, t("ovApproved")) },
      { legend: t("ovWaiting"), data: o.totals.received - o.totals.approved, color: colours.waiting, onClick: () => open({ ...(kind ? { kind } : {}), status: "submitted" }, t("ovWaiting")) },
      { legend: t("ovNotReceived"), data: Math.max(0, o.totals.expected - o.totals.received), color: colours.missing, onClick: () => open({ ...(kind ? { kind } : {}), status: "draft" }, t("ovNotReceived")) },
    ];
    return <Donut name="progress" title={t("ovProgress")} slices={slices} width={width} middle={`${o.totals.received}/${o.totals.expected}`} lang={lang} />;
  }
  if (chart === "byUnit") {
    const rows = o.progress.filter((p) => p.expected > p.received).slice(0, 10);
    const data: HorizontalBarChartWithAxisDataPoint[] = rows.map((p) => ({
      x: p.expected - p.received,
      y: p.unitName,
      legend: p.unitName,
      color: p.missing > 0 ? colours.missing : colours.yellow,
      barLabel: String(p.expected - p.received),
      onClick: () => open({ units: [p.unit], ...(kind ? { kind } : {}) }, p.unitName),
    }));
    return <Bars name="byUnit" title={t("ovByUnit")} data={data} width={width} />;
  }
  if (chart === "execution") {
    const rows = o.execution.slice(0, 10);
    const data: HorizontalBarChartWithAxisDataPoint[] = rows.map((e) => ({
      x: Math.round(e.rate * 1000) / 10,
      y: e.unitName,
      legend: e.unitName,
      color: e.rate < o.timeElapsed ? colours.missing : colours.approved,
      barLabel: pct(e.rate),
      onClick: () => open({ units: [e.unit], ...(kind ? { kind } : {}) }, `${e.unitName} ${pct(e.rate)}`),
    }));
    return <Bars name="execution" title={t("ovExecution", { p: pct(o.timeElapsed) })} data={data} width={width} xMax={100} />;
  }
  if (chart === "lights") {
    const slices: ChartDataPoint[] = (["red", "yellow", "green"] as const).map((l) => ({
      legend: words.lights[l],
      data: o.lights[l],
      color: l === "red" ? colours.missing : l === "yellow" ? colours.yellow : colours.approved,
      onClick: () => open({ kind: "monitor", ...(l !== "green" ? { units: o.redUnits.filter((u) => (l === "red" ? u.red : u.yellow) > 0).map((u) => u.unit) } : {}) }, words.lights[l]),
    }));
    return <Donut name="lights" title={t("ovLights")} slices={slices} width={width} />;
  }
  const slices: ChartDataPoint[] = ratings.map((g) => ({
    legend: words.grades[g],
    data: o.grades[g],
    color: g === "poor" ? colours.missing : g === "fair" ? colours.yellow : g === "good" ? colours.waiting : colours.approved,
    onClick: () => open({ kind: "selfEval" }, words.grades[g]),
  }));
  return <Donut name="grades" title={t("ovGrades")} slices={slices} width={width} />;
}
