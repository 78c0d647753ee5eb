-- Live ingestion: one row per source (arxiv, hf). Times are epoch milliseconds; dates ISO yyyy-MM-dd.
-- last_seen_* is where the next poll may stop; the validators (etag, last_modified) belong to validator_url.
CREATE TABLE source_state (
    source               TEXT PRIMARY KEY CHECK (length(source) BETWEEN 1 AND 32),
    last_seen_id         TEXT,
    last_seen_date       TEXT,
    validator_url        TEXT,
    etag                 TEXT,
    last_modified        TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    last_attempt_at      INTEGER,
    last_success_at      INTEGER,
    last_added           INTEGER NOT NULL DEFAULT 0,
    last_updated         INTEGER NOT NULL DEFAULT 0,
    total_added          INTEGER NOT NULL DEFAULT 0,
    total_updated        INTEGER NOT NULL DEFAULT 0,
    total_skipped        INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    next_poll_at         INTEGER
) WITHOUT ROWID;
