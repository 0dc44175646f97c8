-- Data-subject requests (erasure): one row per request, and one per service that must confirm it. The
-- customer id is kept only while the request is open: once every service has confirmed, only its SHA-256
-- stays (subject_digest), enough to answer "was my erasure done?" for someone who knows the id.
CREATE TABLE subject_request (
    id             UUID        PRIMARY KEY,
    kind           TEXT        NOT NULL,
    customer_id    TEXT,
    subject_digest TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    requested_by   TEXT        NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    completed_at   TIMESTAMPTZ,
    escalated_at   TIMESTAMPTZ
);

CREATE INDEX subject_request_open ON subject_request (status, due_at);

CREATE TABLE subject_request_service (
    id           UUID        PRIMARY KEY,
    request_id   UUID        NOT NULL REFERENCES subject_request (id),
    service      TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    attempts     INTEGER     NOT NULL,
    last_sent_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    erased       JSONB,
    UNIQUE (request_id, service)
);

-- An erasure's tombstone for the compacted consent-changes topic is an outbox row without payload.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;

-- An access request's answer from each service (everything it holds about the customer), until the
-- bundle's retention ends or the customer is erased.
ALTER TABLE subject_request_service ADD COLUMN part JSONB;
