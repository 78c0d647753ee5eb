-- One verdict per user and paper; the latest click wins.
CREATE TABLE feedback (
    user_id  TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT NOT NULL,
    verdict  TEXT NOT NULL CHECK (verdict IN ('up', 'down', 'not_interested')),
    at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, paper_id)
) WITHOUT ROWID;

-- Engagement for trending. The key makes one user count once per paper and kind; at is the first time.
CREATE TABLE events (
    user_id  TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('save', 'vote', 'expand', 'click')),
    at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, paper_id, kind)
) WITHOUT ROWID;
CREATE INDEX events_by_time ON events (at);

-- Which papers a user was shown, and where (search results do not count). at is the latest showing.
CREATE TABLE seen (
    user_id  TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id TEXT NOT NULL,
    place    TEXT NOT NULL CHECK (place IN ('digest', 'recommend', 'dm')),
    at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, paper_id, place)
) WITHOUT ROWID;
