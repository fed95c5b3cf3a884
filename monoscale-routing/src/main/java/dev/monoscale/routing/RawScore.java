package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's score for one step before the softmax, with the reasons behind it. A later stage (routing
 * memory) may shift or mask it before {@link EmbeddedRouter#decide(dev.monoscale.core.Subtask, List)} turns the
 * scores into a policy.
 *
 * @param score finite, or negative infinity when the worker is masked out
 * @param because short human-readable reasons, such as {@code "matched: invoice, pdf"}
 */
public record RawScore(AgentId worker, double score, List<String> because) {

    public RawScore {
        if (Double.isNaN(score) || score == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "score of worker '%s' must be finite or negative infinity, was %s".formatted(worker, score));
        }
        because = List.copyOf(because);
    }

    /** This score plus {@code delta}, with {@code reason} added to the reasons. */
    public RawScore shifted(double delta, String reason) {
        return new RawScore(worker, score + delta, with(reason));
    }

    /** This worker masked out (score negative infinity), with {@code reason} added to the reasons. */
    public RawScore masked(String reason) {
        return new RawScore(worker, Double.NEGATIVE_INFINITY, with(reason));
    }

    private List<String> with(String reason) {
        List<String> reasons = new ArrayList<>(because);
        reasons.add(reason);
        return reasons;
    }
}
