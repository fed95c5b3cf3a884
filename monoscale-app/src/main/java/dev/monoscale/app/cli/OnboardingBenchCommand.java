package dev.monoscale.app.cli;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Stage;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.io.PrintWriter;
import java.time.Instant;
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
        description = "Run every onboarding round of a world with simulated workers (instant, so this is MonoScale's own overhead) and print each round's wall time, warm-up tasks and worker calls.")
final class OnboardingBenchCommand implements Callable<Integer> {

    @Option(names = "--world", defaultValue = "paper-noisy", description = "The world (default: ${DEFAULT-VALUE}).")
    String world;

    @Option(names = "--repeats", defaultValue = "3", description = "How many times to run the whole sequence; the first run warms the JIT up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (repeats < 1 || repeats > 100) {
            throw new dev.monoscale.core.InvalidInputException("--repeats", "repeats", Integer.toString(repeats), "a whole number in [1, 100]");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "onboarding rounds on %s with simulated workers, defaults (50 tasks per new worker, 4 samples), JDK %s%n",
                world, Runtime.version());
        for (int r = 1; r <= repeats; r++) {
            SimWorld sim = SimWorld.create(WorldSpecs.load(world), r);
            InMemoryMemoryStore store = new InMemoryMemoryStore();
            var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
            OnboardingRound round = new OnboardingRound(new OnboardingRound.Parts(new CardWarmupSynthesizer(sim), sim::worker, sim.checker(),
                    new EvidenceDistiller(true), routing, store, InstantSource.system()), RoundConfig.defaults().withSeed(r), true);
            List<Stage> stages = sim.stages();
            store.append(RoutingMemory.initial(stages.getFirst().pool().ids(), Instant.EPOCH));
            for (int k = 1; k < stages.size(); k++) {
                List<AgentCard> joined = stages.get(k).added().stream().map(sim::card).toList();
                long start = System.nanoTime();
                RoundReport report = round.run(stages.get(k - 1).pool(), joined, WarmupExecutor.Progress.NONE);
                double ms = (System.nanoTime() - start) / 1e6;
                out.printf(Locale.ROOT, "run %d, stage %d (+%d workers): %7.1f ms, %3d warm-up tasks, %4d worker calls, %s%n", r, k, joined.size(),
                        ms, report.warmupTasks(), report.warmupCalls(), report.gate().outcome().name().toLowerCase(Locale.ROOT));
            }
        }
        out.flush();
        return 0;
    }
}
