// Blank means missing (docs/reading-forms.md): a choice field left blank — `""` or null in JSON, an
// empty cell or a placeholder in a sheet — fires the rule that asks for it, never a type error.
// One per kind, from JSON and from an .xlsx alike.
import { describe, expect, it } from "vitest";
import { checkForm } from "../../shared/check.ts";
import type { Form } from "../../shared/form.ts";
import type { Issue } from "../../shared/issue.ts";
import { mergeFindings } from "../../shared/read-form.ts";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { formsFromXlsx } from "../../server/xlsx/forms.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { monitorForm, selfEvalForm, smallLibrary, targetForm } from "./fixtures.ts";

const library = smallLibrary();

/** The form as JSON with `path` set to `value`. */
function withValue(form: Form, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(form)) as Record<string, any>;
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let o = copy;
  for (const p of parts.slice(0, -1)) o = o[p];
  o[parts[parts.length - 1]!] = value;
  return copy;
}

/** The form laid out as the template, the cell of `path` set to `value`, written as .xlsx and read back, then checked. */
async function viaXlsx(form: Form, path: string, value: string | null): Promise<Issue[]> {
  const plan = layoutForm(form.kind, form, library);
  const sheet = plan.sheets.find((s) => s.visibility !== "veryHidden" && s.visibility !== "hidden" && parseWorkbook([{ name: s.name, values: s.values }])[0]?.form)!;
  const at = parseWorkbook(plan.sheets.map((s) => ({ name: s.name, values: s.values, state: s.visibility ?? "visible" }))).find((p) => p.sheet === sheet.name)!.form!.cells![path]!;
  const m = /!\$?([A-Z]+)\$?(\d+)$/.exec(at)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  sheet.values[Number(m[2]) - 1]![col] = value;
  const [read] = (await formsFromXlsx(await renderWorkbook(plan))).filter((p) => p.sheet === sheet.name);
  const checked = checkForm(read!.form ?? read!.read, library);
  return mergeFindings(read!.issues, checked.issues);
}

const rulesAt = (issues: Issue[], path: string) => issues.filter((i) => i.path === path).map((i) => i.rule);

describe("a blank choice field fires its own rule", () => {
  it("target: 项目属性 blank → P002 project.attribute, not P003 (JSON \"\" and null, and an empty cell)", async () => {
    for (const v of ["", "  ", null]) expect(rulesAt(checkForm(withValue(targetForm(), "project.attribute", v), library).issues, "project.attribute")).toEqual(["P002"]);
    expect(rulesAt(await viaXlsx(targetForm(), "project.attribute", null), "project.attribute")).toEqual(["P002"]);
    expect(rulesAt(await viaXlsx(targetForm(), "project.attribute", "—"), "project.attribute")).toEqual(["P002"]);
    // and a choice that names nothing is still a type error
    expect(rulesAt(checkForm(withValue(targetForm(), "project.attribute", "大概"), library).issues, "project.attribute")).toEqual(["P003"]);
  });

  it("monitor: a doubtful row's 偏差原因类别 blank → M503 for that row, not P003; the lights are still computed", async () => {
    // row 3 is 有可能 with a category and measures in the fixture
    const json = checkForm(withValue(monitorForm(), "indicators[3].deviationCategory", ""), library);
    expect(json.issues.filter((i) => i.path.startsWith("indicators[3]")).map((i) => i.rule)).toEqual(["M503"]);
    expect(json.lights?.rows).toHaveLength(monitorForm().indicators.length);
    const nul = checkForm(withValue(monitorForm(), "indicators[3].deviationCategory", null), library);
    expect(nul.issues.filter((i) => i.path.startsWith("indicators[3]")).map((i) => i.rule)).toEqual(["M503"]);
    const xlsx = await viaXlsx(monitorForm(), "indicators[3].deviationCategory", null);
    expect(xlsx.filter((i) => i.path.startsWith("indicators[3]")).map((i) => i.rule)).toEqual(["M503"]);
    const placeholder = await viaXlsx(monitorForm(), "indicators[3].deviationCategory", "/");
    expect(placeholder.filter((i) => i.path.startsWith("indicators[3]")).map((i) => i.rule)).toEqual(["M503"]);
  });

  it("selfEval: 是否面向公众服务 blank → P002 project.servesPublic, not P003; the score is still computed", async () => {
    const json = checkForm(withValue(selfEvalForm(), "project.servesPublic", ""), library);
    expect(rulesAt(json.issues, "project.servesPublic")).toEqual(["P002"]);
    expect(json.score?.rows).toHaveLength(selfEvalForm().indicators.length);
    expect(rulesAt(await viaXlsx(selfEvalForm(), "project.servesPublic", null), "project.servesPublic")).toEqual(["P002"]);
    expect(rulesAt(await viaXlsx(selfEvalForm(), "project.servesPublic", "-"), "project.servesPublic")).toEqual(["P002"]);
  });
});
