// One step back for the pane's own writes (insert a form, pick an indicator, replace deprecated
// indicators, re-open a stored form over a sheet): before writing, what the cells held is read;
// undo puts it back. Values are kept as formulas, so a unit's own =SUM stays a formula. Formats,
// merges and validations are the template's and are not part of the undo.
import { splitAddress } from "../../shared/sheet/a1.ts";

export type UndoStep =
  /** the sheet did not exist before: undo deletes it */
  | { sheet: string; created: true }
  /** the range held these formulas (an empty sheet: no address) */
  | { sheet: string; address?: string; formulas?: (string | number | boolean)[][]; wholeSheet?: boolean }
  /** a row was inserted at this 0-based index: undo deletes it */
  | { sheet: string; insertedRow: number };

export interface Snapshot {
  steps: UndoStep[];
}

export interface SnapshotTarget {
  sheet: string;
  /** a range such as `A16:N16`; the sheet's used range when absent */
  address?: string;
}

/**
 * What the targets hold now. One sync, whatever the number of targets or rows.
 * A target sheet that does not exist is recorded as to be deleted on undo.
 */
export async function takeSnapshot(context: Excel.RequestContext, targets: readonly SnapshotTarget[]): Promise<Snapshot> {
  const loads = targets.map((t) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(t.sheet);
    ws.load("isNullObject");
    return { t, ws };
  });
  await context.sync();
  const reads = loads.map(({ t, ws }) => {
    if (ws.isNullObject) return { t, created: true as const };
    const range = t.address ? ws.getRange(t.address) : ws.getUsedRange(true);
    range.load("address,formulas");
    return { t, range };
  });
  if (reads.some((r) => "range" in r)) await context.sync();
  const steps: UndoStep[] = reads.map((r) => {
    if ("created" in r) return { sheet: r.t.sheet, created: true };
    return { sheet: r.t.sheet, address: splitAddress(r.range!.address).local, formulas: r.range!.formulas as (string | number | boolean)[][], ...(r.t.address ? {} : { wholeSheet: true }) };
  });
  return { steps };
}

/** Puts back what the snapshot held, last step first. One sync. */
export async function restoreSnapshot(context: Excel.RequestContext, snapshot: Snapshot): Promise<void> {
  const sheets = context.workbook.worksheets;
  for (const step of [...snapshot.steps].reverse()) {
    if ("created" in step) {
      sheets.getItem(step.sheet).delete();
      continue;
    }
    const ws = sheets.getItem(step.sheet);
    if ("insertedRow" in step) {
      ws.getRange(`${step.insertedRow + 1}:${step.insertedRow + 1}`).delete("Up" as Excel.DeleteShiftDirection.up);
      continue;
    }
    if (step.wholeSheet) {
      // a re-opened form may have grown the sheet: what lies beyond the old used range goes too
      const now = ws.getUsedRange(true);
      now.unmerge();
      now.clear("Contents" as Excel.ClearApplyTo.contents);
    }
    if (step.address && step.formulas) ws.getRange(step.address).formulas = step.formulas;
  }
  await context.sync();
}
