package dev.monoscale.replay;

import java.util.Map;
import java.util.Objects;

/**
 * One recorded question: what the router sees ({@code text}), the bucket it is scored in ({@code category}, never
 * shown to the router), and every model's recorded outcome on it.
 *
 * @param scores model name to score in [0, 1]; a model without a key has no record, which counts as 0
 * @param cost model name to a non-negative cost proxy (the dataset's unit; see {@link ReplayDatasets}); may be empty
 */
public record ReplayQuestion(
        String id, String text, String category, Split split, Map<String, Double> scores, Map<String, Double> cost) {

    public ReplayQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(split, "split");
        scores = Map.copyOf(scores);
        cost = Map.copyOf(cost);
        scores.forEach((model, score) -> {
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException(
                        "score of '%s' on question '%s' must be in [0, 1], was %s".formatted(model, id, score));
            }
        });
        cost.forEach((model, value) -> {
            if (!(value >= 0.0) || value.isInfinite()) {
                throw new IllegalArgumentException(
                        "cost of '%s' on question '%s' must be finite and >= 0, was %s".formatted(model, id, value));
            }
        });
    }

    /** The model's score on this question; 0 when the model has no record. */
    public double score(String model) {
        Double score = scores.get(model);
        return score == null ? 0.0 : score;
    }
}
