package dev.monoscale.store.sqlite;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.store.JdbcMemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A {@link MemoryStore} in one SQLite file, with one row per memory version in the table {@code memory_version}.
 *
 * <p>Every append is a single {@code BEGIN IMMEDIATE} transaction that reads the head, checks the new version
 * against it and inserts it, so it is atomic, and two appends built on one head cannot both land, whether
 * they come from two threads (a lock serializes use of the one connection) or two processes (SQLite's write
 * lock, held from the head read to the commit, with the primary key on the version number behind it). The
 * journal is a write-ahead log with {@code synchronous=FULL}: a commit is on disk when {@code append}
 * returns, even across a power cut, which costs one fsync per append, nothing next to the round that made
 * the version.
 *
 * <p>{@link #open} refuses a file that is not a MonoScale memory database without changing a byte of it.
 *
 * <p>{@link #onNewHead}: from the first subscription until the store is closed, a daemon thread polls the file
 * every {@link #POLL} through a read connection of its own, reading SQLite's {@code PRAGMA data_version} (which
 * changes when any other connection, in this process or another, commits) and the head when it changed, so a
 * listener hears of an append from any process within about one poll.
 */
public final class SqliteMemoryStore extends JdbcMemoryStore {

    /** How long an append waits for another process's write to finish before it fails. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** {@code PRAGMA application_id} of a MonoScale memory database: the bytes {@code MONO}, set by V1. */
    static final int APPLICATION_ID = 0x4D4F4E4F;

    /** How often a store with {@link #onNewHead} listeners looks for a new head. */
    static final Duration POLL = Duration.ofMillis(100);

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final Connection connection;
    private @Nullable ScheduledExecutorService poller;
    private @Nullable Connection reader;

    private SqliteMemoryStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens the memory database {@code file}, creating it (and its directory) if it is missing or empty, and
     * brings its schema up to date.
     *
     * @throws MemoryDatabaseException if the file is not a MonoScale memory database, was written by a newer
     *     MonoScale, or cannot be opened
     */
    public static SqliteMemoryStore open(Path file) {
        refuseIfNotSqlite(file);
        return open(connect(file), file, connection -> {
            Migrations migrations = Migrations.bundled();
            identify(connection, file, migrations);
            useWriteAheadLog(connection, file);
            migrations.migrate(connection, file, Instant.now());
            return new SqliteMemoryStore(file, connection);
        });
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    protected Path where() {
        return file;
    }

    @Override
    protected Connection connection() {
        return connection;
    }

    /**
     * {@code BEGIN IMMEDIATE ... COMMIT}: an append waits up to {@link #BUSY_TIMEOUT} while another process is
     * writing, and SQLite's write lock, held from the head read to the commit, keeps two appends built on one head
     * from both landing.
     */
    @Override
    protected <T extends @Nullable Object> T transaction(Connection connection, Work<T> work) throws SQLException {
        return Transactions.immediate(connection, () -> work.run(connection));
    }

    /** Another writer got in between; SQLite's write lock should make this unreachable. */
    @Override
    protected boolean conflict(SQLException e) {
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    @Override
    protected Object createdAt(Instant createdAt) {
        return createdAt.toString();
    }

    /** Starts the daemon thread that polls the file through a read connection of its own. */
    @Override
    protected void watch() {
        Connection reader = connect(file);
        try {
            listeners().known(headVersion(reader));
        } catch (SQLException e) {
            closeAfter(reader, e);
            throw failed("watching the head of", file, e);
        }
        this.reader = reader;
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "monoscale-memory-poll " + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        long every = POLL.toMillis();
        var unused = poller.scheduleWithFixedDelay(new Poll(reader), every, every, TimeUnit.MILLISECONDS);
    }

    /** One look at the file through the reader: the head, if {@code data_version} says something was committed. */
    private final class Poll implements Runnable {

        private final Connection reader;
        private long dataVersion = -1;

        Poll(Connection reader) {
            this.reader = reader;
        }

        @Override
        public void run() {
            try (Statement statement = reader.createStatement();
                    ResultSet row = statement.executeQuery("PRAGMA data_version")) {
                row.next();
                long now = row.getLong(1);
                if (now != dataVersion) {
                    dataVersion = now;
                    MemoryVersion head = headVersion(reader);
                    if (head != null) {
                        listeners().heard(head);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // busy or closing: the next poll looks again
            }
        }
    }

    /** Stops the poll, then closes the reader and the connection. */
    @Override
    protected void release() throws SQLException {
        if (poller != null) {
            poller.shutdownNow();
            try {
                if (!poller.awaitTermination(POLL.toMillis() * 50, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the head poll of '%s' did not stop".formatted(file));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing the memory store '%s'".formatted(file), e);
            }
        }
        if (reader != null) {
            reader.close();
        }
        connection.close();
    }

    @Override
    public String toString() {
        return "SqliteMemoryStore[" + file + "]";
    }

    /** Looks at the first bytes only, so that SQLite never touches, and never rewrites, a file that is not its own. */
    private static void refuseIfNotSqlite(Path file) {
        if (Files.isDirectory(file)) {
            throw new MemoryDatabaseException(
                    "'%s' is a directory, not a MonoScale memory database; give the path of a file, such as '%s'"
                            .formatted(file, file.resolve("memory.db")));
        }
        if (!Files.exists(file)) {
            return;
        }
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new MemoryDatabaseException("reading '%s' failed: %s".formatted(file, e.getMessage()), e);
        }
        if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
            throw notAMemoryDatabase(file, "it is not a SQLite file");
        }
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(BUSY_TIMEOUT.toMillis()));
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (IOException e) {
            throw new MemoryDatabaseException(
                    "creating the directory of '%s' failed: %s".formatted(file, e.getMessage()), e);
        } catch (SQLException e) {
            throw unreadable(e) ? notAMemoryDatabase(file, damaged(e)) : failed("opening", file, e);
        }
    }

    /**
     * Tells our database from a new one and from another application's, before anything is written: ours carries
     * our application id (and must not be from a newer MonoScale), a new one is empty.
     */
    private static void identify(Connection connection, Path file, Migrations migrations) throws SQLException {
        int applicationId;
        int objects;
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("PRAGMA application_id")) {
                row.next();
                applicationId = row.getInt(1);
            }
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                row.next();
                objects = row.getInt(1);
            }
            try (ResultSet rows = statement.executeQuery("""
                    SELECT name FROM sqlite_schema
                    WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e) ? notAMemoryDatabase(file, damaged(e)) : failed("opening", file, e);
        }
        if (applicationId == APPLICATION_ID) {
            migrations.check(connection, file);
        } else if (applicationId != 0 || objects > 0) {
            String what = tables.isEmpty() ? "application id " + applicationId : "tables " + String.join(", ", tables);
            throw new MemoryDatabaseException(("'%s' is not a MonoScale memory database (it is a SQLite database"
                            + " of another application, with %s); choose another path, MonoScale does not add its tables"
                            + " to another database")
                    .formatted(file, what));
        }
    }

    private static void useWriteAheadLog(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            row.next();
            String mode = row.getString(1);
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new MemoryDatabaseException(("'%s' cannot use a write-ahead log (SQLite kept journal mode"
                                + " '%s'); keep the memory on a local disk")
                        .formatted(file, mode));
            }
        }
    }

    /** True if SQLite found the file is not a database or is corrupt, as opposed to, say, locked. */
    private static boolean unreadable(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xFF;
        return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
    }

    private static String damaged(SQLException e) {
        return "it starts like a SQLite file but SQLite cannot read it: " + e.getMessage();
    }

    private static MemoryDatabaseException notAMemoryDatabase(Path file, String why) {
        return new MemoryDatabaseException(
                "'%s' is not a MonoScale memory database (%s); move it away or choose another path for the memory"
                        .formatted(file, why));
    }
}
