-- PostgreSQL twin of db/migration/V50__source_state.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- Live ingestion: one row per source (arxiv, hf). Times are epoch milliseconds; dates ISO yyyy-MM-dd.
-- last_seen_* is where the next poll may stop; the validators (etag, last_modified) belong to validator_url.
CREATE TABLE source_state (
    source               TEXT COLLATE "C" PRIMARY KEY CHECK (length(source) BETWEEN 1 AND 32),
    last_seen_id         TEXT COLLATE "C",
    last_seen_date       TEXT COLLATE "C",
    validator_url        TEXT COLLATE "C",
    etag                 TEXT COLLATE "C",
    last_modified        TEXT COLLATE "C",
    consecutive_failures BIGINT NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    last_attempt_at      BIGINT,
    last_success_at      BIGINT,
    last_added           BIGINT NOT NULL DEFAULT 0,
    last_updated         BIGINT NOT NULL DEFAULT 0,
    total_added          BIGINT NOT NULL DEFAULT 0,
    total_updated        BIGINT NOT NULL DEFAULT 0,
    total_skipped        BIGINT NOT NULL DEFAULT 0,
    last_error           TEXT COLLATE "C",
    next_poll_at         BIGINT
);
