-- Tokens managed while the server runs (README, "People while the server runs"): when each was last used, whether a
-- finance token may publish the library, and when it was revoked (kept for the list and audit).
ALTER TABLE tokens ADD COLUMN last_used_at text;
ALTER TABLE tokens ADD COLUMN can_publish boolean NOT NULL DEFAULT false;
ALTER TABLE tokens ADD COLUMN revoked_at text;
