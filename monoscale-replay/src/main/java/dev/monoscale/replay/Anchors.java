package dev.monoscale.replay;

import java.util.Objects;

/**
 * The reference numbers a router is judged against on one pool, all on the test split: uniform random routing,
 * the best single model (chosen on dev), a per-category router fit on dev, and the per-question oracle.
 *
 * @param random expected mean score of uniform random routing, in [0, 1]
 * @param bestSingle test mean score of {@code bestSingleModel}, in [0, 1]
 * @param categoryRouter test mean score of the per-category router, in [0, 1]
 * @param oracle test mean of the best score in the pool per question, in [0, 1]
 */
public record Anchors(double random, String bestSingleModel, double bestSingle, double categoryRouter, double oracle) {

    public Anchors {
        Objects.requireNonNull(bestSingleModel, "bestSingleModel");
        requireUnit("random", random);
        requireUnit("bestSingle", bestSingle);
        requireUnit("categoryRouter", categoryRouter);
        requireUnit("oracle", oracle);
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("%s must be in [0, 1], was %s".formatted(name, value));
        }
    }
}
