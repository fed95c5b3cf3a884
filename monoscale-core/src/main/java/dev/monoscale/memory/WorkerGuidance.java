package dev.monoscale.memory;

import dev.monoscale.core.AgentId;
import java.util.List;

/**
 * One worker-specific instruction inside a memory entry.
 *
 * @param afterWorkers for {@link Stance#CONSTRAIN}: the workers whose output the worker must not receive;
 *     empty for the other stances
 */
public record WorkerGuidance(AgentId worker, Stance stance, List<AgentId> afterWorkers) {

    public WorkerGuidance {
        afterWorkers = List.copyOf(afterWorkers);
        if (stance == Stance.CONSTRAIN && afterWorkers.isEmpty()) {
            throw new IllegalArgumentException("a constrain stance on '%s' must name the workers it may not follow".formatted(worker));
        }
        if (stance != Stance.CONSTRAIN && !afterWorkers.isEmpty()) {
            throw new IllegalArgumentException("only a constrain stance names workers to follow, not %s".formatted(stance));
        }
    }

    public static WorkerGuidance prefer(AgentId worker) {
        return new WorkerGuidance(worker, Stance.PREFER, List.of());
    }

    public static WorkerGuidance avoid(AgentId worker) {
        return new WorkerGuidance(worker, Stance.AVOID, List.of());
    }

    public static WorkerGuidance constrain(AgentId worker, List<AgentId> afterWorkers) {
        return new WorkerGuidance(worker, Stance.CONSTRAIN, afterWorkers);
    }
}
