-- Each user's own ranking mix for /recommend (and later DM digests), set with /tune; no row means the
-- configured defaults. The three numbers are relative weights from 0 to 100 (not necessarily summing to 100).
CREATE TABLE tune (
    user_id    TEXT PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 64),
    trending   INTEGER NOT NULL CHECK (trending BETWEEN 0 AND 100),
    relevance  INTEGER NOT NULL CHECK (relevance BETWEEN 0 AND 100),
    recency    INTEGER NOT NULL CHECK (recency BETWEEN 0 AND 100),
    updated_at INTEGER NOT NULL,
    CHECK (trending + relevance + recency > 0)
) WITHOUT ROWID;

-- Trending groups a window's events by paper: in paper order this covering index needs no sort, which makes a
-- million events take a fraction of a second rather than most of one (see EngagementTotals).
CREATE INDEX events_by_paper ON events (paper_id, kind, at);
