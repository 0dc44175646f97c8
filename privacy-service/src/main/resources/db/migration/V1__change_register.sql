-- The change register: every change to what the platform does with customer data (a new action, and later
-- models, features and segments), as announced by the service that owns it. Each waits here for its
-- privacy assessment. The event id makes intake idempotent.
CREATE TABLE change (
    id           UUID        PRIMARY KEY,
    event_source TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    subject_kind TEXT        NOT NULL,
    subject_id   TEXT        NOT NULL,
    subject_key  TEXT        NOT NULL,
    snapshot     JSONB       NOT NULL,
    status       TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT change_event_unique UNIQUE (event_source, event_id)
);

CREATE INDEX change_status_time ON change (status, received_at DESC);
