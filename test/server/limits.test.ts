// What a bureau lets one unit store (policy.limits, docs/storage.md): rows per form, forms per unit
// and year, revisions kept whole, bytes per unit; each refusal names its limit in both languages.
// And X602 (copied indicator sets) from the fingerprints kept with each stored form.
import { describe, expect, it, vi } from "vitest";
import { FormSchema } from "../../shared/form.ts";
import { indicatorSetFingerprint } from "../../shared/rules/across-forms.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import type { PolicyInput } from "../../shared/policy.ts";
import { publishLibrary } from "../../server/routes/library.ts";
import { envEachTest, formOf, subPath, YEAR } from "./helpers.ts";

const env = envEachTest();

async function limits(l: NonNullable<PolicyInput["limits"]>) {
  const lib = starterLibrary();
  await publishLibrary(env.store, { indicators: lib.indicators, policy: { ...lib.policy, limits: l }, note: "limits" }, "test", new Date());
}

async function save(project: string, base?: number, form: Record<string, unknown> = formOf("target", "U-A", project), year = YEAR) {
  return env.req("PUT", subPath("target", "U-A", project, year), { token: env.tokens.unitA, body: form, headers: base ? { "if-match": `"${base}"` } : {} });
}

describe("policy.limits", () => {
  it("refuses a form with more indicator rows than rowsPerForm, naming the limit", async () => {
    await limits({ rowsPerForm: 7 });
    const form = formOf("target", "U-A", "P2");
    expect(form.indicators.length).toBe(7);
    expect((await save("P1")).status).toBe(201);
    const over = { ...form, indicators: [...form.indicators, { ...form.indicators[0]!, name: "多出的一行" }] };
    const res = await save("P2", undefined, over);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; details: { path: string }[] } };
    expect(body.error.code).toBe("limit_rows_per_form");
    expect(body.error.message).toMatch(/8 行指标.*7 行.*policy\.limits\.rowsPerForm/);
    expect(body.error.message).toMatch(/8 indicator rows.*7 per form/);
    expect(body.error.details[0]?.path).toBe("indicators");
    expect(await env.store.getSubmission({ year: YEAR, unit: "U-A", project: "P2", kind: "target" })).toBeUndefined();
  });

  it("refuses a new form beyond formsPerUnitYear; existing forms, other years and other units still save", async () => {
    await limits({ formsPerUnitYear: 2 });
    expect((await save("P1")).status).toBe(201);
    expect((await save("P2")).status).toBe(201);
    const res = await save("P3");
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("limit_forms_per_unit_year");
    expect(body.error.message).toMatch(/U-A.*2025.*2 张表.*formsPerUnitYear/);
    expect((await save("P1", 1)).status).toBe(200);
    expect((await save("P3", undefined, formOf("target", "U-A", "P3", YEAR + 1), YEAR + 1)).status).toBe(201);
    const b = await env.req("PUT", subPath("target", "U-B", "P9"), { token: env.tokens.unitB, body: formOf("target", "U-B", "P9") });
    expect(b.status).toBe(201);
  });

  it("keeps revisionsKept revisions whole: an older one answers 410, its entry and its audit event stay", async () => {
    await limits({ revisionsKept: 2 });
    let base: number | undefined;
    for (let n = 0; n < 5; n++) {
      const res = await save("P1", base);
      expect(res.status).toBeLessThan(300);
      base = ((await res.json()) as { revision: number }).revision;
    }
    const list = (await (await env.req("GET", `${subPath()}/revisions`, { token: env.tokens.unitA })).json()) as { revisions: { revision: number }[] };
    expect(list.revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5]);
    const old = await env.req("GET", `${subPath()}/revisions/1`, { token: env.tokens.unitA });
    expect(old.status).toBe(410);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe("revision_compacted");
    const recent = await env.req("GET", `${subPath()}/revisions/5`, { token: env.tokens.unitA });
    expect(recent.status).toBe(200);
    expect(((await recent.json()) as { form: { project: { code: string } } }).form.project.code).toBe("P1");
    const saves = await env.store.findAudit({ actions: ["submission.save"], targetPrefix: `${YEAR}/U-A/P1/` });
    expect(saves.map((e) => (e.details as { revision: number }).revision)).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses a save once the unit stores bytesPerUnit", async () => {
    expect((await save("P1")).status).toBe(201);
    await limits({ bytesPerUnit: 1 });
    const res = await save("P1", 1);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("limit_bytes_per_unit");
    expect(body.error.message).toMatch(/policy\.limits\.bytesPerUnit/);
    // another unit is not held by it
    expect((await env.req("PUT", subPath("target", "U-B", "P1"), { token: env.tokens.unitB, body: formOf("target", "U-B", "P1") })).status).toBe(201);
  });
});

describe("X602 from the stored fingerprints", () => {
  it("warns on the third project of a unit with the same indicator set, and not on a changed set", async () => {
    const rules = async (res: Response) => ((await res.json()) as { issues: { rule: string }[] }).issues.map((i) => i.rule);
    expect(await rules(await save("P1"))).not.toContain("X602");
    expect(await rules(await save("P2"))).not.toContain("X602");
    expect(await rules(await save("P3"))).toContain("X602");
    const changed = formOf("target", "U-A", "P4");
    changed.indicators = changed.indicators.map((r, i) => (i === 0 ? { ...r, name: "另一个指标" } : r));
    expect(await rules(await save("P4", undefined, changed))).not.toContain("X602");
  });
  it("a save reads the form by its schema once and keeps the fingerprint X602 compared with", async () => {
    const form = formOf("target", "U-A", "P1");
    const parse = vi.spyOn(FormSchema, "safeParse");
    try {
      expect((await save("P1", undefined, form)).status).toBe(201);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    const fp = indicatorSetFingerprint(FormSchema.parse(form));
    expect(fp).toBeDefined();
    const heads = await env.store.sameIndicatorSet(YEAR, "U-A", "target", fp!);
    expect(heads.map((m) => [m.key.project, m.fingerprint])).toEqual([["P1", fp]]);
  });
});
