package dev.monoscale.distillation;

import dev.monoscale.memory.MemoryEntry;
import java.util.List;

/** One proposal for the next memory: the entries to add to the current ones, under a name for the gate record. */
public record CandidateMemory(String name, List<MemoryEntry> added) {

    public CandidateMemory {
        added = List.copyOf(added);
    }
}
