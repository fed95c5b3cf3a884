package dev.monoscale.distillation;

import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The name of the candidate that validates the round's new workers ({@link #cards}). */
    public static final String CARDS = "cards";

    /**
     * The candidate that adds {@code widest} (the entries of a distiller's widest candidate) and validates the round's
     * {@code newcomers}: the router may then use them wherever their cards match a step, not only where an entry
     * prefers them. Every distiller ends its list with it, for an entry needs a pattern the warm-up probed often
     * enough, and a new worker whose card is honest is also the best worker for steps its few warm-up tasks never
     * probed. The gate weighs it like any other candidate.
     */
    public static CandidateMemory cards(List<MemoryEntry> widest, List<AgentId> newcomers) {
        return new CandidateMemory(CARDS, widest, newcomers);
    }

    /** A candidate that only adds entries. */
    public CandidateMemory(String name, List<MemoryEntry> added) {
        this(name, added, List.of());
    }

    /**
     * The memory this candidate would make of {@code head}, as the gate weighs it: head's entries then this one's,
     * head's validated workers then the ones this one validates, with no gate record yet.
     */
    public RoutingMemory appliedTo(RoutingMemory head, Instant createdAt) {
        return appliedTo(head, GateRecord.initial(), createdAt);
    }

    /** As {@link #appliedTo(RoutingMemory, Instant)}, with the gate record that decided it. */
    public RoutingMemory appliedTo(RoutingMemory head, GateRecord gate, Instant createdAt) {
        List<MemoryEntry> entries = new ArrayList<>(head.entries());
        entries.addAll(added);
        return head.next(head.validatedWith(validates), entries, gate, createdAt);
    }
}
