package dev.monoscale.core;

import java.util.List;

/** The router's decision for one step: the full policy, the worker it picked, and why. */
public record StepDecision(Subtask step, Policy policy, AgentId worker, List<WorkerScore> scores) {

    public StepDecision {
        scores = List.copyOf(scores);
        if (!policy.covers(worker)) {
            throw new IllegalArgumentException(
                    "step %d picked '%s', which the policy does not cover".formatted(step.index(), worker));
        }
    }
}
