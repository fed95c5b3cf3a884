package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import dev.monoscale.distillation.EvidenceTable;
import dev.monoscale.distillation.PatternEvidence;
import java.util.HashMap;
import java.util.Map;

/**
 * Q̂(x, a): the estimated chance that a task passes when worker a does its probed step, from the warm-up runs
 * of x's pattern (DESIGN.md §3).
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

    private ValueEstimates() {}

    public static ValueEstimates from(EvidenceTable evidence) {
        ValueEstimates q = new ValueEstimates();
        for (PatternEvidence pattern : evidence.patterns()) {
            double mean = pattern.meanRate();
            Map<AgentId, Double> values = new HashMap<>();
            pattern.stats(run -> true).forEach((worker, stats) ->
                    values.put(worker, (stats.successes() + PRIOR_RUNS * mean) / (stats.trials() + PRIOR_RUNS)));
            q.byPattern.put(pattern.index(), values);
            q.pessimistic.put(pattern.index(), values.values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        }
        return q;
    }

    /** Estimates given outright, per pattern and worker: for tests and for callers with their own estimator. */
    public static ValueEstimates fixed(Map<Integer, Map<AgentId, Double>> values) {
        ValueEstimates q = new ValueEstimates();
        values.forEach((pattern, byWorker) -> {
            q.byPattern.put(pattern, Map.copyOf(byWorker));
            q.pessimistic.put(pattern, byWorker.values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        });
        return q;
    }

    public double value(int pattern, AgentId worker) {
        Map<AgentId, Double> values = byPattern.get(pattern);
        if (values == null) {
            return 0;
        }
        Double value = values.get(worker);
        return value != null ? value : pessimistic.getOrDefault(pattern, 0.0);
    }
}
