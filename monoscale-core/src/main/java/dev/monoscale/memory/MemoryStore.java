package dev.monoscale.memory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable history of routing memory.
 *
 * <p>History is linear and append-only: {@link #append} succeeds only if the new version's parent is the
 * current head (or, for version 0, if the store is empty), so two rounds started from one head cannot both
 * land. Nothing is ever deleted or rewritten; a rollback appends a version. Implementations are thread-safe,
 * and an append is atomic: after a crash the store holds either all of a version or none of it.
 *
 * <p>Several stores may share one memory (two processes on one SQLite file, CLI runs and service replicas on one
 * PostgreSQL schema): the head check is then made by the database, so of two appends built on one head exactly
 * one lands wherever they come from, and {@link #onNewHead} tells a long-running reader when to read again.
 */
public interface MemoryStore extends AutoCloseable {

    /** The newest version; empty only for a store nothing was appended to. */
    Optional<RoutingMemory> head();

    /**
     * One version of the history.
     *
     * @param version the version's number
     * @return the version, or empty if the store has none of that number
     */
    Optional<RoutingMemory> find(MemoryVersion version);

    /** Every version, oldest first. */
    List<RoutingMemory> history();

    /** @throws MemoryVersionConflictException if {@code next} was not built on the current head */
    void append(RoutingMemory next);

    /**
     * Calls {@code listener} with the head's version after each append that lands on this memory, from this store
     * or from any other sharing it, until the returned subscription is closed. The store calls listeners on a
     * thread of its own, one at a time and in the order they subscribed, with increasing versions; appends that
     * land in quick succession may be reported once, with the newest, so a listener reads {@link #head()} (or
     * {@link #find} the version it was given) rather than counting calls. How soon a listener hears of an append
     * made elsewhere is the store's to say: at once in memory, on the next poll for a file, on the commit's
     * notification for a server. An exception a listener throws is dropped: it neither fails an append nor stops
     * later calls.
     */
    Subscription onNewHead(Consumer<MemoryVersion> listener);

    /** Stops the calls of one {@link #onNewHead} listener; closing it again does nothing. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {}
}
