-- Privacy policies as code: every version kept, the latest in force. Version 1 comes from the shipped file
-- (source 'file'); a privacy officer's edit through the API adds a version (source 'api'), and so does a
-- release that changes the file.
CREATE TABLE privacy_policy (
    key        TEXT        NOT NULL,
    version    INTEGER     NOT NULL,
    document   JSONB       NOT NULL,
    checksum   TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key, version)
);

-- nba-service's engagement policies of issues and groups, as catalog-changes announces them: an action's
-- assessment reads its group's and its issue's expressions too.
CREATE TABLE engagement_policy (
    level         TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    eligibility   TEXT,
    applicability TEXT,
    suitability   TEXT,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (level, name)
);

-- Model versions registered in nba-service: which groups they score and the fields their features read
-- (scope: {"groups": [...], "features": [...]}).
CREATE TABLE model_registration (
    name          TEXT        NOT NULL,
    version       INTEGER     NOT NULL,
    scope         JSONB       NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (name, version)
);

ALTER TABLE change ADD COLUMN subject_version INTEGER;

-- One assessment per registered change that needs one. inputs: everything it read (so that it can be
-- replayed); verdict: findings, criteria, risk, consents, policy versions and data map checksum.
CREATE TABLE assessment (
    id              UUID        PRIMARY KEY,
    change_id       UUID        NOT NULL UNIQUE REFERENCES change (id),
    subject_kind    TEXT        NOT NULL,
    subject_id      TEXT        NOT NULL,
    subject_key     TEXT        NOT NULL,
    subject_version INTEGER     NOT NULL,
    status          TEXT        NOT NULL,
    risk            TEXT        NOT NULL,
    inputs          JSONB       NOT NULL,
    verdict         JSONB       NOT NULL,
    decided_by      TEXT        NOT NULL,
    note            TEXT,
    assessed_at     TIMESTAMPTZ NOT NULL,
    decided_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX assessment_status_time ON assessment (status, assessed_at DESC);
CREATE INDEX assessment_subject ON assessment (subject_kind, subject_id, subject_version);

-- Transactional outbox: an event is written in the same transaction as the change it describes, and the
-- relay publishes it to Kafka after the commit.
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

-- The audit log: append-only and hash-chained. Each entry's hash covers its own content and the hash of the
-- entry before it, so changing or removing an entry breaks every hash after it. details is kept as the
-- exact text that was hashed.
CREATE TABLE audit_log (
    seq           BIGINT      PRIMARY KEY,
    recorded_at   TIMESTAMPTZ NOT NULL,
    kind          TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    details       TEXT        NOT NULL,
    previous_hash TEXT        NOT NULL,
    hash          TEXT        NOT NULL
);

-- Append-only for the application: updates and deletes are refused (someone with the rights to drop this
-- trigger can still tamper, which the hash chain then shows).
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
