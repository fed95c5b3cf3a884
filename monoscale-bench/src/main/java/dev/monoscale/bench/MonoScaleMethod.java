package dev.monoscale.bench;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Stage;
import dev.monoscale.core.World;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import dev.monoscale.synthesis.TaskCatalogue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * MonoScale as a benchmark method: stage 0 starts an empty memory over the initial pool; every later stage runs
 * one onboarding round for the workers that joined and routes with the memory it leaves. The variants are the
 * ablations: distilled from successes only, or every update accepted (no gate).
 */
public final class MonoScaleMethod implements Method {

    private final String name;
    private final RoundConfig round;
    private final EmbeddedRouterConfig routerConfig;
    private final MemoryRouterConfig memoryConfig;
    private final boolean includeFailures;
    private final boolean gated;
    private final boolean generalists;

    private MonoScaleMethod(String name, RoundConfig round, EmbeddedRouterConfig routerConfig, MemoryRouterConfig memoryConfig,
            boolean includeFailures, boolean gated, boolean generalists) {
        this.name = name;
        this.round = round;
        this.routerConfig = routerConfig;
        this.memoryConfig = memoryConfig;
        this.includeFailures = includeFailures;
        this.gated = gated;
        this.generalists = generalists;
    }

    /**
     * MonoScale for a pool of generalists, such as models answering the same kinds of question: the distiller may
     * learn a default route, and stage 0 starts with a familiarisation round over the initial pool (whose workers
     * the card-only router cannot tell apart either).
     */
    public static MonoScaleMethod forGeneralists(RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod("monoscale", round, router, memory, true, true, true);
    }

    public static MonoScaleMethod monoscale(RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod("monoscale", round, router, memory, true, true, false);
    }

    public static MonoScaleMethod withoutFailures(RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod("monoscale-no-failures", round, router, memory, false, true, false);
    }

    public static MonoScaleMethod withoutGate(RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod("monoscale-no-gate", round, router, memory, true, false, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Run start(World world) {
        if (!(world instanceof TaskCatalogue catalogue)) {
            throw new IllegalArgumentException("world '%s' cannot materialise warm-up tasks, which MonoScale needs".formatted(world.name()));
        }
        MemoryRouting routing = MemoryRouter.routing(routerConfig, memoryConfig);
        MemoryStore store = new InMemoryMemoryStore();
        InstantSource clock = InstantSource.fixed(Instant.EPOCH);
        OnboardingRound.Parts parts = new OnboardingRound.Parts(new CardWarmupSynthesizer(catalogue), world::worker, world.checker(),
                new EvidenceDistiller(includeFailures, generalists), routing, store, clock);
        OnboardingRound onboarding = new OnboardingRound(parts, round.withSeed(world.seed()), gated, generalists);
        return new Run() {
            private Pool previous = Pool.of(java.util.List.of());

            @Override
            public Entered enter(Stage stage) {
                if (stage.index() == 0) {
                    store.append(RoutingMemory.initial(stage.pool().ids(), Instant.EPOCH));
                    previous = stage.pool();
                    if (!generalists) {
                        return Entered.of(routing.router(stage.pool(), store.head().orElseThrow()));
                    }
                    RoundReport report = onboarding.run(Pool.of(java.util.List.of()), stage.pool().cards(), WarmupExecutor.Progress.NONE);
                    return entered(stage, report);
                }
                java.util.List<AgentCard> joined = stage.added().stream().map(id -> stage.pool().find(id).orElseThrow()).toList();
                RoundReport report = onboarding.run(previous, joined, WarmupExecutor.Progress.NONE);
                previous = stage.pool();
                return entered(stage, report);
            }

            private Entered entered(Stage stage, RoundReport report) {
                GateRecord gate = report.gate();
                return new Entered(routing.router(stage.pool(), store.head().orElseThrow()), report.warmupTasks(), report.warmupCalls(),
                        Optional.of(gate.outcome().name().toLowerCase(Locale.ROOT) + gate.chosen().map(c -> ":" + c).orElse("")));
            }
        };
    }
}
