-- A read-only mirror of the customer's consents, as privacy-service (which owns them) last published them on
-- consent-changes: by purpose, each with its status and when it changed; and the time of that event, so that
-- an older event arriving late never replaces a newer state.
ALTER TABLE profile ADD COLUMN consents JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE profile ADD COLUMN consents_as_of TIMESTAMPTZ;
