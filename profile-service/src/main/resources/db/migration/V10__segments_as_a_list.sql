-- The rule segments a profile belongs to, as an array of segment ids (it was a space-separated string).
ALTER TABLE profile ALTER COLUMN segments DROP DEFAULT;
ALTER TABLE profile ALTER COLUMN segments TYPE text[]
    USING CASE WHEN segments = '' THEN ARRAY[]::text[] ELSE string_to_array(segments, ' ') END;
ALTER TABLE profile ALTER COLUMN segments SET DEFAULT ARRAY[]::text[];
