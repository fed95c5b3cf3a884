package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.Stage;
import dev.monoscale.distillation.EvidenceDistiller;
import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.onboarding.Onboarding;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldGenerator;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next stage's joiners onboard into an initial pool of 1,000 workers (a small budget keeps the test quick). */
class LargePoolOnboardingTest {

    @Test
    void three_joiners_onboard_into_a_generated_pool_of_a_thousand_workers() {
        SimWorld sim = SimWorld.create(WorldGenerator.generate(3, 1006), 1);
        List<Stage> stages = sim.stages();
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        var parts = Onboarding.parts(
                sim,
                sim::worker,
                new EvidenceDistiller(),
                MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                store,
                InstantSource.fixed(Instant.EPOCH));
        Onboarding onboarding = new Onboarding(
                parts, RoundConfig.defaults().withWarmupTasks(6), GatePolicy.GATED, PoolKind.SPECIALISTS);
        List<RoundReport> reports = new ArrayList<>();

        onboarding.throughStage(stages, 1, sim::card, WarmupExecutor.Progress.NONE, reports::add);

        assertThat(stages.getFirst().pool().size()).isEqualTo(1000);
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.version().number()).isEqualTo(1);
            assertThat(report.workers()).hasSize(3);
            assertThat(report.warmupTasks()).isPositive();
            assertThat(report.warmupCalls()).isPositive();
        });
        assertThat(store.head().orElseThrow().validated()).hasSize(1000);
    }
}
