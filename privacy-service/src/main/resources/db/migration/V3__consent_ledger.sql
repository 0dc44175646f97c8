-- The consent ledger: one row per decision a customer made about one purpose, in the shape of ISO/IEC TS
-- 27560 consent records (subject, purpose, data categories, lawful basis, channel, jurisdiction, how it was
-- collected, under which notice, when given, when it expires). Append-only: a change is a new row, so the
-- history is the table. The current state of a purpose is its latest row by given_at.
CREATE TABLE consent_record (
    id               UUID        PRIMARY KEY,
    customer_id      TEXT        NOT NULL,
    purpose          TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    scope            JSONB       NOT NULL,
    lawful_basis     TEXT        NOT NULL,
    channel          TEXT        NOT NULL,
    jurisdiction     TEXT        NOT NULL,
    method           TEXT        NOT NULL,
    notice           TEXT,
    given_at         TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ,
    recorded_at      TIMESTAMPTZ NOT NULL,
    recorded_by      TEXT        NOT NULL,
    -- set once the consent-changes event that says this grant expired has been written
    expiry_announced BOOLEAN     NOT NULL DEFAULT false
);

CREATE INDEX consent_record_customer ON consent_record (customer_id, purpose, given_at DESC, recorded_at DESC);
CREATE INDEX consent_record_expiring ON consent_record (expires_at) WHERE status = 'GRANTED' AND NOT expiry_announced;
