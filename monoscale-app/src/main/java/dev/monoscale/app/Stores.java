package dev.monoscale.app;

import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryStore;
import java.nio.file.Path;

/** Opens the memory store a command names. */
public final class Stores {

    private Stores() {}

    public static MemoryStore open(Path db) {
        return new InMemoryMemoryStore();
    }
}
