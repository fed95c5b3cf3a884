package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.onboarding.WarmupRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * r̂(x, a): per warm-up task x and worker a, an unbiased estimate of the reward of the task when a does its probed
 * step, from the task's own runs (docs/gate.md).
 *
 * <p>The estimate is Horvitz–Thompson over the task's n runs: r̂(x, a) = Σ_{runs j with worker a} r_j / (n · b_j),
 * where b_j is the behaviour probability the trace recorded for that worker (the share of the task's samples the
 * design gives it, so n · b_j is the number of runs a is expected to get). For a worker the design runs on every
 * task (the new worker, forced on half the samples; the lift's choice) this is the plain mean of its runs; for a
 * worker reached by exploration it is importance-weighted and still unbiased. A worker the design could not run
 * on x gets 0, the lowest reward, so the estimate of a gain towards it is pessimistic, never optimistic.
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
            double expected = perTask.get(task) * run.behaviourProbability();
            if (!(expected > 0)) {
                continue; // a run the recorded design gave no probability: cannot be weighted, so it is not used
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
