// Saving a file the pane received (a workbook, a project's document) on the user's computer: a
// link to the bytes, clicked. Excel's pane webviews and browsers download the same way.
import { documentTypes } from "../../shared/documents.ts";

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a workbook the server made (the results notice, the consolidated workbook) as a file. */
export function saveWorkbook(bytes: ArrayBuffer, name: string): void {
  saveBlob(new Blob([bytes], { type: documentTypes.xlsx.contentType }), name);
}
