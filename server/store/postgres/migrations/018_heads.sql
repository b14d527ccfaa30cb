-- 018: a submission's row is its head (docs/storage.md): what reading, listing and the limits need
-- without touching its revisions. Old revisions beyond the ones a policy keeps whole are compacted
-- (their form set to NULL; who, when and the counts stay, and the audit log keeps every save).
ALTER TABLE revisions ALTER COLUMN form DROP NOT NULL;

ALTER TABLE submissions
  ADD COLUMN first_counts jsonb,
  ADD COLUMN rows         integer NOT NULL DEFAULT 0,
  ADD COLUMN bytes        bigint  NOT NULL DEFAULT 0,
  ADD COLUMN fingerprint  text;

UPDATE submissions s SET first_counts = r.counts
  FROM revisions r
 WHERE r.year = s.year AND r.unit = s.unit AND r.project = s.project AND r.kind = s.kind AND r.revision = 1;
UPDATE submissions s SET first_counts = s.counts WHERE first_counts IS NULL;
ALTER TABLE submissions ALTER COLUMN first_counts SET NOT NULL;

UPDATE submissions s SET bytes = b.n
  FROM (SELECT year, unit, project, kind, sum(octet_length(form::text))::bigint AS n FROM revisions GROUP BY year, unit, project, kind) b
 WHERE b.year = s.year AND b.unit = s.unit AND b.project = s.project AND b.kind = s.kind;
