// An .xlsx → one grid of values per sheet (DESIGN.md seam 1), hidden and veryHidden sheets
// included. Values, not formulas' text (a formula gives its cached result); dates as ISO dates;
// rich text flattened; a merged range's value in its top-left cell only; a number shown as a
// percentage as the text the unit sees (`95%`, not 0.95), by shared/sheet/cell-text.ts as the
// add-in reads it.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { cellText } from "../../shared/sheet/cell-text.ts";
import type { Grid, GridValue, SheetGrid } from "../../shared/sheet/parse.ts";

function plain(value: ExcelJS.CellValue, numFmt: string | undefined): GridValue {
  if (value === null || value === undefined) return null;
  // numbers under a percent format, and dates, as the unit sees them (the add-in reads the same way)
  if (typeof value === "number" || value instanceof Date) return cellText(value, numFmt) as GridValue;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("formula" in v || "sharedFormula" in v) {
      return "result" in v ? plain(v.result as ExcelJS.CellValue, numFmt) : null;
    }
    if ("error" in v) return String(v.error);
    if ("text" in v) return plain(v.text as ExcelJS.CellValue, numFmt);
  }
  return String(value);
}

/**
 * Columns past this are not read: the parser looks at the first 200, and a stray value in XFD
 * would otherwise widen every row to 16,384 cells.
 */
export const maxColumns = 256;

function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values: Grid = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: GridValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > maxColumns) return;
      // Merged cells other than the top-left one repeat the master's value in exceljs: blank them.
      if (cell.isMerged && cell.master !== cell) return;
      const v = plain(cell.value, cell.numFmt);
      if (v === null || v === "") return;
      out[col - 1] = v;
    });
    if (out.length === 0) return;
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
    width = Math.max(width, out.length);
  });
  // Rows without values share one frozen blank row: a stray value in row 1,048,576 must not
  // build a million arrays of nulls.
  const blankRow = Object.freeze(Array<GridValue>(width).fill(null)) as GridValue[];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (row === undefined) {
      values[r] = blankRow;
      continue;
    }
    while (row.length < width) row.push(null);
  }
  return { name: ws.name, state: ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible", values };
}

/** What a workbook's parts may add up to unpacked: a form is well under 5 MB; more is a zip bomb. */
export const maxUnpackedBytes = 100 * 1024 * 1024;

/**
 * Refuses, with a message a unit can act on, what exceljs would fail on obscurely or unpack into
 * gigabytes: an .xls (or a password-encrypted workbook, also an OLE file) named .xlsx, and a zip
 * whose central directory declares more than `maxUnpackedBytes`. Anything else is left to exceljs.
 */
function checkContainer(data: Buffer): void {
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0 && data.readUInt32BE(4) === 0xa1b11ae1) {
    throw new Error(
      "an Excel 97-2003 (.xls) file or a password-encrypted workbook: open it, remove the password and save it as .xlsx 这是 .xls 文件或设置了打开密码的工作簿：请取消密码并另存为 .xlsx",
    );
  }
  // The end-of-central-directory record: in the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return;
  const entries = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries && p + 46 <= data.length && data.readUInt32LE(p) === 0x02014b50; n++) {
    const size = data.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Infinity : size; // ZIP64: over 4 GB
    p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  if (total > maxUnpackedBytes) {
    throw new Error(
      `unpacks to more than ${maxUnpackedBytes / 1024 / 1024} MB, far more than any form: not read 解压后超过 ${maxUnpackedBytes / 1024 / 1024} MB，不是正常的绩效表，未读取`,
    );
  }
}

/** Reads every sheet of an .xlsx (bytes or a path) into grids. Throws when the file is not a workbook. */
export async function readWorkbook(input: Buffer | Uint8Array | ArrayBuffer | string): Promise<SheetGrid[]> {
  const data = typeof input === "string" ? await readFile(input) : input instanceof ArrayBuffer ? Buffer.from(input) : Buffer.from(input);
  checkContainer(data);
  const wb = new ExcelJS.Workbook();
  // exceljs reads a drawing only when its root is prefixed `xdr:wsDr`; openpyxl (and other
  // writers) use a default namespace, and exceljs then fails on `undefined.anchors`. Drawings
  // are not values: drop the ones it could not read before it reconciles them.
  const xlsx = wb.xlsx as unknown as { reconcile(model: { drawings?: Record<string, unknown> }, options: unknown): void };
  const reconcile = xlsx.reconcile.bind(xlsx);
  xlsx.reconcile = (model, options) => {
    for (const [name, d] of Object.entries(model.drawings ?? {})) if (d === undefined || d === null) delete model.drawings![name];
    reconcile(model, options);
  };
  // Validations and conditional formats are not values; skipping them also spares exceljs from
  // expanding a validation over a whole column into a million cells.
  await wb.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst", "hyperlinks", "drawing", "picture"] } as unknown as Partial<ExcelJS.XlsxReadOptions>);
  return wb.worksheets.map(sheetGrid);
}
