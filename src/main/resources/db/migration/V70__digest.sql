-- Daily digests (issue 6). Times are epoch milliseconds (UTC); local dates are ISO yyyy-MM-dd in the
-- target's own time zone. Per the user_id convention (V1), a column naming a user is called user_id.

-- One digest per channel. A disabled channel keeps its configuration: disabled_reason says why, and one
-- delivery attempt a day still happens so a restored permission brings it back by itself.
CREATE TABLE channel_digests (
    channel_id      TEXT PRIMARY KEY CHECK (length(channel_id) BETWEEN 1 AND 32),
    guild_id        TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    local_time      TEXT NOT NULL CHECK (length(local_time) = 5),
    time_zone       TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    days            TEXT NOT NULL CHECK (days IN ('every_day', 'weekdays')),
    topic           TEXT CHECK (topic IS NULL OR length(topic) BETWEEN 1 AND 200),
    size            INTEGER NOT NULL CHECK (size BETWEEN 3 AND 10),
    skip_empty      INTEGER NOT NULL DEFAULT 0 CHECK (skip_empty IN (0, 1)),
    -- occurrences before this instant are not due (set or changed after that day's time)
    effective_from  INTEGER NOT NULL,
    disabled_reason TEXT,
    disabled_at     INTEGER,
    admin_notified  INTEGER NOT NULL DEFAULT 0 CHECK (admin_notified IN (0, 1)),
    updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX channel_digests_by_guild ON channel_digests (guild_id);

-- Who set a channel's digest (told by DM if it gets disabled). A table of its own so /forget-me removes the
-- person without removing the server's digest.
CREATE TABLE channel_digest_admins (
    channel_id TEXT PRIMARY KEY REFERENCES channel_digests (channel_id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64)
) WITHOUT ROWID;

-- The personal DM digest (/notify daily). paused_reason is set when the user's DMs are closed.
CREATE TABLE dm_digests (
    user_id        TEXT PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 64),
    local_time     TEXT NOT NULL CHECK (length(local_time) = 5),
    time_zone      TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    effective_from INTEGER NOT NULL,
    paused_reason  TEXT,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;

-- The delivery ledger: one row per target and local date, written (pending) before anything is sent and
-- completed with the message id after. The UNIQUE key is what makes a second digest for a day impossible.
-- target is 'channel:<id>' or 'dm:<user id>'; user_id repeats the user of a DM target so /forget-me finds it.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    target          TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 80),
    local_date      TEXT NOT NULL CHECK (length(local_date) = 10),
    user_id         TEXT CHECK (user_id IS NULL OR length(user_id) BETWEEN 1 AND 64),
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'missed', 'failed', 'skipped')),
    due_at          INTEGER NOT NULL,
    window_from     INTEGER NOT NULL,
    nonce           TEXT NOT NULL CHECK (length(nonce) BETWEEN 1 AND 25),
    message_id      TEXT,
    late            INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    papers          INTEGER NOT NULL DEFAULT 0,
    note            TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (target, local_date)
);
CREATE INDEX deliveries_unfinished ON deliveries (state) WHERE state = 'pending';
