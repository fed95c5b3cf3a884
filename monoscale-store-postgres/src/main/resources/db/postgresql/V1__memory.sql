-- Schema v1 of the MonoScale memory in PostgreSQL: one row per memory version, append-only, in a schema of its own
-- (the connection's search_path). The whole version is kept in body as the JSON text the SQLite store keeps (json,
-- not jsonb: jsonb would turn -0.0 into 0 and lose the exact text); the other columns repeat what psql users and the
-- append check need. Scripts are split at semicolons that end a line, so no statement may contain one.

CREATE TABLE memory_version (
    number     integer     PRIMARY KEY CHECK (number >= 0),
    parent     integer     UNIQUE REFERENCES memory_version (number),
    created_at timestamptz NOT NULL,
    outcome    text        NOT NULL,
    body       json        NOT NULL,
    CONSTRAINT memory_version_follows_its_parent CHECK ((number = 0 AND parent IS NULL) OR parent = number - 1)
);

COMMENT ON TABLE memory_version IS 'MonoScale routing memory: one row per version, append-only';

-- The history is append-only for everyone, psql users included: a rollback appends a version.
CREATE FUNCTION memory_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
    'BEGIN RAISE EXCEPTION ''the memory history is append-only: % on memory_version refused'', TG_OP; END';

CREATE TRIGGER memory_version_append_only BEFORE UPDATE OR DELETE ON memory_version
    FOR EACH ROW EXECUTE FUNCTION memory_version_refuse_change();

CREATE TRIGGER memory_version_no_truncate BEFORE TRUNCATE ON memory_version
    FOR EACH STATEMENT EXECUTE FUNCTION memory_version_refuse_change();

-- For reading with psql only: one row per entry of every version, unpacked from body.
CREATE VIEW memory_entry AS
SELECT v.number                                  AS version,
       e ->> 'id'                                AS id,
       e ->> 'pattern'                           AS pattern,
       e ->> 'rule'                              AS rule,
       e ->> 'confidence'                        AS confidence,
       (e -> 'evidence' ->> 'successes')::integer AS successes,
       (e -> 'evidence' ->> 'trials')::integer    AS trials
FROM memory_version v, json_array_elements(v.body -> 'entries') e;
