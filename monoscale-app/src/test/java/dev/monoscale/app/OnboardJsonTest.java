package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** onboard --format json: one JSON document on stdout, whatever the number of rounds; notes on stderr. */
class OnboardJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void onboarding_paper_noisy_to_stage_3_prints_one_document_with_three_finite_rounds() throws Exception {
        String db = dir.resolve("m.db").toString();

        Cli cli = Cli.run("onboard", "--world", "paper-noisy", "--stage", "3", "--db", db, "--format", "json");

        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode root = JSON.readTree(cli.out());
        assertThat(root.get("memory").asText()).isEqualTo(db);
        assertThat(root.get("rounds")).hasSize(3);
        List<String> versions = new ArrayList<>();
        root.get("rounds").forEach(round -> versions.add(round.get("version").asText()));
        assertThat(versions).containsExactly("v1", "v2", "v3");
        List<JsonNode> numbers = new ArrayList<>();
        collectNumbers(root, numbers);
        assertThat(numbers).isNotEmpty().allMatch(n -> Double.isFinite(n.asDouble()));
        assertThat(root.toString()).doesNotContain("Infinity", "NaN");
        assertThat(cli.err()).contains("v0, the empty memory");
    }

    @Test
    void a_run_with_nothing_to_do_prints_a_document_without_rounds() throws Exception {
        String db = dir.resolve("m.db").toString();
        assertThat(Cli.run("onboard", "--world", "paper-noisy", "--stage", "1", "--db", db, "--warmup-tasks", "10")
                        .exit())
                .isZero();

        Cli again = Cli.run("onboard", "--world", "paper-noisy", "--stage", "1", "--db", db, "--format", "json");

        assertThat(again.exit()).isZero();
        assertThat(JSON.readTree(again.out()).get("rounds")).isEmpty();
        assertThat(again.err()).contains("nothing to do");
    }

    private static void collectNumbers(JsonNode node, List<JsonNode> out) {
        if (node.isNumber()) {
            out.add(node);
        }
        node.forEach(child -> collectNumbers(child, out));
    }
}
