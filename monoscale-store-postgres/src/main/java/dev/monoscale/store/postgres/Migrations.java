package dev.monoscale.store.postgres;

import dev.monoscale.store.sqlite.MemoryDatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Brings a memory schema up to the version this build knows, one versioned script at a time: the same rules as
 * the SQLite store's migrations, on PostgreSQL's transactional DDL.
 *
 * <p>The scripts are {@code db/postgresql/V<n>__<description>.sql} on the class path, listed in {@link #SCRIPTS}
 * and numbered 1, 2, ... without gaps. Each pending script runs in its own transaction together with the
 * {@code schema_history} row that records it, after taking a transaction-scoped advisory lock on the schema, so
 * two processes opening one new memory at once apply every script exactly once and a crash leaves the schema at
 * one version or the next. A schema whose history names a newer version, or an applied script with another
 * checksum, is refused. A schema that holds other tables but no history is another application's and is refused
 * before anything is written.
 */
final class Migrations {

    /** Every script this build knows, oldest first. */
    static final List<String> SCRIPTS = List.of("V1__memory.sql");

    /** The first key of the advisory lock the migrations take: the bytes {@code MONO}. */
    private static final int LOCK_CLASS = 0x4D4F4E4F;

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_history (
                version     integer PRIMARY KEY,
                description text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL
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

    static Migrations bundled() {
        return new Migrations(SCRIPTS.stream().map(Script::load).toList());
    }

    int latest() {
        return scripts.size();
    }

    /** True if the schema exists and has a history table: a memory was created there. Reads only. */
    static boolean present(Connection connection, PostgresLocation where) throws SQLException {
        return tables(connection, where.schema()).contains("schema_history");
    }

    /**
     * Refuses a schema this build must not write to (another application's, a newer schema, edited scripts), then
     * creates the schema if it is missing and applies every pending script.
     */
    void migrate(Connection connection, PostgresLocation where, Instant now) throws SQLException {
        List<String> tables = tables(connection, where.schema());
        if (!tables.isEmpty() && !tables.contains("schema_history")) {
            throw new MemoryDatabaseException(("'%s' is not a MonoScale memory (schema '%s' holds tables %s of another"
                    + " application); name another schema with ?schema=NAME, MonoScale does not add its tables to it")
                            .formatted(where, where.schema(), String.join(", ", tables)));
        }
        if (tables.contains("schema_history")) {
            check(applied(connection), where);
            if (applied(connection).size() == latest()) {
                return;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Script script : scripts) {
                try (Statement statement = connection.createStatement()) {
                    lock(connection, where);
                    if (!schemaExists(connection, where.schema())) {
                        // the name matched [a-z_][a-z0-9_]*, so quoting it is enough
                        statement.execute("CREATE SCHEMA \"" + where.schema() + "\"");
                    }
                    statement.execute(CREATE_HISTORY);
                    NavigableMap<Integer, String> applied = applied(connection);
                    check(applied, where);
                    if (!applied.containsKey(script.version())) {
                        for (String sql : script.statements()) {
                            statement.execute(sql);
                        }
                        record(connection, script, now);
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    try {
                        connection.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void check(NavigableMap<Integer, String> applied, PostgresLocation where) {
        if (applied.isEmpty()) {
            return;
        }
        int newest = applied.lastKey();
        if (newest > latest()) {
            throw new MemoryDatabaseException(("'%s' was written by a newer MonoScale (schema v%d; this build knows"
                    + " up to v%d); upgrade MonoScale to open it").formatted(where, newest, latest()));
        }
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null && !checksum.equals(script.checksum())) {
                throw new MemoryDatabaseException(("'%s' records schema v%d with checksum %s but this build's %s has"
                        + " checksum %s; the database or the script was changed by hand")
                                .formatted(where, script.version(), checksum, script.name(), script.checksum()));
            }
        }
    }

    /** True if the schema exists, whatever it holds. Reads only. */
    static boolean schemaPresent(Connection connection, PostgresLocation where) throws SQLException {
        return schemaExists(connection, where.schema());
    }

    /**
     * Removes the memory at {@code where} if it holds no version past v0, under the migrations' lock so that no other
     * process is creating it meanwhile: the whole schema when {@code dropSchema} (the caller saw it absent), otherwise
     * only what the scripts and this class created in it (a script that creates more must add it here).
     *
     * @return true if it removed the memory, false if the memory holds a round (or is not there)
     */
    static boolean discardIfNoRound(Connection connection, PostgresLocation where, boolean dropSchema)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        String schema = "\"" + where.schema() + "\""; // the name matched [a-z_][a-z0-9_]*, so quoting it is enough
        try (Statement statement = connection.createStatement()) {
            lock(connection, where);
            List<String> tables = tables(connection, where.schema());
            if (!tables.contains("schema_history")) {
                connection.rollback();
                return false;
            }
            if (tables.contains("memory_version")) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + schema + ".memory_version")) {
                    count.next();
                    if (count.getLong(1) > 1) {
                        connection.rollback();
                        return false;
                    }
                }
            }
            if (dropSchema) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            } else {
                statement.execute("DROP VIEW IF EXISTS " + schema + ".memory_entry");
                statement.execute("DROP TABLE IF EXISTS " + schema + ".memory_version");
                statement.execute("DROP FUNCTION IF EXISTS " + schema + ".memory_version_refuse_change()");
                statement.execute("DROP TABLE IF EXISTS " + schema + ".schema_history");
            }
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void lock(Connection connection, PostgresLocation where) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setString(2, where.schema());
            lock.execute();
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The tables (and views) of {@code schema}, by name; empty when there is no such schema. */
    private static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static NavigableMap<Integer, String> applied(Connection connection) throws SQLException {
        NavigableMap<Integer, String> applied = new TreeMap<>();
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
            insert.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
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
            String text = read("/db/postgresql/" + name).replace("\r\n", "\n");
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
