package dev.monoscale.replay;

import static dev.monoscale.replay.ReplayFixtures.LLMROUTER;
import static dev.monoscale.replay.ReplayFixtures.MMLU;
import static dev.monoscale.replay.ReplayFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayAnchorsTest {

    private static final List<String> POOL = List.of("a", "b", "c");

    /**
     * Dev: math favours c; law ties a and b (c has no record there), and b wins it on its better overall dev total
     * (a 1, b 2, c 2); overall b and c tie, so b, first in pool order, is the best single. Test: math, law and
     * "art", which dev never saw, plus a law question nobody gets right.
     */
    private static final ReplayDataset TOY = new ReplayDataset(
            "toy",
            POOL,
            List.of(
                    question("d1", "math", Split.DEV, "a 0", "b 1", "c 1"),
                    question("d2", "math", Split.DEV, "a 0", "b 0", "c 1"),
                    question("d3", "law", Split.DEV, "a 1", "b 1"),
                    question("t1", "math", Split.TEST, "a 0", "b 0", "c 1"),
                    question("t2", "law", Split.TEST, "a 1", "b 0", "c 0.5"),
                    question("t3", "art", Split.TEST, "a 0", "b 1", "c 0"),
                    question("t4", "law", Split.TEST, "a 0", "b 0", "c 0")),
            List.of());

    @Test
    void accuracy_is_the_mean_score_on_a_split_with_missing_records_as_zero() {
        assertThat(ReplayAnchors.accuracy(TOY, "c", Split.TEST)).isEqualTo(1.5 / 4);
        assertThat(ReplayAnchors.accuracy(TOY, "c", Split.DEV)).isEqualTo(2.0 / 3);
    }

    @Test
    void random_routing_scores_the_mean_of_the_pool_models_test_accuracies() {
        assertThat(ReplayAnchors.random(TOY, POOL)).isCloseTo((0.25 + 0.25 + 0.375) / 3, within(1e-12));
    }

    @Test
    void best_single_is_chosen_on_dev_and_ties_go_to_the_first_in_pool_order() {
        assertThat(ReplayAnchors.bestSingleOnDev(TOY, POOL)).isEqualTo("b");
        assertThat(ReplayAnchors.bestSingleOnDev(TOY, List.of("c", "b", "a"))).isEqualTo("c");
        assertThat(ReplayAnchors.bestSingleOnDev(TOY, List.of("a"))).isEqualTo("a");
    }

    @Test
    void category_router_uses_each_categorys_best_dev_model_and_the_best_single_for_unseen_categories() {
        // math -> c (1), law -> b (0, 0), art -> best single b (1)
        assertThat(ReplayAnchors.categoryRouter(TOY, POOL)).isEqualTo(0.5);
    }

    @Test
    void category_router_breaks_a_tie_by_the_better_overall_dev_mean_before_pool_order() {
        // law ties a and b at 1 each; b has the better overall dev mean, so law -> b although a comes first
        assertThat(ReplayAnchors.categoryRouter(TOY, List.of("a", "b"))).isEqualTo((0 + 0 + 1 + 0) / 4.0);
    }

    @Test
    void oracle_takes_the_best_score_in_the_pool_per_test_question() {
        assertThat(ReplayAnchors.oracle(TOY, POOL)).isEqualTo(0.75);
        assertThat(ReplayAnchors.oracle(TOY, List.of("a", "c"))).isEqualTo((1 + 1 + 0 + 0) / 4.0);
    }

    @Test
    void of_reports_the_best_single_models_test_accuracy() {
        assertThat(ReplayAnchors.of(TOY, POOL))
                .isEqualTo(new Anchors(ReplayAnchors.random(TOY, POOL), "b", 0.25, 0.5, 0.75));
    }

    @Test
    void rejects_a_pool_naming_a_model_the_dataset_does_not_have() {
        assertThatThrownBy(() -> ReplayAnchors.oracle(TOY, List.of("a", "z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'z' is not in dataset toy; known: [a, b, c]");
    }

    @Test
    void rejects_an_empty_pool() {
        assertThatThrownBy(() -> ReplayAnchors.random(TOY, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pool is empty; name at least one model of toy");
    }

    @ParameterizedTest
    @ValueSource(strings = {MMLU, LLMROUTER})
    void fixture_anchors_match_the_fixture_stages_file_at_every_stage(String name) {
        ReplayDataset dataset = ReplayDatasets.load(fixture(name));
        SoftAssertions softly = new SoftAssertions();

        for (ReplayStage stage : dataset.stages()) {
            Anchors computed = ReplayAnchors.of(dataset, dataset.pool(stage.index()));
            Anchors published = stage.anchors();
            String at = name + " stage " + stage.index();
            softly.assertThat(computed.random()).as(at + " random").isCloseTo(published.random(), within(1e-4));
            softly.assertThat(computed.bestSingleModel())
                    .as(at + " best single")
                    .isEqualTo(published.bestSingleModel());
            softly.assertThat(computed.bestSingle())
                    .as(at + " best single score")
                    .isCloseTo(published.bestSingle(), within(1e-4));
            softly.assertThat(computed.categoryRouter())
                    .as(at + " category router")
                    .isCloseTo(published.categoryRouter(), within(1e-4));
            softly.assertThat(computed.oracle()).as(at + " oracle").isCloseTo(published.oracle(), within(1e-4));
        }

        softly.assertAll();
    }

    /** {@code question("t1", "math", TEST, "a 1", "b 0.5")}: model a scored 1 and b scored 0.5; others have no record. */
    private static ReplayQuestion question(String id, String category, Split split, String... scores) {
        Map<String, Double> byModel = new HashMap<>();
        for (String score : scores) {
            String[] parts = score.split(" ");
            byModel.put(parts[0], Double.parseDouble(parts[1]));
        }
        return new ReplayQuestion(id, "text of " + id, category, split, byModel, Map.of());
    }
}
