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
                yield SqliteMemoryStore.open(file.path());
            }
            case Where.Postgres postgres ->
                    PostgresMemoryStore.openExisting(postgres.location(), password(System::getenv));
        };
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
    public static RoutingMemory memory(@Nullable String db, @Nullable String version, RoutingMemory fallback,
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
            throw new InvalidInputException("--db", "db",
                    "'%s' (scheme '%s' is not supported)".formatted(shown, scheme.group(1)), ALLOWED);
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
