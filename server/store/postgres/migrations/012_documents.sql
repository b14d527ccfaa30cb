-- 012: a project's documents (docs/documents.md): evaluation plans, evaluation reports and units'
-- self-evaluation reports as uploaded files, each upload a new version of its document. The file
-- is kept in the row (bytea, at most the policy's documentBytes, 64 MB at the very most), so a
-- backup of the database holds everything.
CREATE TABLE documents (
  year     integer NOT NULL,
  unit     text    NOT NULL,
  project  text    NOT NULL,
  kind     text    NOT NULL,
  version  integer NOT NULL CHECK (version >= 1),
  name     text    NOT NULL,
  type     text    NOT NULL,
  bytes    integer NOT NULL,
  sha256   text    NOT NULL,
  by_actor text    NOT NULL,
  at       text    NOT NULL,
  content  bytea   NOT NULL,
  PRIMARY KEY (year, unit, project, kind, version)
);
-- the file is read only when asked for: kept out of the row's main page
ALTER TABLE documents ALTER COLUMN content SET STORAGE EXTERNAL;
