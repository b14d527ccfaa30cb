// Reading the forms in a file for `jixiao validate`: a .json file holds one form or an array of
// forms. .xlsx (every template sheet in a workbook) arrives with the sheets work, which replaces
// the `.xlsx` branch below with the sheet parser.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";

export interface LoadedForm {
  /** the sheet it came from, for a workbook */
  sheet?: string;
  /** the form as found: untrusted, checked by checkForm */
  input: unknown;
}

/** A file that cannot be read at all (missing, not JSON, a format not handled yet). */
export class LoadError extends Error {}

export async function loadForms(file: string): Promise<LoadedForm[]> {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx" || ext === ".xlsm") {
    throw new LoadError("cannot read .xlsx yet: this build checks .json forms only 暂不支持 .xlsx，请先导出为 .json");
  }
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
