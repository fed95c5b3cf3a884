package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {

    @TempDir
    Path dir;

    @Test
    void bench_expansion_json_is_the_same_byte_for_byte_for_the_same_seeds() {
        // a short warm-up: sameness does not depend on its size, and the default's 50 tasks per worker made this the
        // slowest test of the module
        String[] args = {
            "bench",
            "expansion",
            "--world",
            "paper-noisy",
            "--seeds",
            "2",
            "--tasks",
            "30",
            "--warmup-tasks",
            "10",
            "--format",
            "json"
        };
        Cli once = Cli.run(args);
        Cli again = Cli.run(args);

        assertThat(once.exit()).isZero();
        assertThat(again.out()).isEqualTo(once.out());
        assertThat(once.out())
                .contains(
                        "\"monoscale\"",
                        "\"naive\"",
                        "\"fixed\"",
                        "\"random\"",
                        "\"oracle\"",
                        "\"monoscale-no-failures\"",
                        "\"monoscale-no-gate\"",
                        "\"warmupTasks\"",
                        "\"verdicts\"");
    }

    @Test
    void bench_expansion_writes_the_report_to_out_as_well() throws IOException {
        Path out = dir.resolve("report.json");

        Cli cli = Cli.run(
                "bench", "expansion", "--seeds", "1", "--tasks", "10", "--format", "json", "--out", out.toString());

        assertThat(cli.exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo(cli.out());
    }

    @Test
    void the_demo_prints_the_table_and_writes_a_png_chart_whose_path_it_prints() throws IOException {
        Cli cli = Cli.run("demo", "--seeds", "1", "--tasks", "20", "--out-dir", dir.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains("stage", "monoscale", "naive", "oracle", "chart:  " + dir.resolve("demo-paper-noisy.png"));
        byte[] png = Files.readAllBytes(dir.resolve("demo-paper-noisy.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(dir.resolve("demo-paper-noisy.json"))).contains("\"world\" : \"paper-noisy\"");
    }

    @Test
    void bench_router_reports_the_median_cost_of_a_decision() {
        Cli cli = Cli.run("bench", "router", "--decisions", "500", "--warmup", "100");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains("embedded router, 10 workers, 500 timed decisions")
                .containsPattern("median [0-9.]+ us");
    }

    @Test
    void bench_router_over_a_generated_pool_times_it_against_the_small_baseline_and_compares_preselection() {
        Cli cli = Cli.run(
                "bench",
                "router",
                "--workers",
                "80",
                "--entries",
                "200",
                "--preselect",
                "8",
                "--decisions",
                "200",
                "--warmup",
                "0");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains(
                        "baseline: memory router with 1000 entries, 10 workers",
                        "large: memory router with 200 entries on the joiners, 80 workers (74 validated; generated-1), preselect 8",
                        "large / baseline median: ",
                        "true accuracy, cards alone (no entries)",
                        "true accuracy, with the timed memory",
                        "peak memory: resident ")
                .containsPattern("preselection 0\\.[0-9]{4}, exhaustive 0\\.[0-9]{4}");
    }

    @Test
    void bench_router_refuses_a_pool_size_of_the_small_layout_in_one_line() {
        Cli cli = Cli.run("bench", "router", "--workers", "10");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("monoscale: --workers: workers = 10; allowed: a whole number in [25, 20000]\n");
    }

    @Test
    void card_show_prints_what_the_router_sees() throws IOException {
        Path card = dir.resolve("card.json");
        Files.writeString(card, """
                {"name": "Invoice Reader", "description": "Reads invoices", "url": "http://127.0.0.1:9999/",
                 "protocolVersion": "0.3.0", "skills": [{"id": "read", "name": "Read invoices", "description": "Extracts totals",
                 "tags": ["invoice", "pdf"], "examples": ["What is the total of invoice 42?"]}]}
                """);

        Cli cli = Cli.run("card", "show", card.toString());

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains(
                        "id:          invoice-reader",
                        "endpoint:    http://127.0.0.1:9999/ (JSONRPC, protocol 0.3.0)",
                        "  - Read invoices [read]: Extracts totals",
                        "    tags: invoice, pdf",
                        "    e.g. What is the total of invoice 42?");
    }

    @Test
    void world_show_prints_the_hidden_profiles_and_the_stages() {
        Cli cli = Cli.run("world", "show", "paper-noisy");

        assertThat(cli.exit()).isZero();
        assertThat(cli.out())
                .contains(
                        "  3: + deep-researcher, code-runner, table-reader",
                        "broken tool on code",
                        "over-claiming generalist");
    }
}
