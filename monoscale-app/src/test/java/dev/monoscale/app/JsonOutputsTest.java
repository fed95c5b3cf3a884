package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --format json} prints exactly one JSON document on stdout, with the fields docs/json.md names: the
 * whole of stdout is parsed at once, and trailing content is an error.
 */
class JsonOutputsTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @TempDir
    static Path dir;

    static String db;

    static JsonNode onboarded;

    @BeforeAll
    static void onboard_paper_noisy_to_stage_3() throws Exception {
        db = dir.resolve("m.db").toString();
        Cli cli = Cli.run("onboard", "--world", "paper-noisy", "--stage", "3", "--db", db, "--format", "json");
        assertThat(cli.exit()).as(cli.err()).isZero();
        onboarded = one(cli);
    }

    /** The whole of stdout as one JSON document. */
    private static JsonNode one(Cli cli) throws Exception {
        assertThat(cli.exit()).as(cli.err()).isZero();
        JsonNode root = JSON.readTree(cli.out());
        List<JsonNode> numbers = new ArrayList<>();
        collectNumbers(root, numbers);
        assertThat(numbers).allMatch(n -> Double.isFinite(n.asDouble()));
        return root;
    }

    @Test
    void onboard_to_stage_3_is_one_document_with_three_rounds_and_their_gate_records() {
        assertThat(onboarded.fieldNames()).toIterable().containsExactly("memory", "rounds");
        JsonNode round = onboarded.get("rounds").get(0);
        assertThat(onboarded.get("rounds")).hasSize(3);
        assertThat(round.fieldNames())
                .toIterable()
                .containsExactly(
                        "version",
                        "outcome",
                        "reason",
                        "warmupTasks",
                        "warmupCalls",
                        "workers",
                        "gate",
                        "added",
                        "validated");
        assertThat(round.at("/workers/0/patterns/0").fieldNames())
                .toIterable()
                .contains(
                        "pattern",
                        "example",
                        "tasks",
                        "successes",
                        "trials",
                        "ci95",
                        "incumbent",
                        "incumbentSuccesses",
                        "incumbentTrials");
        assertThat(round.at("/gate/candidates/0").fieldNames())
                .toIterable()
                .containsExactly("name", "entries", "gain", "gainInterval", "kl", "withinTrustRegion");
    }

    @Test
    void memory_log_is_one_array_newest_first() throws Exception {
        JsonNode log = one(Cli.run("memory", "log", "--db", db, "--format", "json"));

        assertThat(log.isArray()).isTrue();
        assertThat(log.findValuesAsText("version")).containsExactly("v3", "v2", "v1", "v0");
        assertThat(log.get(3).get("parent").isNull()).isTrue();
        assertThat(log.get(0).fieldNames())
                .toIterable()
                .containsExactly("version", "parent", "outcome", "entries", "createdAt", "reason");
    }

    @Test
    void memory_show_is_one_version_with_its_gate_entries_and_probes() throws Exception {
        JsonNode show = one(Cli.run("memory", "show", "--db", db, "v1", "--format", "json"));

        assertThat(show.fieldNames())
                .toIterable()
                .containsExactly("version", "parent", "createdAt", "validated", "gate", "entries", "probes");
        assertThat(show.at("/entries/0").fieldNames())
                .toIterable()
                .contains("id", "pattern", "rule", "guidance", "evidence", "confidence");
        assertThat(show.at("/probes/0").fieldNames())
                .toIterable()
                .containsExactly(
                        "worker",
                        "pattern",
                        "example",
                        "tasks",
                        "successes",
                        "trials",
                        "ci95",
                        "meanReward",
                        "incumbent",
                        "incumbentSuccesses",
                        "incumbentTrials");
    }

    @Test
    void memory_diff_lists_added_removed_and_changed_entries_and_the_workers_validated() throws Exception {
        JsonNode diff = one(Cli.run("memory", "diff", "--db", db, "v0", "v1", "--format", "json"));

        assertThat(diff.fieldNames())
                .toIterable()
                .containsExactly("from", "to", "added", "removed", "changed", "validated", "unvalidated");
        assertThat(diff.get("added")).isNotEmpty();
    }

    @Test
    void route_is_one_document_with_every_workers_probability() throws Exception {
        JsonNode route = one(Cli.run("route", "Compute the sum of 3 and 4", "--db", db, "--format", "json"));

        assertThat(route.get("memoryVersion").asText()).isEqualTo("v3");
        assertThat(route.at("/steps/0/distribution")).hasSize(10);
        assertThat(route.at("/steps/0").fieldNames())
                .toIterable()
                .containsExactly("step", "text", "worker", "probability", "distribution");
    }

    @Test
    void bench_expansion_is_one_document_with_every_method_per_stage() throws Exception {
        JsonNode report = one(Cli.run(
                "bench", "expansion", "--seeds", "1", "--tasks", "10", "--warmup-tasks", "10", "--format", "json"));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly("world", "seeds", "tasksPerStage", "stages", "violations");
        assertThat(report.at("/stages/0/methods").fieldNames())
                .toIterable()
                .contains("monoscale", "naive", "fixed", "random", "oracle");
        assertThat(report.at("/stages/0/methods/monoscale").fieldNames())
                .toIterable()
                .contains("accuracy", "ci95", "passed", "trials", "meanCost", "warmupTasks", "warmupCalls");
    }

    @Test
    void bench_replay_with_several_seeds_is_one_document_with_a_summary_and_the_runs() throws Exception {
        String data = TestData.fixture("llmrouter-14task").toString();

        JsonNode report = one(Cli.run(
                "bench", "replay", "--dataset", data, "--seeds", "2", "--warmup-tasks", "10", "--format", "json"));

        assertThat(report.fieldNames()).toIterable().containsExactly("world", "summary", "runs");
        assertThat(report.get("runs")).hasSize(2);
    }

    @Test
    void bench_gate_is_one_document_with_each_rules_rates() throws Exception {
        JsonNode report = one(Cli.run("bench", "gate", "--rounds", "2", "--threads", "1", "--format", "json"));

        assertThat(report.fieldNames()).toIterable().contains("rounds", "variants", "roundResults");
        assertThat(report.get("variants").get(0).fieldNames())
                .toIterable()
                .contains("harmfulAcceptanceRate", "adoptionRate");
    }

    @Test
    void bench_router_is_one_document_with_the_timing_per_decision() throws Exception {
        JsonNode report = one(Cli.run("bench", "router", "--decisions", "100", "--warmup", "0", "--format", "json"));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly(
                        "router",
                        "world",
                        "workers",
                        "entries",
                        "decisions",
                        "untimedDecisions",
                        "jdk",
                        "perDecisionMicros");
        assertThat(report.get("router").asText()).isEqualTo("embedded");
        assertThat(report.get("decisions").asInt()).isEqualTo(100);
        assertThat(report.get("perDecisionMicros").fieldNames())
                .toIterable()
                .containsExactly("median", "p90", "p99", "mean");
    }

    @Test
    void bench_router_over_a_generated_pool_is_one_document_with_the_baseline_the_large_pool_and_the_true_accuracy()
            throws Exception {
        JsonNode report = one(Cli.run(
                "bench",
                "router",
                "--workers",
                "25",
                "--entries",
                "10",
                "--decisions",
                "100",
                "--warmup",
                "0",
                "--format",
                "json"));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly("jdk", "baseline", "large", "medianRatio", "trueAccuracy", "peakMemory");
        assertThat(report.get("large").fieldNames())
                .toIterable()
                .containsExactly(
                        "world",
                        "workers",
                        "validated",
                        "entries",
                        "preselect",
                        "decisions",
                        "setupSeconds",
                        "perDecisionMicros");
        assertThat(report.at("/large/workers").asInt()).isEqualTo(25);
        assertThat(report.get("trueAccuracy").findValuesAsText("memory")).containsExactly("cards-alone", "timed");
        assertThat(report.at("/trueAccuracy/0").fieldNames())
                .toIterable()
                .containsExactly(
                        "memory",
                        "entries",
                        "exact",
                        "tasks",
                        "preselection",
                        "exhaustive",
                        "differencePoints",
                        "tasksDiffering");
    }

    @Test
    void bench_onboarding_is_one_document_with_every_round_of_every_run() throws Exception {
        JsonNode report = one(Cli.run("bench", "onboarding", "--repeats", "1", "--stage", "1", "--format", "json"));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly(
                        "world",
                        "workers",
                        "initialPool",
                        "warmupTasksPerWorker",
                        "samples",
                        "jdk",
                        "runs",
                        "peakMemory");
        assertThat(report.get("runs")).hasSize(1);
        assertThat(report.at("/runs/0/rounds/0").fieldNames())
                .toIterable()
                .containsExactly("stage", "newWorkers", "millis", "warmupTasks", "warmupCalls", "outcome");
        assertThat(report.at("/runs/0/rounds/0/warmupTasks").asInt())
                .as("two new workers, at most 50 tasks each")
                .isBetween(1, 100);
    }

    @Test
    void bench_llm_router_is_one_document_with_each_phases_timing() throws Exception {
        JsonNode report =
                one(Cli.run("bench", "llm-router", "--entries", "10", "--decisions", "100", "--format", "json"));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly(
                        "workers",
                        "validated",
                        "entries",
                        "decisions",
                        "untimedDecisions",
                        "jdk",
                        "model",
                        "perDecisionMicros");
        assertThat(report.get("perDecisionMicros").fieldNames())
                .toIterable()
                .containsExactly(
                        "retrieval",
                        "promptRendering",
                        "readingTheAnswer",
                        "routerOverhead",
                        "wholeDecisionMinusModel");
        assertThat(report.at("/perDecisionMicros/retrieval").fieldNames())
                .toIterable()
                .containsExactly("median", "p90", "p99");
    }

    @Test
    void a_non_finite_number_is_written_as_null() throws Exception {
        JsonNode tree = JSON.readTree(ReportJson.write(ReportJson.MAPPER
                .createObjectNode()
                .put("kl", ReportJson.round(Double.POSITIVE_INFINITY))
                .put("gain", ReportJson.round(Double.NaN))));

        assertThat(tree.get("kl").isNull()).isTrue();
        assertThat(tree.get("gain").isNull()).isTrue();
    }

    private static void collectNumbers(JsonNode node, List<JsonNode> out) {
        if (node.isNumber()) {
            out.add(node);
        }
        node.forEach(child -> collectNumbers(child, out));
    }
}
