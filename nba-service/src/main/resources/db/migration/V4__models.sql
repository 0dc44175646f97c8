-- Uploaded models: every version's ONNX bytes, their SHA-256 and the descriptor (groups, feature
-- specification). The latest version of each name serves; seq orders uploads, so each replica loads what
-- it has not seen yet.
CREATE TABLE model (
    id          UUID        PRIMARY KEY,
    seq         BIGSERIAL   NOT NULL,
    name        TEXT        NOT NULL,
    version     INTEGER     NOT NULL,
    checksum    TEXT        NOT NULL,
    onnx        BYTEA       NOT NULL,
    descriptor  TEXT        NOT NULL,
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT model_name_version_unique UNIQUE (name, version)
);
CREATE INDEX model_seq ON model (seq);

-- Every decision, for replay (GET /nba/v1/decisions/{id}) and audit; the full record also goes to the
-- nba-decisions topic. Pruned after the retention period.
CREATE TABLE decision (
    id          UUID        PRIMARY KEY,
    customer_id TEXT,
    made_at     TIMESTAMPTZ NOT NULL,
    record      TEXT        NOT NULL
);
CREATE INDEX decision_made_at ON decision (made_at);
CREATE INDEX decision_customer ON decision (customer_id);

-- Responses, once each (the id makes them idempotent); published on nba-responses through the outbox.
CREATE TABLE response (
    id          TEXT        PRIMARY KEY,
    decision_id UUID,
    customer_id TEXT        NOT NULL,
    action_key  TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    channel     TEXT,
    value       NUMERIC,
    occurred_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX response_customer ON response (customer_id);
