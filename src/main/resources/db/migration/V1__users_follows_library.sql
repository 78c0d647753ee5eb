-- Convention for every migration, now and later: a column holding a user's id is named user_id, in every
-- table that stores anything about a user. /forget-me and /my-data find user data by that name
-- (PrivacyStore), and PrivacyStoreTest fails on any other column name mentioning "user".
-- Times are epoch milliseconds (UTC). Migrations are append-only: never edit one that has shipped.

-- Per-user settings; a row exists only once a user changed something (defaults live in code).
CREATE TABLE users (
    user_id     TEXT PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 64),
    time_zone   TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64),
    digest_hour INTEGER CHECK (digest_hour IS NULL OR digest_hour BETWEEN 0 AND 23),
    language    TEXT CHECK (language IS NULL OR length(language) BETWEEN 1 AND 35),
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- What a user follows. text is stored literally as typed (renderers escape it); text_key is the folded form
-- that makes "Machine  Unlearning" a duplicate of "machine unlearning".
CREATE TABLE follows (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    kind       TEXT NOT NULL CHECK (kind IN ('topic', 'author', 'category', 'exclude')),
    text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 100),
    text_key   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, kind, text_key)
);

-- The reading list. The paper is copied in when saved so /library and /export keep working when the paper
-- leaves the index; *_json columns hold JSON (arrays of strings, or the links object).
CREATE TABLE saved (
    user_id         TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    paper_id        TEXT NOT NULL,
    title           TEXT NOT NULL,
    authors_json    TEXT NOT NULL,
    categories_json TEXT NOT NULL,
    published       TEXT,
    abstract        TEXT NOT NULL,
    links_json      TEXT NOT NULL,
    saved_at        INTEGER NOT NULL,
    read_at         INTEGER,
    PRIMARY KEY (user_id, paper_id)
) WITHOUT ROWID;
