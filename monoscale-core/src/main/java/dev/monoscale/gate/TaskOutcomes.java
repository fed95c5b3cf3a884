package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.execution.WarmupRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * r̂(x, a): per warm-up task x and worker a, an unbiased estimate of the reward of the task when a does its probed
 * step, from the task's own runs (docs/gate.md).
 *
 * <p>For a worker the behaviour design runs on every task (the new worker, forced on half the samples; the lift's
 * choice; in the paired design, every worker with a fixed slot) the estimate is the mean of its runs on x:
 * Σ_{runs j with worker a} r_j / (n · b_j), where n · b_j is the number of runs the design gives it (b_j the
 * behaviour probability the trace recorded). Every other worker, one the design reaches only by exploration or not
 * at all, gets 0, the lowest reward: its unbiased importance-weighted estimate would carry weights up to the pool's
 * size and swamp the test. So r̂ is unbiased for the workers a task compares and pessimistic for the rest, and a gain
 * estimated from it is never optimistic: the lift's own choice is always run.
 */
public final class TaskOutcomes {

    private final Map<String, Map<AgentId, Double>> byTask;

    private TaskOutcomes(Map<String, Map<AgentId, Double>> byTask) {
        this.byTask = byTask;
    }

    /** The estimates from runs grouped by task; every run of a task must have been recorded under one design. */
    public static TaskOutcomes of(List<WarmupRun> runs) {
        Map<String, Integer> perTask = new HashMap<>();
        for (WarmupRun run : runs) {
            perTask.merge(run.warmup().task().id().value(), 1, Integer::sum);
        }
        Map<String, Map<AgentId, Double>> byTask = new HashMap<>();
        for (WarmupRun run : runs) {
            String task = run.warmup().task().id().value();
            double expected = Objects.requireNonNull(perTask.get(task)) * run.behaviourProbability();
            if (!(expected >= 1 - 1e-9)) {
                // a worker the design reaches only by exploration: an importance weight of up to the pool's size would
                // swamp the test's variance, so it gets the pessimistic 0 instead, as if it had not run
                continue;
            }
            byTask.computeIfAbsent(task, k -> new HashMap<>())
                    .merge(run.probed(), run.trace().verdict().reward() / expected, Double::sum);
        }
        return new TaskOutcomes(byTask);
    }

    /** Estimates given outright, per task id and worker: for tests and for callers with their own estimator. */
    public static TaskOutcomes fixed(Map<String, Map<AgentId, Double>> byTask) {
        Map<String, Map<AgentId, Double>> copy = new HashMap<>();
        byTask.forEach((task, values) -> copy.put(task, Map.copyOf(values)));
        return new TaskOutcomes(copy);
    }

    /** r̂(x, a) for the task with this id; 0 when {@code worker} did not run it. */
    public double reward(String taskId, AgentId worker) {
        return byTask.getOrDefault(taskId, Map.of()).getOrDefault(worker, 0.0);
    }

    /** Whether {@code worker} ran the task: its estimate rests on a run, not on the pessimistic default. */
    public boolean ran(String taskId, AgentId worker) {
        return byTask.getOrDefault(taskId, Map.of()).containsKey(worker);
    }
}
