package dev.monoscale.app;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.sqlite.SqliteMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Opens the memory store a command names: an SQLite file, the embedded default. */
public final class Stores {

    private Stores() {}

    public static MemoryStore open(Path db) {
        return SqliteMemoryStore.open(db);
    }

    /** The head of an existing {@code db}, or {@code fallback} without one or while it is empty. */
    public static RoutingMemory memory(@Nullable Path db, RoutingMemory fallback) {
        return memory(db, null, fallback, (store, version) -> {
            throw new IllegalStateException("no version was asked for");
        });
    }

    /**
     * The memory to route with: without {@code db}, {@code fallback}; with it, the database's head (or
     * {@code fallback} while it is empty), or the version {@code pick} reads when {@code version} names one. A
     * {@code db} that does not exist is an input error: routing never creates a database.
     */
    public static RoutingMemory memory(@Nullable Path db, @Nullable String version, RoutingMemory fallback,
            BiFunction<MemoryStore, String, RoutingMemory> pick) {
        if (db == null) {
            return fallback;
        }
        if (!Files.exists(db)) {
            throw new InvalidInputException("--db", "db", "'" + db + "' (not found)", "an existing memory database");
        }
        try (MemoryStore store = open(db)) {
            return version == null ? store.head().orElse(fallback) : pick.apply(store, version);
        }
    }
}
