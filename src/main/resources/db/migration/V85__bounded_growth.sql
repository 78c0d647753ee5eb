-- Bounded growth (issue 11). Engagement events older than anything reads them individually (the longest trending
-- window, and the longest span a digest ranks: a catch-up after the longest snooze) are folded into these daily
-- totals and deleted (see retention/Retention). Totals are per paper, day and kind, never per user: a user's
-- folded engagement is no longer about that user, so /my-data and /forget-me have nothing here to cover (the
-- user_id convention of V1 keeps it that way). /pulse adds them to the recent events; day is the UTC epoch day.
CREATE TABLE engagement_daily (
    paper_id TEXT NOT NULL,
    day      INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('save', 'vote', 'expand', 'click')),
    people   INTEGER NOT NULL CHECK (people > 0),
    PRIMARY KEY (paper_id, day, kind)
) WITHOUT ROWID;
-- /pulse reads a range of days.
CREATE INDEX engagement_daily_by_day ON engagement_daily (day);

-- Retention deletes old rows oldest first, in small batches; these let each batch find its rows without a scan.
CREATE INDEX deliveries_by_date ON deliveries (local_date);
CREATE INDEX seen_by_time ON seen (at);
-- A feed row is deleted only once a newer row of the same paper supersedes it.
CREATE INDEX papers_by_paper ON papers (paper_id, id);
