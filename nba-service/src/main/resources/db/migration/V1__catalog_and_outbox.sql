-- The action catalogue: what the platform can recommend. Issue > group > action; an action starts as a
-- DRAFT and goes live only after its privacy assessment.
CREATE TABLE action (
    id          UUID        PRIMARY KEY,
    key         TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    issue       TEXT        NOT NULL,
    group_name  TEXT        NOT NULL,
    description TEXT,
    status      TEXT        NOT NULL,
    version     INTEGER     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT action_key_unique UNIQUE (key)
);

-- Transactional outbox: an event is written in the same transaction as the change it describes, and the
-- relay publishes it to Kafka afterwards. A change is never committed without its event, nor the reverse.
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
