// `jixiao serve --demo`: forms in every state, through the API; the returned form's comment sits
// on the cell of the annual goal it talks about, as the pane lays the form out.
import { describe, expect, it } from "vitest";
import { demoUnits, seedDemo } from "../../server/demo.ts";
import { FormSchema } from "../../shared/form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { parseA1 } from "../../shared/sheet/a1.ts";
import { envEachTest } from "./helpers.ts";

const env = envEachTest();

describe("the demo data", () => {
  it("leaves forms in every state, and the returned one's comment at its annual goal", async () => {
    const demo = await seedDemo(env.store, (path, init) => Promise.resolve(env.app.request(path, init)), 2025);
    expect(demo.warnings).toEqual([]);
    expect(new Set(demo.states.map((s) => s.status))).toEqual(new Set(["draft", "submitted", "returned", "approved"]));
    const returned = (await env.store.listSubmissions({ unit: demoUnits[0].code, status: "returned" }))[0]!;
    const s = (await env.store.getSubmission(returned.key))!;
    const [mark] = s.returned!.cells!;
    const form = FormSchema.parse(s.latest.form);
    const sheet = layoutForm(form.kind, form, (await env.store.currentLibrary())!.library).sheets[0]!;
    // the results notice's draft is out for the two demo units' opinions, waiting for their answers
    const [draft] = await env.store.opinions.list({ year: 2025, state: "open" });
    expect(draft?.units).toEqual([demoUnits[0].code, demoUnits[1].code]);
    expect(draft?.opinions).toEqual([]);
    expect(mark!.sheet).toBe(sheet.name);
    const at = parseA1(mark!.cell)!;
    expect(sheet.values[at.row]![at.col]).toBe(form.goals.annual);
  });

  it("spreads a district: about thirty units, late and missing units, lights and grades that differ, rectifications open and overdue", async () => {
    const year = new Date().getFullYear();
    const demo = await seedDemo(env.store, (path, init) => Promise.resolve(env.app.request(path, init)), year);
    expect(demo.warnings).toEqual([]);
    expect((await env.store.listUnits()).length).toBeGreaterThanOrEqual(30);
    const finance = demo.tokens.find((t) => t.role === "finance")!.token;
    const o = await (await env.req("GET", `/api/overview?year=${year}`, { token: finance })).json();
    expect(o.totals.late).toBeGreaterThan(0);
    expect(o.totals.missing).toBeGreaterThan(0);
    expect(o.totals.drafts).toBeGreaterThan(0);
    expect(o.lights.red).toBeGreaterThan(0);
    expect(o.lights.yellow).toBeGreaterThan(0);
    expect(o.lights.green).toBeGreaterThan(0);
    expect(Object.values(o.grades as Record<string, number>).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(o.rectifications.overdue).toBeGreaterThan(0);
    expect(o.rectifications.open).toBeGreaterThan(o.rectifications.overdue - 1);
    expect(o.rectifications.closed).toBeGreaterThan(0);
    const statuses = new Set((await env.store.listSubmissions({ year })).map((m) => m.status));
    expect(statuses).toEqual(new Set(["draft", "submitted", "returned", "approved"]));
  }, 120_000);
});
