package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.Stance;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.resilience.ResilienceConfig;
import dev.monoscale.resilience.ResilientWorkers;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import dev.monoscale.synthesis.CardWarmupSynthesizer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults in workers become evidence, never a crash or a stall. */
class FaultyWorkersRoundTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void releaseHangingWorkers() {
        never.countDown();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a stall, far above what the round needs
    void a_round_with_a_hanging_and_a_throwing_new_worker_finishes_and_learns_to_avoid_them() {
        SimWorld sim = SimWorld.create(WorldSpecs.builtIn("paper-noisy"), 1);
        AgentId hanging = AgentId.of("vision-analyst");
        AgentId throwing = AgentId.of("quick-math");
        Function<AgentId, Worker> faulty = id -> id.equals(hanging)
                ? Worker.of(id, call -> {
                    try {
                        never.await(); // until the test ends: the worker never answers in time, however fast the
                        // machine
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new WorkerReply.Answered("too late", "text", Duration.ZERO, 0);
                })
                : Worker.of(id, call -> {
                    throw new IllegalStateException("socket closed");
                });
        // the faulty workers get a short deadline; the simulated ones a generous one, so a busy machine never fails
        // them
        ResilientWorkers resilient = new ResilientWorkers(
                new ResilienceConfig(Duration.ofMillis(50), 2, Duration.ZERO, 50, 20, Duration.ofMinutes(5)));
        ResilientWorkers patient = new ResilientWorkers(
                new ResilienceConfig(Duration.ofMinutes(1), 2, Duration.ZERO, 50, 20, Duration.ofMinutes(5)));
        Function<AgentId, Worker> workers = id -> id.equals(hanging) || id.equals(throwing)
                ? resilient.protect(faulty.apply(id))
                : patient.protect(sim.worker(id));
        OnboardingRound round = new OnboardingRound(
                new OnboardingRound.Parts(
                        new CardWarmupSynthesizer(sim),
                        workers,
                        sim.checker(),
                        new EvidenceDistiller(),
                        MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                        new InMemoryMemoryStore(),
                        InstantSource.fixed(Instant.EPOCH)),
                new RoundConfig(20, 4, new GateConfig(2.5, 0.05, 200), 1),
                GatePolicy.GATED,
                PoolKind.SPECIALISTS);
        List<AgentCard> joining = List.of(sim.card(hanging), sim.card(throwing));

        RoundReport report = round.run(sim.stages().getFirst().pool(), joining, WarmupExecutor.Progress.NONE);

        assertThat(report.workers())
                .allSatisfy(worker -> assertThat(worker.patterns())
                        .allSatisfy(pattern -> assertThat(pattern.successes()).isZero()));
        assertThat(report.added())
                .noneMatch(entry -> entry.guidance().stream()
                        .anyMatch(g -> g.stance() == Stance.PREFER
                                && (g.worker().equals(hanging) || g.worker().equals(throwing))));
        assertThat(resilient.state(hanging)).isEqualTo("OPEN");
    }

    @Test
    void a_broken_tool_is_distilled_into_an_avoid_entry_that_names_the_failure() {
        SimWorld sim = SimWorld.create(WorldSpecs.builtIn("paper-noisy"), 2);
        var routing = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        var pool = sim.stages().get(2).pool().plus(List.of(sim.card(AgentId.of("code-runner"))));
        var lift = routing.router(
                pool,
                dev.monoscale.memory.RoutingMemory.initial(
                        sim.stages().getFirst().pool().ids(), Instant.EPOCH));
        var tasks = new CardWarmupSynthesizer(sim).synthesize(sim.card(AgentId.of("code-runner")), pool, 50);
        var runs = new dev.monoscale.execution.WarmupExecutor(sim::worker, sim.checker(), 2)
                .run(tasks, lift, 4, WarmupExecutor.Progress.NONE);

        var candidates = new EvidenceDistiller()
                .distill(
                        dev.monoscale.evidence.EvidenceTable.of(runs),
                        List.of(AgentId.of("code-runner")),
                        lift,
                        dev.monoscale.memory.MemoryVersion.of(1));

        List<MemoryEntry> avoids = candidates.getFirst().added();
        assertThat(candidates.getFirst().name()).isEqualTo("avoid-only");
        assertThat(avoids).anySatisfy(entry -> {
            assertThat(entry.guidance())
                    .containsExactly(dev.monoscale.memory.WorkerGuidance.avoid(AgentId.of("code-runner")));
            assertThat(entry.rule()).contains("to code-runner: it failed", "error: tool error: the code tool crashed");
            assertThat(entry.evidence().successes()).isZero();
        });
    }
}
