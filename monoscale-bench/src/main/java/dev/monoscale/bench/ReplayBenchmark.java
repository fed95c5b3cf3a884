package dev.monoscale.bench;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Router;
import dev.monoscale.core.Stage;
import dev.monoscale.core.Task;
import dev.monoscale.replay.ReplayAnchors;
import dev.monoscale.replay.ReplayDataset;
import dev.monoscale.replay.ReplayQuestion;
import dev.monoscale.replay.ReplayWorld;
import dev.monoscale.replay.Split;
import dev.monoscale.routing.EmbeddedRouter;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import dev.monoscale.stats.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The expansion benchmark on recorded outcomes: every method scored on the dataset's test split at each stage,
 * by the recorded score of the model it picks (DESIGN.md §6, replay world).
 *
 * <p>Methods: naive (the embedded router from cards), MonoScale (warm-up on dev questions chosen from the cards),
 * random (the expected score of uniform routing), the best single model chosen on dev, a category router fit on
 * the whole dev split (it reads the category labels: a strong supervised reference with far more labels),
 * LinUCB and Thompson sampling given as many labelled interactions as MonoScale's warm-up had made by that
 * stage, and the oracle (the best recorded model per question). Each reports its labelled interactions and the
 * mean cost proxy of what it picked.
 *
 * <p>Cost-aware ({@link #costAware}): MonoScale learns from the world's rewards, the recorded score less λ times the
 * cost of the call ({@link ReplayWorld#costWeight()}), and three cost-aware references join: {@code
 * cheapest-near-best}, the cheapest model on dev among those within ε of the best dev accuracy, {@code linucb-cost},
 * LinUCB learning the reward score − λ·cost, and {@code oracle-reward}, the model with the best reward per question
 * (the ceiling on reward; {@code oracle} stays the ceiling on accuracy). The report then carries every method's mean
 * cost and mean reward.
 */
public final class ReplayBenchmark {

    private final MonoScaleMethod monoscale;
    private final EmbeddedRouterConfig routerConfig;
    private final OptionalDouble epsilon;
    /**
     * Results of the methods that depend on the dataset and the stage's pool only, never on the seed (naive,
     * random, best-single, category-router, oracle), by dataset and pool: runs over several seeds make them once.
     */
    private final Map<ReplayDataset, Map<List<AgentId>, Map<String, ExpansionReport.MethodResult>>> seedFree =
            Collections.synchronizedMap(new IdentityHashMap<>());

    public ReplayBenchmark(MonoScaleMethod monoscale, EmbeddedRouterConfig routerConfig) {
        this(monoscale, routerConfig, OptionalDouble.empty());
    }

    private ReplayBenchmark(MonoScaleMethod monoscale, EmbeddedRouterConfig routerConfig, OptionalDouble epsilon) {
        this.monoscale = monoscale;
        this.routerConfig = routerConfig;
        this.epsilon = epsilon;
    }

    /**
     * The same benchmark reporting cost: every method's mean cost and reward, and the cost-aware references.
     *
     * @param epsilon how far below the best dev accuracy {@code cheapest-near-best} may pick, in [0, 1]
     */
    public ReplayBenchmark costAware(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], was " + epsilon);
        }
        return new ReplayBenchmark(monoscale, routerConfig, OptionalDouble.of(epsilon));
    }

    public ExpansionReport run(ReplayWorld world, ExpansionBenchmark.Progress progress) {
        ReplayDataset data = world.dataset();
        List<Task> tasks = world.evaluationTasks(Integer.MAX_VALUE);
        List<ReplayQuestion> test =
                tasks.stream().map(task -> world.question(task.id())).toList();
        Method.Run run = monoscale.start(world);
        List<ExpansionReport.StageResult> stages = new ArrayList<>();
        long monoscaleLabels = 0;
        int done = 0;
        for (Stage stage : world.stages()) {
            List<String> pool = stage.pool().ids().stream().map(world::model).toList();
            Map<String, ExpansionReport.MethodResult> results = new LinkedHashMap<>();

            Method.Entered entered = run.enter(stage);
            monoscaleLabels += entered.warmupCalls();
            results.put(
                    "monoscale",
                    routed(
                            world,
                            entered.router(),
                            tasks,
                            test,
                            entered.warmupTasks(),
                            entered.warmupCalls(),
                            monoscaleLabels,
                            entered.verdict()));
            Map<String, ExpansionReport.MethodResult> fixed = seedFree.computeIfAbsent(
                            data, d -> new ConcurrentHashMap<>())
                    .computeIfAbsent(stage.pool().ids(), ids -> seedFree(world, stage, tasks, test));
            results.put("naive", fixed.get("naive"));
            results.put("random", fixed.get("random"));
            results.put("best-single", fixed.get("best-single"));
            results.put("category-router", fixed.get("category-router"));
            long budget = Math.max(1, monoscaleLabels);
            results.put("linucb", bandit(data, pool, test, new Bandits.LinUcb(pool.size(), 0.5), budget, world.seed()));
            results.put(
                    "thompson",
                    bandit(
                            data,
                            pool,
                            test,
                            new Bandits.Thompson(pool.size(), Seeds.mix(world.seed(), "thompson", stage.index())),
                            budget,
                            world.seed()));
            if (epsilon.isPresent()) {
                double lambda = world.costWeight();
                results.put("cheapest-near-best", cheapestNearBest(data, pool, test, epsilon.getAsDouble()));
                results.put(
                        "linucb-cost",
                        bandit(
                                data,
                                pool,
                                test,
                                new Bandits.LinUcb(pool.size(), 0.5),
                                budget,
                                world.seed(),
                                (q, model) -> q.score(model) - lambda * q.cost().getOrDefault(model, 0.0)));
            }
            results.put("oracle", fixed.get("oracle"));
            if (epsilon.isPresent()) {
                results.put(
                        "oracle-reward",
                        result(
                                test,
                                q -> q.score(bestReward(world, q, pool)),
                                q -> q.cost().getOrDefault(bestReward(world, q, pool), 0.0),
                                0));
            }
            stages.add(
                    new ExpansionReport.StageResult(stage.index(), stage.pool().size(), stage.added(), results));
            progress.advanced(++done, world.stages().size(), "stage " + stage.index());
        }
        Optional<ExpansionReport.CostWeighting> cost = epsilon.isPresent()
                ? Optional.of(new ExpansionReport.CostWeighting(
                        world.costWeight(), data.costUnit().orElse("(no cost in the data)")))
                : Optional.empty();
        return new ExpansionReport(world.name(), List.of(world.seed()), test.size(), stages, cost);
    }

    /** The methods that do not depend on the seed, at one stage. */
    private Map<String, ExpansionReport.MethodResult> seedFree(
            ReplayWorld world, Stage stage, List<Task> tasks, List<ReplayQuestion> test) {
        ReplayDataset data = world.dataset();
        long devLabels = data.dev().size();
        List<String> pool = stage.pool().ids().stream().map(world::model).toList();
        Map<String, ExpansionReport.MethodResult> results = new LinkedHashMap<>();
        results.put(
                "naive",
                routed(world, EmbeddedRouter.of(stage.pool(), routerConfig), tasks, test, 0, 0, 0, Optional.empty()));
        results.put(
                "random",
                result(
                        test,
                        q -> pool.stream().mapToDouble(q::score).average().orElse(0),
                        q -> pool.stream()
                                .mapToDouble(m -> q.cost().getOrDefault(m, 0.0))
                                .average()
                                .orElse(0),
                        0));
        String single = ReplayAnchors.bestSingleOnDev(data, pool);
        results.put(
                "best-single",
                result(test, q -> q.score(single), q -> q.cost().getOrDefault(single, 0.0), devLabels * pool.size()));
        var byCategory = ReplayAnchors.categoryRouting(data, pool);
        results.put(
                "category-router",
                result(
                        test,
                        q -> q.score(byCategory.apply(q)),
                        q -> q.cost().getOrDefault(byCategory.apply(q), 0.0),
                        devLabels * pool.size()));
        results.put(
                "oracle",
                result(
                        test,
                        q -> pool.stream().mapToDouble(q::score).max().orElse(0),
                        q -> q.cost().getOrDefault(argmax(q, pool), 0.0),
                        0));
        return Map.copyOf(results);
    }

    private static ExpansionReport.MethodResult routed(
            ReplayWorld world,
            Router router,
            List<Task> tasks,
            List<ReplayQuestion> test,
            long warmupTasks,
            long warmupCalls,
            long labelled,
            Optional<String> verdict) {
        String[] model = new String[tasks.size()];
        IntStream.range(0, tasks.size())
                .parallel()
                .forEach(i -> model[i] = world.model(
                        router.route(tasks.get(i)).steps().getFirst().worker()));
        ExpansionReport.MethodResult r = picked(test, model, labelled);
        return new ExpansionReport.MethodResult(
                r.accuracy(),
                r.ci95Low(),
                r.ci95High(),
                r.passed(),
                r.trials(),
                warmupTasks,
                warmupCalls,
                labelled,
                verdict.map(List::of).orElse(List.of()),
                r.meanCost());
    }

    /** What a bandit learns from a model's answer to a question. */
    private interface Reward {
        double of(ReplayQuestion question, String model);
    }

    private static ExpansionReport.MethodResult bandit(
            ReplayDataset data,
            List<String> pool,
            List<ReplayQuestion> test,
            Bandits.Learner learner,
            long budget,
            long seed) {
        return bandit(data, pool, test, learner, budget, seed, ReplayQuestion::score);
    }

    /**
     * The cheapest model on dev (lowest mean cost, ties to pool order) among those whose dev accuracy is within
     * {@code epsilon} of the best, routed every question.
     */
    private static ExpansionReport.MethodResult cheapestNearBest(
            ReplayDataset data, List<String> pool, List<ReplayQuestion> test, double epsilon) {
        List<ReplayQuestion> dev = data.dev();
        double best = pool.stream()
                .mapToDouble(m -> ReplayAnchors.accuracy(data, m, Split.DEV))
                .max()
                .orElse(0);
        String chosen = null;
        double cheapest = Double.POSITIVE_INFINITY;
        for (String model : pool) {
            if (ReplayAnchors.accuracy(data, model, Split.DEV) >= best - epsilon) {
                double cost = dev.stream()
                        .mapToDouble(q -> q.cost().getOrDefault(model, 0.0))
                        .average()
                        .orElse(0);
                if (cost < cheapest) {
                    chosen = model;
                    cheapest = cost;
                }
            }
        }
        String single = chosen == null ? pool.getFirst() : chosen;
        return result(
                test, q -> q.score(single), q -> q.cost().getOrDefault(single, 0.0), (long) dev.size() * pool.size());
    }

    private static ExpansionReport.MethodResult bandit(
            ReplayDataset data,
            List<String> pool,
            List<ReplayQuestion> test,
            Bandits.Learner learner,
            long budget,
            long seed,
            Reward reward) {
        List<ReplayQuestion> dev = data.dev();
        int[] order = IntStream.range(0, dev.size()).toArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (long n = 0; n < budget; n++) {
            ReplayQuestion q = dev.get(order[(int) (n % order.length)]);
            int arm = learner.choose(q.text());
            learner.learn(q.text(), arm, reward.of(q, pool.get(arm)));
        }
        String[] picks = new String[test.size()];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = pool.get(learner.best(test.get(i).text()));
        }
        return picked(test, picks, budget);
    }

    /** The result of picking {@code model[i]} for the i-th test question. */
    private static ExpansionReport.MethodResult picked(List<ReplayQuestion> test, String[] model, long labelled) {
        return result(
                test.size(),
                i -> test.get(i).score(model[i]),
                i -> test.get(i).cost().getOrDefault(model[i], 0.0),
                labelled);
    }

    /** The model of the pool with the best reward (score less λ times cost) on a question, ties to pool order. */
    private static String bestReward(ReplayWorld world, ReplayQuestion q, List<String> pool) {
        String best = pool.getFirst();
        for (String m : pool) {
            if (world.reward(q, m) > world.reward(q, best)) {
                best = m;
            }
        }
        return best;
    }

    private static String argmax(ReplayQuestion q, List<String> pool) {
        String best = pool.getFirst();
        for (String m : pool) {
            if (q.score(m) > q.score(best)) {
                best = m;
            }
        }
        return best;
    }

    /** The same per question, for methods whose choice depends on the question alone. */
    private static ExpansionReport.MethodResult result(
            List<ReplayQuestion> test,
            ToDoubleFunction<ReplayQuestion> score,
            ToDoubleFunction<ReplayQuestion> cost,
            long labelled) {
        return result(
                test.size(), i -> score.applyAsDouble(test.get(i)), i -> cost.applyAsDouble(test.get(i)), labelled);
    }

    /** Mean score of the n test questions with its 95% interval (Wilson when every score is 0 or 1), and mean cost. */
    private static ExpansionReport.MethodResult result(
            int n, IntToDoubleFunction score, IntToDoubleFunction cost, long labelled) {
        double sum = 0;
        double squares = 0;
        double costs = 0;
        boolean binary = true;
        for (int i = 0; i < n; i++) {
            double s = score.applyAsDouble(i);
            sum += s;
            squares += s * s;
            costs += cost.applyAsDouble(i);
            binary &= s == 0 || s == 1;
        }
        double mean = sum / n;
        Interval ci;
        if (binary) {
            ci = Proportions.wilson(Math.round(sum), n, Proportions.Z95);
        } else {
            double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
            double half = Proportions.Z95 * sd / Math.sqrt(n);
            ci = new Interval(Math.max(0, mean - half), Math.min(1, mean + half));
        }
        return new ExpansionReport.MethodResult(
                mean, ci.low(), ci.high(), Math.round(sum), n, 0, 0, labelled, List.of(), costs / n);
    }
}
