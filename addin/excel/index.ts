// addin/excel: the only code that touches Office.js. Each operation takes the request context.
export { renderPlan, charsToPoints, type RenderOptions, type RenderReport } from "./render.ts";
export { readGrid, readGrids, toGrid, sheetNames, type SheetGrid, type GridValue } from "./read.ts";
export { markCells, clearMarks, cellsToMark, markColours, type Mark, type Marks } from "./marks.ts";
export {
  selectCell,
  writeRow,
  writeCells,
  replaceIndicators,
  showComments,
  commentFill,
  commentPrefix,
  type RowWrite,
  type CellWrite,
  type Replacement,
  type CellComment,
} from "./ops.ts";
export { officeSupports, type Supports } from "./requirements.ts";
export {
  pullSheets,
  planBlocks,
  valueBytes,
  defaultMaxBlockBytes,
  pullNumberFormats,
  type PullSheet,
  type PullColumn,
  type PullValue,
  type PullFormat,
  type PullOptions,
  type PullProgress,
  type PullReport,
  type Block,
} from "./pull.ts";
export { selectedRange, firstCell, type Selection } from "./selection.ts";
export { excelWorkbook, type Workbook, type WorkbookGrids, type Visibility } from "./workbook.ts";
export { takeSnapshot, restoreSnapshot, type Snapshot, type SnapshotTarget, type UndoStep } from "./undo.ts";
