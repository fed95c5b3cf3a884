package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.bench.TrueAccuracy;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Task;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.EmbeddedRouter;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.routing.RouterBenchmark;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldGenerator;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale bench router}: what one routing decision of the embedded router costs. */
@Command(
        name = "router",
        mixinStandardHelpOptions = true,
        description =
                "Time single routing decisions of the embedded router (one step against every card of the pool) and print the median, p90 and p99 in microseconds. "
                        + "With --workers N, time the memory router over a generated pool of N workers against the 10-worker pool with 1000 entries in the same run, and compare the true accuracy of preselection with exhaustive scoring.")
final class RouterBenchCommand implements Callable<Integer> {

    @Option(
            names = "--world",
            defaultValue = "paper-noisy",
            description = "Where the cards and step texts come from (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(
            names = "--decisions",
            defaultValue = "20000",
            description = "Decisions to time, after the warm-up (default: ${DEFAULT-VALUE}).")
    int decisions;

    @Option(
            names = "--warmup",
            defaultValue = "20000",
            description =
                    "About how many decisions to run first, untimed, so the JIT settles (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--entries",
            defaultValue = "0",
            description =
                    "Route with a memory of this many entries (the memory router); 0 times the embedded router alone (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(
            names = "--workers",
            description =
                    "Generate a world of this many workers (world generate --workers N, in [25, 20000]) and time the memory router over its pool, with --entries entries; the 10-worker baseline runs first.")
    Integer workers;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "The seed of the generated world with --workers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--preselect",
            defaultValue = "" + MemoryRouterConfig.DEFAULT_PRESELECT,
            description = "Workers scored per step in a pool larger than this (default: ${DEFAULT-VALUE}).")
    int preselect;

    @CommandLine.Mixin
    Formats output = new Formats();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (decisions < 100 || decisions > 10_000_000) {
            throw new InvalidInputException(
                    "--decisions", "decisions", Integer.toString(decisions), "a whole number in [100, 10000000]");
        }
        if (warmup < 0 || warmup > 10_000_000) {
            throw new InvalidInputException(
                    "--warmup", "warmup", Integer.toString(warmup), "a whole number in [0, 10000000]");
        }
        if (entries < 0 || entries > 100_000) {
            throw new InvalidInputException(
                    "--entries", "entries", Integer.toString(entries), "a whole number in [0, 100000]");
        }
        if (workers != null) {
            return large();
        }
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), 1);
        Pool pool = sim.stages().getLast().pool();
        List<Task> tasks = sim.evaluationTasks(500);
        int steps = tasks.stream().mapToInt(t -> t.subtasks().size()).sum();
        int rounds = Math.max(1, (warmup + steps - 1) / steps);
        RouterBenchmark.Result result;
        String what;
        if (entries == 0) {
            result = RouterBenchmark.run(
                    EmbeddedRouter.of(pool, EmbeddedRouterConfig.defaults()), tasks, rounds, decisions);
            what = "embedded router,";
        } else {
            RoutingMemory memory = SyntheticMemory.of(sim, pool, entries);
            MemoryRouter router =
                    MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
            result =
                    RouterBenchmark.run((task, step) -> router.decide(task, step, List.of()), tasks, rounds, decisions);
            what = "memory router with " + entries + " entries,";
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json()) {
            ObjectNode root = ReportJson.MAPPER.createObjectNode();
            root.put("router", entries == 0 ? "embedded" : "memory");
            root.put("world", world);
            root.put("workers", pool.size());
            root.put("entries", entries);
            root.put("decisions", result.decisions());
            root.put("untimedDecisions", rounds * steps);
            root.put("jdk", Runtime.version().toString());
            root.set("perDecisionMicros", micros(result));
            out.print(ReportJson.write(root));
            out.flush();
            return 0;
        }
        out.println(String.format(
                Locale.ROOT,
                "%s %d workers, %d timed decisions (after %d untimed), JDK %s",
                what,
                pool.size(),
                result.decisions(),
                rounds * steps,
                Runtime.version()));
        out.println(String.format(
                Locale.ROOT,
                "per decision: median %.1f us, p90 %.1f us, p99 %.1f us, mean %.1f us",
                result.medianMicros(),
                result.p90Micros(),
                result.p99Micros(),
                result.meanMicros()));
        out.flush();
        return 0;
    }

    private boolean json() {
        return output.json();
    }

    /** A timing as JSON: {@code median}, {@code p90}, {@code p99}, {@code mean}, in microseconds. */
    private static ObjectNode micros(RouterBenchmark.Result result) {
        ObjectNode node = ReportJson.MAPPER.createObjectNode();
        node.put("median", ReportJson.round(result.medianMicros()));
        node.put("p90", ReportJson.round(result.p90Micros()));
        node.put("p99", ReportJson.round(result.p99Micros()));
        node.put("mean", ReportJson.round(result.meanMicros()));
        return node;
    }

    /**
     * {@code --workers N}: the baseline (the 10-worker pool of {@code --world} with 1000 entries), then the memory
     * router over the generated world's last-stage pool with {@code --entries} entries, then the true accuracy of
     * that router with preselection and with every card scored.
     */
    @SuppressWarnings("ReferenceEquality") // whether the timed memory is the one used, by instance
    private Integer large() {
        if (workers < WorldGenerator.MAX_SMALL_WORKERS + 1 || workers > WorldGenerator.MAX_WORKERS) {
            throw new InvalidInputException(
                    "--workers",
                    "workers",
                    Integer.toString(workers),
                    "a whole number in [%d, %d]"
                            .formatted(WorldGenerator.MAX_SMALL_WORKERS + 1, WorldGenerator.MAX_WORKERS));
        }
        if (preselect < 1 || preselect > 100_000) {
            throw new InvalidInputException(
                    "--preselect", "preselect", Integer.toString(preselect), "a whole number in [1, 100000]");
        }
        // as a table, each part is printed when it is measured; as JSON, the parts are one document printed at the end
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter table = json() ? new PrintWriter(java.io.Writer.nullWriter()) : out;
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        MemoryRouterConfig config = MemoryRouterConfig.defaults().withPreselect(preselect);
        SimWorld small = SimWorld.create(WorldSpecs.load(world), 1);
        Pool smallPool = small.stages().getLast().pool();
        List<Task> smallTasks = small.evaluationTasks(500);
        MemoryRouter smallRouter = MemoryRouter.of(
                smallPool, SyntheticMemory.of(small, smallPool, 1000), EmbeddedRouterConfig.defaults(), config);
        RouterBenchmark.Result baseline = time(smallRouter, smallTasks);
        table.println(String.format(
                Locale.ROOT,
                "baseline: memory router with 1000 entries, %d workers (%s), %d timed" + " decisions, JDK %s",
                smallPool.size(),
                world,
                baseline.decisions(),
                Runtime.version()));
        table.println(line(baseline));
        table.flush();
        root.put("jdk", Runtime.version().toString());
        ObjectNode base = root.putObject("baseline");
        base.put("world", world);
        base.put("workers", smallPool.size());
        base.put("entries", 1000);
        base.put("decisions", baseline.decisions());
        base.set("perDecisionMicros", micros(baseline));

        long built = System.nanoTime();
        SimWorld large = SimWorld.create(WorldGenerator.generate(seed, workers), 1);
        Pool pool = large.stages().getLast().pool();
        RoutingMemory memory = SyntheticMemory.onJoiners(large, pool, entries);
        MemoryRouter router = MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), config);
        double setup = (System.nanoTime() - built) / 1e9;
        List<Task> tasks = large.evaluationTasks(500);
        RouterBenchmark.Result result = time(router, tasks);
        table.println(String.format(
                Locale.ROOT,
                "large: memory router with %d entries on the joiners, %d workers (%d validated; generated-%d), preselect %d, %d timed decisions (world, memory and index built in %.1f s)",
                entries,
                pool.size(),
                memory.validated().size(),
                seed,
                preselect,
                result.decisions(),
                setup));
        table.println(line(result));
        table.println(String.format(
                Locale.ROOT, "large / baseline median: %.2fx", result.medianMicros() / baseline.medianMicros()));
        table.flush();
        ObjectNode big = root.putObject("large");
        big.put("world", "generated-" + seed);
        big.put("workers", pool.size());
        big.put("validated", memory.validated().size());
        big.put("entries", entries);
        big.put("preselect", preselect);
        big.put("decisions", result.decisions());
        big.put("setupSeconds", ReportJson.round(setup));
        big.set("perDecisionMicros", micros(result));
        root.put("medianRatio", ReportJson.round(result.medianMicros() / baseline.medianMicros()));

        TrueAccuracy truth = new TrueAccuracy(large);
        RoutingMemory empty = SyntheticMemory.onJoiners(large, pool, 0);
        var accuracies = root.putArray("trueAccuracy");
        for (RoutingMemory used : List.of(empty, memory)) {
            MemoryRouter narrow =
                    used == memory ? router : MemoryRouter.of(pool, used, EmbeddedRouterConfig.defaults(), config);
            MemoryRouter exhaustive =
                    MemoryRouter.of(pool, used, EmbeddedRouterConfig.defaults(), config.withPreselect(100_000));
            double[] with = truth.perTask(narrow);
            double[] without = truth.perTask(exhaustive);
            double a = truth.of(with);
            double b = truth.of(without);
            int differ = 0;
            for (int i = 0; i < with.length; i++) {
                differ += with[i] != without[i] ? 1 : 0;
            }
            table.println(String.format(
                    Locale.ROOT,
                    "true accuracy, %s (%s over %d tasks): preselection %.4f, exhaustive %.4f, difference %+.2f points; %d tasks with a different pass probability",
                    used == memory ? "with the timed memory" : "cards alone (no entries)",
                    truth.exact() ? "exact" : "sampled",
                    truth.tasks(),
                    a,
                    b,
                    100 * (a - b),
                    differ));
            table.flush();
            ObjectNode accuracy = accuracies.addObject();
            accuracy.put("memory", used == memory ? "timed" : "cards-alone");
            accuracy.put("entries", used.entries().size());
            accuracy.put("exact", truth.exact());
            accuracy.put("tasks", truth.tasks());
            accuracy.put("preselection", ReportJson.round(a));
            accuracy.put("exhaustive", ReportJson.round(b));
            accuracy.put("differencePoints", ReportJson.round(100 * (a - b)));
            accuracy.put("tasksDiffering", differ);
        }
        PeakMemory.finish(out, root, json());
        return 0;
    }

    private RouterBenchmark.Result time(MemoryRouter router, List<Task> tasks) {
        int steps = tasks.stream().mapToInt(t -> t.subtasks().size()).sum();
        int rounds = Math.max(1, (warmup + steps - 1) / steps);
        return RouterBenchmark.run((task, step) -> router.decide(task, step, List.of()), tasks, rounds, decisions);
    }

    private static String line(RouterBenchmark.Result result) {
        return String.format(
                Locale.ROOT,
                "per decision: median %.1f us, p90 %.1f us, p99 %.1f us, mean %.1f us",
                result.medianMicros(),
                result.p90Micros(),
                result.p99Micros(),
                result.meanMicros());
    }
}
