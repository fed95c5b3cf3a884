package dev.monoscale.store;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.memory.HeadListeners;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryStores;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.MemoryVersionConflictException;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.MemoryDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC logic of a SQL {@link MemoryStore}: one row per version in the table {@code memory_version (number,
 * parent, created_at, outcome, body)}, the body in {@link MemoryJson}'s stored form. Reads, the checked append and
 * the subscription bookkeeping are here; a dialect gives its connection, its write transaction, what a lost race
 * looks like, how it hears of other processes' appends and how it closes.
 *
 * <p>Every operation runs under one lock on the store's connection, after checking that the store is open; a
 * {@link SQLException} becomes a one-line {@link MemoryDatabaseException} naming the operation and the database.
 */
public abstract class JdbcMemoryStore implements MemoryStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final HeadListeners listeners = new HeadListeners();
    private boolean watching;
    private boolean closed;

    /** JDBC work on a connection. */
    @FunctionalInterface
    protected interface Work<T extends @Nullable Object> {
        T run(Connection connection) throws SQLException;
    }

    /** The database as messages name it: a file, or a PostgreSQL location. */
    protected abstract Object where();

    /** The connection to run an operation on; called under the lock. */
    protected abstract Connection connection() throws SQLException;

    /** Runs {@code work} in one committed write transaction on {@code connection}, rolled back if it throws. */
    protected abstract <T extends @Nullable Object> T transaction(Connection connection, Work<T> work)
            throws SQLException;

    /** True if {@code e} says another writer inserted the same version first (a key or uniqueness violation). */
    protected abstract boolean conflict(SQLException e);

    /** The parameter of the {@code body} column in the insert, such as {@code ?} or {@code CAST(? AS json)}. */
    protected String bodyParameter() {
        return "?";
    }

    /** {@code createdAt} as the {@code created_at} column takes it. */
    protected abstract Object createdAt(Instant createdAt);

    /** Called inside the append's transaction after the insert, such as to notify other processes. */
    protected void appended(Connection connection, RoutingMemory memory) throws SQLException {}

    /**
     * Starts hearing of appends from other connections, with {@link #listeners()}: called under the lock at the
     * first subscription.
     */
    protected abstract void watch();

    /** Called under the lock when an operation failed with {@code e}, such as to drop a lost connection. */
    protected void failedWith(SQLException e) {}

    /** Releases connections and threads; called once, under the lock, by {@link #close}. */
    protected abstract void release() throws SQLException;

    /** Called once by {@link #close} after the lock is released, such as to wait for a thread to end. */
    protected void released() {}

    protected final HeadListeners listeners() {
        return listeners;
    }

    @Override
    public final Optional<RoutingMemory> head() {
        return locked(
                "reading the head of",
                c -> read(c, "SELECT number, body FROM memory_version ORDER BY number DESC LIMIT 1").stream()
                        .findFirst());
    }

    @Override
    public final Optional<RoutingMemory> find(MemoryVersion version) {
        return locked(
                "reading " + version + " from",
                c -> read(c, "SELECT number, body FROM memory_version WHERE number = ?", version.number()).stream()
                        .findFirst());
    }

    @Override
    public final List<RoutingMemory> history() {
        return locked(
                "reading the history of", c -> read(c, "SELECT number, body FROM memory_version ORDER BY number"));
    }

    /**
     * Appends {@code next} in one committed transaction.
     *
     * @throws MemoryVersionConflictException if {@code next} was not built on the head, or another writer appended a
     *     successor of the same head first; nothing is changed
     * @throws MemoryDatabaseException if the database cannot be written
     */
    @Override
    public final void append(RoutingMemory next) {
        locked("appending " + next.version() + " to", c -> {
            try {
                return transaction(c, t -> {
                    MemoryStores.checkAppend(headVersion(t), next);
                    insert(t, next);
                    appended(t, next);
                    return null;
                });
            } catch (SQLException e) {
                if (conflict(e)) {
                    MemoryVersionConflictException conflict = new MemoryVersionConflictException(headVersion(c), next);
                    conflict.addSuppressed(e);
                    throw conflict;
                }
                throw e;
            }
        });
    }

    @Override
    public final Subscription onNewHead(Consumer<MemoryVersion> listener) {
        lock.lock();
        try {
            open();
            if (!watching) {
                watch();
                watching = true;
            }
            return listeners.add(listener);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connections and stops watching; later calls fail. Closing twice does nothing. */
    @Override
    public final void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            release();
        } catch (SQLException e) {
            throw failed("closing", where(), e);
        } finally {
            lock.unlock();
        }
        released();
    }

    /** Runs {@code work} on the store's connection under the lock. */
    protected final <T extends @Nullable Object> T locked(String operation, Work<T> work) {
        lock.lock();
        try {
            open();
            return work.run(connection());
        } catch (SQLException e) {
            failedWith(e);
            throw failed(operation, where(), e);
        } finally {
            lock.unlock();
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the memory store '%s' is closed".formatted(where()));
        }
    }

    /** The newest version's number, or null when the store is empty. */
    protected static @Nullable MemoryVersion headVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT max(number) FROM memory_version")) {
            row.next();
            int number = row.getInt(1);
            return row.wasNull() ? null : MemoryVersion.of(number);
        }
    }

    private void insert(Connection connection, RoutingMemory memory) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_version"
                + " (number, parent, created_at, outcome, body) VALUES (?, ?, ?, ?, " + bodyParameter() + ")")) {
            insert.setInt(1, memory.version().number());
            if (memory.parent() == null) {
                insert.setNull(2, Types.INTEGER);
            } else {
                insert.setInt(2, memory.parent().number());
            }
            insert.setObject(3, createdAt(memory.createdAt()));
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
            memory = MemoryJson.read(body, "body");
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new MemoryDatabaseException(
                    ("memory v%d in '%s' cannot be read (%s); the row was changed outside" + " MonoScale")
                            .formatted(number, where(), e.getMessage()),
                    e);
        }
        if (memory.version().number() != number) {
            throw new MemoryDatabaseException(
                    ("the row for memory v%d in '%s' holds %s; the row was changed outside" + " MonoScale")
                            .formatted(number, where(), memory.version()));
        }
        return memory;
    }

    /**
     * Readies a new connection for a store (identifies and migrates the database) and builds the store on it; if that
     * fails, the connection is closed and a {@link SQLException} is reported as a failure to open {@code where}.
     */
    protected static <S extends JdbcMemoryStore> S open(Connection connection, Object where, Work<S> build) {
        try {
            return build.run(connection);
        } catch (SQLException | RuntimeException e) {
            closeAfter(connection, e);
            throw e instanceof SQLException sql ? failed("opening", where, sql) : (RuntimeException) e;
        }
    }

    /**
     * Closes {@code connection} after {@code failure}, keeping a failure to close as suppressed;
     * gives back {@code failure}.
     */
    protected static <E extends Exception> E closeAfter(Connection connection, E failure) {
        try {
            connection.close();
        } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
        }
        return failure;
    }

    /** Closes {@code connection}, if any, ignoring a failure: it is being given up. */
    protected static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already lost
            }
        }
    }

    /** The driver's message on one line. */
    protected static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    protected static MemoryDatabaseException failed(String operation, Object where, SQLException e) {
        return new MemoryDatabaseException("%s '%s' failed: %s".formatted(operation, where, oneLine(e)), e);
    }
}
