package dev.monoscale.execution;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Trace;
import dev.monoscale.synthesis.WarmupTask;
import java.util.List;

/**
 * One run of a warm-up task under the behaviour policy.
 *
 * @param forced whether the new worker was forced at the probed step (otherwise the lift chose)
 * @param probed the worker that did the probed step
 * @param behaviourProbability b(probed | x, s), the behaviour policy's probability of that worker
 * @param producers the workers whose outputs the probed step read
 */
public record WarmupRun(
        WarmupTask warmup,
        int sample,
        boolean forced,
        AgentId probed,
        double behaviourProbability,
        List<AgentId> producers,
        Trace trace) {

    public WarmupRun {
        producers = List.copyOf(producers);
    }

    /** A stable id for citing this run as evidence: {@code task#sample}. */
    public String id() {
        return warmup.task().id() + "#" + sample;
    }

    /** The task id in a run id made by {@link #id()}. */
    public static String taskOf(String runId) {
        int at = runId.lastIndexOf('#');
        return at < 0 ? runId : runId.substring(0, at);
    }

    public boolean passed() {
        return trace.passed();
    }
}
