// A year goes public only when finance confirms it (issue 17): finance previews what disclosure
// would show and what redaction takes out (GET /api/disclosure/preview), then confirms
// (POST /api/disclosure/confirm). The confirmed disclosure is kept as it was, in the audit entry of
// the confirmation (who, when, and exactly what went public), and it is what GET /api/disclosure
// serves: a form that changes afterwards (or a project marked key later) waits for the next
// confirmation. The public route serves from a cache keyed by the confirmation's id, so its ETag
// is known before any work and a burst of anonymous requests costs one read of the store.
import { createHash, randomUUID } from "node:crypto";
import { publicResults } from "../../shared/cycle/results.ts";
import { toCsv } from "../../shared/disclosure/defuse.ts";
import { discloseWithReport, disclosureHeader, disclosurePlan, disclosureRows, type Disclosure, type DisclosureRemoval, type KeyProjectForms } from "../../shared/disclosure/public.ts";
import { FormSchema, type Form } from "../../shared/form.ts";
import { yearResults } from "../cycle/results.ts";
import type { Store } from "../store/store.ts";
import { currentLibrary } from "../workflow.ts";
import { renderWorkbook } from "../xlsx/render.ts";

export const CONFIRM_ACTION = "disclosure.confirm";
const target = (year: number) => `disclosure/${year}`;

/** What the public sees of a year: the key projects and the results notice's public subset. */
export interface PublicYear extends Disclosure {
  results: Omit<ReturnType<typeof publicResults>, "generatedAt">;
}

/** A confirmation as kept in its audit entry's details. */
export interface Confirmation {
  id: string;
  year: number;
  at: string;
  by: string;
  /** sha-256 of the public JSON, to tell whether the live data has changed since */
  hash: string;
  data: PublicYear;
}

async function approvedForm(store: Store, year: number, unit: string, project: string, kind: "target" | "selfEval"): Promise<Form | undefined> {
  const s = await store.getSubmission({ year, unit, project, kind });
  if (!s || s.status !== "approved") return undefined;
  const parsed = FormSchema.safeParse(s.latest.form);
  return parsed.success ? parsed.data : undefined;
}

/** The key projects of a year with their approved forms; confidential units are not even read. */
export async function keyProjectForms(store: Store, year: number): Promise<KeyProjectForms[]> {
  const units = new Map((await store.listUnits()).map((u) => [u.code, u]));
  const out: KeyProjectForms[] = [];
  for (const mark of await store.listKeyProjects(year)) {
    if (!mark.key) continue;
    const unit = units.get(mark.unit);
    if (!unit || unit.confidential) continue;
    const entry: KeyProjectForms = { unit: { code: unit.code, name: unit.name, confidential: false }, project: mark.project };
    const t = await approvedForm(store, year, mark.unit, mark.project, "target");
    const selfEval = await approvedForm(store, year, mark.unit, mark.project, "selfEval");
    if (t) entry.target = t;
    if (selfEval) entry.selfEval = selfEval;
    out.push(entry);
  }
  return out;
}

const hashOf = (json: string) => createHash("sha256").update(json).digest("base64url").slice(0, 27);

/** What would go public now, with what redaction takes out: the preview, and what a confirmation keeps. */
export async function liveYear(ctx: { store: Store; now: () => Date }, year: number): Promise<{ data: PublicYear; removed: DisclosureRemoval[]; hash: string }> {
  const library = await currentLibrary(ctx.store);
  const { disclosure, removed } = discloseWithReport(year, await keyProjectForms(ctx.store, year), library.policy);
  // The results notice's public subset (issue 9); its time stamp stays out of the hash.
  const { results } = await yearResults(ctx, year);
  const { generatedAt: _at, ...resultsBody } = publicResults(results, (await ctx.store.listKeyProjects(year)).filter((k) => k.key));
  const data: PublicYear = { ...disclosure, results: resultsBody };
  return { data, removed, hash: hashOf(JSON.stringify(data)) };
}

/** The latest confirmation of a year, from the audit log. */
export async function latestConfirmation(store: Store, year: number): Promise<Confirmation | undefined> {
  const found = await store.findAudit({ actions: [CONFIRM_ACTION], targetPrefix: target(year) });
  for (let i = found.length - 1; i >= 0; i--) {
    const e = found[i]!;
    if (e.target !== target(year)) continue;
    const c = e.details as Confirmation | undefined;
    if (c && typeof c.id === "string" && c.data) return c;
  }
  return undefined;
}

/** Confirms what is live now as the year's public disclosure; recorded (with the data) in the audit log. */
export async function confirmYear(ctx: { store: Store; now: () => Date }, actor: string, year: number): Promise<Confirmation & { removed: number }> {
  const live = await liveYear(ctx, year);
  const c: Confirmation = { id: randomUUID(), year, at: ctx.now().toISOString(), by: actor, hash: live.hash, data: live.data };
  await ctx.store.appendAudit({ at: c.at, actor, action: CONFIRM_ACTION, target: target(year), details: { ...c } });
  return { ...c, removed: live.removed.length };
}

export type PublicFormat = "json" | "csv" | "xlsx";

interface Entry {
  /** when the store was last asked for the latest confirmation */
  checkedAt: number;
  confirmation: Confirmation | undefined;
  rendered: Map<PublicFormat, { etag: string; body: Uint8Array | string }>;
}

/**
 * The confirmed disclosures, per year, as served: the latest confirmation is looked up at most
 * every `recheckMs` (another server may have confirmed; this one's confirmations clear it at
 * once), each format rendered once per confirmation, and concurrent misses share one lookup.
 */
export class PublishedCache {
  private entries = new Map<number, Entry>();
  private pending = new Map<number, Promise<Entry>>();

  constructor(
    private readonly store: Store,
    private readonly recheckMs = 10_000,
  ) {}

  forget(year: number): void {
    this.entries.delete(year);
  }

  private async entry(year: number): Promise<Entry> {
    const e = this.entries.get(year);
    if (e && Date.now() - e.checkedAt < this.recheckMs) return e;
    let p = this.pending.get(year);
    if (!p) {
      p = (async () => {
        const confirmation = await latestConfirmation(this.store, year);
        const kept = e && e.confirmation?.id === confirmation?.id ? e.rendered : new Map();
        const next: Entry = { checkedAt: Date.now(), confirmation, rendered: kept };
        this.entries.set(year, next);
        return next;
      })().finally(() => this.pending.delete(year));
      this.pending.set(year, p);
    }
    return p;
  }

  /** The ETag of a year's confirmed disclosure in a format, known before anything is rendered; undefined: not confirmed. */
  async etag(year: number, format: PublicFormat): Promise<{ etag: string; confirmation: Confirmation } | undefined> {
    const e = await this.entry(year);
    if (!e.confirmation) return undefined;
    return { etag: `"${e.confirmation.id}-${format}"`, confirmation: e.confirmation };
  }

  /** The body of a year's confirmed disclosure in a format, rendered once per confirmation. */
  async body(year: number, format: PublicFormat): Promise<Uint8Array | string | undefined> {
    const e = await this.entry(year);
    const c = e.confirmation;
    if (!c) return undefined;
    const hit = e.rendered.get(format);
    if (hit) return hit.body;
    let body: Uint8Array | string;
    if (format === "csv") body = toCsv([[...disclosureHeader], ...disclosureRows(c.data)]);
    else if (format === "xlsx") body = new Uint8Array(await renderWorkbook({ sheets: [disclosurePlan(c.data)] }));
    else body = JSON.stringify({ ...c.data, results: { ...c.data.results, generatedAt: c.at }, confirmedAt: c.at });
    e.rendered.set(format, { etag: `"${c.id}-${format}"`, body });
    return body;
  }
}
