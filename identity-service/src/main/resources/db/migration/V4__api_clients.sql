-- API clients: the applications that may ask for access tokens. Only an Argon2id hash of each client
-- secret is kept (PHC string format, with its own salt and parameters); the secret itself is shown once.
CREATE TABLE api_client (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    -- Space-separated roles, as in an OAuth scope: "agent", "channel-app marketer", ...
    roles       TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
