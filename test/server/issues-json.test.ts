// A save's findings serialised once (server/issues-json.ts, workflow.ts): the record the store
// writes and the save's answer hold the same text JSON.stringify gives, key for key.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkForm } from "../../shared/check.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { demoForm } from "../../server/demo-form.ts";
import { withIssuesJson } from "../../server/issues-json.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { formFile } from "../../server/store/form-log.ts";
import { envEachTest, formOf, subPath } from "./helpers.ts";

const library = { ...starterLibrary(), version: 1 };
/** A check with findings whose words are built when first read (the demo form's I212s). */
function findings(kind: "target" | "selfEval" = "target") {
  const check = checkForm(demoForm(kind, { year: 2025, unit: { code: "U1", name: "单位" }, project: { code: "P1", name: "项目" } }), library);
  expect(check.issues.length).toBeGreaterThan(0);
  return check;
}

describe("withIssuesJson", () => {
  it("gives what JSON.stringify gives for the whole object, with empty, undefined and nested parts", () => {
    const { issues, score } = findings();
    const cases: [object, object][] = [
      [{}, {}],
      [{ a: 1 }, {}],
      [{}, { b: "二" }],
      [{ a: 1, u: undefined, s: "“引号”\n" }, { score, n: null, deep: { x: [1, { y: "z" }] } }],
    ];
    for (const [head, tail] of cases) {
      for (const list of [issues, []]) expect(withIssuesJson(head, JSON.stringify(list), tail)).toBe(JSON.stringify({ ...head, issues: list, ...tail }));
    }
  });
});

describe("a save serialises its findings once", () => {
  const env = envEachTest();

  it("answers the JSON of summary, findings, score and lights in that order, and the form's log holds the record as JSON.stringify writes it", async () => {
    const res = await env.req("PUT", subPath("target", "U-A", "P1"), { token: env.tokens.unitA, body: formOf("target", "U-A", "P1") });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    const answer = JSON.parse(text);
    expect(JSON.stringify(answer)).toBe(text);
    expect(Object.keys(answer)).toEqual(["year", "unit", "project", "kind", "status", "revision", "updatedAt", "statusAt", "libraryVersion", "counts", "issues", ...(answer.score ? ["score"] : []), ...(answer.lights ? ["lights"] : [])]);
    const detail = await (await env.req("GET", subPath("target", "U-A", "P1"), { token: env.tokens.unitA })).json();
    expect(answer.issues).toEqual(detail.issues);
  });

  it("writes a revision's record with its keys in saveRevision's order, the same bytes with the findings' text given as without", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-issues-json-"));
    try {
      const store = await openLowStore(dir);
      const check = findings("selfEval");
      expect(check.score).toBeDefined();
      const form = check.form as unknown as Record<string, unknown>;
      const rev = { form, by: "unit:U1#ab", at: "2025-01-01T00:00:00.000Z", libraryVersion: 1, issues: check.issues, score: check.score, rows: 7, fingerprint: "f" };
      const given = { year: 2025, unit: "U1", project: "P1", kind: "selfEval" } as const;
      const made = { ...given, project: "P2" } as const;
      await store.saveRevision(given, { revision: null }, { ...rev, issuesJson: JSON.stringify(check.issues) }, "draft");
      await store.saveRevision(made, { revision: null }, rev, "draft");
      await store.close();
      const line = (await readFile(formFile(dir, given), "utf8")).trim();
      const rec = JSON.parse(line);
      expect(JSON.stringify(rec)).toBe(line);
      expect(Object.keys(rec)).toEqual(["lsn", "t", "revision", "status", "by", "at", "libraryVersion", "issues", "counts", "score", "rows", "fingerprint", "form"]);
      expect(rec.issues).toEqual(JSON.parse(JSON.stringify(check.issues)));
      expect(rec.form).toEqual(JSON.parse(JSON.stringify(form)));
      // the record made by the store itself differs only in its lsn
      const other = (await readFile(formFile(dir, made), "utf8")).trim();
      expect(other.replace(/^\{"lsn":\d+,/, "")).toBe(line.replace(/^\{"lsn":\d+,/, ""));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
