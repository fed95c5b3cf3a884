package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.core.Stage;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monoscale bench onboarding}: what one onboarding round costs with simulated workers. */
@Command(
        name = "onboarding",
        mixinStandardHelpOptions = true,
        description =
                "Run every onboarding round of a world with simulated workers (instant, so this is MonoScale's own overhead) and print each round's wall time, warm-up tasks and worker calls.")
final class OnboardingBenchCommand implements Callable<Integer> {

    @Option(names = "--world", defaultValue = "paper-noisy", description = "The world (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description =
                    "How many times to run the whole sequence; the first run warms the JIT up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--stage",
            description = "Run the rounds up to this stage only (default: every stage of the world).")
    Integer stage;

    @CommandLine.Mixin
    Formats output = new Formats();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (repeats < 1 || repeats > 100) {
            throw new dev.monoscale.core.InvalidInputException(
                    "--repeats", "repeats", Integer.toString(repeats), "a whole number in [1, 100]");
        }
        PrintWriter out = spec.commandLine().getOut();
        var loaded = WorldSpecs.load(world);
        int last = stage == null ? loaded.stages().size() - 1 : stage;
        if (last < 1 || last >= loaded.stages().size()) {
            throw new dev.monoscale.core.InvalidInputException(
                    "--stage",
                    "stage",
                    Integer.toString(last),
                    "a whole number in [1, %d] (the world's stages after the initial pool)"
                            .formatted(loaded.stages().size() - 1));
        }
        // as a table, each round is printed when it ends; as JSON, the runs are one document printed at the end
        boolean json = output.json();
        PrintWriter table = json ? new PrintWriter(java.io.Writer.nullWriter()) : out;
        table.printf(
                Locale.ROOT,
                "onboarding rounds on %s with simulated workers, defaults (50 tasks per new worker,"
                        + " 4 samples), JDK %s%n",
                world
                        + (loaded.workers().size() > 24
                                ? " (%d workers, %d in the initial pool)"
                                        .formatted(
                                                loaded.workers().size(),
                                                loaded.stages()
                                                        .getFirst()
                                                        .join()
                                                        .size())
                                : ""),
                Runtime.version());
        RoundConfig defaults = RoundConfig.defaults();
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("world", world);
        root.put("workers", loaded.workers().size());
        root.put("initialPool", loaded.stages().getFirst().join().size());
        root.put("warmupTasksPerWorker", defaults.warmupTasks());
        root.put("samples", defaults.samples());
        root.put("jdk", Runtime.version().toString());
        ArrayNode runs = root.putArray("runs");
        for (int r = 1; r <= repeats; r++) {
            int run = r;
            SimWorld sim = SimWorld.create(loaded, r);
            var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
            var parts = Onboarding.parts(
                    sim,
                    sim::worker,
                    new EvidenceDistiller(),
                    routing,
                    new InMemoryMemoryStore(),
                    InstantSource.system());
            Onboarding onboarding = new Onboarding(parts, defaults.withSeed(r), GatePolicy.GATED, PoolKind.SPECIALISTS);
            List<Stage> stages = sim.stages();
            ObjectNode thisRun = runs.addObject();
            thisRun.put("run", run);
            thisRun.put("seed", r);
            ArrayNode rounds = thisRun.putArray("rounds");
            long[] start = {System.nanoTime()};
            onboarding.throughStage(stages, last, sim::card, WarmupExecutor.Progress.NONE, report -> {
                double ms = (System.nanoTime() - start[0]) / 1e6;
                int k = report.version().number();
                String outcome = report.gate().outcome().name().toLowerCase(Locale.ROOT);
                table.printf(
                        Locale.ROOT,
                        "run %d, stage %d (+%d workers): %7.1f ms, %3d warm-up tasks," + " %4d worker calls, %s%n",
                        run,
                        k,
                        report.workers().size(),
                        ms,
                        report.warmupTasks(),
                        report.warmupCalls(),
                        outcome);
                table.flush();
                ObjectNode round = rounds.addObject();
                round.put("stage", k);
                round.put("newWorkers", report.workers().size());
                round.put("millis", ReportJson.round(ms));
                round.put("warmupTasks", report.warmupTasks());
                round.put("warmupCalls", report.warmupCalls());
                round.put("outcome", outcome);
                start[0] = System.nanoTime();
            });
        }
        PeakMemory.finish(out, root, json);
        return 0;
    }
}
