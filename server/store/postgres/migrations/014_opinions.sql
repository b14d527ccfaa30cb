-- 014: opinions on results (征求意见, docs/opinions.md): each draft sent for opinions is one JSONB
-- document beside the columns its queries and compare-and-set need.
CREATE TABLE opinions (
  id         text    PRIMARY KEY,
  year       integer NOT NULL,
  state      text    NOT NULL CHECK (state IN ('open', 'final')),
  version    integer NOT NULL CHECK (version > 0),
  units      text[]  NOT NULL,
  created_at text    NOT NULL,             -- ISO instant, so text order is time order
  doc        jsonb   NOT NULL
);
CREATE INDEX opinions_by_year ON opinions (year, created_at);
CREATE INDEX opinions_by_unit ON opinions USING gin (units);
