package dev.monoscale.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the anchors a router is judged against, for a dataset and a pool of its models. Every anchor is a mean
 * score on the TEST split, where a model without a record scores 0; anything fitted is fitted on DEV.
 *
 * <ol>
 *   <li><b>random</b>: the expected score of routing each question to a pool model drawn uniformly, which is the
 *       mean of the models' test accuracies.
 *   <li><b>best single</b>: the pool model with the highest dev mean (ties: the first in pool order).
 *   <li><b>category router</b>: per category, the pool model with the highest dev mean in that category. A tie
 *       goes to the tied model with the higher overall dev mean, then to the first in pool order; this is the rule
 *       the published anchors follow (mmlu-pro-routing stage 0, chemistry, is a three-way tie). A category
 *       without dev questions gets the best single model.
 *   <li><b>oracle</b>: the mean over test questions of the best score in the pool.
 * </ol>
 */
public final class ReplayAnchors {

    private ReplayAnchors() {}

    /** All four anchors of {@code pool}, in the shape the stages file publishes them. */
    public static Anchors of(ReplayDataset dataset, List<String> pool) {
        String best = bestSingleOnDev(dataset, pool);
        return new Anchors(
                random(dataset, pool),
                best,
                accuracy(dataset, best, Split.TEST),
                categoryRouter(dataset, pool),
                oracle(dataset, pool));
    }

    /** Mean score of {@code model} on the split's questions, in [0, 1]. */
    public static double accuracy(ReplayDataset dataset, String model, Split split) {
        requireKnown(dataset, List.of(model));
        return mean(dataset.questions(split), question -> question.score(model));
    }

    public static double random(ReplayDataset dataset, List<String> pool) {
        requirePool(dataset, pool);
        double sum = 0;
        for (String model : pool) {
            sum += accuracy(dataset, model, Split.TEST);
        }
        return sum / pool.size();
    }

    /** The pool model with the highest dev mean; ties go to the first in pool order. */
    public static String bestSingleOnDev(ReplayDataset dataset, List<String> pool) {
        requirePool(dataset, pool);
        List<ReplayQuestion> dev = dataset.dev();
        Map<String, Double> totals = totals(dev, pool);
        return argmax(pool, totals, totals);
    }

    public static double categoryRouter(ReplayDataset dataset, List<String> pool) {
        java.util.function.Function<ReplayQuestion, String> router = categoryRouting(dataset, pool);
        return mean(dataset.test(), question -> question.score(router.apply(question)));
    }

    /**
     * The category router fit on dev as a function from question to model: per category the pool model with the
     * best dev mean (ties as in {@link #categoryRouter}); a category absent from dev gets the best single.
     */
    public static java.util.function.Function<ReplayQuestion, String> categoryRouting(
            ReplayDataset dataset, List<String> pool) {
        requirePool(dataset, pool);
        List<ReplayQuestion> dev = dataset.dev();
        Map<String, Double> overall = totals(dev, pool);
        String fallback = argmax(pool, overall, overall);
        Map<String, Map<String, Double>> byCategory = new HashMap<>();
        for (ReplayQuestion question : dev) {
            Map<String, Double> totals = byCategory.computeIfAbsent(question.category(), c -> new HashMap<>());
            for (String model : pool) {
                totals.merge(model, question.score(model), Double::sum);
            }
        }
        Map<String, String> choice = new HashMap<>();
        byCategory.forEach((category, totals) -> choice.put(category, argmax(pool, totals, overall)));
        return question -> choice.getOrDefault(question.category(), fallback);
    }

    public static double oracle(ReplayDataset dataset, List<String> pool) {
        requirePool(dataset, pool);
        return mean(dataset.test(), question -> {
            double best = 0;
            for (String model : pool) {
                best = Math.max(best, question.score(model));
            }
            return best;
        });
    }

    private static Map<String, Double> totals(List<ReplayQuestion> questions, List<String> pool) {
        Map<String, Double> totals = new HashMap<>();
        for (String model : pool) {
            double sum = 0;
            for (ReplayQuestion question : questions) {
                sum += question.score(model);
            }
            totals.put(model, sum);
        }
        return totals;
    }

    /** The model with the highest {@code primary}; ties by the higher {@code tieBreak}, then pool order. */
    private static String argmax(List<String> pool, Map<String, Double> primary, Map<String, Double> tieBreak) {
        String best = pool.getFirst();
        for (String model : pool) {
            int byPrimary = Double.compare(
                    Objects.requireNonNull(primary.get(model)), Objects.requireNonNull(primary.get(best)));
            if (byPrimary > 0
                    || (byPrimary == 0
                            && Double.compare(
                                            Objects.requireNonNull(tieBreak.get(model)),
                                            Objects.requireNonNull(tieBreak.get(best)))
                                    > 0)) {
                best = model;
            }
        }
        return best;
    }

    private interface QuestionScore {
        double of(ReplayQuestion question);
    }

    private static double mean(List<ReplayQuestion> questions, QuestionScore score) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no questions to average over");
        }
        double sum = 0;
        for (ReplayQuestion question : questions) {
            sum += score.of(question);
        }
        return sum / questions.size();
    }

    private static void requirePool(ReplayDataset dataset, List<String> pool) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("pool is empty; name at least one model of " + dataset.name());
        }
        requireKnown(dataset, pool);
    }

    private static void requireKnown(ReplayDataset dataset, List<String> models) {
        for (String model : models) {
            if (!dataset.models().contains(model)) {
                throw new IllegalArgumentException("model '%s' is not in dataset %s; known: %s"
                        .formatted(model, dataset.name(), dataset.models()));
            }
        }
    }
}
