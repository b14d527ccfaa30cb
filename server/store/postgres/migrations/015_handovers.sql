-- 015: problems handed on to supervision departments (问题移送, docs/opinions.md): one row per
-- record, never updated.
CREATE TABLE handovers (
  id        text    PRIMARY KEY,
  year      integer NOT NULL,
  unit      text    NOT NULL,
  handed_on text    NOT NULL,              -- the Beijing day, YYYY-MM-DD
  at        text    NOT NULL,
  doc       jsonb   NOT NULL
);
CREATE INDEX handovers_by_unit ON handovers (year, unit);
