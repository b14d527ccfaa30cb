-- 019: a unit's documents count toward its bytes (policy.limits.bytesPerUnit, docs/storage.md). A
-- save and an upload sum them by unit; the primary key starts with the year, so they get an index
-- of their own that holds the bytes (an index-only scan, never the files).
CREATE INDEX documents_unit_bytes ON documents (unit) INCLUDE (bytes);
