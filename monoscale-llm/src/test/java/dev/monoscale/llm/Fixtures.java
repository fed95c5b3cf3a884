package dev.monoscale.llm;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.time.Instant;
import java.util.List;

/** Small readable test data. */
final class Fixtures {

    private Fixtures() {}

    static AgentCard card(String id, String description, String skill) {
        return new AgentCard(
                AgentId.of(id),
                id,
                description,
                List.of(new Skill(id + "-skill", skill, skill, List.of(), List.of())),
                List.of("text/plain"),
                List.of("text/plain"),
                List.of(),
                "1");
    }

    static final AgentCard LEDGER = card("ledger", "Keeps the books", "reconcile invoices against the ledger");
    static final AgentCard WRITER = card("writer", "Writes letters", "write polite letters to customers");
    static final AgentCard AUDITOR = card("auditor", "Audits accounts", "audit invoices and find mistakes");
    static final Pool POOL = Pool.of(List.of(LEDGER, WRITER, AUDITOR));

    /** Memory v0 with ledger and writer validated. */
    static RoutingMemory initial() {
        return RoutingMemory.initial(List.of(LEDGER.id(), WRITER.id()), Instant.EPOCH);
    }

    /** v1: ledger and writer validated, and the entries given. */
    static RoutingMemory with(MemoryEntry... entries) {
        return initial().next(initial().validated(), List.of(entries), GateRecord.initial(), Instant.EPOCH);
    }

    static MemoryEntry prefer(String id, String pattern, AgentId worker) {
        return new MemoryEntry(
                MemoryEntryId.of(id),
                pattern,
                "Send steps like '" + pattern + "' to " + worker + ".",
                List.of(WorkerGuidance.prefer(worker)),
                new Evidence(List.of("w1#0"), 4, 4),
                0.9);
    }

    static Task task(String text) {
        return new Task(TaskId.of("t1"), text, List.of(new Subtask(0, text, List.of())));
    }
}
