-- The shared papers feed (issue 11): when several processes share one store, the one elected to poll the sources
-- appends every paper it added or changed here, and each process follows the rows in id order into its own
-- Lucene index. A row is the whole paper after merging, one PaperScout JSON Lines record, so replaying the rows in
-- order gives every index the same papers whatever it held before. Rows are only appended; the id is the
-- position a follower keeps. A single SQLite process writes no rows (it indexes directly), but the table exists
-- on both engines so the schemas stay twins and migrate-store copies it.
CREATE TABLE papers (
    id         INTEGER PRIMARY KEY,
    paper_id   TEXT NOT NULL CHECK (length(paper_id) BETWEEN 1 AND 64),
    paper      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
