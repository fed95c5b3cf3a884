package dev.monoscale.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Checks the loaders and {@link ReplayAnchors} against the full datasets in {@code shared/data} (beside the
 * repository): the clean-row counts of the READMEs and every published anchor of every stage, within 0.001.
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
            softly.assertThat(ReplayAnchors.random(dataset, pool)).as(at + " random")
                    .isCloseTo(published.random(), within(TOLERANCE));
            String best = ReplayAnchors.bestSingleOnDev(dataset, pool);
            softly.assertThat(best).as(at + " best single").isEqualTo(published.bestSingleModel());
            softly.assertThat(ReplayAnchors.accuracy(dataset, best, Split.TEST)).as(at + " best single score")
                    .isCloseTo(published.bestSingle(), within(TOLERANCE));
            softly.assertThat(ReplayAnchors.categoryRouter(dataset, pool)).as(at + " category router")
                    .isCloseTo(published.categoryRouter(), within(TOLERANCE));
            softly.assertThat(ReplayAnchors.oracle(dataset, pool)).as(at + " oracle")
                    .isCloseTo(published.oracle(), within(TOLERANCE));
        }

        softly.assertAll();
    }

    private static ReplayDataset load(String name) {
        return ReplayDatasets.load(sharedData().resolve(name));
    }

    /** {@code shared/data} in the working directory or the nearest parent that has it. */
    private static Path sharedData() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared/data");
            if (Files.isDirectory(data.resolve("mmlu-pro-routing"))) {
                return data;
            }
        }
        return fail("shared/data/mmlu-pro-routing not found in " + start
                + " or any parent; the real-data tests need the shared/ folder beside the repository");
    }
}
