-- Schema v1 of the MonoScale memory database: one row per memory version, append-only.
-- The whole version (validated workers, entries with guidance and evidence, gate record with every
-- candidate) is kept as JSON in body; the other columns repeat what sqlite3 users and the append check
-- need. Scripts are split at semicolons that end a line, so no statement may contain one.

-- 'MONO': marks the file as a MonoScale memory database, so another application's file is never mistaken for one
PRAGMA application_id = 1297043023;

CREATE TABLE memory_version (
    number     INTEGER PRIMARY KEY CHECK (number >= 0),
    parent     INTEGER UNIQUE REFERENCES memory_version (number) CHECK (parent < number),
    created_at TEXT    NOT NULL,
    outcome    TEXT    NOT NULL,
    body       TEXT    NOT NULL CHECK (json_valid(body))
);

-- For reading with sqlite3 only: one row per entry of every version, unpacked from body.
CREATE VIEW memory_entry AS
SELECT v.number                                      AS version,
       json_extract(e.value, '$.id')                 AS id,
       json_extract(e.value, '$.pattern')            AS pattern,
       json_extract(e.value, '$.rule')               AS rule,
       json_extract(e.value, '$.confidence')         AS confidence,
       json_extract(e.value, '$.evidence.successes') AS successes,
       json_extract(e.value, '$.evidence.trials')    AS trials
FROM memory_version v, json_each(v.body, '$.entries') e;
