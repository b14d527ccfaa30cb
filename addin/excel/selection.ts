// What the user has selected, for finance's per-cell comments: select cells in the sheet, type a
// comment in the pane. One sync.
import { splitAddress } from "../../shared/sheet/a1.ts";

export interface Selection {
  sheet: string;
  /** `F12` or `F12:G14`, no sheet */
  address: string;
}

export async function selectedRange(context: Excel.RequestContext): Promise<Selection> {
  const range = context.workbook.getSelectedRange();
  range.load("address");
  await context.sync();
  const { sheet, local } = splitAddress(range.address);
  return { sheet: sheet ?? "", address: local.replace(/\$/g, "").toUpperCase() };
}

/** The top-left cell of a selection (`F12:G14` → `F12`): a return comment names one cell. */
export function firstCell(address: string): string {
  return address.split(":")[0]!.replace(/\$/g, "").toUpperCase();
}
