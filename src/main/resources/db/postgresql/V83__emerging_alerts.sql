-- PostgreSQL twin of db/migration/V83__emerging_alerts.sql: the same tables, columns and keys. Differences: no
-- WITHOUT ROWID, BIGINT for SQLite's 64-bit INTEGER, identity columns for INTEGER PRIMARY KEY, and text in
-- byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- Weekly emerging-topic alerts (issue 13): the channels that opted in with /alerts emerging on. Delivered
-- through the digest ledger (deliveries) as target 'emerging:<channel id>', one row per week keyed by the
-- week's Monday, so "exactly once per week" is the ledger's UNIQUE key, as "once per day" is for digests.
CREATE TABLE emerging_alerts (
    channel_id     TEXT COLLATE "C" PRIMARY KEY CHECK (length(channel_id) BETWEEN 1 AND 32),
    guild_id       TEXT COLLATE "C" NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    -- weeks due before this instant are not owed (turned on after that Monday's time)
    effective_from BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX emerging_alerts_by_guild ON emerging_alerts (guild_id);
