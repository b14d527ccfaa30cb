// The work report's facts from the store (docs/work-report.md): the results notice as of the
// report's day, the consolidation's summary (first pass only), key projects, the treasury's
// warnings, the expert reviews, the drafts sent for opinions and the problems handed on. The day is the half-year's or the year's end, or today when that is still to come.
import { beijingDay } from "../../shared/beijing.ts";
import { consolidate } from "../../shared/consolidate/index.ts";
import type { OutlierRule } from "../../shared/expert/policy.ts";
import { expertReviewFigures } from "../../shared/report/expert-reviews.ts";
import { handoverFigures, opinionFigures } from "../../shared/report/opinions-handovers.ts";
import { buildWorkReport, type WorkReport } from "../../shared/report/work-report.ts";
import { storeSource } from "../consolidate/source.ts";
import { yearResults } from "../cycle/results.ts";
import type { Store } from "../store/store.ts";

export interface WorkReportOptions {
  year: number;
  half?: 1 | 2;
  /** Named in the title: 区财政局 unless the bureau says otherwise. */
  bureau?: string;
  now: Date;
}

/** The end of the period in Beijing time, or `now` when the period has not ended. */
export function reportDay(year: number, half: 1 | 2 | undefined, now: Date): { asOf: string; at: Date } {
  const end = half === 1 ? `${year}-06-30` : `${year}-12-31`;
  const endAt = new Date(`${end}T23:59:59.999+08:00`);
  if (now < endAt) return { asOf: beijingDay(now), at: now };
  return { asOf: end, at: endAt };
}

export async function workReportOf(store: Store, o: WorkReportOptions): Promise<WorkReport> {
  const { asOf, at } = reportDay(o.year, o.half, o.now);
  const library = await store.currentLibrary();
  const policy = library?.library.policy;
  if (!policy) throw new Error("no library has been published");
  // the results once: the consolidation's cycle columns are read from them too
  const { results } = await yearResults({ store, now: () => at }, o.year);
  const [consolidation, marks, expertReviews, consultations, handovers] = await Promise.all([
    storeSource(store, policy, o.year, undefined, at, undefined, results).then(consolidate),
    store.listKeyProjects(o.year),
    expertReviewsOf(store, o.year, policy.experts.outlier, at),
    store.opinions.list({ year: o.year }),
    store.handovers.list({ year: o.year }),
  ]);
  const warnings = { yellow: 0, red: 0 };
  for (const l of consolidation.treasury) if (l.light === "yellow" || l.light === "red") warnings[l.light]++;
  return buildWorkReport({
    year: o.year,
    ...(o.half ? { half: o.half } : {}),
    asOf,
    bureau: o.bureau ?? "区财政局",
    results,
    summary: consolidation.summary,
    keyProjects: marks.filter((m) => m.key).length,
    paymentWarnings: warnings,
    expertReviews,
    opinions: opinionFigures(consultations, at.toISOString()),
    handovers: handoverFigures(handovers, at.toISOString()),
  });
}

/** The year's assignments with their sheets, counted as they stood at `at`. */
async function expertReviewsOf(store: Store, year: number, rule: OutlierRule, at: Date) {
  const [assignments, experts] = await Promise.all([store.experts.listAssignments({ year }), store.experts.listExperts()]);
  const withSheets = await Promise.all(assignments.map(async (assignment) => ({ assignment, reviews: await store.experts.listReviews(assignment.id) })));
  return expertReviewFigures({ assignments: withSheets, experts, rule, at: at.toISOString() });
}
