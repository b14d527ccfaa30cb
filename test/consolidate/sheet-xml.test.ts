// The big sheets' rows as sheet XML (server/xlsx/sheet-xml.ts): text that XML cannot hold as typed
// (controls, U+FFFE/U+FFFF, a surrogate without its pair, `<`, `&`) still makes a well-formed sheet;
// the workbook written that way opens in openpyxl and LibreOffice and holds the same cells as the
// same workbook written row by row through exceljs.
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consolidate, type Consolidation, type StoredForm } from "../../shared/consolidate/index.ts";
import type { Issue } from "../../shared/issue.ts";
import { defaultPolicy } from "../../shared/policy.ts";
import { writeConsolidatedXlsx, type WriteOptions } from "../../server/xlsx/consolidated.ts";
import { CELL_TEXT_MAX, clipCellText, SheetRows, xmlText } from "../../server/xlsx/sheet-xml.ts";
import { formOf, YEAR } from "../server/helpers.ts";
import { libreOfficeResave } from "../sheets/office.ts";
import { libreOffice, openpyxl } from "../support/system.ts";
import { readWithOpenpyxl, records, type SheetView } from "./xlsx.ts";

/** XML 1.0's Char production: what may appear in a document at all. */
const xmlChar = /^(?:[\t\n\r\u0020-\ud7ff\ue000-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;
/** Markup characters appear only as the entities the writer makes. */
const bareMarkup = /<|&(?!amp;|lt;|gt;)/;
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("xmlText", () => {
  it.each([
    ["林业局", "林业局"],
    ['a<b>&c "d" \'e\'', "a&lt;b&gt;&amp;c \"d\" 'e'"],
    ["]]> <![CDATA[", "]]&gt; &lt;![CDATA["],
    ["a\u0000b\u0007c\u001fd", "a\ufffdb\ufffdc\ufffdd"],
    ["tab\tline\ncr\r", "tab\tline\ncr\r"],
    ["\ufffe\uffff", "\ufffd\ufffd"],
    // a lone high surrogate, a lone low one, and a proper pair (an emoji) kept whole
    ["x\ud83dy\ude00z😀", "x\ufffdy\ufffdz😀"],
    ["\ud83d", "\ufffd"],
    ["\ude00\ud83d", "\ufffd\ufffd"],
  ])("escapes markup and replaces what XML cannot hold with U+FFFD: %j as %j", (typed, written) => {
    expect(xmlText(typed)).toBe(written);
  });

  it("makes any string well-formed element content that reads back as the string, bad characters replaced", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const out = xmlText(s);
        expect(out).toMatch(xmlChar);
        expect(out).not.toMatch(bareMarkup);
        const back = unescape(out);
        expect(back.length).toBe(s.length);
        for (let i = 0; i < s.length; i++) if (back[i] !== s[i]) expect(back[i]).toBe("\ufffd");
      }),
      { numRuns: 2000 },
    );
  });

  it("cuts text at Excel's limit without splitting a surrogate pair", () => {
    expect(clipCellText("a".repeat(CELL_TEXT_MAX + 5))).toHaveLength(CELL_TEXT_MAX);
    const pairAtEdge = "a".repeat(CELL_TEXT_MAX - 1) + "😀";
    expect(clipCellText(pairAtEdge)).toBe("a".repeat(CELL_TEXT_MAX - 1));
    expect(clipCellText("短")).toBe("短");
  });
});

describe("SheetRows", () => {
  it("writes numbers as numbers, text as inline strings, skips empty cells and keeps edge spaces", () => {
    const rows = new SheetRows([0, 3, 0, 0, 0]);
    expect(rows.row(2, ["U-A", 12.5, null, " 森林 ", "=SUM(A1)"])).toBe(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>U-A</t></is></c><c r="B2" s="3"><v>12.5</v></c>' +
        '<c r="D2" t="inlineStr"><is><t xml:space="preserve"> 森林 </t></is></c><c r="E2" t="inlineStr"><is><t>=SUM(A1)</t></is></c></row>',
    );
    // not a finite number: shown as the text it is, never a broken <v>
    expect(rows.row(3, [Number.NaN])).toBe('<row r="3"><c r="A3" t="inlineStr"><is><t>NaN</t></is></c></row>');
  });
});

// Text a unit could type (or paste) that XML cannot carry as it is, where it reaches only the big
// sheets (indicator rows and findings); names that reach the small sheets too hold markup only.
const HOSTILE_UNIT = "林业局<b>&amp;";
const HOSTILE_PROJECT = '=HYPERLINK("http://x","点我")';
const HOSTILE_MESSAGE = "第1行\u000b指标\uffff“]]>”\ud800尾\u0001";
const MESSAGE_SHOWN = "第1行\ufffd指标\ufffd“]]>”\ufffd尾\ufffd";
const HOSTILE_NAME = "新型\ufffe巡查\u0008指标\udc00";
const NAME_SHOWN = "新型\ufffd巡查\ufffd指标\ufffd";

function stored(unit: string, project: string, issues: Issue[], edit: (f: any) => void = () => {}): StoredForm {
  const form: any = formOf("selfEval", unit, project);
  edit(form);
  return { key: { year: YEAR, unit, project, kind: "selfEval" }, status: "submitted", revision: 2, form, issues, updatedAt: "2026-02-01T08:00:00.000Z" };
}

/** A small year whose texts hold what XML cannot carry (or, `hostile` false, only markup and spaces). */
async function year(hostile: boolean): Promise<Consolidation> {
  const text = (s: string) => (hostile ? s : s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, ""));
  const forms = [
    stored("U-A", "P1", [{ rule: "I211", severity: "warning", path: "indicators[0].target", cell: "F8", message: { zh: text(HOSTILE_MESSAGE), en: "plain <english> & more" } }], (f) => {
      f.project.name = HOSTILE_PROJECT;
      f.indicators[1].target = text("≥\u000790");
      f.indicators[3].name = text(HOSTILE_NAME);
      f.indicators[3].custom = true;
      delete f.indicators[3].code;
      f.indicators[2].unit = " 万亩 ";
    }),
    stored("U-A", "P2", []),
  ];
  return consolidate({
    year: YEAR,
    kind: "selfEval",
    policy: defaultPolicy,
    units: [
      { code: "U-A", name: HOSTILE_UNIT, confidential: false },
      { code: "U-B", name: "水利局", confidential: true },
    ],
    keys: forms.map((f) => f.key),
    forms: () => forms,
  });
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "jixiao-sheet-xml-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function write(name: string, options: WriteOptions = {}, hostile = true): Promise<string> {
  const file = join(tmp, name);
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  await writeConsolidatedXlsx(await year(hostile), out, options);
  await done;
  return file;
}

const wellFormed = String.raw`
import sys, zipfile, xml.etree.ElementTree as ET
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            ET.fromstring(z.read(name))
            print(name)
`;

const sheet = (view: SheetView[], name: string): SheetView => view.find((s) => s.name === name)!;

describe.skipIf(!openpyxl())("a workbook with text XML cannot hold as typed", () => {
  it("is well-formed in every part and opens in openpyxl with the text kept, bad characters replaced", async () => {
    const file = await write("hostile.xlsx");
    // Python's XML parser (expat) refuses a part that is not well-formed: the test fails with its message.
    const parts = execFileSync("/usr/bin/python3", ["-c", wellFormed, file], { encoding: "utf8" }).trim().split("\n");
    expect(parts).toContain("xl/worksheets/sheet3.xml");
    expect(parts).toContain("xl/worksheets/sheet5.xml");
    const view = readWithOpenpyxl(file);
    const rows = records(sheet(view, "指标明细"));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ 单位名称: HOSTILE_UNIT, 项目名称: HOSTILE_PROJECT, 序号: 1 });
    expect(rows[1]!["指标值"]).toBe("≥\ufffd90");
    expect(rows[3]!["三级指标"]).toBe(NAME_SHOWN);
    const findings = records(sheet(view, "问题清单"));
    expect(findings).toEqual([expect.objectContaining({ 说明: MESSAGE_SHOWN, Message: "plain <english> & more", 单元格: "F8", 规则: "I211" })]);
    // the formula-looking project name is a text cell, in the big sheets as in the small ones
    for (const name of ["表单", "指标明细", "问题清单"]) {
      const cells = sheet(view, name).rows.flat().filter(([v]) => v === HOSTILE_PROJECT);
      expect(cells.length, name).toBeGreaterThan(0);
      for (const [, type] of cells) expect(type, name).toBe("s");
    }
  });

  it("holds the same cells, types and number formats as the workbook written row by row through exceljs", async () => {
    const xml = readWithOpenpyxl(await write("xml.xlsx", {}, false));
    const byExceljs = readWithOpenpyxl(await write("exceljs.xlsx", { bigSheetRows: "exceljs" }, false));
    expect(xml.map((s) => s.name)).toEqual(["汇总", "表单", "指标明细", "未报送单位", "问题清单"]);
    expect(records(sheet(xml, "指标明细"))[2]).toMatchObject({ 计量单位: " 万亩 " });
    for (const [i, s] of xml.entries()) {
      const other = byExceljs[i]!;
      expect(s.rows, s.name).toEqual(other.rows);
      expect({ ...s, rows: [] }, s.name).toEqual({ ...other, rows: [] });
    }
  });
});

describe.skipIf(!openpyxl() || !libreOffice())("the same workbook in LibreOffice", () => {
  it("opens, saves and reads back with the big sheets' rows", async () => {
    const [saved] = libreOfficeResave(await write("lo.xlsx"));
    const view = readWithOpenpyxl(saved!, "values");
    const rows = records(sheet(view, "指标明细"));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ 单位名称: HOSTILE_UNIT, 三级指标: "森林管护面积", 序号: 1 });
    expect(rows[3]).toMatchObject({ 三级指标: NAME_SHOWN });
    expect(records(sheet(view, "问题清单"))[0]).toMatchObject({ 说明: MESSAGE_SHOWN });
  });
});
