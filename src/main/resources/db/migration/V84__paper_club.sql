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
