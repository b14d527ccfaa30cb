// Consolidation over the store, composed from the Store interface alone (listUnits,
// listSubmissions, getSubmission), so the lowdb and the database adapters both serve it. Each pass
// reads the submissions one at a time; nothing holds every form.
import type { ConsolidationInput, StoredForm } from "../../shared/consolidate/index.ts";
import type { FormKind } from "../../shared/glossary.ts";
import type { Policy } from "../../shared/policy.ts";
import { cycleSummaryByUnit, type ResultsNotice } from "../../shared/cycle/results.ts";
import { yearResults } from "../cycle/results.ts";
import { treasuryLines } from "../treasury/facts.ts";
import type { Store } from "../store/store.ts";

/**
 * Consolidation input over the store, with the year's cycle (deadlines, rectification, assessment)
 * as of `now`. `scope`: an office's units only (an office's finance token, docs/offices.md), all
 * units when absent; `results`: the year's results as of `now`, when the caller has them already.
 */
export async function storeSource(
  store: Store,
  policy: Policy,
  year: number,
  kind: FormKind | undefined,
  now: Date,
  scope?: ReadonlySet<string>,
  results?: ResultsNotice,
): Promise<ConsolidationInput> {
  const inTree = (unit: string) => scope === undefined || scope.has(unit);
  const units = (await store.listUnits()).filter((u) => inTree(u.code)).map((u) => ({ code: u.code, name: u.name, confidential: u.confidential }));
  const all = (await store.listSubmissions({ year })).filter((m) => inTree(m.key.unit));
  const inScope = kind ? all.filter((m) => m.key.kind === kind) : all;
  async function* forms(): AsyncGenerator<StoredForm> {
    for (const m of inScope) {
      const s = await store.getSubmission(m.key);
      const last = s?.latest;
      if (!s || !last) continue;
      yield { key: s.key, status: s.status, revision: s.revision, form: last.form, issues: last.issues, updatedAt: s.updatedAt };
    }
  }
  const cycle = cycleSummaryByUnit(results ?? (await yearResults({ store, now: () => now }, year)).results);
  const input: ConsolidationInput = { year, policy, units, keys: all.map((m) => m.key), forms, cycle };
  const treasury = await treasuryLines(store, policy, year, now, scope);
  if (treasury.length > 0) input.treasury = treasury;
  if (kind) input.kind = kind;
  return input;
}
