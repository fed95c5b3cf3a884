package dev.monoscale.routing;

import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what one routing decision costs: the wall time of single {@link EmbeddedRouter#decide(Task, Subtask)}
 * calls, timed one by one with {@link System#nanoTime()} on the calling thread. Steps are taken round-robin over
 * every step of every task, first for the warm-up rounds (untimed, to let the JIT compile the path), then for the
 * measured decisions. The numbers include the timer's own cost (tens of nanoseconds) and whatever the machine
 * does meanwhile (GC, other processes), so read them as an upper bound and compare them only on one machine.
 */
public final class RouterBenchmark {

    private RouterBenchmark() {}

    /**
     * Per-decision wall time, in microseconds.
     *
     * @param decisions how many decisions were timed
     */
    public record Result(int decisions, double medianMicros, double p90Micros, double p99Micros, double meanMicros) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d decisions: median %.1f µs, p90 %.1f µs, p99 %.1f µs, mean %.1f µs",
                    decisions,
                    medianMicros,
                    p90Micros,
                    p99Micros,
                    meanMicros);
        }
    }

    /**
     * Runs {@code warmupRounds} untimed passes over every step of {@code tasks}, then times
     * {@code measuredDecisions} decisions.
     *
     * @throws IllegalArgumentException if there are no tasks, {@code warmupRounds} is negative or
     *     {@code measuredDecisions} is not positive
     */
    public static Result run(EmbeddedRouter router, List<Task> tasks, int warmupRounds, int measuredDecisions) {
        return run(router::decide, tasks, warmupRounds, measuredDecisions);
    }

    /** The same for any router that decides one step at a time, such as the {@link MemoryRouter}. */
    public static Result run(
            java.util.function.BiFunction<Task, Subtask, StepDecision> router,
            List<Task> tasks,
            int warmupRounds,
            int measuredDecisions) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a router benchmark needs at least one task");
        }
        if (warmupRounds < 0) {
            throw new IllegalArgumentException("warm-up rounds must be >= 0, was " + warmupRounds);
        }
        if (measuredDecisions < 1) {
            throw new IllegalArgumentException("measured decisions must be >= 1, was " + measuredDecisions);
        }
        List<Task> taskOfStep = new ArrayList<>();
        List<Subtask> steps = new ArrayList<>();
        for (Task task : tasks) {
            for (Subtask step : task.subtasks()) {
                taskOfStep.add(task);
                steps.add(step);
            }
        }
        int sink = 0;
        for (int round = 0; round < warmupRounds; round++) {
            for (int i = 0; i < steps.size(); i++) {
                sink += router.apply(taskOfStep.get(i), steps.get(i)).worker().hashCode();
            }
        }
        long[] nanos = new long[measuredDecisions];
        for (int n = 0; n < measuredDecisions; n++) {
            int i = n % steps.size();
            Task task = taskOfStep.get(i);
            Subtask step = steps.get(i);
            long start = System.nanoTime();
            StepDecision decision = router.apply(task, step);
            nanos[n] = System.nanoTime() - start;
            sink += decision.worker().hashCode();
        }
        if (sink == 42) {
            // keeps the decisions observable so the JIT cannot drop them; the branch itself is irrelevant
            Thread.onSpinWait();
        }
        Arrays.sort(nanos);
        double sum = 0;
        for (long t : nanos) {
            sum += t;
        }
        return new Result(
                measuredDecisions,
                micros(percentile(nanos, 0.50)),
                micros(percentile(nanos, 0.90)),
                micros(percentile(nanos, 0.99)),
                sum / measuredDecisions / 1_000.0);
    }

    /** The nearest-rank percentile {@code q} in (0, 1] of sorted values: for every benchmark that prints one. */
    public static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
