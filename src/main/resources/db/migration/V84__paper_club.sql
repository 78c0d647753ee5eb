-- Paper club (issue 13). One discussion thread per paper and channel, so a second "Discuss" on any card of that
-- paper in that channel reuses the thread instead of opening another.
CREATE TABLE club_threads (
    guild_id   TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    channel_id TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 32),
    paper_id   TEXT NOT NULL CHECK (length(paper_id) BETWEEN 1 AND 64),
    thread_id  TEXT NOT NULL CHECK (length(thread_id) BETWEEN 1 AND 32),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id, paper_id)
) WITHOUT ROWID;

-- /club pick: one row per poll, closed once its result is announced (winner_paper_id stays NULL when nobody
-- voted). candidates are the papers in poll-answer order, space-separated (paper ids have no spaces).
CREATE TABLE club_picks (
    message_id      TEXT PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 32),
    guild_id        TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    channel_id      TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 32),
    candidates      TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    closed_at       INTEGER,
    winner_paper_id TEXT,
    thread_id       TEXT
) WITHOUT ROWID;
CREATE INDEX club_picks_open ON club_picks (ends_at) WHERE closed_at IS NULL;
CREATE INDEX club_picks_by_channel ON club_picks (guild_id, channel_id, closed_at);

-- /club settings role: members with this role may run /club pick besides those with Manage Server.
CREATE TABLE club_settings (
    guild_id   TEXT PRIMARY KEY CHECK (length(guild_id) BETWEEN 1 AND 32),
    role_id    TEXT CHECK (length(role_id) BETWEEN 1 AND 32),
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- /club schedule: a weekly pick per channel, on a local day and time. Delivered exactly once per week like the
-- digests: a run row keyed by (channel, local date) is claimed (pending) before the poll is posted, with a nonce
-- derived from that key, and completed (sent) with the poll's message id after; a week found already past its
-- grace is recorded as missed, one found with a pick still running as skipped.
CREATE TABLE club_schedules (
    channel_id     TEXT PRIMARY KEY CHECK (length(channel_id) BETWEEN 1 AND 32),
    guild_id       TEXT NOT NULL CHECK (length(guild_id) BETWEEN 1 AND 32),
    day_of_week    INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    local_time     TEXT NOT NULL CHECK (length(local_time) = 5),
    time_zone      TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    -- weeks due before this instant are not owed (scheduled after that week's time)
    effective_from INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE club_schedule_runs (
    channel_id TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 32),
    local_date TEXT NOT NULL CHECK (length(local_date) = 10),
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'missed', 'skipped')),
    nonce      TEXT NOT NULL CHECK (length(nonce) BETWEEN 1 AND 25),
    message_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, local_date)
) WITHOUT ROWID;
