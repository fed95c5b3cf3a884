package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.testing.TestData;
import org.junit.jupiter.api.Test;

/** {@code bench replay} on the committed dataset cuts: one seed prints the report, several the seed summary. */
class ReplayCliTest {

    private static String fixture(String name) {
        return TestData.fixture(name).toString();
    }

    @Test
    void several_seeds_print_how_monoscale_varies_with_them_against_best_single() {
        Cli cli = Cli.run("bench", "replay", "--dataset", fixture("llmrouter-14task"), "--seeds", "2", "--seed", "5");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("monoscale over seeds 5..6", "runs within 2 points of best-single", "runs where monoscale fell beyond its interval: ")
                .containsPattern("(?m)^0 +0\\.\\d{3} +0\\.\\d{3} +0\\.\\d{3} +0\\.\\d{3} +\\d of 2$");
    }

    @Test
    void the_warm_up_budget_is_100_questions_per_new_model_unless_told() {
        Cli cli = Cli.run("bench", "replay", "--help");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out()).contains("Warm-up tasks per new worker (default: 100).");
    }

    @Test
    void a_seed_count_outside_its_range_is_one_line_and_exit_2() {
        Cli cli = Cli.run("bench", "replay", "--dataset", fixture("llmrouter-14task"), "--seeds", "0");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("monoscale: --seeds: seeds = 0; allowed: a whole number of runs in [1, 100]\n");
    }
}
