package dev.monoscale.core;

import java.util.List;

/**
 * The router's action for one task: a worker for every step, each with the policy it was drawn from.
 * The answer is the output of the last step.
 */
public record Plan(TaskId task, List<StepDecision> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /**
     * The worker chosen for each step, in step order.
     *
     * @return one worker per step
     */
    public List<AgentId> workers() {
        return steps.stream().map(StepDecision::worker).toList();
    }

    /** π(y | x): the product of each step's probability of the worker it picked. */
    public double probability() {
        double p = 1;
        for (StepDecision step : steps) {
            p *= step.policy().probability(step.worker());
        }
        return p;
    }
}
