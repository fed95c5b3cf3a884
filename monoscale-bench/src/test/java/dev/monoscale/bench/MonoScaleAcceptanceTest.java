package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.gate.GateRule;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The onboarding issue's acceptance claims, on the built-in worlds with the benchmark's defaults (seeds 1..5, 200
 * held-out tasks per seed): MonoScale never falls below its previous stage by more than its interval's width,
 * reaches 90% of the oracle at the last stage, is at or above naive scale-up at every stage, and keeps to the
 * warm-up budget.
 *
 * <p>With the default gate (the confirm rule, which has a guarantee) they hold on paper-noisy. On paper-clean, where
 * every newcomer is an honest specialist, they hold under the legacy rule; the confirm rule accepts in every round
 * there but what it accepts was distilled from half the tasks, so it ends below naive scale-up inside both intervals
 * and at 85% of the oracle (docs/gate.md, "Why the default is the confirm rule"), which the last test pins.
 */
class MonoScaleAcceptanceTest {

    @Test
    void under_the_default_gate_monoscale_grows_the_noisy_pool_without_losing_accuracy() {
        meetsTheOnboardingClaims(run("paper-noisy", RoundConfig.defaults()), RoundConfig.defaults());
    }

    @Test
    void under_the_legacy_gate_monoscale_grows_the_clean_pool_without_losing_accuracy() {
        RoundConfig legacy = legacy();
        meetsTheOnboardingClaims(run("paper-clean", legacy), legacy);
    }

    @Test
    void under_the_default_gate_the_clean_pool_never_falls_stays_above_the_fixed_pool_and_near_naive() {
        ExpansionReport report = run("paper-clean", RoundConfig.defaults());

        assertThat(report.violations("monoscale")).isZero();
        for (ExpansionReport.StageResult stage : report.stages()) {
            var monoscale = stage.methods().get("monoscale");
            var naive = stage.methods().get("naive");
            assertThat(monoscale.accuracy())
                    .as("stage %d against the fixed pool", stage.stage())
                    .isGreaterThanOrEqualTo(stage.methods().get("fixed").accuracy());
            assertThat(monoscale.ci95High())
                    .as("stage %d: the intervals of monoscale and naive overlap", stage.stage())
                    .isGreaterThanOrEqualTo(naive.ci95Low());
        }
        var last = report.stages().getLast().methods();
        assertThat(last.get("monoscale").accuracy())
                .isGreaterThanOrEqualTo(0.8 * last.get("oracle").accuracy());
    }

    private static ExpansionReport run(String world, RoundConfig round) {
        return new ExpansionBenchmark(
                        seed -> SimWorld.create(WorldSpecs.builtIn(world), seed),
                        List.of(
                                MonoScaleMethod.monoscale(
                                        round, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
                                Baselines.naive(EmbeddedRouterConfig.defaults()),
                                Baselines.fixed(EmbeddedRouterConfig.defaults()),
                                Baselines.oracle()))
                .run(ExpansionBenchmark.Settings.of(1, 5, 200), ExpansionBenchmark.Progress.NONE);
    }

    private static void meetsTheOnboardingClaims(ExpansionReport report, RoundConfig round) {
        assertThat(report.violations("monoscale")).isZero();
        for (ExpansionReport.StageResult stage : report.stages()) {
            var monoscale = stage.methods().get("monoscale");
            assertThat(monoscale.accuracy())
                    .as("stage %d against naive", stage.stage())
                    .isGreaterThanOrEqualTo(stage.methods().get("naive").accuracy());
            int joined = stage.added().size();
            assertThat(monoscale.warmupTasks())
                    .as("warm-up tasks at stage %d", stage.stage())
                    .isLessThanOrEqualTo(stage.stage() == 0 ? 0 : 5L * joined * round.warmupTasks());
            assertThat(monoscale.warmupCalls())
                    .as("worker calls at stage %d", stage.stage())
                    .isLessThanOrEqualTo(monoscale.warmupTasks() * round.samples() * 3L);
        }
        var last = report.stages().getLast().methods();
        assertThat(last.get("monoscale").accuracy())
                .isGreaterThanOrEqualTo(0.9 * last.get("oracle").accuracy());
    }

    private static RoundConfig legacy() {
        RoundConfig defaults = RoundConfig.defaults();
        return new RoundConfig(
                defaults.warmupTasks(), defaults.samples(), defaults.gate().withRule(GateRule.LEGACY), defaults.seed());
    }
}
