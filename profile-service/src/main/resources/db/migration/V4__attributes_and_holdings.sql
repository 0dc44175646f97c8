-- Attributes and holdings, from attributes-changed and holding-changed events. Each attribute and each
-- holding remembers the event time of its last change, so that a late event never overwrites a newer one.
ALTER TABLE profile ADD COLUMN attribute_times JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE profile ADD COLUMN holdings JSONB NOT NULL DEFAULT '{}'::jsonb;

-- Events that change a profile without being an interaction, recorded so that each is applied once.
CREATE TABLE applied_event (
    event_source TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    customer_id  TEXT        NOT NULL,
    applied_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_source, event_id)
);

-- What a merge added to the survivor (space-separated attribute names and products), so that an unmerge
-- takes exactly that away again.
ALTER TABLE profile_merge ADD COLUMN absorbed_holdings JSONB NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE profile_merge ADD COLUMN filled_attributes TEXT NOT NULL DEFAULT '';
ALTER TABLE profile_merge ADD COLUMN filled_products TEXT NOT NULL DEFAULT '';
