// An .xlsx of forms → every template sheet's form and findings, each with its sheet: what
// `jixiao validate`, `POST /api/import` and anything else that takes a workbook need.
import { type ReadOptions } from "../../shared/sheet/parse.ts";
import { parseWorkbook, type ParsedSheet } from "../../shared/sheet/workbook.ts";
import { readWorkbook } from "./read.ts";

/** Reads an .xlsx (bytes or a path). Throws when the file cannot be read as a workbook. */
export async function formsFromXlsx(input: Buffer | Uint8Array | ArrayBuffer | string, options: ReadOptions = {}): Promise<ParsedSheet[]> {
  return parseWorkbook(await readWorkbook(input), options);
}
