package dev.monoscale.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link MemoryStore} that lives as long as the process: for tests and for benchmarks that keep nothing. */
public final class InMemoryMemoryStore implements MemoryStore {

    private final List<RoutingMemory> versions = new ArrayList<>();

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
    public synchronized void append(RoutingMemory next) {
        MemoryStores.checkAppend(head().map(RoutingMemory::version).orElse(null), next);
        versions.add(next);
    }
}
