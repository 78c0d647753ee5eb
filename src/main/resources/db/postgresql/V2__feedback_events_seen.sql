-- PostgreSQL twin of db/migration/V2__feedback_events_seen.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- One verdict per user and paper; the latest click wins.
CREATE TABLE feedback (
    user_id  TEXT COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT COLLATE "C" NOT NULL,
    verdict  TEXT COLLATE "C" NOT NULL CHECK (verdict IN ('up', 'down', 'not_interested')),
    at       BIGINT NOT NULL,
    PRIMARY KEY (user_id, paper_id)
);

-- Engagement for trending. The key makes one user count once per paper and kind; at is the first time.
CREATE TABLE events (
    user_id  TEXT COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT COLLATE "C" NOT NULL,
    kind     TEXT COLLATE "C" NOT NULL CHECK (kind IN ('save', 'vote', 'expand', 'click')),
    at       BIGINT NOT NULL,
    PRIMARY KEY (user_id, paper_id, kind)
);
CREATE INDEX events_by_time ON events (at);

-- Which papers a user was shown, and where (search results do not count). at is the latest showing.
CREATE TABLE seen (
    user_id  TEXT COLLATE "C" NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT COLLATE "C" NOT NULL,
    place    TEXT COLLATE "C" NOT NULL CHECK (place IN ('digest', 'recommend', 'dm')),
    at       BIGINT NOT NULL,
    PRIMARY KEY (user_id, paper_id, place)
);
