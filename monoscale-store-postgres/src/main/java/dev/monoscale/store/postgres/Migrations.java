package dev.monoscale.store.postgres;

import dev.monoscale.store.MigrationScripts;
import dev.monoscale.store.sqlite.MemoryDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Brings a memory schema up to the version this build knows, one versioned script at a time: the same rules as
 * the SQLite store's migrations ({@link MigrationScripts}), on PostgreSQL's transactional DDL.
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

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_history (
                version     integer PRIMARY KEY,
                description text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL
            )""";

    private final MigrationScripts scripts;

    private Migrations(MigrationScripts scripts) {
        this.scripts = scripts;
    }

    static Migrations bundled() {
        return new Migrations(MigrationScripts.load("/db/postgresql", SCRIPTS));
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
            scripts.check(MigrationScripts.applied(connection), where);
            if (MigrationScripts.applied(connection).size() == scripts.latest()) {
                return;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (MigrationScripts.Script script : scripts.scripts()) {
                try (Statement statement = connection.createStatement()) {
                    lock(connection, where);
                    if (!schemaExists(connection, where.schema())) {
                        // the name matched [a-z_][a-z0-9_]*, so quoting it is enough
                        statement.execute("CREATE SCHEMA \"" + where.schema() + "\"");
                    }
                    statement.execute(CREATE_HISTORY);
                    NavigableMap<Integer, String> applied = MigrationScripts.applied(connection);
                    scripts.check(applied, where);
                    if (!applied.containsKey(script.version())) {
                        MigrationScripts.apply(connection, script, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollBack(connection, e);
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
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
            rollBack(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Rolls back the transaction {@code failure} ended; a failing rollback is kept as suppressed by it. */
    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
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
}
