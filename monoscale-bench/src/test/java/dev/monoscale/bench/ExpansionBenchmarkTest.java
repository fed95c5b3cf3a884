package dev.monoscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpec;
import dev.monoscale.sim.WorldSpecs;
import org.junit.jupiter.api.Test;

/** The expansion benchmark with the baselines alone: the ground every MonoScale claim is measured on. */
class ExpansionBenchmarkTest {

    private static final WorldSpec NOISY = WorldSpecs.builtIn("paper-noisy");

    private static ExpansionReport baselines(WorldSpec spec, int seeds, int tasks) {
        return new ExpansionBenchmark(
                        seed -> SimWorld.create(spec, seed), Baselines.all(EmbeddedRouterConfig.defaults()))
                .run(ExpansionBenchmark.Settings.of(1, seeds, tasks), ExpansionBenchmark.Progress.NONE);
    }

    @Test
    void the_same_seeds_give_the_same_json_byte_for_byte() {
        String once = ExpansionReports.json(baselines(NOISY, 2, 60));
        String again = ExpansionReports.json(baselines(NOISY, 2, 60));

        assertThat(again).isEqualTo(once);
    }

    @Test
    void other_seeds_give_other_numbers() {
        String first = ExpansionReports.json(new ExpansionBenchmark(
                        seed -> SimWorld.create(NOISY, seed), Baselines.all(EmbeddedRouterConfig.defaults()))
                .run(ExpansionBenchmark.Settings.of(10, 2, 60), ExpansionBenchmark.Progress.NONE));

        assertThat(first).isNotEqualTo(ExpansionReports.json(baselines(NOISY, 2, 60)));
    }

    @Test
    void in_the_noisy_world_routing_by_cards_alone_gets_worse_as_the_pool_grows() {
        ExpansionReport report = baselines(NOISY, 5, 200);

        double first = report.stages().getFirst().methods().get("naive").accuracy();
        double last = report.stages().getLast().methods().get("naive").accuracy();
        assertThat(last).isLessThan(first);
        assertThat(report.violations("naive")).isPositive();
    }

    @Test
    void the_oracle_is_at_or_above_every_other_method_at_every_stage() {
        for (String world : WorldSpecs.BUILT_IN) {
            ExpansionReport report = baselines(WorldSpecs.builtIn(world), 3, 100);

            for (ExpansionReport.StageResult stage : report.stages()) {
                double oracle = stage.methods().get("oracle").accuracy();
                stage.methods()
                        .forEach((method, result) -> assertThat(result.accuracy())
                                .as("%s stage %d %s", world, stage.stage(), method)
                                .isLessThanOrEqualTo(oracle));
            }
        }
    }

    @Test
    void the_fixed_pool_scores_the_same_at_every_stage() {
        ExpansionReport report = baselines(NOISY, 2, 100);

        assertThat(report.stages())
                .extracting(stage -> stage.methods().get("fixed").passed())
                .containsOnly(report.stages().getFirst().methods().get("fixed").passed());
    }

    @Test
    void the_json_report_has_the_documented_shape() {
        var tree = ExpansionReports.tree(ExpansionReports.json(baselines(NOISY, 1, 20)));

        assertThat(tree.get("world").asText()).isEqualTo("paper-noisy");
        assertThat(tree.get("seeds")).hasSize(1);
        var stage = tree.get("stages").get(0);
        assertThat(stage.get("poolSize").asInt()).isEqualTo(3);
        assertThat(stage.get("added")).hasSize(3);
        var naive = stage.get("methods").get("naive");
        assertThat(naive.get("accuracy").isNumber()).isTrue();
        assertThat(naive.get("ci95")).hasSize(2);
        assertThat(naive.get("ci95").get(0).asDouble())
                .isLessThanOrEqualTo(naive.get("accuracy").asDouble());
    }
}
