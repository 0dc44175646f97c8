-- Profile snapshots for the profile-updates topic go through the outbox like every other event, so that an
-- erasure's tombstone (a record with no value) is published after any snapshot written before it.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
