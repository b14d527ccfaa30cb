// GET /api/templates/:kind and POST /api/import (docs/api.md): the .xlsx path for units that cannot
// run the add-in. A template downloads and reads back as that kind's blank form; a filled workbook
// gives the same findings as its JSON, at their cells; `?save=1` saves the unit's own forms as
// drafts, never overwriting newer work from a file that does not say which revision it was made from.
import { describe, expect, it } from "vitest";
import { FormSchema } from "../../shared/form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { formsFromXlsx } from "../../server/xlsx/forms.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { envEachTest, formOf, subPath } from "./helpers.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const env = envEachTest();

function upload(bytes: Uint8Array<ArrayBuffer> | string, token: string, query = "", type = XLSX) {
  return env.app.request(`/api/import${query}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": type }, body: bytes });
}

async function workbookOf(kind: "target" | "selfEval", unit = "U-A", serverRevision?: number, change?: (f: any) => void): Promise<Uint8Array<ArrayBuffer>> {
  const form = FormSchema.parse(formOf(kind, unit));
  change?.(form);
  const plan = layoutForm(kind, form, starterLibrary(), serverRevision === undefined ? {} : { serverRevision });
  return new Uint8Array(await renderWorkbook(plan));
}

describe("GET /api/templates/:kind", () => {
  it("gives a blank template of the kind that reads back as that kind", async () => {
    for (const kind of ["target", "monitor", "selfEval"] as const) {
      const res = await env.req("GET", `/api/templates/${kind}?format=xlsx`, { token: env.tokens.unitA });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(XLSX);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
      const sheets = await formsFromXlsx(new Uint8Array(await res.arrayBuffer()));
      expect(sheets).toHaveLength(1);
      expect(sheets[0]!.kind).toBe(kind);
      // blank: what is missing is said at its cell
      expect(sheets[0]!.issues.some((i) => i.rule === "P002" && i.cell)).toBe(true);
    }
  });

  it("needs a token, a known kind and the xlsx format", async () => {
    expect((await env.req("GET", "/api/templates/target")).status).toBe(401);
    const bad = await env.req("GET", "/api/templates/budget", { token: env.tokens.unitA });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("kind");
    expect((await env.req("GET", "/api/templates/target?format=pdf", { token: env.tokens.unitA })).status).toBe(400);
  });
});

describe("POST /api/import", () => {
  it("checks every template sheet as a save would, each finding at its cell", async () => {
    const bytes = await workbookOf("target", "U-A", undefined, (f) => (f.indicators[0].target = "逐步提高"));
    const res = await upload(bytes, env.tokens.unitA);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.forms).toHaveLength(1);
    const [sheet] = body.forms;
    expect(sheet.kind).toBe("target");
    const i208 = sheet.issues.find((i: any) => i.rule === "I208");
    expect(i208).toMatchObject({ path: "indicators[0].target" });
    expect(i208.cell).toMatch(/^'绩效目标申报表'!F\d+$/);
    // the same findings as the JSON form through /api/validate
    const json = await env.req("POST", "/api/validate", { token: env.tokens.unitA, body: sheet.form });
    const rules = (xs: any[]) => xs.map((i) => `${i.rule} ${i.path}`).sort();
    expect(rules(sheet.issues)).toEqual(rules((await json.json()).issues));
    // nothing saved without ?save=1
    expect((await env.req("GET", subPath(), { token: env.tokens.unitA })).status).toBe(404);
  });

  it("?save=1 saves the unit's own form as a draft; a file that does not name its revision never overwrites", async () => {
    const first = await (await upload(await workbookOf("target"), env.tokens.unitA, "?save=1")).json();
    expect(first.forms[0].saved).toEqual({ revision: 1, status: "draft" });
    expect((await env.req("GET", subPath(), { token: env.tokens.unitA })).status).toBe(200);

    const again = await (await upload(await workbookOf("target"), env.tokens.unitA, "?save=1")).json();
    expect(again.forms[0].saved.error.code).toBe("if_match_required");

    const fromRevision1 = await (await upload(await workbookOf("target", "U-A", 1), env.tokens.unitA, "?save=1")).json();
    expect(fromRevision1.forms[0].saved).toEqual({ revision: 2, status: "draft" });
    const stale = await (await upload(await workbookOf("target", "U-A", 1), env.tokens.unitA, "?save=1")).json();
    expect(stale.forms[0].saved.error.code).toBe("stale_revision");
  });

  it("never saves another unit's form, nor for finance", async () => {
    const other = await (await upload(await workbookOf("target", "U-A"), env.tokens.unitB, "?save=1")).json();
    expect(other.forms[0].saved.error.code).toBe("forbidden");
    const finance = await (await upload(await workbookOf("target", "U-A"), env.tokens.finance, "?save=1")).json();
    expect(finance.forms[0].saved.error.code).toBe("forbidden");
    expect((await env.req("GET", subPath(), { token: env.tokens.finance })).status).toBe(404);
  });

  it("refuses what is not an .xlsx, with one error shape", async () => {
    const notXlsxType = await upload("{}", env.tokens.unitA, "", "application/json");
    expect(notXlsxType.status).toBe(415);
    const garbage = await upload(new Uint8Array([80, 75, 3, 4, 1, 2, 3]), env.tokens.unitA);
    expect(garbage.status).toBe(400);
    const body = await garbage.json();
    expect(body.error.code).toBe("invalid_xlsx");
    expect(body.error.message).toMatch(/xlsx/);
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/);
    expect((await upload(new Uint8Array(10 * 1024 * 1024 + 1), env.tokens.unitA)).status).toBe(413);
    // the 10 MB allowance is the import route's alone (the length declared, as a browser does;
    // without one, a body that is not JSON is refused as such, unread)
    const elsewhere = await env.app.request("/api/validate", {
      method: "POST",
      headers: { authorization: `Bearer ${env.tokens.unitA}`, "content-type": XLSX, "content-length": String(3 * 1024 * 1024) },
      body: new Uint8Array(3 * 1024 * 1024),
    });
    expect(elsewhere.status).toBe(413);
    expect((await upload(await workbookOf("target"), "jx_nope")).status).toBe(401);
  });
});

describe("GET /api/submissions/…/xlsx", () => {
  it("gives the saved form as a workbook carrying its revision, which uploads back as the next revision", async () => {
    const first = await upload(await workbookOf("target"), env.tokens.unitA, "?save=1");
    expect((await first.json()).forms[0].saved.revision).toBe(1);
    // the same file again: it does not say which revision it was made from
    expect((await (await upload(await workbookOf("target"), env.tokens.unitA, "?save=1")).json()).forms[0].saved.error.code).toBe("if_match_required");

    const got = await env.req("GET", `${subPath()}/xlsx`, { token: env.tokens.unitA });
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe(XLSX);
    expect(got.headers.get("etag")).toBe('"1"');
    const bytes = new Uint8Array(await got.arrayBuffer());
    const again = await (await upload(bytes, env.tokens.unitA, "?save=1")).json();
    expect(again.forms[0].saved).toEqual({ revision: 2, status: "draft" });
    // that file is now behind the server: a second upload of it is stale, not an overwrite
    expect((await (await upload(bytes, env.tokens.unitA, "?save=1")).json()).forms[0].saved.error.code).toBe("stale_revision");
  });

  it("is the owner's (or finance's) only", async () => {
    await upload(await workbookOf("target"), env.tokens.unitA, "?save=1");
    expect((await env.req("GET", `${subPath()}/xlsx`, { token: env.tokens.unitB })).status).toBe(403);
    expect((await env.req("GET", `${subPath()}/xlsx`, { token: env.tokens.finance })).status).toBe(200);
    expect((await env.req("GET", `${subPath("target", "U-A", "P404")}/xlsx`, { token: env.tokens.unitA })).status).toBe(404);
  });
});
