-- PostgreSQL twin of db/migration/V86__dm_locale.sql: the same column and check, the text in byte order (COLLATE
-- "C", SQLite's BINARY). Append-only like its twin.

-- The language of a user's personal DM digest (issue 14): Discord tells the bot a user's language only inside an
-- interaction, so /notify daily stores it (a BCP 47 tag such as 'de' or 'pt-BR') for the digests sent later. NULL
-- for DMs set up before this column existed: those stay English until the user runs /notify daily again.
ALTER TABLE dm_digests ADD COLUMN locale TEXT COLLATE "C" CHECK (locale IS NULL OR length(locale) BETWEEN 2 AND 35);
