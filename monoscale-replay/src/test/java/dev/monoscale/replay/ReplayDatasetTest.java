package dev.monoscale.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayDatasetTest {

    private static final ReplayQuestion DEV =
            new ReplayQuestion("q1", "1 + 1?", "math", Split.DEV, Map.of("a", 1.0), Map.of());
    private static final ReplayQuestion TEST =
            new ReplayQuestion("q2", "2 + 2?", "math", Split.TEST, Map.of("a", 0.0, "b", 0.5), Map.of("a", 12.0));
    private static final Anchors ANCHORS = new Anchors(0.5, "a", 0.5, 0.5, 0.5);

    @Test
    void splits_questions_into_dev_and_test_in_order() {
        var dataset = new ReplayDataset("toy", List.of("a", "b"), List.of(DEV, TEST), List.of());

        assertThat(dataset.dev()).containsExactly(DEV);
        assertThat(dataset.test()).containsExactly(TEST);
    }

    @Test
    void a_model_without_a_record_scores_zero() {
        var dataset = new ReplayDataset("toy", List.of("a", "b"), List.of(DEV, TEST), List.of());

        assertThat(dataset.score(DEV, "b")).isZero();
        assertThat(dataset.score(TEST, "b")).isEqualTo(0.5);
    }

    @Test
    void pools_are_cumulative_over_stages() {
        var dataset = new ReplayDataset(
                "toy",
                List.of("a", "b", "c"),
                List.of(DEV, TEST),
                List.of(new ReplayStage(0, List.of("b"), ANCHORS), new ReplayStage(1, List.of("c", "a"), ANCHORS)));

        assertThat(dataset.pool(0)).containsExactly("b");
        assertThat(dataset.pool(1)).containsExactly("b", "c", "a");
    }

    @Test
    void rejects_a_score_outside_the_unit_interval() {
        assertThatThrownBy(() -> new ReplayQuestion("q3", "x", "math", Split.DEV, Map.of("a", 1.5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score of 'a' on question 'q3' must be in [0, 1], was 1.5");
    }

    @Test
    void rejects_a_question_scored_for_a_model_the_dataset_does_not_list() {
        assertThatThrownBy(() -> new ReplayDataset("toy", List.of("a"), List.of(TEST), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset 'toy': question 'q2' names unknown model 'b'; known: [a]");
    }

    @Test
    void rejects_a_stage_that_adds_a_model_already_in_the_pool() {
        assertThatThrownBy(() -> new ReplayDataset(
                        "toy",
                        List.of("a", "b"),
                        List.of(DEV),
                        List.of(new ReplayStage(0, List.of("a"), ANCHORS), new ReplayStage(1, List.of("a"), ANCHORS))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset 'toy': model 'a' joins twice (again at stage 1)");
    }
}
