package dev.monoscale.evidence;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TraceStep;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.execution.WarmupRun;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The warm-up runs whose probed steps share one task pattern, and what each worker did there.
 *
 * @param pattern the words most of the probed steps share, in the order of the first one
 * @param example the text of the first probed step, for people
 */
public record PatternEvidence(int index, String pattern, String example, Set<String> words, List<WarmupRun> runs) {

    public PatternEvidence {
        words = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(words));
        runs = List.copyOf(runs);
    }

    /**
     * What one worker did at the probed step of this pattern's runs.
     *
     * @param rewards the sum of the runs' rewards: the successes when rewards are pass/fail, otherwise the checker's
     *     rewards, such as the score less the weighted cost of the calls
     * @param scores the sum of the runs' scores in [0, 1]: the successes when answers pass or fail, the sum of the
     *     graded scores otherwise
     */
    public record WorkerStats(
            AgentId worker,
            int successes,
            int trials,
            List<String> traces,
            Map<String, Integer> failures,
            Map<AgentId, int[]> byProducer,
            double rewards,
            double scores) {

        /** The mean reward of the runs: their pass rate when rewards are pass/fail. */
        public double rate() {
            return trials == 0 ? 0 : rewards / trials;
        }

        /**
         * The 95% interval of the mean reward: the Wilson interval of the mean score, moved by what the rewards take
         * off the scores (the weighted cost; nothing without one). For pass/fail answers without cost it is the
         * Wilson interval of the pass rate.
         */
        public Interval interval() {
            Interval ci = Proportions.wilson(scores, trials, Proportions.Z95);
            double shift = (rewards - scores) / trials;
            return shift == 0 ? ci : new Interval(ci.low() + shift, ci.high() + shift);
        }
    }

    /** A run's score in [0, 1], as its checker gave it (1 or 0 for pass/fail). */
    public static double score(WarmupRun run) {
        return run.trace().verdict().score();
    }

    /**
     * Whether a run's reward is its pass (1 or 0): false for graded scores and for rewards that weigh in a cost,
     * where memory rules speak of mean scores or rewards rather than of passes.
     */
    public static boolean passFail(WarmupRun run) {
        return run.trace().verdict().rewardIsPass();
    }

    /** A run's reward, as its checker gave it (1 or 0 for pass/fail). */
    public static double reward(WarmupRun run) {
        return run.trace().verdict().reward();
    }

    /** Stats per worker at the probed steps, from {@code runs} that pass the filter, in first-seen order. */
    public Map<AgentId, WorkerStats> stats(java.util.function.Predicate<WarmupRun> filter) {
        Map<AgentId, List<WarmupRun>> byWorker = new LinkedHashMap<>();
        for (WarmupRun run : runs) {
            if (filter.test(run)) {
                byWorker.computeIfAbsent(run.probed(), k -> new ArrayList<>()).add(run);
            }
        }
        Map<AgentId, WorkerStats> out = new LinkedHashMap<>();
        byWorker.forEach((worker, list) -> {
            int successes = 0;
            double rewards = 0;
            double scores = 0;
            List<String> traces = new ArrayList<>();
            Map<String, Integer> failures = new TreeMap<>();
            Map<AgentId, int[]> byProducer = new TreeMap<>();
            for (WarmupRun run : list) {
                successes += run.passed() ? 1 : 0;
                rewards += reward(run);
                scores += score(run);
                traces.add(run.id());
                String signature = signature(run);
                if (!run.passed()) {
                    failures.merge(signature, 1, Integer::sum);
                }
                for (AgentId producer : run.producers()) {
                    int[] counts = byProducer.computeIfAbsent(producer, k -> new int[3]);
                    counts[0]++;
                    counts[1] += run.passed() ? 1 : 0;
                    counts[2] += rejected(run) ? 1 : 0;
                }
            }
            out.put(
                    worker,
                    new WorkerStats(worker, successes, list.size(), traces, failures, byProducer, rewards, scores));
        });
        return out;
    }

    /** The mean reward of all runs at this pattern, whoever did the probed step: the pass rate for pass/fail. */
    public double meanRate() {
        double sum = 0;
        for (WarmupRun run : runs) {
            sum += reward(run);
        }
        return runs.isEmpty() ? 0 : sum / runs.size();
    }

    /** How the run went wrong, in a few words: the probed step's failure, or a wrong answer, or a later step's failure. */
    public static String signature(WarmupRun run) {
        int probed = run.warmup().probedStep();
        for (TraceStep step : run.trace().steps()) {
            if (step.reply() instanceof WorkerReply.Failed(FailureKind kind, String message, var latency, var cost)) {
                return step.index() == probed
                        ? kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + message
                        : "a later step failed (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
            }
        }
        return run.passed() ? "passed" : "wrong answer";
    }

    static boolean rejected(WarmupRun run) {
        int probed = run.warmup().probedStep();
        return run.trace().steps().stream()
                .anyMatch(step -> step.index() == probed
                        && step.reply() instanceof WorkerReply.Failed failed
                        && failed.kind() == FailureKind.REJECTED);
    }
}
