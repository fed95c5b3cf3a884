package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.evidence.EvidenceTable;
import dev.monoscale.evidence.PatternEvidence;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Q̂(x, a): the estimated reward of a task when worker a does its probed step, from the warm-up runs of x's pattern
 * (DESIGN.md §3): the chance that it passes when rewards are pass/fail, as the checker's rewards otherwise (a graded
 * score, or the score less the weighted cost of the calls).
 *
 * <p>Each (pattern, worker) estimate is the worker's pass rate at that pattern's probed steps, whoever chose
 * it (the behaviour policy forced the new worker or drew from the lift), shrunk towards the pattern's mean
 * with a prior weight of {@value #PRIOR_RUNS} runs: a per-action mean, the direct method, which needs no
 * importance weights because it conditions on the action. A worker never tried on a pattern gets the lowest
 * estimate of the workers that were, never an optimistic value; a pattern nobody was tried on gets 0.
 */
public final class ValueEstimates {

    static final double PRIOR_RUNS = 2;

    private final Map<Integer, Map<AgentId, Double>> byPattern = new HashMap<>();
    private final Map<Integer, Double> pessimistic = new HashMap<>();
    private final Map<AgentId, Double> workerFloor = new HashMap<>();

    private ValueEstimates() {}

    /**
     * @param workerLevel for an untested (pattern, worker) pair, take the higher of the pattern's lowest estimate
     *     and the worker's own pessimistic level across the round (the 95% Wilson lower bound of its pooled pass
     *     rate): for pools of generalists, whose patterns rarely repeat, so that a worker tried on many other
     *     patterns is not taken for one never tried
     */
    public static ValueEstimates from(EvidenceTable evidence, boolean workerLevel) {
        ValueEstimates q = new ValueEstimates();
        if (workerLevel) {
            Map<AgentId, int[]> pooled = new HashMap<>();
            Map<AgentId, double[]> pooledRewards = new HashMap<>();
            for (PatternEvidence pattern : evidence.patterns()) {
                pattern.stats(run -> true).forEach((worker, stats) -> {
                    pooled.computeIfAbsent(worker, k -> new int[1])[0] += stats.trials();
                    double[] sums = pooledRewards.computeIfAbsent(worker, k -> new double[2]);
                    sums[0] += stats.rewards();
                    sums[1] += stats.scores();
                });
            }
            // the bound of the mean score (the pass rate for pass/fail), moved by what the rewards take off the scores
            // (the weighted cost; 0 without one)
            pooled.forEach((worker, counts) -> {
                double[] sums = Objects.requireNonNull(pooledRewards.get(worker));
                q.workerFloor.put(
                        worker,
                        dev.monoscale.stats.Proportions.wilson(sums[1], counts[0], dev.monoscale.stats.Proportions.Z95)
                                        .low()
                                + (sums[0] - sums[1]) / counts[0]);
            });
        }
        for (PatternEvidence pattern : evidence.patterns()) {
            double mean = pattern.meanRate();
            Map<AgentId, Double> values = new HashMap<>();
            pattern.stats(run -> true)
                    .forEach((worker, stats) ->
                            values.put(worker, (stats.rewards() + PRIOR_RUNS * mean) / (stats.trials() + PRIOR_RUNS)));
            q.byPattern.put(pattern.index(), values);
            q.pessimistic.put(
                    pattern.index(),
                    values.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .min()
                            .orElse(0));
        }
        return q;
    }

    /** Estimates given outright, per pattern and worker: for tests and for callers with their own estimator. */
    public static ValueEstimates fixed(Map<Integer, Map<AgentId, Double>> values) {
        ValueEstimates q = new ValueEstimates();
        values.forEach((pattern, byWorker) -> {
            q.byPattern.put(pattern, Map.copyOf(byWorker));
            q.pessimistic.put(
                    pattern,
                    byWorker.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .min()
                            .orElse(0));
        });
        return q;
    }

    public double value(int pattern, AgentId worker) {
        Map<AgentId, Double> values = byPattern.get(pattern);
        if (values == null) {
            return 0;
        }
        Double value = values.get(worker);
        if (value != null) {
            return value;
        }
        double floor = pessimistic.getOrDefault(pattern, 0.0);
        Double level = workerFloor.get(worker);
        return level == null ? floor : Math.max(floor, level);
    }
}
