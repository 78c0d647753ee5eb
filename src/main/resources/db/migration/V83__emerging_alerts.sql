-- Weekly emerging-topic alerts (issue 13): the channels that opted in with /alerts emerging on. Delivered
-- through the digest ledger (deliveries) as target 'emerging:<channel id>', one row per week keyed by the
-- week's Monday, so "exactly once per week" is the ledger's UNIQUE key, as "once per day" is for digests.
CREATE TABLE emerging_alerts (
    channel_id     TEXT PRIMARY KEY CHECK (length(channel_id) BETWEEN 1 AND 32),
    guild_id       TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    -- weeks due before this instant are not owed (turned on after that Monday's time)
    effective_from INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX emerging_alerts_by_guild ON emerging_alerts (guild_id);
