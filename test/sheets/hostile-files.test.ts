// Hostile files as they arrive: a value in XFD1048576, an .xls (or an encrypted workbook) renamed
// .xlsx, a small zip whose sharedStrings unpacks past the limit (test/server/hostile-corpus.test.ts
// has the rest: merge bombs, lying zips and the like). Each reads quickly in
// little memory, or is refused with a message saying what it is.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { layoutForm } from "../../shared/sheet/layout.ts";
import { parseWorkbook } from "../../shared/sheet/workbook.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { checkFile } from "../../server/cli/validate.ts";
import { maxUnpackedBytes, readWorkbook } from "../../server/xlsx/read.ts";
import { renderWorkbook } from "../../server/xlsx/render.ts";
import { openpyxl } from "../support/system.ts";
import { smallLibrary, targetForm } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-hostile-"));

describe("hostile workbooks, without other software", () => {
  it("reads a form with stray values in XFD1, A1048576 and XFD1048576 without a grid of a million rows × 16,384 columns", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderWorkbook(layoutForm("target", targetForm(), smallLibrary()))) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getCell("XFD1").value = "末列";
    ws.getCell("A1048576").value = "末行";
    ws.getCell("XFD1048576").value = "角";
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const before = process.memoryUsage().rss;
    const grids = await readWorkbook(bytes);
    const [sheet] = parseWorkbook(grids);
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 * 1024);
    expect(sheet!.issues).toEqual([]);
    expect(sheet!.form!.indicators).toHaveLength(targetForm().indicators.length);
    const values = grids[0]!.values;
    expect(values).toHaveLength(1_048_576);
    expect(values[1_048_575]![0]).toBe("末行");
    expect(values[0]!.length).toBeLessThanOrEqual(256);
  });

  it("says an .xls renamed .xlsx (or a password-encrypted workbook) is one, and how to fix it", async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const p = join(dir, "old.xlsx");
    writeFileSync(p, ole);
    const report = await checkFile(p, starterLibrary());
    expect(report.error).toMatch(/\.xls\b.*save it as \.xlsx/);
    expect(report.error).toMatch(/另存为 \.xlsx/);
  });
});

describe.skipIf(!openpyxl())("a zip bomb", () => {
  it("refuses, with a message, a zip whose sharedStrings unpacks past the limit, stopping where the limit is reached", async () => {
    const small = join(dir, "small.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").getCell("A1").value = "一级指标";
    await wb.xlsx.writeFile(small);
    const bomb = join(dir, "bomb.xlsx");
    const py = join(dir, "bomb.py");
    writeFileSync(
      py,
      String.raw`
import sys, zipfile
zin = zipfile.ZipFile(sys.argv[1]); zout = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "xl/sharedStrings.xml":
        pad = ("<si><t>" + "重复" * 1000 + "</t></si>").encode()
        data = data.replace(b"</sst>", pad * (int(sys.argv[3]) // len(pad) + 1) + b"</sst>")
    zout.writestr(item, data)
zout.close()
`,
    );
    execFileSync("/usr/bin/python3", [py, small, bomb, String(maxUnpackedBytes)], { timeout: 120_000 });
    expect(readFileSync(bomb).length).toBeLessThan(2_000_000);
    const report = await checkFile(bomb, starterLibrary());
    expect(report.error).toContain(`${maxUnpackedBytes / 1024 / 1024} MB`);
  });
});
