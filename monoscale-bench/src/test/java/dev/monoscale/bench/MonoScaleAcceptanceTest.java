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
 * The acceptance claims of the onboarding and gate issues, on the built-in worlds with the benchmark's defaults
 * (seeds 1..5, 200 held-out tasks per seed): MonoScale never falls below its previous stage by more than its
 * interval's width, is at or above naive scale-up and the fixed pool at every stage, reaches a share of the oracle at
 * the last stage (93%, the gate issue's figure, under the default gate on both worlds; 90%, the onboarding issue's,
 * under the legacy rule on paper-clean), and keeps to the warm-up budget.
 *
 * <p>They hold under the default gate (the confirm rule, which has a guarantee) on both worlds, and under the legacy
 * rule on paper-clean, where every newcomer is honest and its untested acceptances are all good. Before the confirm
 * rule parted each pattern's tasks evenly between its halves, it ended below naive scale-up on paper-clean (inside
 * both intervals, at 85.6% of the oracle; docs/gate.md, "Parting each pattern evenly"); before the {@code cards}
 * candidate, which validates the honest newcomers, it ended at 92.1% ("Validating the new workers").
 */
class MonoScaleAcceptanceTest {

    @Test
    void under_the_default_gate_monoscale_grows_the_noisy_pool_without_losing_accuracy() {
        meetsTheOnboardingClaims(run("paper-noisy", RoundConfig.defaults()), RoundConfig.defaults(), 0.93);
    }

    @Test
    void under_the_default_gate_monoscale_grows_the_clean_pool_without_losing_accuracy() {
        meetsTheOnboardingClaims(run("paper-clean", RoundConfig.defaults()), RoundConfig.defaults(), 0.93);
    }

    @Test
    void under_the_legacy_gate_monoscale_grows_the_clean_pool_without_losing_accuracy() {
        RoundConfig legacy = legacy();
        meetsTheOnboardingClaims(run("paper-clean", legacy), legacy, 0.9);
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

    private static void meetsTheOnboardingClaims(ExpansionReport report, RoundConfig round, double oracleShare) {
        assertThat(report.violations("monoscale")).isZero();
        for (ExpansionReport.StageResult stage : report.stages()) {
            var monoscale = stage.methods().get("monoscale");
            assertThat(monoscale.accuracy())
                    .as("stage %d against naive", stage.stage())
                    .isGreaterThanOrEqualTo(stage.methods().get("naive").accuracy());
            assertThat(monoscale.accuracy())
                    .as("stage %d against the fixed pool", stage.stage())
                    .isGreaterThanOrEqualTo(stage.methods().get("fixed").accuracy());
            int joined = stage.added().size();
            assertThat(monoscale.warmupTasks())
                    .as("warm-up tasks at stage %d", stage.stage())
                    .isLessThanOrEqualTo(stage.stage() == 0 ? 0 : 5L * joined * round.warmupTasks());
            // a warm-up task runs `samples` times, a confirmation task each of its distinct plans `samples` times
            // (two or three plans as a rule), and a run calls a worker per step
            assertThat(monoscale.warmupCalls())
                    .as("worker calls at stage %d", stage.stage())
                    .isLessThanOrEqualTo(monoscale.warmupTasks() * round.samples() * 4L);
        }
        var last = report.stages().getLast().methods();
        assertThat(last.get("monoscale").accuracy())
                .isGreaterThanOrEqualTo(oracleShare * last.get("oracle").accuracy());
    }

    private static RoundConfig legacy() {
        RoundConfig defaults = RoundConfig.defaults();
        return new RoundConfig(
                defaults.warmupTasks(), defaults.samples(), defaults.gate().withRule(GateRule.LEGACY), defaults.seed());
    }
}
