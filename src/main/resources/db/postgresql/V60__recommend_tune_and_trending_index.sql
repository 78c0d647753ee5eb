-- PostgreSQL twin of db/migration/V60__recommend_tune_and_trending_index.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- Each user's own ranking mix for /recommend (and later DM digests), set with /tune; no row means the
-- configured defaults. The three numbers are relative weights from 0 to 100 (not necessarily summing to 100).
CREATE TABLE tune (
    user_id    TEXT COLLATE "C" PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 64),
    trending   BIGINT NOT NULL CHECK (trending BETWEEN 0 AND 100),
    relevance  BIGINT NOT NULL CHECK (relevance BETWEEN 0 AND 100),
    recency    BIGINT NOT NULL CHECK (recency BETWEEN 0 AND 100),
    updated_at BIGINT NOT NULL,
    CHECK (trending + relevance + recency > 0)
);

-- Trending groups a window's events by paper: in paper order this covering index needs no sort, which makes a
-- million events take a fraction of a second rather than most of one (see EngagementTotals).
CREATE INDEX events_by_paper ON events (paper_id, kind, at);
