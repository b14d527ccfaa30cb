// A new form started from a stored one, as a unit's year runs: the monitoring form (运行监控) and
// the self-evaluation (自评) start from the approved target form of the same project, carrying its
// funds, goals and indicator rows with their targets, the columns to report left blank; a
// continuing project copies last year's form of the same kind into the new year, results cleared.
import type { Form, IndicatorRow } from "./form.ts";
import type { FormKind } from "./glossary.ts";

/** What the targets said, without what a period reported against them. */
function planned(row: IndicatorRow): IndicatorRow {
  const { toDate: _t, expected: _e, possibility: _p, deviationCategory: _d, measures: _m, actual: _a, score: _s, deviation: _v, ...kept } = row;
  return kept;
}

export function formFrom(source: Form, kind: FormKind, year: number = source.year, options: { month?: number } = {}): Form {
  const { cells: _cells, sheet: _sheet, ...rest } = source;
  const base = {
    year,
    unit: rest.unit,
    project: { ...rest.project },
    funds: { ...rest.funds },
    goals: { overall: rest.goals.overall ?? null, annual: rest.goals.annual ?? null },
    indicators: rest.indicators.map(planned),
  };
  if (kind === "monitor") {
    const month = options.month ?? (source.kind === "monitor" ? source.month : 6);
    return { kind, ...base, month, budget: { annual: source.funds.total, executedToDate: "" } };
  }
  if (kind === "selfEval") {
    const initial = source.kind === "selfEval" ? source.budget.initial : source.funds.total;
    return { kind, ...base, budget: { ...(initial !== undefined && initial !== null ? { initial } : {}), adjusted: source.funds.total, executed: "" } };
  }
  return { kind: "target", ...base };
}
