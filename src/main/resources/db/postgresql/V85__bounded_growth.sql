-- PostgreSQL twin of db/migration/V85__bounded_growth.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, and text in byte order (COLLATE "C", SQLite's BINARY).
-- Append-only like its twin. Deleted rows are reclaimed by PostgreSQL's autovacuum (SQLite's file is vacuumed
-- incrementally by the retention job instead).

-- Bounded growth (issue 11): engagement events older than anything reads individually are folded into daily
-- totals per paper, day (UTC epoch day) and kind, never per user.
CREATE TABLE engagement_daily (
    paper_id TEXT COLLATE "C" NOT NULL,
    day      BIGINT NOT NULL,
    kind     TEXT COLLATE "C" NOT NULL CHECK (kind IN ('save', 'vote', 'expand', 'click')),
    people   BIGINT NOT NULL CHECK (people > 0),
    PRIMARY KEY (paper_id, day, kind)
);
CREATE INDEX engagement_daily_by_day ON engagement_daily (day);

CREATE INDEX deliveries_by_date ON deliveries (local_date);
CREATE INDEX seen_by_time ON seen (at);
CREATE INDEX papers_by_paper ON papers (paper_id, id);
