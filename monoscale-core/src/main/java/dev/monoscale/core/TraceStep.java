package dev.monoscale.core;

import java.util.List;

/**
 * What happened at one step of a run.
 *
 * @param probability the probability the plan's policy gave {@code worker} at this step
 */
public record TraceStep(int index, AgentId worker, double probability, List<Integer> inputs, WorkerReply reply) {

    public TraceStep {
        inputs = List.copyOf(inputs);
    }

    /**
     * Whether the worker failed this step (an error, a timeout, a refusal, unreachable).
     *
     * @return true if the reply is a {@link WorkerReply.Failed}
     */
    public boolean failed() {
        return reply instanceof WorkerReply.Failed;
    }
}
