package dev.monoscale.bench;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Stage;
import dev.monoscale.core.World;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryRouting;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
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
    private final EvidenceDistiller.Failures failures;
    private final GatePolicy gate;
    private final PoolKind kind;

    private MonoScaleMethod(
            String name,
            RoundConfig round,
            EmbeddedRouterConfig routerConfig,
            MemoryRouterConfig memoryConfig,
            EvidenceDistiller.Failures failures,
            GatePolicy gate,
            PoolKind kind) {
        this.name = name;
        this.round = round;
        this.routerConfig = routerConfig;
        this.memoryConfig = memoryConfig;
        this.failures = failures;
        this.gate = gate;
        this.kind = kind;
    }

    /**
     * MonoScale for a pool of generalists, such as models answering the same kinds of question: the distiller may
     * learn a default route, and stage 0 starts with a familiarisation round over the initial pool (whose workers
     * the card-only router cannot tell apart either).
     */
    public static MonoScaleMethod forGeneralists(
            RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod(
                "monoscale",
                round,
                router,
                memory,
                EvidenceDistiller.Failures.LEARNED,
                GatePolicy.GATED,
                PoolKind.GENERALISTS);
    }

    public static MonoScaleMethod monoscale(RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod(
                "monoscale",
                round,
                router,
                memory,
                EvidenceDistiller.Failures.LEARNED,
                GatePolicy.GATED,
                PoolKind.SPECIALISTS);
    }

    public static MonoScaleMethod withoutFailures(
            RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod(
                "monoscale-no-failures",
                round,
                router,
                memory,
                EvidenceDistiller.Failures.IGNORED,
                GatePolicy.GATED,
                PoolKind.SPECIALISTS);
    }

    public static MonoScaleMethod withoutGate(
            RoundConfig round, EmbeddedRouterConfig router, MemoryRouterConfig memory) {
        return new MonoScaleMethod(
                "monoscale-no-gate",
                round,
                router,
                memory,
                EvidenceDistiller.Failures.LEARNED,
                GatePolicy.UNGATED,
                PoolKind.SPECIALISTS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Run start(World world) {
        MemoryRouting routing = MemoryRouter.routing(routerConfig, memoryConfig);
        MemoryStore store = new InMemoryMemoryStore();
        boolean generalists = kind == PoolKind.GENERALISTS;
        EvidenceDistiller.Reach reach =
                generalists ? EvidenceDistiller.Reach.PATTERNS_AND_DEFAULT_ROUTE : EvidenceDistiller.Reach.PATTERNS;
        OnboardingRound.Parts parts = Onboarding.parts(
                world,
                world::worker,
                new EvidenceDistiller(failures, reach),
                routing,
                store,
                InstantSource.fixed(Instant.EPOCH));
        Onboarding onboarding = new Onboarding(parts, round.withSeed(world.seed()), gate, kind);
        return new Run() {
            private Pool previous = Pool.of(java.util.List.of());

            @Override
            public Entered enter(Stage stage) {
                if (stage.index() == 0) {
                    onboarding.start(stage.pool().ids());
                    previous = stage.pool();
                    if (!generalists) {
                        return Entered.of(
                                routing.router(stage.pool(), store.head().orElseThrow()));
                    }
                    RoundReport report = onboarding.round(
                            Pool.of(java.util.List.of()), stage.pool().cards(), WarmupExecutor.Progress.NONE);
                    return entered(stage, report);
                }
                java.util.List<AgentCard> joined = stage.added().stream()
                        .map(id -> stage.pool().find(id).orElseThrow())
                        .toList();
                RoundReport report = onboarding.round(previous, joined, WarmupExecutor.Progress.NONE);
                previous = stage.pool();
                return entered(stage, report);
            }

            private Entered entered(Stage stage, RoundReport report) {
                GateRecord gate = report.gate();
                return new Entered(
                        routing.router(stage.pool(), store.head().orElseThrow()),
                        report.warmupTasks(),
                        report.warmupCalls(),
                        Optional.of(gate.outcome().name().toLowerCase(Locale.ROOT)
                                + gate.chosen().map(c -> ":" + c).orElse("")));
            }
        };
    }
}
