package dev.monoscale.store.sqlite;

import dev.monoscale.store.MigrationScripts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Brings a memory database up to the schema this build knows, one versioned script at a time.
 *
 * <p>The scripts are {@code db/sqlite/V<n>__<description>.sql} on the class path, listed in {@link #SCRIPTS}, and
 * keep the rules of {@link MigrationScripts}. Each pending script runs in its own {@code BEGIN IMMEDIATE}
 * transaction together with the {@code schema_history} row that records its version, description, SHA-256
 * checksum and time, so a crash leaves the database at one version or the next, never between. The history is read
 * again inside each script's transaction, so two processes opening one new file at once apply every script exactly
 * once.
 */
final class Migrations {

    /** Every script this build knows, oldest first. */
    static final List<String> SCRIPTS = List.of("V1__memory.sql");

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_history (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                checksum    TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )""";

    private final MigrationScripts scripts;

    private Migrations(MigrationScripts scripts) {
        this.scripts = scripts;
    }

    /** The migrations of this build, read from the class path. */
    static Migrations bundled() {
        return new Migrations(MigrationScripts.load("/db/sqlite", SCRIPTS));
    }

    /**
     * Refuses a database this build must not write to: one with a newer schema, or one whose applied scripts
     * differ from this build's. Reads only.
     */
    void check(Connection connection, Path file) throws SQLException {
        scripts.check(applied(connection), file);
    }

    /** Applies every pending script, each in its own transaction with its history row. */
    void migrate(Connection connection, Path file, Instant now) throws SQLException {
        for (MigrationScripts.Script script : scripts.scripts()) {
            Transactions.immediate(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(CREATE_HISTORY);
                }
                NavigableMap<Integer, String> applied = applied(connection);
                scripts.check(applied, file);
                if (!applied.containsKey(script.version())) {
                    MigrationScripts.apply(connection, script, now.toString());
                }
                return null;
            });
        }
    }

    /** Applied versions and their checksums; empty when there is no history table yet. */
    private static NavigableMap<Integer, String> applied(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_history'")) {
            if (tables.next() && tables.getInt(1) == 0) {
                return new TreeMap<>();
            }
        }
        return MigrationScripts.applied(connection);
    }
}
