-- Merges join customers who turned out to be one person; each is recorded with what it moved, so that
-- it can be undone exactly. An absorbed customer keeps its row, pointing at its survivor.
ALTER TABLE customer ADD COLUMN merged_into TEXT REFERENCES customer (id);

CREATE TABLE customer_merge (
    id          UUID        PRIMARY KEY,
    survivor_id TEXT        NOT NULL REFERENCES customer (id),
    absorbed_id TEXT        NOT NULL REFERENCES customer (id),
    source      TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    merged_at   TIMESTAMPTZ NOT NULL,
    undone_at   TIMESTAMPTZ
);

-- The identifiers a merge moved from the absorbed customer to the survivor.
CREATE TABLE customer_merge_identifier (
    id            BIGSERIAL PRIMARY KEY,
    merge_id      UUID      NOT NULL REFERENCES customer_merge (id),
    identifier_id BIGINT    NOT NULL REFERENCES identifier (id),
    CONSTRAINT customer_merge_identifier_unique UNIQUE (merge_id, identifier_id)
);

CREATE INDEX customer_merge_survivor ON customer_merge (survivor_id);
