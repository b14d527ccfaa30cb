-- 016: a form's row is found in one index step whatever the planner's statistics say. Before a
-- table is analyzed (a new database, or right after many forms arrive at once) every index looks
-- alike to the planner, and a save or a read of one form could walk all of a unit's forms of the
-- kind (submissions_by_unit) or all the drafts of the year (submissions_by_status). The unit index
-- now ends with the project, so it finds one row like the primary key; the save's status condition
-- is written so that the status index is not a candidate (pg-store.ts).
DROP INDEX IF EXISTS submissions_by_unit;
CREATE INDEX submissions_by_unit ON submissions (unit, year, kind, project);
