package dev.monoscale.bench;

import dev.monoscale.core.Plan;
import dev.monoscale.core.Stage;
import dev.monoscale.core.Task;
import dev.monoscale.core.Trace;
import dev.monoscale.core.World;
import dev.monoscale.execution.PlanRunner;
import dev.monoscale.stats.Interval;
import dev.monoscale.stats.Proportions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * Grows a world's pool stage by stage and scores every method on the same held-out tasks with the same seeds.
 *
 * <p>For each seed, one world is created; its evaluation tasks are fixed for all stages and all methods, and
 * the world's draws are shared, so differences between methods and between stages come from routing alone
 * (common random numbers). Each method is started on the world and entered stage by stage in order. Accuracy
 * is pooled over seeds, with a Wilson 95% interval over all tasks run.
 */
public final class ExpansionBenchmark {

    /**
     * What to run.
     *
     * @param seeds one world per seed
     * @param tasksPerStage held-out tasks per seed, the same at every stage
     */
    public record Settings(List<Long> seeds, int tasksPerStage) {
        public Settings {
            seeds = List.copyOf(seeds);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("seeds must name at least one seed");
            }
            if (tasksPerStage < 1 || tasksPerStage > 100_000) {
                throw new IllegalArgumentException("tasks per stage must be in [1, 100000], was " + tasksPerStage);
            }
        }

        /** Seeds {@code first}, {@code first + 1}, ... : {@code count} of them. */
        public static Settings of(long first, int count, int tasksPerStage) {
            if (count < 1 || count > 1_000) {
                throw new IllegalArgumentException("seed count must be in [1, 1000], was " + count);
            }
            return new Settings(
                    java.util.stream.LongStream.range(first, first + count)
                            .boxed()
                            .toList(),
                    tasksPerStage);
        }
    }

    /** Told about progress: one call per finished (seed, method), with how many there are in all. */
    public interface Progress {
        void advanced(int done, int total, String what);

        Progress NONE = (done, total, what) -> {};
    }

    private final LongFunction<? extends World> worlds;
    private final List<Method> methods;

    public ExpansionBenchmark(LongFunction<? extends World> worlds, List<Method> methods) {
        this.worlds = worlds;
        this.methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one method");
        }
    }

    public ExpansionReport run(Settings settings, Progress progress) {
        int stageCount = -1;
        String worldName = "";
        List<Stage> stages = List.of();
        // tallies[stage][method]
        List<List<Tally>> tallies = new ArrayList<>();
        int done = 0;
        int total = settings.seeds().size() * methods.size();
        for (long seed : settings.seeds()) {
            World world = worlds.apply(seed);
            if (stageCount < 0) {
                stages = world.stages();
                stageCount = stages.size();
                worldName = world.name();
                for (int k = 0; k < stageCount; k++) {
                    List<Tally> row = new ArrayList<>();
                    methods.forEach(m -> row.add(new Tally()));
                    tallies.add(row);
                }
            }
            List<Task> tasks = world.evaluationTasks(settings.tasksPerStage());
            PlanRunner runner = new PlanRunner(world::worker, world.checker());
            for (int m = 0; m < methods.size(); m++) {
                Method.Run run = methods.get(m).start(world);
                for (Stage stage : world.stages()) {
                    Method.Entered entered = run.enter(stage);
                    Tally tally = tallies.get(stage.index()).get(m);
                    tally.warmupTasks += entered.warmupTasks();
                    tally.warmupCalls += entered.warmupCalls();
                    entered.verdict().ifPresent(tally.verdicts::add);
                    evaluate(entered, tasks, runner, tally);
                }
                progress.advanced(
                        ++done, total, "seed " + seed + " " + methods.get(m).name());
            }
        }
        List<ExpansionReport.StageResult> results = new ArrayList<>();
        for (Stage stage : stages) {
            Map<String, ExpansionReport.MethodResult> byMethod = new LinkedHashMap<>();
            for (int m = 0; m < methods.size(); m++) {
                byMethod.put(
                        methods.get(m).name(), tallies.get(stage.index()).get(m).result());
            }
            results.add(
                    new ExpansionReport.StageResult(stage.index(), stage.pool().size(), stage.added(), byMethod));
        }
        return new ExpansionReport(worldName, settings.seeds(), settings.tasksPerStage(), results);
    }

    private static void evaluate(Method.Entered entered, List<Task> tasks, PlanRunner runner, Tally tally) {
        // Tasks are independent and their outcomes are pure functions of the seed, so running them in parallel
        // changes nothing but the wall time; the sums are taken in task order.
        Trace[] traces = new Trace[tasks.size()];
        IntStream.range(0, tasks.size()).parallel().forEach(i -> {
            Task task = tasks.get(i);
            Plan plan = entered.router().route(task);
            traces[i] = runner.run(task, plan, 0);
        });
        for (Trace trace : traces) {
            tally.trials++;
            tally.passed += trace.passed() ? 1 : 0;
            tally.cost += trace.cost();
        }
    }

    private static final class Tally {
        long passed;
        long trials;
        long warmupTasks;
        long warmupCalls;
        double cost;
        final List<String> verdicts = new ArrayList<>();

        ExpansionReport.MethodResult result() {
            Interval ci = Proportions.wilson(passed, trials, Proportions.Z95);
            return new ExpansionReport.MethodResult(
                    (double) passed / trials,
                    ci.low(),
                    ci.high(),
                    passed,
                    trials,
                    warmupTasks,
                    warmupCalls,
                    warmupCalls,
                    verdicts,
                    cost / trials);
        }
    }
}
