package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import java.util.List;
import java.util.function.Predicate;

/**
 * A router over routing memory that can decide as if some of its entries were missing. The gate uses it to score
 * each warm-up task without that task's own example entries (leave-one-out), so an example gets no credit for
 * the task it records.
 */
public interface LeaveOut {

    /** π(· | task, step) over the whole pool, as if the memory lacked the entries {@code left} accepts. */
    Policy policyWithout(Task task, Subtask step, List<AgentId> inputProducers, Predicate<MemoryEntry> left);
}
