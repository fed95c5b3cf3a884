package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The onboarding issue's acceptance claims, on the built-in worlds with the benchmark's defaults (seeds 1..5, 200
 * held-out tasks per seed): MonoScale never falls below its previous stage by more than its interval's width,
 * reaches 90% of the oracle at the last stage, is at or above naive scale-up at every stage, and keeps to the
 * warm-up budget.
 */
class MonoScaleAcceptanceTest {

    @ParameterizedTest
    @ValueSource(strings = {"paper-clean", "paper-noisy"})
    void monoscale_grows_the_pool_without_losing_accuracy(String world) {
        RoundConfig round = RoundConfig.defaults();
        ExpansionReport report = new ExpansionBenchmark(seed -> SimWorld.create(WorldSpecs.builtIn(world), seed), List.of(
                MonoScaleMethod.monoscale(round, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                Baselines.naive(EmbeddedRouterConfig.defaults()),
                Baselines.oracle()))
                .run(ExpansionBenchmark.Settings.of(1, 5, 200), ExpansionBenchmark.Progress.NONE);

        assertThat(report.violations("monoscale")).isZero();
        for (ExpansionReport.StageResult stage : report.stages()) {
            var monoscale = stage.methods().get("monoscale");
            assertThat(monoscale.accuracy()).as("stage %d against naive", stage.stage())
                    .isGreaterThanOrEqualTo(stage.methods().get("naive").accuracy());
            int joined = stage.added().size();
            assertThat(monoscale.warmupTasks()).as("warm-up tasks at stage %d", stage.stage())
                    .isLessThanOrEqualTo(stage.stage() == 0 ? 0 : 5L * joined * round.warmupTasks());
            assertThat(monoscale.warmupCalls()).as("worker calls at stage %d", stage.stage())
                    .isLessThanOrEqualTo(monoscale.warmupTasks() * round.samples() * 3L);
        }
        var last = report.stages().getLast().methods();
        assertThat(last.get("monoscale").accuracy()).isGreaterThanOrEqualTo(0.9 * last.get("oracle").accuracy());
    }
}
