// Text that stays well-formed (issue 17): U+FFFE, U+FFFF, lone surrogates and C0 controls are
// replaced at the edge (every JSON body), and each .xlsx writer is safe on its own: a form stored
// with them before the edge existed still gives finance workbooks openpyxl opens, every row kept.
import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasXmlUnsafe, xmlSafe, xmlSafeDeep } from "../../shared/xml-text.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { readWithOpenpyxl, records } from "../consolidate/xlsx.ts";
import { openpyxl } from "../support/system.ts";
import { envEachTest, formOf, subPath, YEAR } from "./helpers.ts";

const BAD = ["\uFFFE", "\uFFFF", "\uD800", "\uDFFF", "\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F"];

describe("xmlSafe", () => {
  it("replaces each character XML cannot hold with U+FFFD and keeps everything else", () => {
    for (const c of BAD) {
      expect(hasXmlUnsafe(`项目${c}名称`), JSON.stringify(c)).toBe(true);
      expect(xmlSafe(`项目${c}名称`)).toBe("项目\uFFFD名称");
    }
    const fine = "森林管护\t面积\r\n😀 𠀀 ＡＢＣ１２３ \u00A0 \uFFFD \uFEFF";
    expect(hasXmlUnsafe(fine)).toBe(false);
    expect(xmlSafe(fine)).toBe(fine);
    // a high surrogate at the end, a low one at the start, two highs in a row
    expect(xmlSafe("a\uD83D")).toBe("a\uFFFD");
    expect(xmlSafe("\uDE00a")).toBe("\uFFFDa");
    expect(xmlSafe("\uD83D\uD83D\uDE00")).toBe("\uFFFD😀");
  });

  it("walks values deeply, keys included, without changing the input", () => {
    const input = { "名\uFFFE": ["\u0001", { x: "\uD800", n: 1, b: true, z: null }] };
    const out = xmlSafeDeep(input);
    expect(out).toEqual({ "名\uFFFD": ["\uFFFD", { x: "\uFFFD", n: 1, b: true, z: null }] });
    expect(input["名\uFFFE"][0]).toBe("\u0001");
    // deep without recursion
    let deep: unknown = "\uFFFF";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let got = xmlSafeDeep(deep) as unknown;
    while (Array.isArray(got)) got = got[0];
    expect(got).toBe("\uFFFD");
  });
});

const env = envEachTest();

describe("at the edge", () => {
  it("stores a draft with U+FFFE, a lone surrogate and a control character as U+FFFD", async () => {
    const form = formOf("target");
    // JSON escapes carry lone surrogates through JSON.stringify unchanged.
    const body = JSON.stringify({ ...form, project: { ...form.project, name: "森林\uFFFE管护\uD800" }, goals: { ...form.goals, annual: "完成\u0001任务" } });
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body })).status).toBe(201);
    const got = await (await env.req("GET", subPath(), { token: env.tokens.unitA })).json();
    expect(got.form.project.name).toBe("森林\uFFFD管护\uFFFD");
    expect(got.form.goals.annual).toBe("完成\uFFFD任务");
  });

  it("replaces U+FFFE sent raw in a body with no \\u escape at all", async () => {
    const form = formOf("target");
    const body = JSON.stringify({ ...form, project: { ...form.project, name: "森林\uFFFE管护" } });
    expect(body.includes("\\u")).toBe(false);
    expect((await env.req("PUT", subPath(), { token: env.tokens.unitA, body })).status).toBe(201);
    const got = await (await env.req("GET", subPath(), { token: env.tokens.unitA })).json();
    expect(got.form.project.name).toBe("森林\uFFFD管护");
  });
});

describe.skipIf(!openpyxl())("every .xlsx writer on its own, read by openpyxl", () => {
  it("renders a plan holding each bad character into a workbook openpyxl opens", async () => {
    const values = [["名称", "说明"], ...BAD.map((c, i) => [`项目${i}${c}`, `${c}说明`])];
    const dir = await mkdtemp(join(tmpdir(), "jixiao-xmltext-"));
    const file = join(dir, "plan.xlsx");
    writeFileSync(file, await renderWorkbook({ sheets: [{ name: "表\uFFFE", values }] }));
    const [sheet] = readWithOpenpyxl(file);
    expect(sheet!.name).toBe("表\uFFFD");
    expect(sheet!.rows).toHaveLength(values.length);
    expect(sheet!.rows[1]![0]![0]).toBe("项目0\uFFFD");
  });

  it("streams the consolidated workbook of forms stored with bad characters (before the edge existed), every row kept", async () => {
    const names = BAD.map((c, i) => `项目${i}${c}`);
    for (const [i, name] of names.entries()) {
      const form = formOf("target", "U-A", `P${i}`);
      const key = { year: YEAR, unit: "U-A", project: `P${i}`, kind: "target" as const };
      // straight into the store, as old data would be
      const r = await env.store.saveRevision(
        key,
        { revision: null },
        { form: { ...form, project: { ...form.project, name }, goals: { ...form.goals, annual: `目标${BAD[i]}` } } as Record<string, unknown>, by: "test", at: new Date().toISOString(), libraryVersion: 1, issues: [] },
        "draft",
      );
      expect(r.ok).toBe(true);
    }
    const res = await env.req("GET", `/api/consolidated?year=${YEAR}&kind=target&format=xlsx`, { token: env.tokens.finance });
    expect(res.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), "jixiao-xmltext-"));
    const file = join(dir, "consolidated.xlsx");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const view = readWithOpenpyxl(file);
    const forms = view.find((s) => s.name === "表单")!;
    const projects = records(forms).map((r) => r["项目名称"]);
    expect(projects.sort()).toEqual(names.map((n) => xmlSafe(n)).sort());
  });
});
