// Where a stored form's findings sit on the sheet finance opens it into: shared/sheet/place.ts,
// which the unit's side uses too.
export { placeIssues } from "../../../shared/sheet/place.ts";
