package dev.monoscale.app.cli;

import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.routing.EmbeddedRouter;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.RouterBenchmark;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
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

    @Option(names = "--warmup", defaultValue = "20000", description = "Decisions to run first, untimed, so the JIT settles (default: ${DEFAULT-VALUE}).")
    int warmup;

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
        SimWorld sim = SimWorld.create(WorldSpecs.load(world), 1);
        Pool pool = sim.stages().getLast().pool();
        EmbeddedRouter router = EmbeddedRouter.of(pool, EmbeddedRouterConfig.defaults());
        RouterBenchmark.Result result = RouterBenchmark.run(router, sim.evaluationTasks(500), warmup, decisions);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "embedded router, %d workers, %d timed decisions (after %d untimed), JDK %s",
                pool.size(), result.decisions(), warmup, Runtime.version()));
        out.println(String.format(Locale.ROOT, "per decision: median %.1f us, p90 %.1f us, p99 %.1f us, mean %.1f us",
                result.medianMicros(), result.p90Micros(), result.p99Micros(), result.meanMicros()));
        out.flush();
        return 0;
    }
}
