// Sheet rows as SpreadsheetML text (`<row><c …>…</c></row>`), for the sheets too big for a
// writer that builds an object per row and per cell (the consolidated workbook's 指标明细 and
// 问题清单: 200,000 rows and more). The XML is put together as strings and handed to the zip in
// large pieces; what it writes is what exceljs writes for the same cells, less the per-row objects.
//
// Text is always an inline string (`t="inlineStr"`), never a formula, so `=HYPERLINK(…)`, `+1` and
// `@SUM(…)` typed by a unit stay text. Text is made well-formed whatever it holds: `&`, `<`, `>` are
// escaped, and what XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage
// return; U+FFFE, U+FFFF; a surrogate without its pair) becomes U+FFFD (shared/xml-text.ts), so a
// reader sees that something was there, even in text stored before the edge replaced it. A cell
// holds at most 32,767 characters (Excel's limit); longer text is cut there.
import { columnLetter } from "../../shared/sheet/a1.ts";
import { xmlSafe } from "../../shared/xml-text.ts";

export type XmlCell = string | number | null | undefined;

/** Excel's most characters in one cell. */
export const CELL_TEXT_MAX = 32_767;

// One test finds whether a string needs any work (most do not): markup, or a character in one of
// the ranges shared/xml-text.ts replaces (which decides, for every writer, what XML cannot hold).
const needsWork = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const markup = /[&<>]/g;
const escaped = (ch: string): string => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : "&gt;");

/** Text as the content of an XML element: escaped, and with nothing XML 1.0 cannot hold. */
export function xmlText(text: string): string {
  return needsWork.test(text) ? xmlSafe(text).replace(markup, escaped) : text;
}

/** Cuts text to a cell's limit, not between the two halves of a surrogate pair. */
export function clipCellText(text: string): string {
  if (text.length <= CELL_TEXT_MAX) return text;
  const end = text.charCodeAt(CELL_TEXT_MAX - 1) >= 0xd800 && text.charCodeAt(CELL_TEXT_MAX - 1) <= 0xdbff ? CELL_TEXT_MAX - 1 : CELL_TEXT_MAX;
  return text.slice(0, end);
}

const edgeSpace = /^\s|\s$/;

/**
 * Writes rows of a sheet with fixed columns: `styles[i]` is the cell style id (xf index) of column
 * i's cells, 0 for none. Empty cells (null, undefined, "") write nothing.
 */
export class SheetRows {
  private readonly refs: string[];
  private readonly numberOpen: string[];
  private readonly textOpen: string[];

  constructor(styles: readonly number[]) {
    this.refs = styles.map((_, i) => columnLetter(i));
    const s = styles.map((id) => (id > 0 ? ` s="${id}"` : ""));
    this.numberOpen = s.map((attr) => `${attr}><v>`);
    this.textOpen = s.map((attr) => `${attr} t="inlineStr"><is><t`);
  }

  /** One row (`r` is its 1-based number) as XML. */
  row(r: number, cells: readonly XmlCell[]): string {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === "") continue;
      if (typeof v === "number" && Number.isFinite(v)) {
        xml += `<c r="${this.refs[i]}${r}"${this.numberOpen[i]}${v}</v></c>`;
      } else {
        const text = clipCellText(String(v));
        xml += `<c r="${this.refs[i]}${r}"${this.textOpen[i]}${edgeSpace.test(text) ? ' xml:space="preserve"' : ""}>${xmlText(text)}</t></is></c>`;
      }
    }
    return `${xml}</row>`;
  }
}
