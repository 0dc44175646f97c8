-- The customer registry: every pseudonymous customer id this service has issued. The id is random, never
-- derived from an identifier, so it reveals nothing about the person.
CREATE TABLE customer (
    id         TEXT        PRIMARY KEY,
    kind       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
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
