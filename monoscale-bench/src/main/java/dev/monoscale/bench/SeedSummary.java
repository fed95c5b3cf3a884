package dev.monoscale.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one method fares across runs of the same benchmark with different seeds, stage by stage: the lowest,
 * mean and highest accuracy, and in how many runs it was within {@code margin} of (or above) a reference
 * method. On a fixed test set the seeds vary only what the method learns from (which warm-up tasks, in what
 * order), so this measures how much its result depends on that luck, not the test set's sampling error.
 *
 * @param reference the method compared against, such as {@code best-single}
 * @param margin how far below the reference still counts, such as 0.02
 */
public record SeedSummary(
        String method, String reference, double margin, List<Long> seeds, List<Stage> stages, int runsWithFalls) {

    /** One stage across the runs. */
    public record Stage(
            int stage,
            double lowest,
            double mean,
            double highest,
            double referenceMean,
            int withinMargin,
            List<Double> accuracies) {
        public Stage {
            accuracies = List.copyOf(accuracies);
        }
    }

    public SeedSummary {
        seeds = List.copyOf(seeds);
        stages = List.copyOf(stages);
    }

    /** The summary of {@code method} over reports of the same stages, one report per seed. */
    public static SeedSummary of(List<ExpansionReport> runs, String method, String reference, double margin) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a seed summary needs at least one run");
        }
        int stageCount = runs.getFirst().stages().size();
        List<Stage> stages = new ArrayList<>();
        for (int k = 0; k < stageCount; k++) {
            List<Double> accuracies = new ArrayList<>();
            double referenceSum = 0;
            int within = 0;
            for (ExpansionReport run : runs) {
                ExpansionReport.StageResult stage = run.stages().get(k);
                double accuracy =
                        Objects.requireNonNull(stage.methods().get(method)).accuracy();
                double against =
                        Objects.requireNonNull(stage.methods().get(reference)).accuracy();
                accuracies.add(accuracy);
                referenceSum += against;
                // compared at the printed precision, so that 0.5197 against 0.5457 reads as 0.520 against 0.546
                within += Math.round(accuracy * 1000) >= Math.round((against - margin) * 1000) ? 1 : 0;
            }
            double mean = accuracies.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            stages.add(new Stage(
                    runs.getFirst().stages().get(k).stage(),
                    accuracies.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    mean,
                    accuracies.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    referenceSum / runs.size(),
                    within,
                    accuracies));
        }
        int falls =
                (int) runs.stream().filter(run -> run.violations(method) > 0).count();
        return new SeedSummary(
                method,
                reference,
                margin,
                runs.stream().map(run -> run.seeds().getFirst()).toList(),
                stages,
                falls);
    }

    /** The summary as a table, one line per stage. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%s over seeds %s: lowest, mean and highest accuracy per stage; runs within %.0f points of %s%n",
                method,
                seeds.size() == 1 ? seeds.getFirst().toString() : seeds.getFirst() + ".." + seeds.getLast(),
                100 * margin,
                reference));
        out.append(String.format(
                Locale.ROOT,
                "%-6s %-8s %-8s %-8s %-10s %s%n",
                "stage",
                "lowest",
                "mean",
                "highest",
                reference,
                "within"));
        for (Stage stage : stages) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-6d %-8.3f %-8.3f %-8.3f %-10.3f %d of %d%n",
                    stage.stage(),
                    stage.lowest(),
                    stage.mean(),
                    stage.highest(),
                    stage.referenceMean(),
                    stage.withinMargin(),
                    seeds.size()));
        }
        out.append(String.format(
                Locale.ROOT,
                "runs where %s fell beyond its interval: %d of %d%n",
                method,
                runsWithFalls,
                seeds.size()));
        return out.toString();
    }
}
