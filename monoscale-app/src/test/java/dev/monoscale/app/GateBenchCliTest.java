package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code world generate} writes worlds that {@code world validate} accepts; {@code bench gate} reports per variant. */
class GateBenchCliTest {

    @TempDir
    Path dir;

    @Test
    void a_generated_world_is_valid_and_the_same_seed_writes_the_same_bytes() throws Exception {
        Path file = dir.resolve("w.json");

        Cli written = Cli.run("world", "generate", "--seed", "5", "--workers", "8", "--out", file.toString());
        Cli validated = Cli.run("world", "validate", file.toString());
        Cli printed = Cli.run("world", "generate", "--seed", "5", "--workers", "8");

        assertThat(written.exit()).isZero();
        assertThat(validated.exit()).isZero();
        assertThat(validated.out()).startsWith("ok: world 'generated-5' with ").contains("8 workers");
        assertThat(printed.out()).isEqualTo(Files.readString(file));
    }

    @Test
    void bench_gate_prints_the_named_fields_for_every_variant_as_json() throws Exception {
        Cli cli = Cli.run(
                "bench",
                "gate",
                "--rounds",
                "1",
                "--first-seed",
                "3",
                "--warmup-tasks",
                "5",
                "--threads",
                "1",
                "--variants",
                "legacy,no-gate",
                "--format",
                "json");

        assertThat(cli.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out());
        assertThat(root.get("rounds").asInt()).isEqualTo(1);
        assertThat(root.get("alpha").asDouble()).isEqualTo(0.05);
        assertThat(root.get("variants")).hasSize(2);
        assertThat(root.get("variants").get(0).get("name").asText()).isEqualTo("legacy");
        assertThat(root.get("variants").get(1).get("name").asText()).isEqualTo("no-gate");
        for (JsonNode variant : root.get("variants")) {
            assertThat(variant.has("harmfulAcceptanceRate")).isTrue();
            assertThat(variant.has("adoptionRate")).isTrue();
            assertThat(variant.has("meanRealisedGain")).isTrue();
            assertThat(variant.has("meanWarmupTasks")).isTrue();
            assertThat(variant.get("meanWorkerCalls").asDouble())
                    .as("a round's worker calls, warm-up and confirmation")
                    .isGreaterThanOrEqualTo(variant.get("meanWarmupTasks").asDouble());
        }
        assertThat(cli.err()).contains("wall time");
    }

    @Test
    void bad_gate_bench_options_are_one_line_and_exit_2() {
        Cli rounds = Cli.run("bench", "gate", "--rounds", "0");
        Cli variant = Cli.run("bench", "gate", "--rounds", "1", "--variants", "nope");
        Cli workers = Cli.run("world", "generate", "--seed", "1", "--workers", "2");

        assertThat(rounds.exit()).isEqualTo(2);
        assertThat(rounds.err()).isEqualTo("monoscale: --rounds: rounds = 0; allowed: a whole number in [1, 100000]\n");
        assertThat(variant.exit()).isEqualTo(2);
        assertThat(variant.err())
                .contains("'nope'", "legacy", "holdout", "no-gate")
                .hasLineCount(1);
        assertThat(workers.exit()).isEqualTo(2);
        assertThat(workers.err()).contains("--workers", "[5, 20000]").hasLineCount(1);
    }
}
