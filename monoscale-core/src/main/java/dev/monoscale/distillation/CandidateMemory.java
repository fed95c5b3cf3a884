package dev.monoscale.distillation;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.MemoryEntry;
import java.util.List;

/**
 * One proposal for the next memory: the entries to add to the current ones, and the new workers it would validate
 * (let the router use anywhere their cards match, as it uses the workers validated before), under a name for the gate
 * record.
 */
public record CandidateMemory(String name, List<MemoryEntry> added, List<AgentId> validates) {

    public CandidateMemory {
        added = List.copyOf(added);
        validates = List.copyOf(validates);
    }

    /** A candidate that only adds entries. */
    public CandidateMemory(String name, List<MemoryEntry> added) {
        this(name, added, List.of());
    }
}
