-- PostgreSQL twin of db/migration/V71__digest_papers.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- The papers a delivery shows, written with its pending row (space-separated paper ids). A restart that finds
-- the message of a pending DM digest records exactly these as seen, in the same transaction that marks the row
-- sent, so a crash between sending and recording can neither repeat them later nor lose track of them.
ALTER TABLE deliveries ADD COLUMN paper_ids TEXT COLLATE "C";
