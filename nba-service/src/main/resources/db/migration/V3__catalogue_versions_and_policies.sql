-- Every version of every action: a change makes a new DRAFT version, which goes live (ACTIVE) only after
-- its privacy assessment, while the version live before keeps serving. The definition is the JSON the
-- marketer saved (treatments, validity, value, policies, contact rules, ...).
CREATE TABLE action_version (
    action_id   UUID        NOT NULL REFERENCES action (id),
    version     INTEGER     NOT NULL,
    status      TEXT        NOT NULL,
    definition  TEXT        NOT NULL,
    note        TEXT,
    changed_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (action_id, version)
);
CREATE INDEX action_version_active ON action_version (status) WHERE status = 'ACTIVE';

ALTER TABLE action ADD COLUMN live_version INTEGER;

-- Actions created before versions existed become their first version, as a DRAFT to be completed.
INSERT INTO action_version (action_id, version, status, definition, created_at, updated_at)
SELECT id, version, 'DRAFT',
       json_build_object('name', name, 'issue', issue, 'group', group_name, 'description', description,
                         'treatments', json_build_array())::text,
       created_at, updated_at
FROM action;
UPDATE action SET status = 'DRAFT';

-- Engagement policies for a whole issue or group.
CREATE TABLE engagement_policy (
    level         TEXT        NOT NULL CHECK (level IN ('issue', 'group')),
    name          TEXT        NOT NULL,
    eligibility   TEXT,
    applicability TEXT,
    suitability   TEXT,
    changed_by    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (level, name)
);

-- How decisions are made (contact caps, placements, control group, ...): one JSON document.
CREATE TABLE decision_settings (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT    NOT NULL
);

-- One number every change to what decisions use increases; replicas recompile the live catalogue when it moves.
CREATE TABLE catalog_revision (
    id         INTEGER     PRIMARY KEY CHECK (id = 1),
    revision   BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO catalog_revision VALUES (1, 1, now());
