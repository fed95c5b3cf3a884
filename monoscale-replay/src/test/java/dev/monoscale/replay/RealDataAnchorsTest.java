package dev.monoscale.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.monoscale.testing.TestData;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Checks the loaders and {@link ReplayAnchors} against the full datasets in {@code shared/data} (beside the
 * repository): the clean-row counts of the READMEs and every published anchor of every stage, within 0.001. The
 * datasets are not in the repository (13 and 6 MB), so without them these tests are skipped; the same loader and
 * anchor rules are checked on the committed cuts by {@link ReplayDatasetsTest} and {@link ReplayAnchorsTest}.
 */
class RealDataAnchorsTest {

    private static final double TOLERANCE = 0.001;

    @Test
    void mmlu_pro_routing_keeps_2400_dev_and_9590_test_questions() {
        ReplayDataset dataset = load("mmlu-pro-routing");

        assertThat(dataset.models()).hasSize(29);
        assertThat(dataset.dev()).hasSize(2400);
        assertThat(dataset.test()).hasSize(9590);
    }

    @Test
    void llmrouter_14task_keeps_5608_dev_and_381_clean_test_rows() {
        ReplayDataset dataset = load("llmrouter-14task");

        assertThat(dataset.models()).hasSize(9);
        assertThat(dataset.dev()).hasSize(5608);
        assertThat(dataset.test()).hasSize(381);
    }

    @Test
    void mmlu_pro_routing_anchors_match_the_published_ones_at_every_stage() {
        assertAnchorsMatch(load("mmlu-pro-routing"));
    }

    @Test
    void llmrouter_14task_anchors_match_the_published_ones_at_every_stage() {
        assertAnchorsMatch(load("llmrouter-14task"));
    }

    private static void assertAnchorsMatch(ReplayDataset dataset) {
        SoftAssertions softly = new SoftAssertions();
        assertThat(dataset.stages()).hasSize(4);

        for (ReplayStage stage : dataset.stages()) {
            var pool = dataset.pool(stage.index());
            Anchors published = stage.anchors();
            String at = dataset.name() + " stage " + stage.index() + " (pool of " + pool.size() + ")";
            softly.assertThat(ReplayAnchors.random(dataset, pool))
                    .as(at + " random")
                    .isCloseTo(published.random(), within(TOLERANCE));
            String best = ReplayAnchors.bestSingleOnDev(dataset, pool);
            softly.assertThat(best).as(at + " best single").isEqualTo(published.bestSingleModel());
            softly.assertThat(ReplayAnchors.accuracy(dataset, best, Split.TEST))
                    .as(at + " best single score")
                    .isCloseTo(published.bestSingle(), within(TOLERANCE));
            softly.assertThat(ReplayAnchors.categoryRouter(dataset, pool))
                    .as(at + " category router")
                    .isCloseTo(published.categoryRouter(), within(TOLERANCE));
            softly.assertThat(ReplayAnchors.oracle(dataset, pool))
                    .as(at + " oracle")
                    .isCloseTo(published.oracle(), within(TOLERANCE));
        }

        softly.assertAll();
    }

    /** The full dataset, or a skipped test when it is not there. */
    private static ReplayDataset load(String name) {
        Optional<Path> data = TestData.sharedData(name);
        assumeTrue(data.isPresent(), () -> TestData.sharedDataAbsent(name));
        return ReplayDatasets.load(data.orElseThrow());
    }
}
