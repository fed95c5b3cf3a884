package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of the router's natural-language memory, with the gate record that made it.
 *
 * <p>{@code validated} are the workers the router may use anywhere; any other worker of the pool gets
 * probability only on steps where a retrieved entry prefers it (the conservative lift, DESIGN.md §3).
 *
 * @param createdAt when the version was made, from the injected clock
 */
public record RoutingMemory(
        MemoryVersion version,
        @Nullable MemoryVersion parent,
        List<AgentId> validated,
        List<MemoryEntry> entries,
        GateRecord gate,
        Instant createdAt) {

    public RoutingMemory {
        validated = List.copyOf(validated);
        entries = List.copyOf(entries);
        if (parent != null && parent.compareTo(version) >= 0) {
            throw new IllegalArgumentException("memory %s cannot have the later parent %s".formatted(version, parent));
        }
        long distinct = entries.stream().map(MemoryEntry::id).distinct().count();
        if (distinct != entries.size()) {
            throw new IllegalArgumentException("memory %s has two entries with one id".formatted(version));
        }
    }

    /** The first version: no entries, the initial pool validated. */
    public static RoutingMemory initial(List<AgentId> validated, Instant createdAt) {
        return new RoutingMemory(MemoryVersion.INITIAL, null, validated, List.of(), GateRecord.initial(), createdAt);
    }

    /** The version that follows this one, with the given content and record. */
    public RoutingMemory next(List<AgentId> validated, List<MemoryEntry> entries, GateRecord gate, Instant createdAt) {
        return new RoutingMemory(version.next(), version, validated, entries, gate, createdAt);
    }

    public Optional<MemoryVersion> parentVersion() {
        return Optional.ofNullable(parent);
    }

    public Optional<MemoryEntry> entry(MemoryEntryId id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
    }
}
