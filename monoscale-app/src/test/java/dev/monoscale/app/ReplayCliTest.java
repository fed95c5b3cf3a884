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
        assertThat(cli.out())
                .contains(
                        "monoscale over seeds 5..6",
                        "runs within 2 points of best-single",
                        "runs where monoscale fell beyond its interval: ")
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

    @Test
    void a_users_own_dataset_runs_with_their_cards_and_a_stages_file_of_added_only() {
        String data = fixture("own-data");
        Cli cli = Cli.run(
                "bench",
                "replay",
                "--dataset",
                data,
                "--cards",
                fixture("own-data-cards"),
                "--stages",
                data + "/stages.json");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.err())
                .startsWith("read " + data + " as the generic layout: 132 questions (44 dev, 88 test), 4 models,"
                        + " cost in USD; stages from " + data + "/stages.json; cards from " + fixture("own-data-cards")
                        + "\n");
        assertThat(cli.out())
                .startsWith("world own-data, seeds 1, 88 held-out tasks per seed\n")
                .contains("acme-small acme-large", "codewright-7b", "atlas-mini");
    }

    @Test
    void a_cost_weight_adds_mean_cost_and_reward_per_method_and_leaves_accuracy_as_without_it() {
        String data = fixture("own-data");
        String cards = fixture("own-data-cards");
        Cli plain = Cli.run("bench", "replay", "--dataset", data, "--cards", cards, "--format", "json");
        Cli zero = Cli.run(
                "bench", "replay", "--dataset", data, "--cards", cards, "--format", "json", "--cost-weight", "0");

        assertThat(zero.exit()).as(zero.err()).isZero();
        assertThat(zero.out())
                .contains(
                        "\"costWeight\" : 0",
                        "\"costUnit\" : \"USD\"",
                        "\"cheapest-near-best\"",
                        "\"linucb-cost\"",
                        "\"cost\" : ",
                        "\"reward\" : ");
        assertThat(accuracies(zero.out(), "monoscale")).isEqualTo(accuracies(plain.out(), "monoscale"));
        assertThat(accuracies(zero.out(), "best-single")).isEqualTo(accuracies(plain.out(), "best-single"));
    }

    @Test
    void a_dataset_folder_with_its_own_cards_folder_and_stages_file_needs_neither_option() {
        String data = fixture("own-data-graded");
        Cli cli = Cli.run("bench", "replay", "--dataset", data, "--warmup-tasks", "20");

        assertThat(cli.exit()).as(cli.err()).isZero();
        assertThat(cli.err())
                .startsWith("read " + data + " as the generic layout: 132 questions (44 dev, 88 test), 4 models,"
                        + " cost in USD; stages from " + data + "/stages.json; cards from " + data + "/cards\n");
        assertThat(cli.out())
                .startsWith("world own-data-graded, seeds 1, 88 held-out tasks per seed\n")
                .contains("acme-small acme-large", "codewright-7b", "atlas-mini");
    }

    @Test
    void with_a_cost_weight_the_oracle_of_reward_joins_the_oracle_of_accuracy() {
        String data = fixture("own-data");
        Cli cli = Cli.run(
                "bench",
                "replay",
                "--dataset",
                data,
                "--cards",
                fixture("own-data-cards"),
                "--format",
                "json",
                "--cost-weight",
                "50",
                "--warmup-tasks",
                "20");

        assertThat(cli.exit()).as(cli.err()).isZero();
        var stage = dev.monoscale.bench.ExpansionReports.tree(cli.out())
                .path("stages")
                .get(2)
                .path("methods");
        assertThat(stage.path("oracle-reward").path("reward").asDouble())
                .isGreaterThan(stage.path("oracle").path("reward").asDouble());
        assertThat(stage.path("oracle").path("accuracy").asDouble())
                .isGreaterThanOrEqualTo(
                        stage.path("oracle-reward").path("accuracy").asDouble());
    }

    @Test
    void a_negative_cost_weight_is_one_line_and_exit_2() {
        Cli cli = Cli.run(
                "bench",
                "replay",
                "--dataset",
                fixture("own-data"),
                "--cards",
                fixture("own-data-cards"),
                "--cost-weight",
                "-1");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("monoscale: --cost-weight: cost-weight = -1.0; allowed: a finite number >= 0 "
                        + "(the worth of one cost unit, in questions)\n");
    }

    /** The accuracy of {@code method} at every stage of a JSON report. */
    private static java.util.List<String> accuracies(String json, String method) {
        var tree = dev.monoscale.bench.ExpansionReports.tree(json);
        var out = new java.util.ArrayList<String>();
        tree.get("stages")
                .forEach(stage ->
                        out.add(stage.get("methods").get(method).get("accuracy").asText()));
        return out;
    }
}
