-- Merges announced by identity-service. The absorbed customer's interactions move to the survivor, each
-- remembering the merge that moved it, so that an unmerge moves exactly those back.
ALTER TABLE interaction ADD COLUMN merge_id UUID;
ALTER TABLE interaction ADD COLUMN merged_from TEXT;
CREATE INDEX interaction_merge ON interaction (merge_id) WHERE merge_id IS NOT NULL;

CREATE TABLE profile_merge (
    merge_id            UUID        PRIMARY KEY,
    survivor_id         TEXT        NOT NULL,
    absorbed_id         TEXT        NOT NULL,
    -- The absorbed profile as it was, restored by an unmerge.
    absorbed_kind       TEXT,
    absorbed_attributes JSONB       NOT NULL DEFAULT '{}'::jsonb,
    merged_at           TIMESTAMPTZ NOT NULL,
    undone_at           TIMESTAMPTZ
);

-- Events that still name an absorbed customer are applied to its survivor.
CREATE INDEX profile_merge_absorbed ON profile_merge (absorbed_id) WHERE undone_at IS NULL;
