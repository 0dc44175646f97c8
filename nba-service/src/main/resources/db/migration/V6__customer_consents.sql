-- Each customer's consents and contact preferences as privacy-service last published them on consent-changes:
-- the decision path's consent view. changed_at is the event's time, so that an event arriving late never
-- replaces a newer state. A tombstone (an erasure) deletes the row.
CREATE TABLE customer_consents (
    customer_id TEXT        PRIMARY KEY,
    consents    JSONB       NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
