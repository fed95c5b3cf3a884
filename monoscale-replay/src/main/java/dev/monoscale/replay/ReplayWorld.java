package dev.monoscale.replay;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Checker;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.Stage;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Verdict;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.core.WorkerScore;
import dev.monoscale.core.World;
import dev.monoscale.stats.Seeds;
import dev.monoscale.synthesis.Intent;
import dev.monoscale.synthesis.IntentKind;
import dev.monoscale.synthesis.TaskCatalogue;
import dev.monoscale.synthesis.WarmupTask;
import dev.monoscale.text.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplayDataset} as a world: every model is a worker whose answer to a question is looked up in the
 * recorded outcomes (a missing record is a failure), the cards are the project's own A2A cards for the models,
 * the stages are the dataset's, evaluation uses the test split and warm-up draws from the dev split.
 *
 * <p>A task is one question with one step; the router sees its text only, never its category. A recorded score
 * of at least 0.5 counts as a pass for the checker; the reward MonoScale learns from is the recorded score itself
 * (which for 0/1 scores is the pass), less the weighted cost of the call when there is a cost weight.
 */
public final class ReplayWorld implements World, TaskCatalogue {

    /** The card sets shipped in {@code replay/cards/}, one folder per dataset. */
    public static final List<String> CARD_SETS = ReplayCards.CARD_SETS;

    private static final double NEAR = 0.5;
    private static final double PASS = 0.5;
    private static final String RIGHT = "right";
    private static final String FROM = " from ";

    private final ReplayDataset dataset;
    private final long seed;
    private final double costWeight;
    /** Whether some recorded score is a fraction: then the answer names its model, so the checker can read the score. */
    private final boolean graded;

    private final String cardSource;
    private final Map<String, AgentCard> cardsByModel = new LinkedHashMap<>();
    private final Map<AgentId, String> modelById = new HashMap<>();
    private final Map<TaskId, ReplayQuestion> questions = new ConcurrentHashMap<>();
    private final List<Stage> stages = new ArrayList<>();
    private volatile @Nullable DevIndex devIndex;

    private ReplayWorld(ReplayDataset dataset, long seed, ReplayCards cards, double costWeight) {
        if (!(costWeight >= 0) || Double.isInfinite(costWeight)) {
            throw new IllegalArgumentException("cost weight must be finite and >= 0, was " + costWeight);
        }
        this.dataset = dataset;
        this.seed = seed;
        this.costWeight = costWeight;
        this.graded = dataset.questions().stream()
                .flatMap(question -> question.scores().values().stream())
                .anyMatch(score -> score != null && score != 0 && score != 1);
        this.cardSource = cards.source();
        List<String> staged = dataset.stages().stream()
                .flatMap(stage -> stage.added().stream())
                .toList();
        cardsByModel.putAll(cards.cards(dataset.name(), staged));
        cardsByModel.forEach((model, card) -> {
            String before = modelById.putIfAbsent(card.id(), model);
            if (before != null) {
                throw new InvalidInputException(
                        cards.source(),
                        "card of model '" + model + "'",
                        "'" + card.name() + "' (worker id '" + card.id() + "', as for '" + before + "')",
                        "cards whose names give distinct worker ids");
            }
        });
        Pool pool = Pool.of(List.of());
        for (ReplayStage stage : dataset.stages()) {
            List<AgentCard> added =
                    stage.added().stream().map(cardsByModel::get).toList();
            pool = pool.plus(added);
            stages.add(
                    new Stage(stage.index(), added.stream().map(AgentCard::id).toList(), pool));
        }
    }

    /** The world with the built-in cards and rewards without cost. */
    public static ReplayWorld of(ReplayDataset dataset, long seed) {
        return new ReplayWorld(dataset, seed, ReplayCards.builtIn(), 0);
    }

    /**
     * The world with the cards of {@code cards}, where a warm-up run's reward is its recorded score (for 0/1 scores,
     * the pass) less {@code costWeight} times the cost of the call, in the dataset's cost unit; with 0 the reward is
     * the score.
     */
    public static ReplayWorld of(ReplayDataset dataset, long seed, ReplayCards cards, double costWeight) {
        return new ReplayWorld(dataset, seed, cards, costWeight);
    }

    /** λ: what one unit of the dataset's cost is worth against one passed question. */
    public double costWeight() {
        return costWeight;
    }

    /** Where the cards came from, for people. */
    public String cardSource() {
        return cardSource;
    }

    public ReplayDataset dataset() {
        return dataset;
    }

    /** The dataset's name for a worker of this world. */
    public String model(AgentId worker) {
        String model = modelById.get(worker);
        if (model == null) {
            throw new IllegalArgumentException("world '%s' has no worker '%s'".formatted(name(), worker));
        }
        return model;
    }

    /** The question a task of this world asks. */
    public ReplayQuestion question(TaskId task) {
        ReplayQuestion question = questions.get(task);
        if (question == null) {
            throw new IllegalArgumentException("task '%s' was not written by world '%s'".formatted(task, name()));
        }
        return question;
    }

    /** The recorded score of a worker on a task's question, in [0, 1]; 0 without a record. */
    public double score(TaskId task, AgentId worker) {
        return question(task).score(model(worker));
    }

    @Override
    public String name() {
        return dataset.name();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** The test split, in the dataset's order; {@code count} caps it. */
    @Override
    public List<Task> evaluationTasks(int count) {
        List<ReplayQuestion> test = dataset.test();
        List<Task> tasks = new ArrayList<>(Math.min(count, test.size()));
        for (ReplayQuestion question : test.subList(0, Math.min(count, test.size()))) {
            tasks.add(task("test-" + question.id(), question));
        }
        return tasks;
    }

    /**
     * A dev question for a warm-up intent: the dev questions are scored against the intent's content words by
     * BM25 (rare words weigh more, and a long question is not favoured for containing many words); among those
     * scoring at least half the best, one is drawn in proportion to its score from the seed and the id. Questions
     * have one step, so a handoff intent has nothing to probe.
     */
    @Override
    public Optional<WarmupTask> materialize(Intent intent, TaskId id) {
        if (intent.kind() == IntentKind.HANDOFF) {
            return Optional.empty();
        }
        DevIndex index = devIndex();
        List<ReplayQuestion> dev = index.questions();
        double[] score = index.scores(Words.set(intent.text()));
        double best = 0;
        for (double s : score) {
            best = Math.max(best, s);
        }
        if (best == 0) {
            return Optional.empty();
        }
        double total = 0;
        for (double s : score) {
            total += s >= NEAR * best ? s : 0;
        }
        double u = Seeds.uniform(seed, "replay-catalogue", id) * total;
        for (int i = 0; i < score.length; i++) {
            if (score[i] >= NEAR * best) {
                u -= score[i];
                if (u < 0) {
                    return Optional.of(new WarmupTask(task("dev-" + dev.get(i).id(), dev.get(i)), 0, intent));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Worker worker(AgentId id) {
        String model = model(id);
        return Worker.of(id, call -> {
            ReplayQuestion question = questions.get(call.task());
            if (question == null) {
                return new WorkerReply.Failed(
                        FailureKind.REJECTED, "unknown question '%s'".formatted(call.task()), Duration.ZERO, 0);
            }
            double cost = question.cost().getOrDefault(model, 0.0);
            if (!question.scores().containsKey(model)) {
                return new WorkerReply.Failed(
                        FailureKind.UNAVAILABLE, "no recorded answer from %s".formatted(model), Duration.ZERO, cost);
            }
            double score = question.score(model);
            String content = score >= PASS ? RIGHT : "wrong (score %.2f)".formatted(score);
            return new WorkerReply.Answered(
                    costWeight == 0 && !graded ? content : content + FROM + model, "text", Duration.ZERO, cost);
        });
    }

    /**
     * A recorded score of at least 0.5 passes. The reward is the recorded score (1 or 0 for 0/1 scores: the pass)
     * less λ times the model's cost on the question; without a cost weight it is the score. With a cost weight or
     * fractional scores the answer names the model, so that the checker can look its score and cost up.
     */
    @Override
    public Checker checker() {
        if (costWeight == 0 && !graded) {
            return (task, answer) -> answer.filter(RIGHT::equals).isPresent()
                    ? Verdict.pass("recorded as correct")
                    : Verdict.fail(answer.map(a -> "recorded as " + a).orElse("no answer"));
        }
        return (task, answer) -> {
            if (answer.isEmpty()) {
                return Verdict.fail("no answer");
            }
            String content = answer.get();
            int from = content.lastIndexOf(FROM);
            String model = from < 0 ? "" : content.substring(from + FROM.length());
            String recorded = from < 0 ? content : content.substring(0, from);
            ReplayQuestion question = questions.get(task.id());
            double cost = question != null ? question.cost().getOrDefault(model, 0.0) : 0.0;
            boolean passed = recorded.equals(RIGHT);
            double score =
                    question != null && question.scores().containsKey(model) ? question.score(model) : passed ? 1 : 0;
            double reward = score - costWeight * cost;
            String reason = "recorded as " + (passed ? "correct" : recorded);
            return Verdict.graded(
                    passed,
                    score,
                    reward,
                    costWeight == 0 ? reason : reason + String.format(java.util.Locale.ROOT, ", cost %.4g", cost));
        };
    }

    /**
     * The model of the pool with the best reward on each question (the recorded score less λ times the cost: without
     * a cost weight, the best recorded score), ties to the earliest in the pool.
     */
    @Override
    public Router oracle(Pool pool) {
        List<AgentId> ids = pool.ids();
        return task -> {
            ReplayQuestion question = question(task.id());
            AgentId best = ids.getFirst();
            for (AgentId id : ids) {
                if (reward(question, model(id)) > reward(question, model(best))) {
                    best = id;
                }
            }
            AgentId chosen = best;
            List<WorkerScore> scores = ids.stream()
                    .map(id -> new WorkerScore(
                            id,
                            reward(question, model(id)),
                            id.equals(chosen) ? 1 : 0,
                            List.of(costWeight == 0 ? "recorded score" : "recorded score less weighted cost")))
                    .toList();
            Subtask step = task.subtasks().getFirst();
            return new Plan(task.id(), List.of(new StepDecision(step, Policy.pointMass(ids, chosen), chosen, scores)));
        };
    }

    /** The reward of a model's recorded answer: its score less λ times its cost (the score without a cost weight). */
    public double reward(ReplayQuestion question, String model) {
        return costWeight == 0
                ? question.score(model)
                : question.score(model) - costWeight * question.cost().getOrDefault(model, 0.0);
    }

    private Task task(String id, ReplayQuestion question) {
        TaskId taskId = TaskId.of(id);
        questions.putIfAbsent(taskId, question);
        return new Task(taskId, question.text(), List.of(new Subtask(0, question.text(), List.of())));
    }

    private DevIndex devIndex() {
        DevIndex index = devIndex;
        if (index == null) {
            index = DevIndex.of(dataset.dev());
            devIndex = index;
        }
        return index;
    }

    /**
     * The dev questions as sets of content words, for BM25 over sets (k1 = 1.2, b = 0.75): a word counts once in
     * a question, and a question's length is its number of distinct content words.
     */
    private record DevIndex(
            List<ReplayQuestion> questions, List<Set<String>> words, double meanLength, Map<String, Double> idf) {

        private static final double K1 = 1.2;
        private static final double B = 0.75;

        static DevIndex of(List<ReplayQuestion> dev) {
            List<Set<String>> words = new ArrayList<>(dev.size());
            Map<String, Integer> documents = new HashMap<>();
            long total = 0;
            for (ReplayQuestion question : dev) {
                Set<String> distinct = Words.set(question.text());
                distinct.forEach(word -> documents.merge(word, 1, Integer::sum));
                words.add(distinct);
                total += distinct.size();
            }
            int n = dev.size();
            Map<String, Double> idf = new HashMap<>();
            documents.forEach((word, d) -> idf.put(word, Math.log(1 + (n - d + 0.5) / (d + 0.5))));
            return new DevIndex(
                    List.copyOf(dev),
                    List.copyOf(words),
                    Math.max(1, (double) total / Math.max(1, n)),
                    Map.copyOf(idf));
        }

        /** Each dev question's BM25 score for a query of distinct words (each counted once in a question). */
        double[] scores(Set<String> query) {
            double[] out = new double[words.size()];
            for (int i = 0; i < out.length; i++) {
                double weight = 0;
                for (String word : query) {
                    weight += words.get(i).contains(word) ? idf.getOrDefault(word, 0.0) : 0;
                }
                out[i] = weight * (K1 + 1) / (K1 * (1 - B + B * words.get(i).size() / meanLength) + 1);
            }
            return out;
        }
    }
}
