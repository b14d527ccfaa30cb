-- 002: the bureau's cycle (shared/cycle): notices with deadlines and rectification items, each a
-- JSONB document beside the columns its queries and compare-and-set need; and an index for
-- finding audit events by action and target prefix (first submissions, returns).

CREATE TABLE notices (
  id         text    PRIMARY KEY,
  year       integer NOT NULL,
  deadline   text    NOT NULL,             -- ISO instant, so text order is time order
  overdue_at text,                         -- set once, by the one server that announces it
  doc        jsonb   NOT NULL              -- the Notice without overdueAt
);
CREATE INDEX notices_by_year ON notices (year, deadline);

CREATE TABLE rectifications (
  id        text    PRIMARY KEY,
  year      integer NOT NULL,
  unit      text    NOT NULL,
  state     text    NOT NULL CHECK (state IN ('open', 'answered', 'closed')),
  version   integer NOT NULL CHECK (version > 0),
  opened_at text    NOT NULL,
  doc       jsonb   NOT NULL
);
CREATE INDEX rectifications_by_unit ON rectifications (year, unit);

CREATE INDEX audit_by_action_target ON audit (action, target text_pattern_ops);
