package dev.monoscale.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link MemoryStore} that lives as long as the process: for tests and for benchmarks that keep nothing. Only
 * this instance can share its memory, and it tells {@link #onNewHead} listeners of an append on the appending
 * thread, before {@code append} returns.
 */
public final class InMemoryMemoryStore implements MemoryStore {

    private final List<RoutingMemory> versions = new ArrayList<>();
    private final HeadListeners listeners = new HeadListeners();

    @Override
    public synchronized Optional<RoutingMemory> head() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    @Override
    public synchronized Optional<RoutingMemory> find(MemoryVersion version) {
        return version.number() < versions.size() ? Optional.of(versions.get(version.number())) : Optional.empty();
    }

    @Override
    public synchronized List<RoutingMemory> history() {
        return List.copyOf(versions);
    }

    @Override
    public void append(RoutingMemory next) {
        synchronized (this) {
            MemoryStores.checkAppend(head().map(RoutingMemory::version).orElse(null), next);
            versions.add(next);
        }
        listeners.heard(next.version());
    }

    @Override
    public Subscription onNewHead(Consumer<MemoryVersion> listener) {
        return listeners.add(listener);
    }
}
