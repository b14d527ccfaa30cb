// What the cycle reads from the store for one year: units, notices, rectification items, and a
// fact per saved form (first submission and returns from the audit log, errors of the first
// revision, the latest score and lights), plus the policy of the current library.
import type { FormLights } from "../../shared/check.ts";
import type { FormFact, Notice } from "../../shared/cycle/notice.ts";
import type { Handover } from "../../shared/cycle/handover.ts";
import type { Consultation } from "../../shared/cycle/opinions.ts";
import type { Rectification } from "../../shared/cycle/rectification.ts";
import { defaultPolicy, resolvePolicy, type Policy, type PolicyInput } from "../../shared/policy.ts";
import type { Announcer } from "../announce.ts";
import { keyString, type Store, type Unit } from "../store/store.ts";

export interface CycleContext {
  store: Store;
  /** Absent from the CLI: nobody is listening there. */
  bus?: Announcer;
  now: () => Date;
}

export interface YearData {
  year: number;
  now: string;
  units: Unit[];
  notices: Notice[];
  forms: FormFact[];
  rectifications: Rectification[];
  /** Drafts sent for opinions and problems handed on (docs/opinions.md). */
  consultations: Consultation[];
  handovers: Handover[];
  policy: Policy;
}

function countLights(l: FormLights | undefined): FormFact["lights"] {
  if (!l) return undefined;
  const c = { red: 0, yellow: 0, green: 0 };
  for (const x of [l.budget, ...l.rows]) if (x) c[x]++;
  return c;
}

export async function loadForms(store: Store, year: number): Promise<FormFact[]> {
  const first = new Map<string, string>();
  const returns = new Map<string, number>();
  for (const e of await store.findAudit({ actions: ["submission.submitted", "submission.returned"], targetPrefix: `${year}/` })) {
    if (!e.target) continue;
    if (e.action === "submission.submitted") {
      const was = first.get(e.target);
      if (was === undefined || e.at < was) first.set(e.target, e.at);
    } else {
      returns.set(e.target, (returns.get(e.target) ?? 0) + 1);
    }
  }
  const out: FormFact[] = [];
  for (const m of await store.listSubmissions({ year })) {
    const s = await store.getSubmission(m.key);
    const last = s?.latest;
    if (!s || !last) continue;
    const id = keyString(s.key);
    const f: FormFact = { ...s.key, status: s.status, returns: returns.get(id) ?? 0, firstErrors: s.firstCounts.error };
    if (m.projectName !== undefined) f.projectName = m.projectName;
    const at = first.get(id);
    if (at !== undefined) f.firstSubmittedAt = at;
    if (last.score) {
      f.total = last.score.total;
      f.grade = last.score.grade;
    }
    const lights = countLights(last.lights);
    if (lights) f.lights = lights;
    out.push(f);
  }
  return out;
}

export async function loadYear(store: Store, year: number, now: Date): Promise<YearData> {
  const [units, notices, forms, rectifications, consultations, handovers, lib] = await Promise.all([
    store.listUnits(),
    store.listNotices(year),
    loadForms(store, year),
    store.listRectifications({ year }),
    store.opinions.list({ year }),
    store.handovers.list({ year }),
    store.currentLibrary(),
  ]);
  return { year, now: now.toISOString(), units, notices, forms, rectifications, consultations, handovers, policy: policyOf(lib?.library.policy) };
}

/** A library stored before a setting existed lacks it: filled from the defaults again. */
export function policyOf(stored: unknown): Policy {
  if (!stored) return defaultPolicy;
  return resolvePolicy(stored as PolicyInput);
}
