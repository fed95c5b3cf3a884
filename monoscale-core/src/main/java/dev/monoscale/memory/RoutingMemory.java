package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param probes the evidence of the round that made the version: per new worker, the patterns probed with their
 *     success rates and intervals; empty for the initial version, rollbacks and versions stored before it was kept
 */
public record RoutingMemory(
        MemoryVersion version,
        @Nullable MemoryVersion parent,
        List<AgentId> validated,
        List<MemoryEntry> entries,
        GateRecord gate,
        Instant createdAt,
        List<Probe> probes) {

    public RoutingMemory {
        validated = List.copyOf(validated);
        entries = List.copyOf(entries);
        probes = List.copyOf(probes);
        if (parent != null && parent.compareTo(version) >= 0) {
            throw new IllegalArgumentException("memory %s cannot have the later parent %s".formatted(version, parent));
        }
        long distinct = entries.stream().map(MemoryEntry::id).distinct().count();
        if (distinct != entries.size()) {
            throw new IllegalArgumentException("memory %s has two entries with one id".formatted(version));
        }
    }

    /** A version without the evidence of a round. */
    public RoutingMemory(
            MemoryVersion version,
            @Nullable MemoryVersion parent,
            List<AgentId> validated,
            List<MemoryEntry> entries,
            GateRecord gate,
            Instant createdAt) {
        this(version, parent, validated, entries, gate, createdAt, List.of());
    }

    /** The same version with the evidence of the round that made it. */
    public RoutingMemory withProbes(List<Probe> probes) {
        return new RoutingMemory(version, parent, validated, entries, gate, createdAt, probes);
    }

    /** The first version: no entries, the initial pool validated. */
    public static RoutingMemory initial(List<AgentId> validated, Instant createdAt) {
        return new RoutingMemory(MemoryVersion.INITIAL, null, validated, List.of(), GateRecord.initial(), createdAt);
    }

    /** The version that follows this one, with the given content and record. */
    public RoutingMemory next(List<AgentId> validated, List<MemoryEntry> entries, GateRecord gate, Instant createdAt) {
        return new RoutingMemory(version.next(), version, validated, entries, gate, createdAt);
    }

    /** This version's validated workers, then those of {@code more} it does not validate yet, in order. */
    public List<AgentId> validatedWith(List<AgentId> more) {
        List<AgentId> out = new ArrayList<>(validated);
        more.stream().filter(id -> !out.contains(id)).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * The version this one was built on.
     *
     * @return the parent; empty for version 0
     */
    public Optional<MemoryVersion> parentVersion() {
        return Optional.ofNullable(parent);
    }

    /**
     * The entry {@code id} of this version.
     *
     * @param id an entry's id
     * @return the entry, or empty if this version has none of that id
     */
    public Optional<MemoryEntry> entry(MemoryEntryId id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
    }
}
