-- The identity graph's edges: which identifiers belong to which customer. Identifiers are stored only as
-- keyed pseudonyms (never in clear); key_version says which key made the pseudonym.
CREATE TABLE identifier (
    id          BIGSERIAL   PRIMARY KEY,
    customer_id TEXT        NOT NULL REFERENCES customer (id),
    type        TEXT        NOT NULL,
    pseudonym   TEXT        NOT NULL,
    key_version INTEGER     NOT NULL,
    verified    BOOLEAN     NOT NULL,
    source      TEXT        NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    CONSTRAINT identifier_unique UNIQUE (type, pseudonym)
);

CREATE INDEX identifier_customer ON identifier (customer_id, type);
