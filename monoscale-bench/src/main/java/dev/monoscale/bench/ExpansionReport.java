package dev.monoscale.bench;

import dev.monoscale.core.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The expansion benchmark's result: per stage, per method, accuracy on the held-out tasks with a 95% interval.
 * Method order is the order the methods were given in.
 */
public record ExpansionReport(
        String world, List<Long> seeds, int tasksPerStage, List<StageResult> stages, Optional<CostWeighting> cost) {

    public ExpansionReport {
        seeds = List.copyOf(seeds);
        stages = List.copyOf(stages);
    }

    /** A report without cost weighting: tables and JSON show accuracy only (and the JSON's rounded meanCost). */
    public ExpansionReport(String world, List<Long> seeds, int tasksPerStage, List<StageResult> stages) {
        this(world, seeds, tasksPerStage, stages, Optional.empty());
    }

    /**
     * How a cost-aware run weighed cost: the reward of a call is its score less {@code weight} times its cost, in
     * {@code unit}. Reports of such runs show every method's mean cost and mean reward beside its accuracy.
     */
    public record CostWeighting(double weight, String unit) {

        /** The mean reward of a method: its accuracy less the weight times its mean cost. */
        public double reward(MethodResult result) {
            return result.accuracy() - weight * result.meanCost();
        }
    }

    public List<String> methods() {
        return stages.isEmpty()
                ? List.of()
                : List.copyOf(stages.getFirst().methods().keySet());
    }

    /**
     * How often {@code method} fell from one stage to the next by more than the width of its interval at the
     * later stage: the benchmark's count of monotonicity violations.
     */
    public int violations(String method) {
        int count = 0;
        for (int k = 1; k < stages.size(); k++) {
            MethodResult before =
                    Objects.requireNonNull(stages.get(k - 1).methods().get(method));
            MethodResult now = Objects.requireNonNull(stages.get(k).methods().get(method));
            if (before.accuracy() - now.accuracy() > now.ci95High() - now.ci95Low()) {
                count++;
            }
        }
        return count;
    }

    /** One stage: the pool, who joined, and every method's result. */
    public record StageResult(int stage, int poolSize, List<AgentId> added, Map<String, MethodResult> methods) {
        public StageResult {
            added = List.copyOf(added);
            methods = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methods));
        }
    }

    /**
     * One method at one stage, pooled over seeds.
     *
     * @param passed tasks passed, over all seeds
     * @param trials tasks run, over all seeds
     * @param warmupTasks warm-up tasks run to prepare this stage, over all seeds
     * @param warmupCalls worker calls made by the warm-up, over all seeds
     * @param labelled labelled interactions the method learned from (for MonoScale its warm-up calls; for a
     *     method fit on a development split, the labels it read), over all seeds
     * @param verdicts the gate's verdict per seed, for gated methods
     */
    public record MethodResult(
            double accuracy,
            double ci95Low,
            double ci95High,
            long passed,
            long trials,
            long warmupTasks,
            long warmupCalls,
            long labelled,
            List<String> verdicts,
            double meanCost) {
        public MethodResult {
            verdicts = List.copyOf(verdicts);
        }

        public Optional<String> verdictSummary() {
            return verdicts.isEmpty() ? Optional.empty() : Optional.of(String.join(",", verdicts));
        }
    }
}
