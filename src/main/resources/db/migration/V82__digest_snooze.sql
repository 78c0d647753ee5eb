-- Snooze with catch-up (issue 13). A digest is snoozed from snoozed_at until snooze_ends_at (epoch ms): no
-- digest is due in between, and the first one after is a catch-up over the whole absence. Both stay set until
-- that catch-up went out, which is how the job knows the next digest is one; both NULL when not snoozed.
-- On dm_digests they sit beside user_id, so /my-data shows a user's snooze and /forget-me removes it.
ALTER TABLE channel_digests ADD COLUMN snoozed_at INTEGER;
ALTER TABLE channel_digests ADD COLUMN snooze_ends_at INTEGER;
ALTER TABLE dm_digests ADD COLUMN snoozed_at INTEGER;
ALTER TABLE dm_digests ADD COLUMN snooze_ends_at INTEGER;
