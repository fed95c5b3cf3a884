package dev.monoscale.store.postgres;

import dev.monoscale.memory.HeadListeners;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryStores;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.MemoryVersionConflictException;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.MemoryDatabaseException;
import dev.monoscale.store.sqlite.MemoryJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
public final class PostgresMemoryStore implements MemoryStore {

    /** The channel every memory's notifications go to; the payload names the schema. */
    static final String CHANNEL = "monoscale_memory";

    /** How long the listening thread waits for a notification before it checks whether it should stop. */
    private static final Duration LISTEN_WAIT = Duration.ofMillis(500);

    /** How long the listening thread waits before it tries again after losing its connection. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final PostgresLocation where;
    private final @Nullable String password;
    private final ReentrantLock lock = new ReentrantLock();
    private final HeadListeners listeners = new HeadListeners();
    private final CountDownLatch closing = new CountDownLatch(1);
    private @Nullable Connection connection;
    private @Nullable Thread listening;
    private boolean closed;

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

    private static PostgresMemoryStore open(PostgresLocation where, @Nullable String password, boolean create) {
        Connection connection = connect(where, password);
        try {
            if (!create && !Migrations.present(connection, where)) {
                throw new MemoryDatabaseException(("'%s' holds no MonoScale memory (schema '%s' has no schema_history);"
                        + " `monoscale onboard --db %s` creates one").formatted(where, where.schema(), where));
            }
            Migrations.bundled().migrate(connection, where, Instant.now());
            return new PostgresMemoryStore(where, password, connection);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof SQLException sql ? failed("opening", where, sql) : (RuntimeException) e;
        }
    }

    public PostgresLocation location() {
        return where;
    }

    @Override
    public Optional<RoutingMemory> head() {
        return locked("reading the head of", c -> read(c,
                "SELECT number, body FROM memory_version ORDER BY number DESC LIMIT 1").stream().findFirst());
    }

    @Override
    public Optional<RoutingMemory> find(MemoryVersion version) {
        return locked("reading " + version + " from", c -> read(c,
                "SELECT number, body FROM memory_version WHERE number = ?", version.number()).stream().findFirst());
    }

    @Override
    public List<RoutingMemory> history() {
        return locked("reading the history of",
                c -> read(c, "SELECT number, body FROM memory_version ORDER BY number"));
    }

    /**
     * Appends {@code next} in one committed transaction.
     *
     * @throws MemoryVersionConflictException if {@code next} was not built on the head, or another process
     *     appended a successor of the same head first; nothing is changed
     * @throws MemoryDatabaseException if the database cannot be written
     */
    @Override
    public void append(RoutingMemory next) {
        locked("appending " + next.version() + " to", c -> {
            c.setAutoCommit(false);
            try {
                MemoryStores.checkAppend(headVersion(c), next);
                insert(c, next);
                try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, where.schema() + " " + next.version().number());
                    notify.execute();
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    // unique_violation: another process appended a successor of the same head after our read
                    MemoryVersionConflictException conflict = new MemoryVersionConflictException(headVersion(c), next);
                    conflict.addSuppressed(e);
                    throw conflict;
                }
                throw e;
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    @Override
    public Subscription onNewHead(Consumer<MemoryVersion> listener) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the memory store '%s' is closed".formatted(where));
            }
            if (listening == null) {
                Connection listener0 = listen();
                try {
                    // read after LISTEN, so that an append committed in between is either in this head or notified
                    listeners.known(headVersion(listener0));
                } catch (SQLException e) {
                    closeQuietly(listener0);
                    throw failed("listening for new heads of", where, e);
                }
                listening = new Thread(() -> listen(listener0), "monoscale-memory-listen " + where.schema());
                listening.setDaemon(true);
                listening.start();
            }
            return listeners.add(listener);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connections and stops the listening thread; later calls fail. Closing twice does nothing. */
    @Override
    public void close() {
        Thread stopping;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closing.countDown();
            stopping = listening;
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            throw failed("closing", where, e);
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            try {
                stopping.join(LISTEN_WAIT.multipliedBy(20).toMillis());
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
            try {
                listener.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
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
                        listeners.heard(head);
                    }
                }
                PGNotification[] notifications = listener.unwrap(PGConnection.class)
                        .getNotifications(Math.toIntExact(LISTEN_WAIT.toMillis()));
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
                listeners.heard(MemoryVersion.of(Integer.parseInt(payload.substring(space + 1))));
            } catch (IllegalArgumentException notOurs) {
                // a NOTIFY sent by hand on our channel: nothing to report
            }
        }
    }

    /** Runs {@code work} on the store's connection, opening a new one if the last was lost. */
    private <T extends @Nullable Object> T locked(String operation, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the memory store '%s' is closed".formatted(where));
            }
            if (connection == null) {
                connection = connect(where, password);
            }
            return work.run(connection);
        } catch (SQLException e) {
            if (lost(e)) {
                // the next call opens a new connection
                closeQuietly(connection);
                connection = null;
            }
            throw failed(operation, where, e);
        } finally {
            lock.unlock();
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

    @FunctionalInterface
    private interface Work<T extends @Nullable Object> {
        T run(Connection connection) throws SQLException;
    }

    private static @Nullable MemoryVersion headVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT max(number) FROM memory_version")) {
            row.next();
            int number = row.getInt(1);
            return row.wasNull() ? null : MemoryVersion.of(number);
        }
    }

    private static void insert(Connection connection, RoutingMemory memory) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_version"
                + " (number, parent, created_at, outcome, body) VALUES (?, ?, ?, ?, CAST(? AS json))")) {
            insert.setInt(1, memory.version().number());
            if (memory.parent() == null) {
                insert.setNull(2, Types.INTEGER);
            } else {
                insert.setInt(2, memory.parent().number());
            }
            insert.setObject(3, OffsetDateTime.ofInstant(memory.createdAt(), ZoneOffset.UTC));
            insert.setString(4, memory.gate().outcome().name());
            insert.setString(5, MemoryJson.write(memory));
            insert.executeUpdate();
        }
    }

    private List<RoutingMemory> read(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<RoutingMemory> memories = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    memories.add(parse(rows.getInt(1), rows.getString(2)));
                }
            }
            return memories;
        }
    }

    private RoutingMemory parse(int number, String body) {
        RoutingMemory memory;
        try {
            memory = MemoryJson.read(body);
        } catch (IllegalArgumentException e) {
            throw new MemoryDatabaseException(("memory v%d in '%s' cannot be read (%s); the row was changed outside"
                    + " MonoScale").formatted(number, where, e.getMessage()), e);
        }
        if (memory.version().number() != number) {
            throw new MemoryDatabaseException(("the row for memory v%d in '%s' holds %s; the row was changed outside"
                    + " MonoScale").formatted(number, where, memory.version()));
        }
        return memory;
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

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already lost
            }
        }
    }

    private static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static MemoryDatabaseException failed(String operation, PostgresLocation where, SQLException e) {
        return new MemoryDatabaseException("%s '%s' failed: %s".formatted(operation, where, oneLine(e)), e);
    }
}
