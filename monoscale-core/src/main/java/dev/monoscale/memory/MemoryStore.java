package dev.monoscale.memory;

import java.util.List;
import java.util.Optional;

/**
 * The durable history of routing memory.
 *
 * <p>History is linear and append-only: {@link #append} succeeds only if the new version's parent is the
 * current head (or, for version 0, if the store is empty), so two rounds started from one head cannot both
 * land. Nothing is ever deleted or rewritten; a rollback appends a version. Implementations are thread-safe,
 * and an append is atomic: after a crash the store holds either all of a version or none of it.
 */
public interface MemoryStore extends AutoCloseable {

    /** The newest version; empty only for a store nothing was appended to. */
    Optional<RoutingMemory> head();

    Optional<RoutingMemory> find(MemoryVersion version);

    /** Every version, oldest first. */
    List<RoutingMemory> history();

    /** @throws MemoryVersionConflictException if {@code next} was not built on the current head */
    void append(RoutingMemory next);

    @Override
    default void close() {}
}
