-- The omni-channel interaction history. One row per customer event; the event id makes processing
-- idempotent (a redelivered event finds its row and is skipped).
CREATE TABLE interaction (
    id           BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL,
    event_source TEXT        NOT NULL,
    customer_id  TEXT        NOT NULL,
    channel      TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    attributes   JSONB       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT interaction_event_unique UNIQUE (event_source, event_id)
);

-- Reads are "this customer's latest interactions", by event time (not arrival time).
CREATE INDEX interaction_customer_time ON interaction (customer_id, occurred_at DESC, id DESC);
