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
            throw new IllegalArgumentException(
                    "a constrain stance on '%s' must name the workers it may not follow".formatted(worker));
        }
        if (stance != Stance.CONSTRAIN && !afterWorkers.isEmpty()) {
            throw new IllegalArgumentException(
                    "only a constrain stance names workers to follow, not %s".formatted(stance));
        }
    }

    /**
     * Send the entry's steps to {@code worker}.
     *
     * @param worker the worker preferred
     * @return the guidance
     */
    public static WorkerGuidance prefer(AgentId worker) {
        return new WorkerGuidance(worker, Stance.PREFER, List.of());
    }

    /**
     * Keep the entry's steps away from {@code worker}.
     *
     * @param worker the worker avoided
     * @return the guidance
     */
    public static WorkerGuidance avoid(AgentId worker) {
        return new WorkerGuidance(worker, Stance.AVOID, List.of());
    }

    /**
     * Keep the entry's steps away from {@code worker} when they read the output of one of {@code afterWorkers}.
     *
     * @param worker the worker constrained
     * @param afterWorkers the producers whose output it must not receive; at least one
     * @return the guidance
     */
    public static WorkerGuidance constrain(AgentId worker, List<AgentId> afterWorkers) {
        return new WorkerGuidance(worker, Stance.CONSTRAIN, afterWorkers);
    }
}
