package dev.monoscale.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Brings a memory database up to the schema this build knows, one versioned script at a time.
 *
 * <p>The scripts are {@code db/sqlite/V<n>__<description>.sql} on the class path, listed in {@link #SCRIPTS}
 * and numbered 1, 2, ... without gaps. Each pending script runs in its own {@code BEGIN IMMEDIATE}
 * transaction together with the {@code schema_history} row that records its version, description, SHA-256
 * checksum and time, so a crash leaves the database at one version or the next, never between. The rules:
 *
 * <ol>
 *   <li>a database whose history names a version newer than the newest script is refused: an older build must
 *       not write to a schema it does not know;
 *   <li>a script already applied must have the checksum it had then, so an edited script or a hand-edited
 *       history is found instead of silently skipped;
 *   <li>the history is read again inside each script's transaction, so two processes opening one new file at
 *       once apply every script exactly once.
 * </ol>
 */
final class Migrations {

    /** Every script this build knows, oldest first. */
    static final List<String> SCRIPTS = List.of("V1__memory.sql");

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_history (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                checksum    TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )""";

    private final List<Script> scripts;

    private Migrations(List<Script> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new IllegalStateException("migration scripts must be numbered 1, 2, ... in order; found %s at %d"
                        .formatted(scripts.get(i).name(), i + 1));
            }
        }
        this.scripts = List.copyOf(scripts);
    }

    /** The migrations of this build, read from the class path. */
    static Migrations bundled() {
        return new Migrations(SCRIPTS.stream().map(Script::load).toList());
    }

    /** The newest schema version this build knows. */
    int latest() {
        return scripts.size();
    }

    /**
     * Refuses a database this build must not write to: one with a newer schema, or one whose applied scripts
     * differ from this build's. Reads only.
     */
    void check(Connection connection, Path file) throws SQLException {
        check(applied(connection), file);
    }

    /** Applies every pending script, each in its own transaction with its history row. */
    void migrate(Connection connection, Path file, Instant now) throws SQLException {
        for (Script script : scripts) {
            Transactions.immediate(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(CREATE_HISTORY);
                    NavigableMap<Integer, String> applied = applied(connection);
                    check(applied, file);
                    if (!applied.containsKey(script.version())) {
                        for (String sql : script.statements()) {
                            statement.execute(sql);
                        }
                        record(connection, script, now);
                    }
                }
                return null;
            });
        }
    }

    private void check(NavigableMap<Integer, String> applied, Path file) {
        if (applied.isEmpty()) {
            return;
        }
        int newest = applied.lastKey();
        if (newest > latest()) {
            throw new MemoryDatabaseException(("'%s' was written by a newer MonoScale (schema v%d; this build knows"
                    + " up to v%d); upgrade MonoScale to open it").formatted(file, newest, latest()));
        }
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null && !checksum.equals(script.checksum())) {
                throw new MemoryDatabaseException(("'%s' records schema v%d with checksum %s but this build's %s has"
                        + " checksum %s; the database or the script was changed by hand")
                                .formatted(file, script.version(), checksum, script.name(), script.checksum()));
            }
        }
    }

    /** Applied versions and their checksums; empty when there is no history table yet. */
    private static NavigableMap<Integer, String> applied(Connection connection) throws SQLException {
        NavigableMap<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_history'")) {
            if (tables.next() && tables.getInt(1) == 0) {
                return applied;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_history")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void record(Connection connection, Script script, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_history (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, script.version());
            insert.setString(2, script.description());
            insert.setString(3, script.checksum());
            insert.setString(4, now.toString());
            insert.executeUpdate();
        }
    }

    /** One migration script: its number, description, statements and checksum. */
    record Script(String name, int version, String description, List<String> statements, String checksum) {

        static Script load(String name) {
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException(
                        "migration script name '%s' must look like V1__memory.sql".formatted(name));
            }
            String text = read("/db/sqlite/" + name).replace("\r\n", "\n");
            return new Script(name, Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '),
                    statements(text), sha256(text));
        }

        /** Splits at semicolons that end a line, after dropping whole-line {@code --} comments. */
        static List<String> statements(String text) {
            String code = text.lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(code.split(";[ \\t]*(\\n|$)"))
                    .map(String::strip)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        }

        private static String read(String resource) {
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "migration script %s is missing from the class path".formatted(resource));
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("reading migration script %s failed".formatted(resource), e);
            }
        }

        private static String sha256(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
