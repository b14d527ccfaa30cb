// `jixiao validate` on .xlsx: every template sheet of a workbook, each reported with its sheet;
// validating the .xlsx gives the same findings as validating the JSON, each with its cell.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { Form } from "../../shared/form.ts";
import type { Issue } from "../../shared/issue.ts";
import { layoutForm, layoutWorkbook } from "../../shared/sheet/layout.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { checkFile } from "../../server/cli/validate.ts";
import { readWorkbook } from "../../server/xlsx/read.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { monitorForm, selfEvalForm, smallLibrary, targetForm } from "./fixtures.ts";

const library = smallLibrary();
const forms: Form[] = [targetForm(), monitorForm(), selfEvalForm()];
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jixiao-vx-"));
  for (const f of forms) {
    await writeFile(join(dir, `${f.kind}.json`), JSON.stringify(f));
    await writeFile(join(dir, `${f.kind}.xlsx`), await renderWorkbook(layoutForm(f.kind, f, library)));
  }
});

const withoutCell = ({ cell: _cell, ...rest }: Issue) => rest;

describe("validating an .xlsx", () => {
  it.each(forms.map((f) => [f.kind] as const))("%s: the same findings, score and lights as the JSON, each with its cell", async (kind) => {
    const fromJson = await checkFile(join(dir, `${kind}.json`), library);
    const fromXlsx = await checkFile(join(dir, `${kind}.xlsx`), library);
    expect(fromXlsx.error).toBeUndefined();
    expect(fromXlsx.forms).toHaveLength(1);
    const [j] = fromJson.forms;
    const [x] = fromXlsx.forms;
    expect(x!.sheet).toBe(layoutForm(kind, undefined, library).sheets[0]!.name);
    expect(x!.kind).toBe(kind);
    expect(j!.issues.length).toBeGreaterThan(0);
    expect(x!.issues.map(withoutCell)).toEqual(j!.issues.map(withoutCell));
    expect(x!.score).toEqual(j!.score);
    expect(x!.lights).toEqual(j!.lights);
    // each finding points at the cell the parser read its path from
    const [parsed] = parseWorkbook(await readWorkbook(join(dir, `${kind}.xlsx`)));
    const cells = parsed!.form!.cells!;
    for (const i of x!.issues) {
      if (cells[i.path]) expect(i.cell, i.path).toBe(cells[i.path]);
    }
    expect(x!.issues.filter((i) => i.path.startsWith("indicators[")).every((i) => i.cell !== undefined)).toBe(true);
  });

  it("reports every template sheet of a workbook with its sheet, and what a blank one lacks", async () => {
    const path = join(dir, "book.xlsx");
    await writeFile(path, await renderWorkbook(layoutWorkbook([{ kind: "target", form: forms[0] }, { kind: "monitor", form: forms[1] }, { kind: "selfEval" }], library)));
    const report = await checkFile(path, library);
    expect(report.forms.map((f) => [f.sheet, f.kind])).toEqual([
      ["绩效目标申报表", "target"],
      ["绩效运行监控表", "monitor"],
      ["绩效自评表", "selfEval"],
    ]);
    // the blank one is still checked as a form: what it lacks is P002 at its cell, beside what the rules find
    const missing = report.forms[2]!.issues.filter((i) => i.rule === "P002");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((i) => i.cell?.startsWith("'绩效自评表'!"))).toBe(true);
    expect(report.forms[2]!.issues.some((i) => i.rule === "P003")).toBe(false);
  });

  it("jixiao validate --json: exit 1 with errors, 2 for a file that is not a workbook", async () => {
    const run = promisify(execFile);
    const bin = new URL("../../server/cli/bin.js", import.meta.url).pathname;
    const lib = join(dir, "library.json");
    await writeFile(lib, JSON.stringify(library));
    await writeFile(join(dir, "broken.xlsx"), "PK not really");
    const ran = await run(process.execPath, [bin, "validate", "--json", "--library", lib, join(dir, "selfEval.xlsx"), join(dir, "broken.xlsx")]).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect((ran as { code: number }).code).toBe(2);
    const out = JSON.parse((ran as { stdout: string }).stdout) as { files: { file: string; forms: { sheet?: string; kind: string; issues: Issue[] }[] }[] };
    expect(out.files[0]!.forms[0]).toMatchObject({ sheet: "绩效自评表", kind: "selfEval" });
    expect(out.files[0]!.forms[0]!.issues.some((i) => i.cell?.startsWith("'绩效自评表'!"))).toBe(true);
    expect(out.files[1]!.forms).toEqual([]);
    expect((ran as { stderr: string }).stderr).toContain("broken.xlsx");
  });
});
