package dev.monoscale.app.service;

import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MemoryHead} that reads the store's head every {@code interval} on one scheduled thread, so a version
 * appended by another process ({@code onboard}, {@code memory rollback}) is routed with within an interval, without
 * a restart. A failed read keeps the last head (and is counted by {@link #failedReads()}); the store's health is
 * reported by the API, not here.
 */
public final class PolledMemoryHead implements MemoryHead, AutoCloseable {

    private final MemoryStore store;
    private final ScheduledExecutorService poller;
    private volatile RoutingMemory head;
    private final AtomicLong failedReads = new AtomicLong();

    private PolledMemoryHead(MemoryStore store, RoutingMemory fallback, Duration interval) {
        this.store = store;
        this.head = store.head().orElse(fallback);
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("memory-head").factory());
        var unused = poller.scheduleWithFixedDelay(
                this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Follows {@code store}'s head, read every {@code interval}; {@code fallback} while the store is empty. */
    public static PolledMemoryHead of(MemoryStore store, RoutingMemory fallback, Duration interval) {
        return new PolledMemoryHead(store, fallback, interval);
    }

    /** Reads the head now; the poller calls this on its schedule. */
    void poll() {
        try {
            store.head().filter(next -> !next.version().equals(head.version())).ifPresent(next -> head = next);
        } catch (RuntimeException e) {
            failedReads.incrementAndGet();
        }
    }

    @Override
    public RoutingMemory current() {
        return head;
    }

    long failedReads() {
        return failedReads.get();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
