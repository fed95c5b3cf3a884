package dev.monoscale.app;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.postgres.PostgresLocation;
import dev.monoscale.store.postgres.PostgresMemoryStore;
import dev.monoscale.store.sqlite.SqliteMemoryStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens the memory store a command's {@code --db} names: a path is an SQLite file, the embedded default; a
 * {@code postgresql://USER@HOST[:PORT]/DATABASE[?schema=NAME]} URL is a memory that several processes share, with
 * the password in the environment variable {@value PostgresLocation#PASSWORD_ENV} (a URL holding one is refused).
 * Any other {@code scheme:} is refused in one line rather than taken for a file name.
 */
public final class Stores {

    /** What {@code --db} may be, for error messages. */
    public static final String ALLOWED = "an SQLite file path, or " + PostgresLocation.FORM;

    /** A URL scheme: two characters or more, so that a Windows drive letter stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private Stores() {}

    /** Opens (creating when absent) the memory {@code db} names, with the password from the process environment. */
    public static MemoryStore open(String db) {
        return open(db, System::getenv);
    }

    /**
     * Opens (creating when absent) the memory {@code db} names.
     *
     * @param environment where the PostgreSQL password is looked up
     * @throws InvalidInputException if {@code db} is neither a path nor a PostgreSQL URL without a password
     */
    public static MemoryStore open(String db, Function<String, @Nullable String> environment) {
        return switch (where(db)) {
            case Where.File file -> SqliteMemoryStore.open(file.path());
            case Where.Postgres postgres -> PostgresMemoryStore.open(postgres.location(), password(environment));
        };
    }

    public static MemoryStore open(Path db) {
        return SqliteMemoryStore.open(db);
    }

    /**
     * Opens the memory {@code db} names if it exists: a command that only reads or routes never creates one.
     *
     * @param allowed what to say a missing memory should be instead
     */
    public static MemoryStore openExisting(String db, String allowed) {
        return switch (where(db)) {
            case Where.File file -> {
                if (!Files.exists(file.path())) {
                    throw new InvalidInputException("--db", "db", "'" + db + "' (not found)", allowed);
                }
                notAMemory(file.path()).ifPresent(why -> {
                    throw new InvalidInputException("--db", "db", "'" + db + "' (" + why + ")", allowed);
                });
                yield SqliteMemoryStore.open(file.path());
            }
            case Where.Postgres postgres ->
                PostgresMemoryStore.openExisting(postgres.location(), password(System::getenv));
        };
    }

    /**
     * Why an existing file cannot be a MonoScale memory although the store would open it, read from its header without
     * opening it as a database: an empty file, or an SQLite database without a table. The store creates a memory in
     * both, and a command that only reads must not. Anything else is left to the store, which refuses other files and
     * other applications' databases itself.
     */
    static java.util.Optional<String> notAMemory(Path file) {
        if (Files.isDirectory(file)) {
            return java.util.Optional.of("a directory");
        }
        byte[] header = new byte[100];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (java.io.IOException e) {
            return java.util.Optional.of("unreadable: " + e.getMessage());
        }
        if (read == 0) {
            return java.util.Optional.of("an empty file, not a memory database");
        }
        byte[] magic = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (read < header.length || !java.util.Arrays.equals(header, 0, magic.length, magic, 0, magic.length)) {
            return java.util.Optional.empty(); // not SQLite at all: the store refuses it in its own words
        }
        int pages = java.nio.ByteBuffer.wrap(header, 28, 4).getInt();
        int applicationId = java.nio.ByteBuffer.wrap(header, 68, 4).getInt();
        // one page and no application id: an SQLite database with no table, which opening would turn into a memory (one
        // with tables is another application's, which the store names); a -wal file may hold a newer header
        if (applicationId == 0 && pages <= 1 && !Files.exists(Path.of(file + "-wal"))) {
            return java.util.Optional.of("an empty SQLite database, not a memory");
        }
        return java.util.Optional.empty();
    }

    /** The SQLite file {@code db} names when it does not exist yet; empty for an existing file or a PostgreSQL URL. */
    public static java.util.Optional<Path> absentFile(String db) {
        return readable(db)
                .flatMap(where -> where instanceof Where.File file && !Files.exists(file.path())
                        ? java.util.Optional.of(file.path())
                        : java.util.Optional.empty());
    }

    /** Where {@code db} points, or empty if it names nothing a store can open (the command then reports why). */
    private static java.util.Optional<Where> readable(String db) {
        try {
            return java.util.Optional.of(where(db));
        } catch (InvalidInputException e) {
            return java.util.Optional.empty();
        }
    }

    /** A memory that a command is about to create, which it removes again if it fails before a round is in it. */
    @FunctionalInterface
    public interface NewMemory {
        /** Removes the memory if it holds no version past v0; best effort, never throws. */
        void discardIfNoRound();
    }

    /**
     * The memory {@code db} names if it does not exist yet (an SQLite file that is absent, a PostgreSQL location
     * without a memory), read before a command that may create it starts; empty for an existing memory, or one that
     * cannot be read (the command then reports why).
     */
    public static java.util.Optional<NewMemory> newMemory(String db) {
        return readable(db).flatMap(Stores::newMemory);
    }

    private static java.util.Optional<NewMemory> newMemory(Where where) {
        return switch (where) {
            case Where.File file ->
                Files.exists(file.path())
                        ? java.util.Optional.empty()
                        : java.util.Optional.of(() -> discardIfNoRound(file.path()));
            case Where.Postgres postgres -> {
                String password = password(System::getenv);
                yield PostgresMemoryStore.fresh(postgres.location(), password)
                        .map(fresh -> () -> PostgresMemoryStore.discardIfNoRound(fresh, password));
            }
        };
    }

    /**
     * Deletes the SQLite memory {@code file} (with its {@code -wal}, {@code -shm} and {@code -journal} files) if it
     * holds no version past v0: what a failed command created, which must not be left looking like a started memory.
     */
    public static void discardIfNoRound(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (MemoryStore store = SqliteMemoryStore.open(file)) {
            if (store.history().size() > 1) {
                return;
            }
        } catch (RuntimeException e) {
            // not a memory we can read: it is still the file this command created
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (java.io.IOException e) {
                // best effort: the failure being reported matters more
            }
        }
    }

    /** The head of an existing {@code db}, or {@code fallback} without one or while it is empty. */
    public static RoutingMemory memory(@Nullable String db, RoutingMemory fallback) {
        return memory(db, null, fallback, (store, version) -> {
            throw new IllegalStateException("no version was asked for");
        });
    }

    /**
     * The memory to route with: without {@code db}, {@code fallback}; with it, the database's head (or
     * {@code fallback} while it is empty), or the version {@code pick} reads when {@code version} names one. A
     * {@code db} that does not exist is an input error: routing never creates a database.
     */
    public static RoutingMemory memory(
            @Nullable String db,
            @Nullable String version,
            RoutingMemory fallback,
            BiFunction<MemoryStore, String, RoutingMemory> pick) {
        if (db == null) {
            return fallback;
        }
        try (MemoryStore store = openExisting(db, "an existing memory database")) {
            return version == null ? store.head().orElse(fallback) : pick.apply(store, version);
        }
    }

    /** What a {@code --db} value names. */
    sealed interface Where {
        record File(Path path) implements Where {}

        record Postgres(PostgresLocation location) implements Where {}
    }

    /**
     * Reads a {@code --db} value.
     *
     * @throws InvalidInputException for a scheme other than {@code postgresql:} or {@code postgres:}, a PostgreSQL
     *     URL that is malformed or holds a password, or a path the file system cannot have
     */
    static Where where(String db) {
        if (PostgresLocation.isUrl(db)) {
            return new Where.Postgres(PostgresLocation.parse(db, "--db"));
        }
        Matcher scheme = SCHEME.matcher(db);
        if (scheme.find()) {
            // the value is echoed, so a password in it is hidden first
            String shown = db.replaceFirst("^([^:/]+://[^:/@]*):[^@/]*@", "$1:***@");
            throw new InvalidInputException(
                    "--db", "db", "'%s' (scheme '%s' is not supported)".formatted(shown, scheme.group(1)), ALLOWED);
        }
        try {
            return new Where.File(Path.of(db));
        } catch (InvalidPathException e) {
            throw new InvalidInputException("--db", "db", "'%s' (%s)".formatted(db, e.getReason()), ALLOWED);
        }
    }

    private static @Nullable String password(Function<String, @Nullable String> environment) {
        String password = environment.apply(PostgresLocation.PASSWORD_ENV);
        return password == null || password.isEmpty() ? null : password;
    }
}
