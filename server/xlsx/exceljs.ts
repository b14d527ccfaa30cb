// exceljs, loaded the first time a workbook is written or read rather than when the server starts:
// it and the zip and stream libraries under it were about a third of the server's module loading
// at start-up (docs/storage.md, "Start-up"). Type positions import it with `import type`.
import type ExcelJSModule from "exceljs";

export type ExcelJS = typeof ExcelJSModule;

let loading: Promise<ExcelJS> | undefined;

/** The exceljs module, imported once. */
export function excelJs(): Promise<ExcelJS> {
  return (loading ??= import("exceljs").then((m) => (m as { default?: ExcelJS }).default ?? (m as unknown as ExcelJS)));
}
