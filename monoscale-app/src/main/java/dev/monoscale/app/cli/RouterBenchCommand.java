package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.routing.EmbeddedRouter;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.RouterBenchmark;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import dev.monoscale.core.Task;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
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
        description = "Time single routing decisions of the embedded router (one step against every card of the pool) and print the median, p90 and p99 in microseconds.")
final class RouterBenchCommand implements Callable<Integer> {

    @Option(names = "--world", defaultValue = "paper-noisy", description = "Where the cards and step texts come from (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(names = "--decisions", defaultValue = "20000", description = "Decisions to time, after the warm-up (default: ${DEFAULT-VALUE}).")
    int decisions;

    @Option(names = "--warmup", defaultValue = "20000", description = "About how many decisions to run first, untimed, so the JIT settles (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--entries", defaultValue = "0", description = "Route with a memory of this many entries (the memory router); 0 times the embedded router alone (default: ${DEFAULT-VALUE}).")
    int entries;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (decisions < 100 || decisions > 10_000_000) {
            throw new InvalidInputException("--decisions", "decisions", Integer.toString(decisions), "a whole number in [100, 10000000]");
        }
        if (warmup < 0 || warmup > 10_000_000) {
            throw new InvalidInputException("--warmup", "warmup", Integer.toString(warmup), "a whole number in [0, 10000000]");
        }
        if (entries < 0 || entries > 100_000) {
            throw new InvalidInputException("--entries", "entries", Integer.toString(entries), "a whole number in [0, 100000]");
        }
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), 1);
        Pool pool = sim.stages().getLast().pool();
        List<Task> tasks = sim.evaluationTasks(500);
        int steps = tasks.stream().mapToInt(t -> t.subtasks().size()).sum();
        int rounds = Math.max(1, (warmup + steps - 1) / steps);
        RouterBenchmark.Result result;
        String what;
        if (entries == 0) {
            result = RouterBenchmark.run(EmbeddedRouter.of(pool, EmbeddedRouterConfig.defaults()), tasks, rounds, decisions);
            what = "embedded router,";
        } else {
            RoutingMemory memory = SyntheticMemory.of(sim, pool, entries);
            MemoryRouter router = MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
            result = RouterBenchmark.run((task, step) -> router.decide(task, step, List.of()), tasks, rounds, decisions);
            what = "memory router with " + entries + " entries,";
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "%s %d workers, %d timed decisions (after %d untimed), JDK %s",
                what, pool.size(), result.decisions(), rounds * steps, Runtime.version()));
        out.println(String.format(Locale.ROOT, "per decision: median %.1f us, p90 %.1f us, p99 %.1f us, mean %.1f us",
                result.medianMicros(), result.p90Micros(), result.p99Micros(), result.meanMicros()));
        out.flush();
        return 0;
    }
}
