-- PostgreSQL twin of db/migration/V82__digest_snooze.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- Snooze with catch-up (issue 13). A digest is snoozed from snoozed_at until snooze_ends_at (epoch ms): no
-- digest is due in between, and the first one after is a catch-up over the whole absence. Both stay set until
-- that catch-up went out, which is how the job knows the next digest is one; both NULL when not snoozed.
-- On dm_digests they sit beside user_id, so /my-data shows a user's snooze and /forget-me removes it.
ALTER TABLE channel_digests ADD COLUMN snoozed_at BIGINT;
ALTER TABLE channel_digests ADD COLUMN snooze_ends_at BIGINT;
ALTER TABLE dm_digests ADD COLUMN snoozed_at BIGINT;
ALTER TABLE dm_digests ADD COLUMN snooze_ends_at BIGINT;
