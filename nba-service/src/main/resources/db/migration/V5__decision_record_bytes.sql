-- A decision's record is kept as the JSON bytes sent to nba-decisions: written without decoding and
-- re-encoding ~10 KB of text per decision.
ALTER TABLE decision ALTER COLUMN record TYPE BYTEA USING convert_to(record, 'UTF8');
