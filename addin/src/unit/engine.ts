// The sheet engine the unit's side needs (layout, parser, rules): one module loaded on the first
// insert, open or check, so the pane's entry script stays small (the first screen needs none of it).
export { checkSheets, formSheetOf, planFor } from "../sheets.ts";
export { placeIssues } from "../../../shared/sheet/place.ts";
