package dev.monoscale.core;

import java.util.List;

/**
 * Why one worker got the probability it did for one step.
 *
 * @param score the router's raw score before the softmax; negative infinity when the worker is masked
 * @param because short human-readable reasons, such as the card terms the step matched
 */
public record WorkerScore(AgentId worker, double score, double probability, List<String> because) {

    public WorkerScore {
        because = List.copyOf(because);
    }
}
