-- Rule segments: CEL expressions over a profile and its traits, evaluated whenever the profile changes.
CREATE TABLE segment (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT,
    expression  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The segments a profile belongs to, space-separated ids.
ALTER TABLE profile ADD COLUMN segments TEXT NOT NULL DEFAULT '';

-- Transactional outbox: an event is written in the same transaction as the change it describes, and the
-- relay publishes it after the commit (at least once, in order).
CREATE TABLE outbox_event (
    id           BIGSERIAL   PRIMARY KEY,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL;
