-- Contact preferences: per channel, what a customer lets us send there (ALL, SERVICE_ONLY such as "only
-- contact me when it ships", NONE). Append-only like the consent records: a change is a new row, the latest
-- by given_at is in force.
CREATE TABLE contact_preference (
    id           UUID        PRIMARY KEY,
    customer_id  TEXT        NOT NULL,
    channel      TEXT        NOT NULL,
    allow        TEXT        NOT NULL,
    collected_on TEXT        NOT NULL,
    jurisdiction TEXT        NOT NULL,
    method       TEXT        NOT NULL,
    notice       TEXT,
    given_at     TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    recorded_by  TEXT        NOT NULL
);

CREATE INDEX contact_preference_customer ON contact_preference (customer_id, channel, given_at DESC, recorded_at DESC);

