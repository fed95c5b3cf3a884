package dev.monoscale.store.postgres;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.JdbcMemoryStore;
import dev.monoscale.store.sqlite.MemoryDatabaseException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A {@link MemoryStore} in a PostgreSQL schema that several processes share, with one row per memory version in
 * the table {@code memory_version} (the schema is {@code monoscale} unless the URL names another).
 *
 * <p>An append is one transaction that reads the head, checks the new version against it, inserts it and queues a
 * notification. The database decides a race: the version number is the primary key and the parent is unique, so
 * of two appends built on one head, from any processes, the second insert waits for the first to commit and then
 * fails with a unique violation, which this store reports as a {@link MemoryVersionConflictException}; nothing is
 * read-then-written outside a transaction. Triggers refuse any update, delete or truncate of the history.
 *
 * <p>{@link #onNewHead}: the append's transaction sends {@code NOTIFY monoscale_memory, '<schema> <version>'},
 * which PostgreSQL delivers at commit to every session listening, in commit order. From the first subscription
 * until the store is closed, a daemon thread listens on a connection of its own and calls the listeners; after a
 * lost connection it reconnects and reports the head it finds, so no append goes unnoticed for long.
 *
 * <p>The store uses one connection for reads and appends (a lock serializes its threads) and opens a new one after
 * the server or the network drops it. The password is the caller's to give: the CLI reads it from
 * {@link PostgresLocation#PASSWORD_ENV}.
 */
public final class PostgresMemoryStore extends JdbcMemoryStore {

    /** The channel every memory's notifications go to; the payload names the schema. */
    static final String CHANNEL = "monoscale_memory";

    /** How long the listening thread waits for a notification before it checks whether it should stop. */
    private static final Duration LISTEN_WAIT = Duration.ofMillis(500);

    /** How long the listening thread waits before it tries again after losing its connection. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final PostgresLocation where;
    private final @Nullable String password;
    private final CountDownLatch closing = new CountDownLatch(1);
    private @Nullable Connection connection;
    private @Nullable Thread listening;

    private PostgresMemoryStore(PostgresLocation where, @Nullable String password, Connection connection) {
        this.where = where;
        this.password = password;
        this.connection = connection;
    }

    /**
     * Opens the memory at {@code where}, creating its schema and tables if they are missing, and brings them up to
     * date.
     *
     * @param password the user's password, or null when the server asks for none (or the driver finds one in
     *     {@code ~/.pgpass})
     * @throws MemoryDatabaseException if the server cannot be reached or refuses the user, or the schema is not a
     *     MonoScale memory or was written by a newer MonoScale
     */
    public static PostgresMemoryStore open(PostgresLocation where, @Nullable String password) {
        return open(where, password, true);
    }

    /**
     * Opens the memory at {@code where} for a command that must not create one (reading, routing, serving).
     *
     * @throws MemoryDatabaseException as {@link #open} does, and if the schema holds no MonoScale memory
     */
    public static PostgresMemoryStore openExisting(PostgresLocation where, @Nullable String password) {
        return open(where, password, false);
    }

    /**
     * A memory location that holds no MonoScale memory yet, as a command that may create one saw it before it started.
     *
     * @param where the memory's location
     * @param schemaExisted whether the schema was there already (with other objects, or empty)
     */
    public record Fresh(PostgresLocation where, boolean schemaExisted) {}

    /**
     * Whether {@code where} holds no memory yet, read without writing anything: what a command that may create one
     * reads first, so that {@link #discardIfNoRound} can remove the memory again if the command fails.
     *
     * @param password the user's password, or null
     * @return the location as found, or empty if it holds a memory already or cannot be read (the command's own
     *     opening then reports why)
     */
    public static Optional<Fresh> fresh(PostgresLocation where, @Nullable String password) {
        try (Connection connection = connect(where, password)) {
            return Migrations.present(connection, where)
                    ? Optional.empty()
                    : Optional.of(new Fresh(where, Migrations.schemaPresent(connection, where)));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a memory a failed command created at a {@link #fresh} location, if it holds no version past v0: the
     * schema itself when the command created it, otherwise the tables the store created in it. Best effort: a
     * failure here is swallowed, as the command's own failure is what its user must read.
     *
     * @param fresh the location as the command found it before it started
     * @param password the user's password, or null
     * @return true if the memory was removed
     */
    public static boolean discardIfNoRound(Fresh fresh, @Nullable String password) {
        try (Connection connection = connect(fresh.where(), password)) {
            return Migrations.discardIfNoRound(connection, fresh.where(), !fresh.schemaExisted());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static PostgresMemoryStore open(PostgresLocation where, @Nullable String password, boolean create) {
        return open(connect(where, password), where, connection -> {
            if (!create && !Migrations.present(connection, where)) {
                throw new MemoryDatabaseException(("'%s' holds no MonoScale memory (schema '%s' has no schema_history);"
                                + " `monoscale onboard --db %s` creates one")
                        .formatted(where, where.schema(), where));
            }
            Migrations.bundled().migrate(connection, where, Instant.now());
            return new PostgresMemoryStore(where, password, connection);
        });
    }

    public PostgresLocation location() {
        return where;
    }

    @Override
    protected PostgresLocation where() {
        return where;
    }

    /** The store's connection, a new one if the last was lost. */
    @Override
    protected Connection connection() {
        if (connection == null) {
            connection = connect(where, password);
        }
        return connection;
    }

    @Override
    protected <T extends @Nullable Object> T transaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    /** A unique violation: another process appended a successor of the same head after our read. */
    @Override
    protected boolean conflict(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    protected String bodyParameter() {
        return "CAST(? AS json)";
    }

    @Override
    protected Object createdAt(Instant createdAt) {
        return OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    }

    /** Queues the notification that reaches every listening session at commit. */
    @Override
    protected void appended(Connection c, RoutingMemory memory) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, where.schema() + " " + memory.version().number());
            notify.execute();
        }
    }

    /** Starts the daemon thread that listens on a connection of its own. */
    @Override
    protected void watch() {
        Connection listener = listen();
        try {
            // read after LISTEN, so that an append committed in between is either in this head or notified
            listeners().known(headVersion(listener));
        } catch (SQLException e) {
            closeQuietly(listener);
            throw failed("listening for new heads of", where, e);
        }
        listening = new Thread(() -> listen(listener), "monoscale-memory-listen " + where.schema());
        listening.setDaemon(true);
        listening.start();
    }

    /** After a connection exception, or the server shutting the connection, the next call opens a new one. */
    @Override
    protected void failedWith(SQLException e) {
        if (lost(e)) {
            closeQuietly(connection);
            connection = null;
        }
    }

    @Override
    protected void release() throws SQLException {
        closing.countDown();
        if (connection != null) {
            connection.close();
        }
    }

    /** Waits for the listening thread, outside the lock, which it does not take. */
    @Override
    protected void released() {
        if (listening != null) {
            try {
                listening.join(LISTEN_WAIT.multipliedBy(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresMemoryStore[" + where + "]";
    }

    /** A new connection listening on {@link #CHANNEL}. */
    private Connection listen() {
        Connection listener = connect(where, password);
        try {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            return listener;
        } catch (SQLException e) {
            closeAfter(listener, e);
            throw failed("listening for new heads of", where, e);
        }
    }

    /** The listening thread: hands each notification for this schema to the listeners until the store closes. */
    private void listen(Connection first) {
        @Nullable Connection listener = first;
        while (closing.getCount() > 0) {
            try {
                if (listener == null) {
                    listener = listen();
                    // appends may have landed while no connection listened: report the head found now
                    MemoryVersion head = headVersion(listener);
                    if (head != null) {
                        listeners().heard(head);
                    }
                }
                PGNotification[] notifications =
                        listener.unwrap(PGConnection.class).getNotifications(Math.toIntExact(LISTEN_WAIT.toMillis()));
                for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                    heard(notification.getParameter());
                }
            } catch (SQLException | RuntimeException e) {
                closeQuietly(listener);
                listener = null;
                try {
                    closing.await(RECONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        closeQuietly(listener);
    }

    private void heard(String payload) {
        int space = payload.lastIndexOf(' ');
        if (space > 0 && payload.substring(0, space).equals(where.schema())) {
            try {
                listeners().heard(MemoryVersion.of(Integer.parseInt(payload.substring(space + 1))));
            } catch (IllegalArgumentException notOurs) {
                // a NOTIFY sent by hand on our channel: nothing to report
            }
        }
    }

    /** True if {@code e} means the connection is gone: a connection exception, or the server shutting it. */
    private boolean lost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        try {
            return state.startsWith("08") || state.startsWith("57P") || connection == null || connection.isClosed();
        } catch (SQLException unknown) {
            return true;
        }
    }

    private static Connection connect(PostgresLocation where, @Nullable String password) {
        try {
            return DriverManager.getConnection(where.jdbcUrl(), where.properties(password));
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // 28xxx: authentication refused; 08004: the server asked for a password and none was given
            String hint = state.startsWith("28") || (password == null && state.equals("08004"))
                    ? (password == null ? " (no password was given: set " : " (the password comes from ")
                            + PostgresLocation.PASSWORD_ENV + ")"
                    : "";
            throw new MemoryDatabaseException("connecting to '%s' failed: %s%s".formatted(where, oneLine(e), hint), e);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
