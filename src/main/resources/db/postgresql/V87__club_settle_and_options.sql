-- PostgreSQL twin of db/migration/V87__club_settle_and_options.sql: the same columns and checks, BIGINT for
-- SQLite's 64-bit INTEGER, text in byte order (COLLATE "C", SQLite's BINARY). Append-only like its twin.

-- A weekly pick settled like a digest after a crash: the run row holds what was posted (the candidate papers in
-- poll-answer order, space-separated), so a process that finds the poll in the channel can record the pick, or post
-- the same poll again; claimed_by and lease_until say which process holds a pending row and until when (another
-- takes it over only after the lease ends). guild_id lets the rows go with their server (NULL on rows written
-- before this version: filled below where the schedule still exists).
ALTER TABLE club_schedule_runs ADD COLUMN guild_id TEXT COLLATE "C"
    CHECK (guild_id IS NULL OR length(guild_id) BETWEEN 1 AND 32);
ALTER TABLE club_schedule_runs ADD COLUMN candidates TEXT COLLATE "C";
ALTER TABLE club_schedule_runs ADD COLUMN claimed_by TEXT COLLATE "C"
    CHECK (claimed_by IS NULL OR length(claimed_by) BETWEEN 1 AND 64);
ALTER TABLE club_schedule_runs ADD COLUMN lease_until BIGINT;
UPDATE club_schedule_runs SET guild_id = (SELECT s.guild_id FROM club_schedules s
                                          WHERE s.channel_id = club_schedule_runs.channel_id);
CREATE INDEX club_schedule_runs_by_guild ON club_schedule_runs (guild_id);

-- /club schedule takes /club pick's options: how many papers, from where, how long the poll runs. The defaults are
-- what every weekly pick used before (five trending papers, two days).
ALTER TABLE club_schedules ADD COLUMN candidates INTEGER NOT NULL DEFAULT 5 CHECK (candidates BETWEEN 2 AND 10);
ALTER TABLE club_schedules ADD COLUMN source TEXT COLLATE "C" NOT NULL DEFAULT 'trending'
    CHECK (source IN ('digest', 'library', 'trending'));
ALTER TABLE club_schedules ADD COLUMN duration_days INTEGER NOT NULL DEFAULT 2 CHECK (duration_days BETWEEN 1 AND 7);
-- A weekly pick from a library takes it from the library of the admin who set it: user_id, NULL for the other
-- sources. Named like every column about a user, so /forget-me removes such a schedule and /my-data shows it.
ALTER TABLE club_schedules ADD COLUMN user_id TEXT COLLATE "C" CHECK (user_id IS NULL OR length(user_id) BETWEEN 1 AND 32);
