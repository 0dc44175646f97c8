-- One profile per pseudonymous customer id, made by the customer's first event. Traits are running totals
-- (JSON), updated in the same transaction as the interaction that changes them.
CREATE TABLE profile (
    customer_id TEXT        PRIMARY KEY,
    kind        TEXT,
    attributes  JSONB       NOT NULL DEFAULT '{}'::jsonb,
    traits      JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
