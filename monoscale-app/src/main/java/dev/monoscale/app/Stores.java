package dev.monoscale.app;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;

/** Opens the memory store a command names: an SQLite file, the embedded default. */
public final class Stores {

    private Stores() {}

    public static MemoryStore open(Path db) {
        return SqliteMemoryStore.open(db);
    }
}
