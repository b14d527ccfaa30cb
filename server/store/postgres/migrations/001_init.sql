-- 001: the Store of server/store/store.ts in tables. Times stay text, as the Store hands them
-- out (ISO 8601 from the server); forms, issues and library versions are JSONB.

CREATE TABLE library_versions (
  version      integer PRIMARY KEY CHECK (version > 0),
  entry        jsonb   NOT NULL,          -- { library, changes, by }
  published_at text    NOT NULL
);

CREATE TABLE units (
  code         text    PRIMARY KEY,
  name         text    NOT NULL,
  field        text,
  confidential boolean NOT NULL DEFAULT false
);

CREATE TABLE tokens (
  id         text PRIMARY KEY,
  hash       text NOT NULL UNIQUE,        -- sha256 of the token; the token itself is never stored
  role       text NOT NULL CHECK (role IN ('admin', 'finance', 'unit')),
  unit       text,
  label      text,
  created_at text NOT NULL,
  seq        bigserial                    -- keeps listTokens in the order they were added
);

-- One row per submission: its state and what listing needs (the lowdb adapter's in-memory index).
CREATE TABLE submissions (
  year            integer NOT NULL,
  unit            text    NOT NULL,
  project         text    NOT NULL,
  kind            text    NOT NULL CHECK (kind IN ('target', 'monitor', 'selfEval')),
  status          text    NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  revision        integer NOT NULL CHECK (revision > 0),
  returned        jsonb,
  updated_at      text    NOT NULL,
  status_at       text    NOT NULL,
  counts          jsonb   NOT NULL,
  library_version integer NOT NULL,
  project_name    text,
  unit_name       text,
  PRIMARY KEY (year, unit, project, kind)
);
CREATE INDEX submissions_by_unit ON submissions (unit, year, kind);
CREATE INDEX submissions_by_status ON submissions (status, year);

-- Every revision, immutable once written.
CREATE TABLE revisions (
  year            integer NOT NULL,
  unit            text    NOT NULL,
  project         text    NOT NULL,
  kind            text    NOT NULL,
  revision        integer NOT NULL,
  form            jsonb   NOT NULL,
  by_actor        text    NOT NULL,
  at              text    NOT NULL,
  library_version integer NOT NULL,
  issues          jsonb   NOT NULL,
  counts          jsonb   NOT NULL,
  score           jsonb,
  lights          jsonb,
  PRIMARY KEY (year, unit, project, kind, revision),
  FOREIGN KEY (year, unit, project, kind) REFERENCES submissions (year, unit, project, kind)
);

CREATE TABLE key_projects (
  year     integer NOT NULL,
  unit     text    NOT NULL,
  project  text    NOT NULL,
  key      boolean NOT NULL,
  by_actor text    NOT NULL,
  at       text    NOT NULL,
  seq      bigserial,
  PRIMARY KEY (year, unit, project)
);

CREATE TABLE audit (
  id      bigserial PRIMARY KEY,
  at      text  NOT NULL,
  actor   text  NOT NULL,
  action  text  NOT NULL,
  target  text,
  details jsonb
);
