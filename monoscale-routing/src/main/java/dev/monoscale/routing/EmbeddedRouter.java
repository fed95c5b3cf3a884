package dev.monoscale.routing;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import dev.monoscale.core.Policy;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Router;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.WorkerScore;
import java.util.ArrayList;
import java.util.List;

/**
 * The router that needs no model: each step goes to the worker whose card best matches the step's words
 * (DESIGN.md §5, without memory).
 *
 * <ol>
 *   <li><b>Score.</b> For step s of task x, worker a scores {@code bm25(s, card a) + w · bm25(x, card a)} from
 *       the {@link CardIndex}, with w = {@link EmbeddedRouterConfig#taskTextWeight()}.
 *   <li><b>Policy.</b> π(a | x, s) = softmax(score / T) over the pool, T = {@link EmbeddedRouterConfig#temperature()}.
 *       The policy is exact, so the gate can use it as it is (DESIGN.md §3).
 *   <li><b>Choice.</b> The step goes to the most probable worker; ties go to the worker that joined first.
 * </ol>
 *
 * <p>A card that shares no word with the step scores 0, so a step that matches nothing gets the uniform
 * policy. Every decision explains itself: each worker's raw score, probability, and the step words its card
 * matched.
 *
 * <p><b>Why w = 0 by default.</b> Adding the task's text pulls every step of a multi-step task towards the
 * worker that fits the task as a whole, which is the wrong worker for a step that hands work to someone else
 * ("Will it rain in Berlin next Tuesday?" inside a trip that books a hotel goes to the hotel agent at w = 0.25).
 * Measured on ten real A2A cards and 13 hand-labelled tasks of 1–3 steps (22 steps; {@code RouterMeasurements}
 * in the tests), argmax accuracy was 20/22 at w = 0, 19/22 at w = 0.25 and 0.5, and 17/22 at w = 1. For a
 * one-step task whose step is the task text, w only rescales the scores, a change of temperature in disguise.
 * A second search also doubles the cost of a decision (median about 26 µs at w = 0, 59 µs at w = 0.25).
 *
 * <p><b>Why T = 1 by default.</b> On ten cards a word that only one card has scores about 3.5 for that card
 * ("weather" alone gives the weather agent 3.66 and the rest 0, so π = 0.81 at T = 1), and a step's best card
 * scored 4.9 on average and 8.6 at most. On the same 22 steps the mean log loss of the intended worker was 0.55 at
 * T = 0.5, 0.51 at T = 0.75, 0.54 at T = 1 and 0.86 at T = 2, with mean probability 0.76 on the intended worker
 * at T = 1. The labels were written by reading the cards, so they flatter BM25 and the best in-sample T is
 * sharper than it should be; T = 1 errs on the flat side and leaves the gate some mass on the other workers.
 *
 * <p><b>Extending it.</b> A router with memory (DESIGN.md §5) composes this one rather than subclassing it: it
 * takes {@link #scores(Task, Subtask)}, shifts or masks them with {@link RawScore#shifted} and
 * {@link RawScore#masked}, and hands them to {@link #decide(Subtask, List)}.
 *
 * <p>Thread-safe and deterministic: the same task always gets an identical plan.
 */
public final class EmbeddedRouter implements Router {

    private final CardIndex index;
    private final EmbeddedRouterConfig config;
    private final List<AgentId> workers;

    private EmbeddedRouter(CardIndex index, EmbeddedRouterConfig config) {
        this.index = index;
        this.config = config;
        this.workers = index.pool().ids();
    }

    /** A router over the pool's cards; the pool needs at least one worker. */
    public static EmbeddedRouter of(Pool pool, EmbeddedRouterConfig config) {
        if (pool.size() == 0) {
            throw new IllegalArgumentException("an embedded router needs at least one worker; the pool is empty");
        }
        return new EmbeddedRouter(CardIndex.of(pool), config);
    }

    /**
     * The pool whose cards this router scores.
     *
     * @return the pool
     */
    public Pool pool() {
        return index.pool();
    }

    /**
     * This router's settings.
     *
     * @return the settings
     */
    public EmbeddedRouterConfig config() {
        return config;
    }

    @Override
    public Plan route(Task task) {
        List<CardIndex.CardMatch> taskMatches = taskMatches(task);
        List<StepDecision> steps = new ArrayList<>(task.subtasks().size());
        for (Subtask step : task.subtasks()) {
            steps.add(decide(step, scores(step, taskMatches)));
        }
        return new Plan(task.id(), steps);
    }

    /** The decision for one step of the task: the policy, the chosen worker and the explanation. */
    public StepDecision decide(Task task, Subtask step) {
        return decide(step, scores(task, step));
    }

    /** π(· | task, step) over the pool, in pool order. */
    public Policy policy(Task task, Subtask step) {
        return decide(task, step).policy();
    }

    /** Each worker's card relevance to the step, before the softmax, in pool order. */
    public List<RawScore> scores(Task task, Subtask step) {
        if (step.index() >= task.subtasks().size()
                || !task.subtasks().get(step.index()).equals(step)) {
            throw new IllegalArgumentException(
                    "step %d '%s' is not a step of task '%s'".formatted(step.index(), step.text(), task.id()));
        }
        return scores(step, taskMatches(task));
    }

    /**
     * The raw scores of a preselection: the {@code k} workers whose cards match the step best ({@link CardIndex#top}),
     * then every worker of {@code also} not among them, each scored exactly as {@link #scores(Task, Subtask)} scores
     * it. A worker left out would have scored no more than the k-th; a router over a large pool decides among these.
     */
    public List<RawScore> preselected(Task task, Subtask step, int k, java.util.Collection<AgentId> also) {
        List<CardIndex.CardMatch> stepMatches = new ArrayList<>(index.top(step.text(), k));
        java.util.Set<AgentId> taken = new java.util.HashSet<>();
        stepMatches.forEach(match -> taken.add(match.worker()));
        List<AgentId> extra = also.stream().filter(taken::add).toList();
        stepMatches.addAll(index.matchesOf(step.text(), extra));
        List<CardIndex.CardMatch> taskMatches = config.taskTextWeight() == 0
                ? List.of()
                : index.matchesOf(
                        task.text(),
                        stepMatches.stream().map(CardIndex.CardMatch::worker).toList());
        return scores(stepMatches, taskMatches);
    }

    /**
     * Turns raw scores (one per worker, in pool order) into a decision: softmax at the configured temperature, the
     * most probable worker, and one {@link WorkerScore} per worker carrying the raw score's reasons.
     *
     * @throws IllegalArgumentException if the scores do not name the pool's workers in order, or every worker is
     *     masked
     */
    public StepDecision decide(Subtask step, List<RawScore> scores) {
        if (scores.size() != workers.size()) {
            throw new IllegalArgumentException("step %d has %d scores for a pool of %d workers %s"
                    .formatted(step.index(), scores.size(), workers.size(), workers));
        }
        double[] raw = new double[scores.size()];
        for (int i = 0; i < raw.length; i++) {
            RawScore score = scores.get(i);
            if (!score.worker().equals(workers.get(i))) {
                throw new IllegalArgumentException("score %d of step %d is for '%s' but the pool has '%s' there"
                        .formatted(i, step.index(), score.worker(), workers.get(i)));
            }
            raw[i] = score.score();
        }
        Policy policy = Policy.softmax(workers, raw, config.temperature());
        List<WorkerScore> explanation = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            RawScore score = scores.get(i);
            explanation.add(new WorkerScore(score.worker(), score.score(), policy.probability(i), score.because()));
        }
        return new StepDecision(step, policy, policy.argmax(), explanation);
    }

    private List<RawScore> scores(Subtask step, List<CardIndex.CardMatch> taskMatches) {
        return scores(index.matches(step.text()), taskMatches);
    }

    /** Step and task matches of the same workers, in the same order, as raw scores with their reasons. */
    private List<RawScore> scores(List<CardIndex.CardMatch> stepMatches, List<CardIndex.CardMatch> taskMatches) {
        List<RawScore> scores = new ArrayList<>(stepMatches.size());
        for (int i = 0; i < stepMatches.size(); i++) {
            CardIndex.CardMatch match = stepMatches.get(i);
            List<String> because = new ArrayList<>(2);
            because.add(
                    match.terms().isEmpty() ? "no card term matched" : "matched: " + String.join(", ", match.terms()));
            double score = match.score();
            if (!taskMatches.isEmpty()) {
                CardIndex.CardMatch task = taskMatches.get(i);
                score += config.taskTextWeight() * task.score();
                if (!task.terms().isEmpty()) {
                    because.add("task matched: " + String.join(", ", task.terms()));
                }
            }
            scores.add(new RawScore(match.worker(), score, because));
        }
        return scores;
    }

    /** The task text's matches when it counts, or an empty list when its weight is 0. */
    private List<CardIndex.CardMatch> taskMatches(Task task) {
        return config.taskTextWeight() == 0 ? List.of() : index.matches(task.text());
    }
}
