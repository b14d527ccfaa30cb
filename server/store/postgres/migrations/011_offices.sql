-- 011: street offices (docs/offices.md): units form a tree (a unit names the office it sits under),
-- and a finance token may be scoped to an office and the units under it.
ALTER TABLE units ADD COLUMN parent text;
ALTER TABLE tokens ADD COLUMN office text;
