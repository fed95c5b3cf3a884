package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between two memory versions, entry by entry, and which workers became validated or stopped being so.
 *
 * @param validated the workers {@code to} validates and {@code from} did not
 * @param unvalidated the workers {@code from} validated and {@code to} does not (a rollback past a validation)
 */
public record MemoryDiff(
        MemoryVersion from,
        MemoryVersion to,
        List<MemoryEntry> added,
        List<MemoryEntry> removed,
        List<MemoryEntry> changed,
        List<AgentId> validated,
        List<AgentId> unvalidated) {

    public MemoryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        validated = List.copyOf(validated);
        unvalidated = List.copyOf(unvalidated);
    }

    /**
     * The entries {@code to} added, removed and changed relative to {@code from}, matched by id.
     *
     * @param from the earlier version
     * @param to the later version
     * @return the difference, each list in id order
     */
    public static MemoryDiff between(RoutingMemory from, RoutingMemory to) {
        Map<MemoryEntryId, MemoryEntry> before = new TreeMap<>();
        from.entries().forEach(entry -> before.put(entry.id(), entry));
        Map<MemoryEntryId, MemoryEntry> after = new TreeMap<>();
        to.entries().forEach(entry -> after.put(entry.id(), entry));
        List<MemoryEntry> added = new ArrayList<>();
        List<MemoryEntry> changed = new ArrayList<>();
        after.forEach((id, entry) -> {
            MemoryEntry old = before.get(id);
            if (old == null) {
                added.add(entry);
            } else if (!old.equals(entry)) {
                changed.add(entry);
            }
        });
        List<MemoryEntry> removed = before.entrySet().stream()
                .filter(e -> !after.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        List<AgentId> validated = to.validated().stream()
                .filter(id -> !from.validated().contains(id))
                .toList();
        List<AgentId> unvalidated = from.validated().stream()
                .filter(id -> !to.validated().contains(id))
                .toList();
        return new MemoryDiff(from.version(), to.version(), added, removed, changed, validated, unvalidated);
    }

    /**
     * Whether the two versions have the same entries and validate the same workers.
     *
     * @return true if nothing was added, removed, changed, validated or unvalidated
     */
    public boolean isEmpty() {
        return added.isEmpty()
                && removed.isEmpty()
                && changed.isEmpty()
                && validated.isEmpty()
                && unvalidated.isEmpty();
    }
}
