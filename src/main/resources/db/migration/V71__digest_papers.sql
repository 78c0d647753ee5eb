-- The papers a delivery shows, written with its pending row (space-separated paper ids). A restart that finds
-- the message of a pending DM digest records exactly these as seen, in the same transaction that marks the row
-- sent, so a crash between sending and recording can neither repeat them later nor lose track of them.
ALTER TABLE deliveries ADD COLUMN paper_ids TEXT;
