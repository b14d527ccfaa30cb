-- 013: expert review (docs/experts.md): an `expert` role whose token names the expert it speaks
-- for, the experts, the items finance assigns them (with the review sheet copied from the policy)
-- and each expert's sheet. A submitted sheet never changes (pg-experts.ts updates only unsubmitted ones).
ALTER TABLE tokens DROP CONSTRAINT IF EXISTS tokens_role_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('admin', 'finance', 'unit', 'expert'));
ALTER TABLE tokens ADD COLUMN expert text;

CREATE TABLE experts (
  code  text PRIMARY KEY,
  name  text NOT NULL,
  field text NOT NULL CHECK (field IN ('performance', 'industry'))
);

CREATE TABLE review_assignments (
  id       text    PRIMARY KEY,
  year     integer NOT NULL,
  unit     text    NOT NULL,
  project  text    NOT NULL,
  experts  text[]  NOT NULL,
  due      text    NOT NULL,               -- ISO instant, so text order is time order
  version  integer NOT NULL,
  body     jsonb   NOT NULL                -- the whole Assignment (shared/expert/review.ts)
);
CREATE INDEX review_assignments_by_year ON review_assignments (year, unit, project);
CREATE INDEX review_assignments_by_expert ON review_assignments USING gin (experts);

CREATE TABLE expert_reviews (
  assignment   text NOT NULL REFERENCES review_assignments (id),
  expert       text NOT NULL,
  submitted_at text,
  body         jsonb NOT NULL,             -- the whole Review
  PRIMARY KEY (assignment, expert)
);
