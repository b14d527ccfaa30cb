// The sheet plan (docs/architecture.md): a sheet to write, described once as plain data. Two small
// renderers apply it — addin/excel/ with Office.js, server/xlsx/ with exceljs — and the same plan
// gives the same cells in both.

export type PlanValue = string | number | boolean | null;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** `#RRGGBB` */
  fontColor?: string;
  /** `#RRGGBB` background */
  fill?: string;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** thin borders on every edge of every cell of the range */
  border?: boolean;
  /** Excel number format, e.g. `0.00`, `0.0%`, `@` (text) */
  numberFormat?: string;
  /** false: the cell stays editable when the sheet is protected */
  locked?: boolean;
}

export interface ListValidation {
  /** A1 range on this sheet, e.g. `B8:B200` */
  range: string;
  /** inline choices, or a formula source such as `='库'!$A$2:$A$40` or `=INDIRECT(...)` */
  list: string[] | { source: string };
  /** shown when a cell is selected */
  prompt?: { title: string; text: string };
  /** refuse other values (true) or only warn (false) */
  strict?: boolean;
  /** shown when a value not in the list is typed (refused when strict, a warning otherwise) */
  error?: { title: string; text: string };
}

export interface SheetPlan {
  name: string;
  visibility?: "visible" | "hidden" | "veryHidden";
  /** rows of values from A1; shorter rows are padded with null */
  values: PlanValue[][];
  merges?: string[];
  /** applied in order; later entries win on overlap */
  styles?: { range: string; style: CellStyle }[];
  /** column widths in characters, from column A */
  columnWidths?: number[];
  rowHeights?: { row: number; height: number }[];
  /** frozen rows from the top and columns from the left */
  freeze?: { rows: number; columns: number };
  validations?: ListValidation[];
  /** defined names scoped to the workbook, e.g. `{ name: "L2_quantity", ref: "'库'!$B$2:$B$40" }` */
  names?: { name: string; ref: string }[];
  protection?: { enabled: boolean };
  print?: { orientation: "portrait" | "landscape"; fitToWidth?: boolean; titleRows?: string; paperSize?: "A4" | "A3" };
  /** tables with filter buttons (consolidated sheets), header row included in `range` */
  tables?: { name: string; range: string }[];
  /** colour rules by cell text (lights, grades), applied to a range */
  highlights?: { range: string; equals: string; fill: string; fontColor?: string }[];
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
}
