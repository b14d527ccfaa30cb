// Reading the forms in a file for `jixiao validate`: a .json file holds one form or an array of
// forms; an .xlsx holds one form per template sheet, read by the sheet parser (shared/sheet).
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { FormKind } from "../../shared/glossary.ts";
import type { Issue } from "../../shared/issue.ts";
import type { Explanation } from "../../shared/sheet/parse.ts";
import type { Library } from "../../shared/library.ts";
import { formsFromXlsx } from "../xlsx/forms.ts";
import { WorkbookRefused } from "../xlsx/read.ts";

export interface LoadedForm {
  /** the sheet it came from, for a workbook */
  sheet?: string;
  /** the form as found: untrusted, checked by checkForm; absent when a sheet could not be read as a form */
  input: unknown;
  /** findings from reading a sheet (P001–P003, each with its cell), reported before the rules' */
  issues?: Issue[];
  /** what the sheet was recognised as, when it could not be read into a form */
  kind?: FormKind;
  /** for a sheet: what was read from where, and what was skipped */
  explain?: Explanation;
}

/** A file that cannot be read at all (missing, not JSON, a format not handled yet). */
export class LoadError extends Error {}

export async function loadForms(file: string, library?: Library): Promise<LoadedForm[]> {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") return loadWorkbook(file, library);
  if (ext !== ".json") throw new LoadError(`not a .json or .xlsx file 不是 .json 或 .xlsx 文件`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadError(code === "ENOENT" ? "no such file 文件不存在" : `cannot read the file 无法读取: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new LoadError(`not valid JSON 不是有效的 JSON: ${(err as Error).message}`);
  }
  return Array.isArray(json) ? json.map((input) => ({ input })) : [{ input: json }];
}

/** Every template sheet of a workbook, each with its sheet name and what reading it found. */
async function loadWorkbook(file: string, library?: Library): Promise<LoadedForm[]> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadError(code === "ENOENT" ? "no such file 文件不存在" : `cannot read the file 无法读取: ${(err as Error).message}`);
  }
  let sheets;
  try {
    sheets = await formsFromXlsx(data, library ? { labels: library.policy.labels, frame: library.policy.frame } : {});
  } catch (err) {
    if (err instanceof WorkbookRefused) {
      throw new LoadError(`${err.en}${err.detail ? ` (${err.detail})` : ""} ${err.zh}`);
    }
    throw new LoadError(`not a readable .xlsx workbook 不是有效的 .xlsx 工作簿: ${(err as Error).message}`);
  }
  return sheets.map(({ sheet, form, read, issues, kind, explain }) => {
    // the form as read: what its layout lacks is reported by checkForm, which still scores it
    const loaded: LoadedForm = { sheet, input: form ?? read, issues };
    if (kind !== undefined) loaded.kind = kind;
    if (explain !== undefined) loaded.explain = explain;
    return loaded;
  });
}
