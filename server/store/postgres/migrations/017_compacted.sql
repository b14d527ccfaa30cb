-- 017: a save's write is lighter (docs/storage.md, "PostgreSQL").
--
-- A save no longer walks its form's older revisions to compact them: the head keeps the newest
-- revision whose form is dropped (`compacted`), and each revision the byte size of its form as the
-- head counts it (`bytes`), so compaction drops a known range and subtracts known sizes. Both
-- columns are added without rewriting a table: `compacted` starts at 0, so a form's first save after
-- this migration drops what the older per-save compaction left whole (forms already NULL are
-- skipped), and a revision written before it has no size (its form is measured when dropped).
ALTER TABLE submissions ADD COLUMN compacted integer NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN bytes integer;

-- A revision row of a small form (the form and its findings, a few kilobytes) stays whole in its
-- page: PostgreSQL's default compresses both values and moves the form to the TOAST table once a
-- row passes 2 kB, work done on every save and undone on every read and compaction. Larger forms are
-- still compressed, with lz4 where the server has it (faster than the default pglz); the setting
-- applies to values written from now on.
ALTER TABLE revisions SET (toast_tuple_target = 8160);
DO $$
BEGIN
  ALTER TABLE revisions ALTER COLUMN form SET COMPRESSION lz4, ALTER COLUMN issues SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL; -- built without lz4: pglz stays
END $$;
