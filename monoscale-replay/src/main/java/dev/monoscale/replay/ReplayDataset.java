package dev.monoscale.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A replay benchmark: the models, the clean questions with their recorded outcomes, and the recommended staged
 * pools. Models and questions keep the order of the source files.
 *
 * @param layout the layout the data was read in ({@code generic}, {@code llmrouter-14task}, {@code mmlu-pro-routing})
 * @param costUnit the unit of the questions' costs, when the data has costs
 */
public record ReplayDataset(
        String name,
        List<String> models,
        List<ReplayQuestion> questions,
        List<ReplayStage> stages,
        String layout,
        Optional<String> costUnit) {

    /** A dataset built in memory, without costs' unit. */
    public ReplayDataset(String name, List<String> models, List<ReplayQuestion> questions, List<ReplayStage> stages) {
        this(name, models, questions, stages, "in-memory", Optional.empty());
    }

    public ReplayDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(costUnit, "costUnit");
        models = List.copyOf(models);
        questions = List.copyOf(questions);
        stages = List.copyOf(stages);
        Set<String> known = Set.copyOf(models);
        if (known.size() != models.size()) {
            throw new IllegalArgumentException("dataset '%s' lists a model twice: %s".formatted(name, models));
        }
        Set<String> ids = new HashSet<>();
        for (ReplayQuestion question : questions) {
            if (!ids.add(question.id())) {
                throw new IllegalArgumentException(
                        "dataset '%s' has question '%s' twice".formatted(name, question.id()));
            }
            for (String model : question.scores().keySet()) {
                requireKnown(name, models, known, model, "question '" + question.id() + "'");
            }
        }
        Set<String> staged = new HashSet<>();
        for (ReplayStage stage : stages) {
            for (String model : stage.added()) {
                requireKnown(name, models, known, model, "stage " + stage.index());
                if (!staged.add(model)) {
                    throw new IllegalArgumentException("dataset '%s': model '%s' joins twice (again at stage %d)"
                            .formatted(name, model, stage.index()));
                }
            }
        }
    }

    private static void requireKnown(String name, List<String> models, Set<String> known, String model, String where) {
        if (!known.contains(model)) {
            throw new IllegalArgumentException(
                    "dataset '%s': %s names unknown model '%s'; known: %s".formatted(name, where, model, models));
        }
    }

    /** The dev questions, in file order. */
    public List<ReplayQuestion> dev() {
        return questions(Split.DEV);
    }

    /** The held-out test questions, in file order. */
    public List<ReplayQuestion> test() {
        return questions(Split.TEST);
    }

    public List<ReplayQuestion> questions(Split split) {
        return questions.stream().filter(question -> question.split() == split).toList();
    }

    /** The model's score on the question; 0 when the model has no record for it. */
    public double score(ReplayQuestion question, String model) {
        return question.score(model);
    }

    /** The pool at a stage: every model added at that stage or before, in joining order. */
    public List<String> pool(int stageIndex) {
        if (stageIndex < 0 || stageIndex >= stages.size()) {
            throw new IndexOutOfBoundsException(
                    "dataset '%s' has stages 0..%d, not %d".formatted(name, stages.size() - 1, stageIndex));
        }
        List<String> pool = new ArrayList<>();
        for (ReplayStage stage : stages.subList(0, stageIndex + 1)) {
            pool.addAll(stage.added());
        }
        return List.copyOf(pool);
    }
}
