// A form saved from a county layout that lacks header fields: its identity comes from where it is
// saved (the path, the unit's directory entry) and, for a monitoring or self-evaluation form, from
// the approved target form of the same project (docs/reading-forms.md).
import { describe, expect, it } from "vitest";
import { envEachTest, formOf, subPath } from "./helpers.ts";

const env = envEachTest();

/** A form as a county layout gives it: no unit code or name, no project code, field, attribute or 面向公众. */
function asPublished(kind: "target" | "monitor" | "selfEval"): Record<string, any> {
  const f = structuredClone(formOf(kind)) as Record<string, any>;
  delete f.unit.code;
  f.unit.name = "";
  delete f.project.code;
  delete f.project.field;
  f.project.attribute = "";
  f.project.servesPublic = null;
  return f;
}

const p002 = (issues: { rule: string; path: string }[]) => issues.filter((i) => i.rule === "P002").map((i) => i.path);

describe("saving a form whose layout lacks header fields", () => {
  it("a target form takes unit code, name and field from the path and the directory; attribute and 面向公众 are still asked for", async () => {
    const res = await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: asPublished("target") });
    expect(res.status).toBe(201);
    const saved = await (await env.req("GET", subPath("target"), { token: env.tokens.unitA })).json();
    const form = saved.form ?? saved.revision?.form ?? saved;
    expect(form.unit).toEqual({ code: "U-A", name: "林业局" });
    expect(form.project).toMatchObject({ code: "P1", field: "forestry" });
    expect(p002(saved.issues)).toEqual(["project.attribute", "project.servesPublic"]);
  });

  it("a monitoring form takes field, attribute and 面向公众 from the approved target form of the same project", async () => {
    const target = formOf("target") as Record<string, any>;
    target.project.field = "water";
    target.project.attribute = "new";
    target.project.servesPublic = false;
    expect((await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: target })).status).toBe(201);
    expect((await env.req("POST", `${subPath("target")}/submit`, { token: env.tokens.unitA })).status).toBe(200);
    expect((await env.req("POST", `${subPath("target")}/approve`, { token: env.tokens.finance })).status).toBe(200);

    const res = await env.req("PUT", subPath("monitor"), { token: env.tokens.unitA, body: asPublished("monitor") });
    expect(res.status).toBe(201);
    const saved = await (await env.req("GET", subPath("monitor"), { token: env.tokens.unitA })).json();
    const form = saved.form ?? saved.revision?.form ?? saved;
    expect(form.project).toMatchObject({ code: "P1", field: "water", attribute: "new", servesPublic: false });
    expect(p002(saved.issues)).toEqual([]);
  });

  it("without an approved target form, a monitoring form's attribute is still asked for (a draft target does not count)", async () => {
    expect((await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target") })).status).toBe(201);
    await env.req("PUT", subPath("monitor"), { token: env.tokens.unitA, body: asPublished("monitor") });
    const saved = await (await env.req("GET", subPath("monitor"), { token: env.tokens.unitA })).json();
    expect(p002(saved.issues)).toEqual(["project.attribute", "project.servesPublic"]);
  });

  it("a value the form gives is kept, not replaced by the path's", async () => {
    const f = asPublished("target");
    f.unit.name = "某县林业局（盖章）";
    await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: f });
    const saved = await (await env.req("GET", subPath("target"), { token: env.tokens.unitA })).json();
    expect((saved.form ?? saved.revision?.form ?? saved).unit.name).toBe("某县林业局（盖章）");
  });
});
