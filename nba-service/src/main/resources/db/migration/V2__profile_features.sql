-- The latest profile snapshot of each customer, from profile-updates (profile-service): the features the
-- decision path reads. Kept only while the topic keeps it: a tombstone (an erasure, or a customer merged
-- into another) deletes the row. updated_at is the profile's own change time, so that a snapshot arriving
-- late never replaces a newer one.
CREATE TABLE profile_features (
    customer_id TEXT        PRIMARY KEY,
    snapshot    JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
