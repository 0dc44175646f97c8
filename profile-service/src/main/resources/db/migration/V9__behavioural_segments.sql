-- Behavioural segments: each run of k-means over the customers' behaviour vectors, with what distinguishes
-- each cluster and how many customers moved since the run before; and each profile's cluster of the last run.
CREATE TABLE behaviour_run (
    id           UUID        PRIMARY KEY,
    trigger      TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    detail       TEXT,
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    profiles     BIGINT      NOT NULL DEFAULT 0,
    clusters     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    drift        JSONB       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX behaviour_run_started ON behaviour_run (started_at DESC);

ALTER TABLE profile ADD COLUMN behaviour_segment TEXT;
